import ExcelJS from "exceljs";
import type { ProblemCategory, ProblemSource, ProblemStatus } from "@dm/db";

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

/** Column headers, in order (also what a test reads back). */
export const EXPORT_HEADERS = [
  "编号", "问题标题", "问题描述", "类别", "状态", "是否逾期", "所属县市区", "所在地区", "具体位置", "纬度", "经度",
  "责任部门", "提出单位", "来源", "整改期限", "整改方案", "销号时间", "回头看日期", "登记时间",
] as const;

const WIDTHS = [8, 30, 50, 10, 14, 10, 14, 18, 28, 10, 10, 20, 16, 12, 12, 40, 18, 12, 18];

/** "2026-05-11 14:30" in China's time. */
function chinaDateTime(at: Date | null): string {
  if (!at) return "";
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

export async function problemWorkbook(rows: readonly ExportRow[], meta: { title: string; generatedAt: Date }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "专项民主监督协同平台";
  workbook.created = meta.generatedAt;
  const sheet = workbook.addWorksheet("问题清单", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = EXPORT_HEADERS.map((header, i) => ({ header, width: WIDTHS[i] }));
  const head = sheet.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: "middle", wrapText: true };
  head.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF1F5F9" } };
  // Values are written as typed cells (text stays text: "=SUM(…)" typed by someone is never a formula).
  for (const r of rows) {
    sheet.addRow([
      r.id,
      r.title,
      r.description,
      CATEGORY_LABELS[r.category],
      STATUS_LABELS[r.status],
      r.overdue ? "是" : "否",
      r.countyName ?? "",
      r.committeeName,
      r.location,
      r.latitude ?? "",
      r.longitude ?? "",
      r.departmentName ?? "",
      r.raisingName,
      SOURCE_LABELS[r.source],
      r.deadline ?? "",
      r.plan,
      chinaDateTime(r.closedAt),
      r.lookbackOn ?? "",
      chinaDateTime(r.createdAt),
    ]);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_HEADERS.length } };
  workbook.title = meta.title;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
