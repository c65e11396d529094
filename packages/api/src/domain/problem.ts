import type { ProblemEventType, ProblemStatus, Role } from "@dm/db";

/**
 * The problem life cycle (问题清单): 待交办 (pending) → 整改中 (rectifying, once assigned with a
 * plan, department and deadline) → 已整改待验收 (awaiting verification, reported done with
 * evidence) → 已销号 (closed, verified by the raising committee). A failed verification puts it
 * back to 整改中. A closed problem may get a 回头看 (look-back) scheduled; the look-back either
 * passes (it stays closed) or reopens it (back to 整改中). Pure rules: which action is legal in
 * which state and which side of the problem may take it.
 */
export const PROBLEM_ACTIONS = ["assign", "report", "verify", "reject", "scheduleLookback", "passLookback", "reopen"] as const;
export type ProblemAction = (typeof PROBLEM_ACTIONS)[number];

/**
 * The two sides of a problem: the committee whose area it is (or its parent), who has it
 * rectified and reports on it; and the committee that raised it, who alone verifies.
 */
export type ProblemSide = "responsible" | "raising";

/** Where a problem stands: its status, and whether a look-back is scheduled (closed only). */
export interface ProblemState {
  status: ProblemStatus;
  lookbackScheduled: boolean;
}

interface Rule {
  from: ProblemStatus;
  to: ProblemStatus;
  by: ProblemSide;
  event: ProblemEventType;
  /** null: either way; true/false: only with (without) a look-back scheduled. */
  lookback: boolean | null;
}

export const PROBLEM_RULES: Record<ProblemAction, Rule> = {
  assign: { from: "pending", to: "rectifying", by: "responsible", event: "assigned", lookback: null },
  report: { from: "rectifying", to: "awaiting_verification", by: "responsible", event: "reported", lookback: null },
  verify: { from: "awaiting_verification", to: "closed", by: "raising", event: "verified", lookback: null },
  reject: { from: "awaiting_verification", to: "rectifying", by: "raising", event: "rejected", lookback: null },
  // One look-back at a time: a scheduled one is passed or reopens the problem first.
  scheduleLookback: { from: "closed", to: "closed", by: "raising", event: "lookback_scheduled", lookback: false },
  passLookback: { from: "closed", to: "closed", by: "raising", event: "lookback_passed", lookback: true },
  reopen: { from: "closed", to: "rectifying", by: "raising", event: "reopened", lookback: true },
};

export type ProblemTransition = { ok: true; to: ProblemStatus; event: ProblemEventType } | { ok: false; current: ProblemStatus };

export function problemTransition(state: ProblemState, action: ProblemAction): ProblemTransition {
  const rule = PROBLEM_RULES[action];
  if (state.status !== rule.from || (rule.lookback !== null && rule.lookback !== state.lookbackScheduled)) return { ok: false, current: state.status };
  return { ok: true, to: rule.to, event: rule.event };
}

export interface ProblemActor {
  role: Role;
  committeeId: number;
}

export interface ProblemParties {
  /** The committee whose area it is. */
  committeeId: number;
  /** Its parent committee (null for a city). */
  committeeParentId: number | null;
  raisingCommitteeId: number;
}

/** Leaders read and verify; every staff role may work a problem. Members never do. */
const WORKING_ROLES: readonly Role[] = ["city_leader", "city_staff", "county_staff", "township_liaison"];

/** The sides `actor` is on (both when a committee raised a problem in its own area). */
export function sidesOf(actor: ProblemActor, problem: ProblemParties): ProblemSide[] {
  if (!WORKING_ROLES.includes(actor.role)) return [];
  const sides: ProblemSide[] = [];
  if (actor.committeeId === problem.committeeId || actor.committeeId === problem.committeeParentId) sides.push("responsible");
  if (actor.committeeId === problem.raisingCommitteeId) sides.push("raising");
  return sides;
}

export function mayActOnProblem(actor: ProblemActor, problem: ProblemParties, action: ProblemAction): boolean {
  return sidesOf(actor, problem).includes(PROBLEM_RULES[action].by);
}

/** The actions `actor` may take now: the buttons a page shows. */
export function allowedProblemActions(actor: ProblemActor, problem: ProblemParties & ProblemState): ProblemAction[] {
  return PROBLEM_ACTIONS.filter((action) => mayActOnProblem(actor, problem, action) && problemTransition(problem, action).ok);
}

/**
 * Overdue: the rectification deadline (a calendar day in China) has passed while the work is
 * still to do (待交办 or 整改中). Once reported it waits on the verifier, not the rectifier.
 */
export function isProblemOverdue(problem: { deadline: string | null; status: ProblemStatus }, today: string): boolean {
  return problem.deadline !== null && problem.deadline < today && (problem.status === "pending" || problem.status === "rectifying");
}

/** 销号率: closed problems over all problems, as a whole percent with one decimal (null for none). */
export function closureRate(closed: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.round((closed / total) * 1000) / 10;
}
