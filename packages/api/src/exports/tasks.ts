import type { TaskListFilters } from "../schemas/task";
import { type Caller, campaignFilter, committeeFilter } from "./caller";
import { ASSIGNMENT_STATUS_LABELS, COMMITTEE_LEVEL_LABELS, yesNo } from "./labels";
import { addSheet, type Column, type ExportFile, writeWorkbook } from "./workbook";

/** 监督任务: one row per assignment of the tasks the city's task list shows under its filters. */

export type TaskExportRow = Awaited<ReturnType<Caller["task"]["exportRows"]>>[number];

export const TASK_COLUMNS: readonly Column<TaskExportRow>[] = [
  { header: "任务编号", width: 9, value: (r) => r.taskId, format: "int" },
  { header: "任务名称", width: 36, value: (r) => r.taskTitle },
  { header: "所属专项", width: 30, value: (r) => r.campaignTitle },
  { header: "监督内容", width: 18, value: (r) => r.focusArea },
  { header: "监督方式", width: 14, value: (r) => r.method },
  { header: "任务截止日期", width: 13, value: (r) => r.taskDeadline, format: "date" },
  { header: "承办单位", width: 16, value: (r) => r.committeeName },
  { header: "层级", width: 12, value: (r) => COMMITTEE_LEVEL_LABELS[r.committeeLevel] },
  { header: "交办单位", width: 16, value: (r) => r.issuerName },
  { header: "办理状态", width: 10, value: (r) => ASSIGNMENT_STATUS_LABELS[r.status] },
  { header: "完成进度", width: 10, value: (r) => r.percent, format: "percent" },
  { header: "办理期限", width: 13, value: (r) => r.deadline, format: "date" },
  { header: "是否逾期", width: 10, value: (r) => yesNo(r.overdue) },
  { header: "下发时间", width: 17, value: (r) => r.sentAt, format: "datetime" },
  { header: "签收时间", width: 17, value: (r) => r.acceptedAt, format: "datetime" },
  { header: "上报时间", width: 17, value: (r) => r.reportedAt, format: "datetime" },
  { header: "办结时间", width: 17, value: (r) => r.approvedAt, format: "datetime" },
];

export async function tasksExport(api: Caller, filters: TaskListFilters): Promise<ExportFile> {
  const rows = await api.task.exportRows(filters);
  const described = [
    ...(await campaignFilter(api, filters.campaignId)),
    ...(filters.focusArea ? [`监督内容：${filters.focusArea}`] : []),
    ...(filters.status ? [`状态：${ASSIGNMENT_STATUS_LABELS[filters.status]}`] : []),
    ...(await committeeFilter(api, filters.committeeId, "县市区")),
    ...(filters.overdue ? ["仅逾期"] : []),
    ...(filters.search ? [`任务名称包含：${filters.search}`] : []),
  ];
  const bytes = await writeWorkbook({ title: "监督任务办理情况", filters: described }, (workbook) => {
    addSheet(workbook, { name: "任务办理情况", columns: TASK_COLUMNS, rows });
  });
  return { name: "监督任务", bytes };
}
