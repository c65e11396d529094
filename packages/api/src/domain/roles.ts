import type { Role } from "@dm/db";

/** Roles that run the work of a committee (everyone but members). */
export const STAFF_ROLES = ["city_leader", "city_staff", "county_staff", "township_liaison"] as const satisfies readonly Role[];
export const CITY_ROLES = ["city_leader", "city_staff"] as const satisfies readonly Role[];
/** Staff who keep records (leaders read; they do not edit rosters or write reports). */
export const RECORD_KEEPERS = ["city_staff", "county_staff", "township_liaison"] as const satisfies readonly Role[];

/**
 * Who may call what, by capability. Procedures gate on these lists, so the whole policy reads
 * in one place.
 */
export const CAPABILITIES = {
  /** See the member roster (names, phones) of committees in scope. */
  "member.read": STAFF_ROLES,
  /** See the committee tree and its counts. */
  "committee.read": ["city_leader", "city_staff", "county_staff", "township_liaison", "member"],
  /** Create, edit and deactivate members, import and export the roster, manage their sign-ins. */
  "member.write": RECORD_KEEPERS,
  /** Organise activities of the caller's committee and run them (QR, attendance, record). */
  "activity.organise": STAFF_ROLES,
  /** See, sign up for and check in to activities open to the caller as a member. */
  "activity.join": ["member"],
  /** 数据看板 and 月度工作简报 of the caller's committee and everything below it. */
  "dashboard.read": STAFF_ROLES,
  /** The monthly coverage matrix and monthly-report status of committees in scope. */
  "coverage.read": STAFF_ROLES,
  /** Write and submit the own committee's monthly reports (counties and townships). */
  "monthlyReport.write": ["county_staff", "township_liaison"],
  /** Participation and points of members in scope, and the rankings. */
  "participation.read": STAFF_ROLES,
  /** Edit the points rules (city-wide). */
  "points.configure": ["city_staff"],
  /** See dispatched supervision groups, their visits, opinions and appraisals in scope. */
  "group.read": STAFF_ROLES,
  /** Keep the department register, dispatch groups and supervisors, set appraisal criteria. */
  "group.manage": RECORD_KEEPERS,
  /** As a group member (民主监督员): record visits, raise opinions, score the appraisal. */
  "group.serve": ["member"],
  /** The problem ledger of committees in scope. */
  "problem.read": STAFF_ROLES,
  /** Enter, assign, report, verify and look back on problems. */
  "problem.write": STAFF_ROLES,
  /** Triage public tips routed to committees in scope. */
  "tip.triage": STAFF_ROLES,
  /** The audit log: who changed what, when. */
  "audit.read": ["city_staff"],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

export function roleAllows(role: Role, allowed: readonly Role[]): boolean {
  return allowed.includes(role);
}

export function can(role: Role, capability: Capability): boolean {
  return roleAllows(role, CAPABILITIES[capability]);
}
