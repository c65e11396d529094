import type { z } from "zod";
import type { monthlyReportPeriodInput } from "../schemas/monthly-report";
import type { Caller } from "./caller";
import { COMMITTEE_LEVEL_LABELS, REPORT_STATE_LABELS, yesNo } from "./labels";
import { addSheet, type Column, type ExportFile, writeWorkbook } from "./workbook";

/**
 * 月报情况: every county and township in the caller's scope for one campaign month, as the
 * status page lists them (county, then its townships), with the state and when it came in.
 */

type Status = Awaited<ReturnType<Caller["monthlyReport"]["status"]>>;
export type MonthlyStatusRow = Status["items"][number] & { county: string; dueDate: string };

export const MONTHLY_STATUS_COLUMNS: readonly Column<MonthlyStatusRow>[] = [
  { header: "组织", width: 18, value: (r) => r.name },
  { header: "层级", width: 12, value: (r) => COMMITTEE_LEVEL_LABELS[r.level] },
  { header: "所属县市区", width: 16, value: (r) => r.county },
  { header: "状态", width: 10, value: (r) => REPORT_STATE_LABELS[r.state] },
  { header: "提交时间", width: 17, value: (r) => r.submittedAt, format: "datetime" },
  { header: "截止日期", width: 12, value: (r) => r.dueDate, format: "date" },
  { header: "有未提交草稿", width: 12, value: (r) => yesNo(r.hasDraft) },
  { header: "月内活动次数", width: 12, value: (r) => r.activitiesHeld, format: "int" },
];

export async function monthlyReportsExport(api: Caller, period: z.output<typeof monthlyReportPeriodInput>): Promise<ExportFile> {
  const status = await api.monthlyReport.status(period);
  const names = new Map(status.items.map((i) => [i.committeeId, i.name]));
  const rows: MonthlyStatusRow[] = status.items.map((i) => ({
    ...i,
    county: i.level === "county" ? i.name : (names.get(i.parentId ?? 0) ?? ""),
    dueDate: status.dueDate,
  }));
  const c = status.counts;
  const bytes = await writeWorkbook(
    {
      title: "月报提交情况",
      filters: [
        `专项：${status.campaign.title}`,
        `月份：${status.month}（截止 ${status.dueDate}）`,
        `已提交 ${c.submitted}，逾期提交 ${c.late}，未提交 ${c.missing}，待提交 ${c.pending}`,
      ],
    },
    (workbook) =>
      addSheet(workbook, {
        name: `月报情况 ${status.month}`,
        columns: MONTHLY_STATUS_COLUMNS,
        rows,
        // Townships indented under their county, as on the page.
        decorate: (row, r) => {
          if (r.level === "township") row.getCell(1).alignment = { indent: 2 };
        },
      }),
  );
  return { name: `月报情况-${status.month}`, bytes };
}
