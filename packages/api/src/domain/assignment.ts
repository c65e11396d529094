import type { AssignmentStatus, CommitteeLevel, Role } from "@dm/db";

/**
 * The assignment life cycle: 待签收 (sent) → 已签收 (accepted) → 进行中 (in progress) →
 * 已上报 (reported) → 已办结 (approved); a return puts a report back in progress. Pure rules:
 * which action is legal from which state, who may take it, and the percent rule.
 */
export const ASSIGNMENT_ACTIONS = ["accept", "progress", "report", "approve", "return", "passDown"] as const;
export type AssignmentAction = (typeof ASSIGNMENT_ACTIONS)[number];

/** Which side of an assignment acts: the committee doing the work, or the one reviewing it. */
export type Side = "assignee" | "reviewer";

interface Rule {
  from: readonly AssignmentStatus[];
  /** null: the action leaves the status as it is (passing down). */
  to: AssignmentStatus | null;
  by: Side;
}

export const ASSIGNMENT_RULES: Record<AssignmentAction, Rule> = {
  accept: { from: ["sent"], to: "accepted", by: "assignee" },
  progress: { from: ["accepted", "in_progress"], to: "in_progress", by: "assignee" },
  report: { from: ["accepted", "in_progress"], to: "reported", by: "assignee" },
  approve: { from: ["reported"], to: "approved", by: "reviewer" },
  return: { from: ["reported"], to: "in_progress", by: "reviewer" },
  passDown: { from: ["accepted", "in_progress"], to: null, by: "assignee" },
};

export type TransitionResult = { ok: true; to: AssignmentStatus } | { ok: false; current: AssignmentStatus };

export function transition(current: AssignmentStatus, action: AssignmentAction): TransitionResult {
  const rule = ASSIGNMENT_RULES[action];
  if (!rule.from.includes(current)) return { ok: false, current };
  return { ok: true, to: rule.to ?? current };
}

export interface ActingUser {
  role: Role;
  committeeId: number;
}

export interface AssignmentParties {
  committeeId: number;
  issuerCommitteeId: number;
  /** Level of the issuing committee: the city reviews counties, a county its townships. */
  issuerLevel: CommitteeLevel;
}

const ASSIGNEE_ROLES: readonly Role[] = ["county_staff", "township_liaison"];
const REVIEWER_ROLES: Record<CommitteeLevel, readonly Role[]> = {
  city: ["city_leader", "city_staff"],
  county: ["county_staff"],
  township: [],
};

/** The side `user` is on for this assignment, or null: they may not act on it at all. */
export function sideOf(user: ActingUser, assignment: AssignmentParties): Side | null {
  if (user.committeeId === assignment.committeeId && ASSIGNEE_ROLES.includes(user.role)) return "assignee";
  if (user.committeeId === assignment.issuerCommitteeId && REVIEWER_ROLES[assignment.issuerLevel].includes(user.role)) return "reviewer";
  return null;
}

export function mayAct(user: ActingUser, assignment: AssignmentParties, action: AssignmentAction): boolean {
  return sideOf(user, assignment) === ASSIGNMENT_RULES[action].by;
}

/**
 * A new report's percent may not fall below the last one, unless the last event was a return
 * (the reviewer found the work less done than reported).
 */
export function percentProblem(previous: number, next: number, afterReturn: boolean): "outOfRange" | "lower" | null {
  if (!Number.isInteger(next) || next < 0 || next > 100) return "outOfRange";
  if (!afterReturn && next < previous) return "lower";
  return null;
}

/** Overdue is derived: the deadline (a date, Asia/Shanghai) has passed and it is not approved. */
export function isOverdue(assignment: { deadline: string; status: AssignmentStatus }, today: string): boolean {
  return assignment.status !== "approved" && assignment.deadline < today;
}
