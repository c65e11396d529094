import type { ProblemCategory, ProblemSource, ProblemStatus } from "@dm/db";
import { addSheet, chinaDateTimeText, type Column, writeWorkbook } from "./workbook";

/**
 * The problem ledger as an Excel workbook (问题清单.xlsx): one row per problem, Chinese headers
 * and labels whatever the interface language, as the ledger is filed and forwarded in Chinese.
 */
export const CATEGORY_LABELS: Record<ProblemCategory, string> = {
  air: "大气",
  water: "水",
  soil: "土壤",
  solid_waste: "固体废物",
  noise: "噪声",
  ecology: "生态",
  other: "其他",
};

export const STATUS_LABELS: Record<ProblemStatus, string> = {
  pending: "待交办",
  rectifying: "整改中",
  awaiting_verification: "已整改待验收",
  closed: "已销号",
};

export const SOURCE_LABELS: Record<ProblemSource, string> = {
  activity: "监督活动",
  visit: "派驻监督走访",
  assignment: "任务办理",
  tip: "群众举报",
  direct: "直接登记",
};

export interface ExportRow {
  id: number;
  title: string;
  description: string;
  category: ProblemCategory;
  status: ProblemStatus;
  countyName: string | null;
  committeeName: string;
  location: string;
  latitude: number | null;
  longitude: number | null;
  departmentName: string | null;
  raisingName: string;
  source: ProblemSource;
  deadline: string | null;
  overdue: boolean;
  plan: string;
  closedAt: Date | null;
  lookbackOn: string | null;
  createdAt: Date;
}

const yesNo = (value: boolean) => (value ? "是" : "否");

/**
 * Dates stay text here ("2026-05-11", "2026-05-11 14:30" in China's time), as the ledger has
 * always been filed.
 */
export const PROBLEM_COLUMNS: readonly Column<ExportRow>[] = [
  { header: "编号", width: 8, value: (r) => r.id, format: "int" },
  { header: "问题标题", width: 30, value: (r) => r.title },
  { header: "问题描述", width: 50, value: (r) => r.description },
  { header: "类别", width: 10, value: (r) => CATEGORY_LABELS[r.category] },
  { header: "状态", width: 14, value: (r) => STATUS_LABELS[r.status] },
  { header: "是否逾期", width: 10, value: (r) => yesNo(r.overdue) },
  { header: "所属县市区", width: 14, value: (r) => r.countyName ?? "" },
  { header: "所在地区", width: 18, value: (r) => r.committeeName },
  { header: "具体位置", width: 28, value: (r) => r.location },
  { header: "纬度", width: 10, value: (r) => r.latitude, format: "decimal" },
  { header: "经度", width: 10, value: (r) => r.longitude, format: "decimal" },
  { header: "责任部门", width: 20, value: (r) => r.departmentName ?? "" },
  { header: "提出单位", width: 16, value: (r) => r.raisingName },
  { header: "来源", width: 12, value: (r) => SOURCE_LABELS[r.source] },
  { header: "整改期限", width: 12, value: (r) => r.deadline ?? "" },
  { header: "整改方案", width: 40, value: (r) => r.plan },
  { header: "销号时间", width: 18, value: (r) => chinaDateTimeText(r.closedAt) },
  { header: "回头看日期", width: 12, value: (r) => r.lookbackOn ?? "" },
  { header: "登记时间", width: 18, value: (r) => chinaDateTimeText(r.createdAt) },
];

/** Column headers, in order (also what a test reads back). */
export const EXPORT_HEADERS = PROBLEM_COLUMNS.map((c) => c.header);

export async function problemWorkbook(rows: readonly ExportRow[], meta: { title: string; generatedAt: Date; filters?: readonly string[] }): Promise<Buffer> {
  const bytes = await writeWorkbook(meta, (workbook) => addSheet(workbook, { name: "问题清单", columns: PROBLEM_COLUMNS, rows }));
  return Buffer.from(bytes);
}
