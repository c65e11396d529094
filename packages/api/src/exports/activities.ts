import type { z } from "zod";
import type { activityListInput } from "../schemas/activity";
import { type Caller, campaignFilter } from "./caller";
import { ACTIVITY_STATUS_LABELS, ACTIVITY_TYPE_LABELS, ATTENDANCE_LABELS, CHECK_IN_METHOD_LABELS, REGISTRATION_STATUS_LABELS } from "./labels";
import { addSheet, type Column, type ExportFile, writeWorkbook } from "./workbook";

/** 监督活动: the staff list's activities under its filters, and a sheet of their registrations with attendance. */

export type ActivityFilters = Omit<z.output<typeof activityListInput>, "page">;
type Rows = Awaited<ReturnType<Caller["activity"]["exportRows"]>>;
export type ActivityExportRow = Rows["activities"][number];
export type RegistrationExportRow = Rows["registrations"][number];

export const ACTIVITY_COLUMNS: readonly Column<ActivityExportRow>[] = [
  { header: "活动编号", width: 9, value: (r) => r.id, format: "int" },
  { header: "活动名称", width: 36, value: (r) => r.title },
  { header: "活动形式", width: 12, value: (r) => ACTIVITY_TYPE_LABELS[r.type] },
  { header: "状态", width: 9, value: (r) => ACTIVITY_STATUS_LABELS[r.status] },
  { header: "开始时间", width: 17, value: (r) => r.startsAt, format: "datetime" },
  { header: "结束时间", width: 17, value: (r) => r.endsAt, format: "datetime" },
  { header: "地点", width: 24, value: (r) => r.place },
  { header: "组织单位", width: 16, value: (r) => r.committeeName },
  { header: "承办", width: 16, value: (r) => r.organizer },
  { header: "所属专项", width: 30, value: (r) => r.campaignTitle },
  { header: "名额", width: 7, value: (r) => r.capacity, format: "int" },
  { header: "已报名", width: 8, value: (r) => r.registered, format: "int" },
  { header: "候补", width: 7, value: (r) => r.waiting, format: "int" },
  { header: "到场", width: 7, value: (r) => r.arrived, format: "int" },
  { header: "缺席", width: 7, value: (r) => r.absent, format: "int" },
  { header: "请假", width: 7, value: (r) => r.excused, format: "int" },
];

export const REGISTRATION_COLUMNS: readonly Column<RegistrationExportRow>[] = [
  { header: "活动编号", width: 9, value: (r) => r.activityId, format: "int" },
  { header: "活动名称", width: 36, value: (r) => r.activityTitle },
  { header: "活动时间", width: 17, value: (r) => r.startsAt, format: "datetime" },
  { header: "委员", width: 10, value: (r) => r.memberName },
  { header: "界别", width: 14, value: (r) => r.sector },
  { header: "所属组织", width: 16, value: (r) => r.memberCommittee },
  { header: "报名状态", width: 10, value: (r) => REGISTRATION_STATUS_LABELS[r.status] },
  { header: "报名时间", width: 17, value: (r) => r.registeredAt, format: "datetime" },
  { header: "出勤", width: 8, value: (r) => (r.attendance ? ATTENDANCE_LABELS[r.attendance] : "未登记") },
  { header: "签到时间", width: 17, value: (r) => r.checkedInAt, format: "datetime" },
  { header: "签到方式", width: 13, value: (r) => (r.checkInMethod ? CHECK_IN_METHOD_LABELS[r.checkInMethod] : "") },
  { header: "备注", width: 30, value: (r) => r.attendanceNote },
];

export async function activitiesExport(api: Caller, filters: ActivityFilters): Promise<ExportFile> {
  const rows = await api.activity.exportRows(filters);
  const described = [
    ...(await campaignFilter(api, filters.campaignId)),
    ...(filters.month ? [`月份：${filters.month}`] : []),
    ...(filters.type ? [`活动形式：${ACTIVITY_TYPE_LABELS[filters.type]}`] : []),
    ...(filters.status ? [`状态：${ACTIVITY_STATUS_LABELS[filters.status]}`] : []),
    ...(filters.search ? [`名称或地点包含：${filters.search}`] : []),
  ];
  const bytes = await writeWorkbook({ title: "监督活动及出勤情况", filters: described }, (workbook) => {
    addSheet(workbook, { name: "活动", columns: ACTIVITY_COLUMNS, rows: rows.activities });
    addSheet(workbook, { name: "报名及出勤", columns: REGISTRATION_COLUMNS, rows: rows.registrations });
  });
  return { name: "监督活动", bytes };
}
