import type { ActivityStatus, ActivityType, AssignmentStatus, AttendanceStatus, CheckInMethod, CommitteeLevel, RegistrationStatus } from "@dm/db";
import type { ReportState } from "../domain/monthly-report";

/**
 * The Chinese names the exports write, whatever the interface language: the files are filed and
 * forwarded in Chinese. They match the UI's zh-CN catalogue.
 */

export const COMMITTEE_LEVEL_LABELS: Record<CommitteeLevel, string> = { city: "市级", county: "县市区", township: "乡镇（街道）" };

export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = {
  sent: "待签收",
  accepted: "已签收",
  in_progress: "进行中",
  reported: "已上报",
  approved: "已办结",
};

export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  inspection: "视察",
  research: "调研",
  field_inspection: "踏察",
  symposium: "座谈会",
  consultation: "协商座谈会",
  bench_meeting: "板凳会",
  courtyard_meeting: "屋场会",
  survey: "问卷调查",
  briefing: "听取情况介绍",
};

export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = { planned: "计划中", held: "已举办", cancelled: "已取消" };

export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = { registered: "已报名", waiting: "候补", cancelled: "已取消" };

export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = { present: "出席", late: "迟到", absent: "缺席", excused: "请假" };

export const CHECK_IN_METHOD_LABELS: Record<CheckInMethod, string> = { qr: "扫码签到", manual: "工作人员登记" };

export const REPORT_STATE_LABELS: Record<ReportState, string> = { submitted: "已提交", late: "逾期提交", missing: "未提交", pending: "待提交" };

export const yesNo = (value: boolean) => (value ? "是" : "否");
