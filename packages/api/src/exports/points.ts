import type { PointRuleCode } from "../domain/points";
import type { RankingInput } from "../schemas/participation";
import type { Caller } from "./caller";
import { addSheet, type Column, type ExportFile, writeWorkbook } from "./workbook";

/** 积分排名: every active member of the ranking (not just a page), with the counts behind the points. */

export type PointsExportRow = Awaited<ReturnType<Caller["participation"]["rankingExport"]>>["items"][number];

const RULE_NAMES: Record<PointRuleCode, string> = { present: "出席", late: "迟到", absent: "缺席", excused: "请假", finding: "履职发现" };

export const POINTS_COLUMNS: readonly Column<PointsExportRow>[] = [
  { header: "名次", width: 7, value: (r) => r.rank, format: "int" },
  { header: "委员", width: 10, value: (r) => r.name },
  { header: "界别", width: 14, value: (r) => r.sector },
  { header: "所属组织", width: 16, value: (r) => r.committeeName },
  ...(Object.keys(RULE_NAMES) as PointRuleCode[]).map((code): Column<PointsExportRow> => ({ header: `${RULE_NAMES[code]}次数`, width: 10, value: (r) => r[code], format: "int" })),
  { header: "积分", width: 8, value: (r) => r.points, format: "int" },
];

export async function pointsExport(api: Caller, input: Omit<RankingInput, "page"> & { year: number }): Promise<ExportFile> {
  const ranking = await api.participation.rankingExport(input);
  const rules = (Object.keys(RULE_NAMES) as PointRuleCode[]).map((code) => `${RULE_NAMES[code]} ${ranking.rules[code]} 分`).join("，");
  const bytes = await writeWorkbook(
    { title: "委员履职积分排名", filters: [`年度：${ranking.year}年`, ...(ranking.committee ? [`范围：${ranking.committee.name}（含下级）`] : []), `积分规则：${rules}`] },
    (workbook) => addSheet(workbook, { name: `积分排名 ${ranking.year}`, columns: POINTS_COLUMNS, rows: ranking.items }),
  );
  return { name: `委员积分排名-${ranking.year}年`, bytes };
}
