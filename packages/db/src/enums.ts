/**
 * Closed vocabularies of the organisation model. Codes are English (stable in the database and
 * the API); the UI shows the Chinese labels from the web app's message catalogues.
 */

export const ROLES = ["city_leader", "city_staff", "county_staff", "township_liaison", "member"] as const;
export type Role = (typeof ROLES)[number];

export const COMMITTEE_LEVELS = ["city", "county", "township"] as const;
export type CommitteeLevel = (typeof COMMITTEE_LEVELS)[number];

/** 四级政协委员: the level of the CPPCC a member sits on. */
export const MEMBER_LEVELS = ["national", "provincial", "city", "county"] as const;
export type MemberLevel = (typeof MEMBER_LEVELS)[number];

/** 界别, as listed in shared/domain.md. */
export const SECTORS = [
  "中共", "民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟", "无党派人士",
  "工商联", "共青团", "工会", "妇联", "科协", "经济界", "农业界", "教育界", "科学技术界",
  "医药卫生界", "文化艺术界", "体育界", "新闻出版界", "社会福利和社会保障界", "少数民族界",
  "宗教界", "特邀人士",
] as const;
export type Sector = (typeof SECTORS)[number];

/** 政治面貌 */
export const PARTIES = [
  "中共党员", "民革党员", "民盟盟员", "民建会员", "民进会员", "农工党党员", "致公党党员",
  "九三学社社员", "台盟盟员", "无党派人士", "群众",
] as const;
export type Party = (typeof PARTIES)[number];

/** 监督内容: the default focus areas of a campaign (editable per campaign). */
export const DEFAULT_FOCUS_AREAS = [
  "重要指示精神贯彻落实情况",
  "生态环保决策部署贯彻落实情况",
  "环保责任落实情况和法律法规执行情况",
  "中央省市督察和警示问题整改情况",
  "人民群众反映问题解决情况",
  "与生态环保相关的其他事项落实情况",
] as const;

/** 监督方式: the default supervision methods (editable per campaign). */
export const DEFAULT_METHODS = ["调研式监督", "协商式监督", "定向式监督", "建言式监督", "举报式监督"] as const;

/** 领导小组 roles: 组长, 副组长, 成员. */
export const LEADING_GROUP_ROLES = ["leader", "deputy", "member"] as const;
export type LeadingGroupRole = (typeof LEADING_GROUP_ROLES)[number];

/** 待签收 → 已签收 → 进行中 → 已上报 → 已办结 (a return puts 已上报 back to 进行中). */
export const ASSIGNMENT_STATUSES = ["sent", "accepted", "in_progress", "reported", "approved"] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const ASSIGNMENT_EVENTS = ["sent", "accepted", "passed_down", "progress", "reported", "returned", "approved"] as const;
export type AssignmentEventType = (typeof ASSIGNMENT_EVENTS)[number];

/** 活动形式: 视察, 调研, 踏察, 座谈会, 协商座谈会, 板凳会, 屋场会, 问卷调查, 听取情况介绍. */
export const ACTIVITY_TYPES = [
  "inspection", "research", "field_inspection", "symposium", "consultation", "bench_meeting", "courtyard_meeting", "survey", "briefing",
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** Who may join: the organising committee's own members, its whole subtree, or those invited. */
export const ACTIVITY_AUDIENCES = ["committee", "subtree", "invited"] as const;
export type ActivityAudience = (typeof ACTIVITY_AUDIENCES)[number];

/** 计划中 → 已举办 (record written), or 已取消. */
export const ACTIVITY_STATUSES = ["planned", "held", "cancelled"] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** 已报名, 候补 (waiting list, in queue order), 已取消. */
export const REGISTRATION_STATUSES = ["registered", "waiting", "cancelled"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** 出席, 迟到, 缺席, 请假 (with a reason). */
export const ATTENDANCE_STATUSES = ["present", "late", "absent", "excused"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** Scanned the organiser's QR code, or marked by the organiser. */
export const CHECK_IN_METHODS = ["qr", "manual"] as const;
export type CheckInMethod = (typeof CHECK_IN_METHODS)[number];

/** 月报: 草稿 → 已提交. Late or missing is derived from the deadline, not stored. */
export const MONTHLY_REPORT_STATUSES = ["draft", "submitted"] as const;
export type MonthlyReportStatus = (typeof MONTHLY_REPORT_STATUSES)[number];

/** 派驻民主监督小组 roles: 组长, 副组长, 成员, 联络员; and 民主监督员 for an individual appointment. */
export const GROUP_ROLES = ["leader", "deputy", "member", "liaison", "supervisor"] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];

/** A dispatched group, or an individual supervisor (民主监督员) appointed to a department. */
export const GROUP_KINDS = ["group", "individual"] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** 监督形式 of a visit: 列席会议, 走访, 座谈, 查阅资料, 暗访. */
export const VISIT_FORMS = ["attend_meeting", "visit", "symposium", "document_review", "unannounced"] as const;
export type VisitForm = (typeof VISIT_FORMS)[number];

/** The department's answer to an opinion: 采纳, 部分采纳, 未采纳. */
export const ADOPTIONS = ["adopted", "partly_adopted", "not_adopted"] as const;
export type Adoption = (typeof ADOPTIONS)[number];

/** 问题类别: 大气, 水, 土壤, 固体废物, 噪声, 生态, 其他. */
export const PROBLEM_CATEGORIES = ["air", "water", "soil", "solid_waste", "noise", "ecology", "other"] as const;
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];

/** 待交办 → 整改中 → 已整改待验收 → 已销号 (a failed verification goes back to 整改中). */
export const PROBLEM_STATUSES = ["pending", "rectifying", "awaiting_verification", "closed"] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** Where a problem came from: an activity, a group visit, a task report, a public tip, or entered directly. */
export const PROBLEM_SOURCES = ["activity", "visit", "assignment", "tip", "direct"] as const;
export type ProblemSource = (typeof PROBLEM_SOURCES)[number];

export const PROBLEM_EVENTS = ["created", "assigned", "reported", "verified", "rejected", "lookback_scheduled", "lookback_passed", "reopened"] as const;
export type ProblemEventType = (typeof PROBLEM_EVENTS)[number];

/** 举报线索: received, then turned into a problem or dismissed (with a reason). */
export const TIP_STATUSES = ["received", "converted", "dismissed"] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];
