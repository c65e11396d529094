import { describe, expect, it } from "vitest";
import { PROBLEM_STATUSES, type ProblemStatus, type Role } from "@dm/db";
import {
  allowedProblemActions,
  closureRate,
  isProblemOverdue,
  mayActOnProblem,
  PROBLEM_ACTIONS,
  type ProblemAction,
  type ProblemState,
  problemTransition,
  sidesOf,
} from "./problem";

/**
 * The life cycle written out by hand (not derived from PROBLEM_RULES): for each state (status,
 * and for 已销号 whether a look-back is scheduled), where each action leads, or null if illegal.
 */
type Row = Record<ProblemAction, ProblemStatus | null>;
const none: Row = { assign: null, report: null, verify: null, reject: null, scheduleLookback: null, passLookback: null, reopen: null };
const EXPECTED: [ProblemState, Row][] = [
  [{ status: "pending", lookbackScheduled: false }, { ...none, assign: "rectifying" }],
  [{ status: "rectifying", lookbackScheduled: false }, { ...none, report: "awaiting_verification" }],
  [{ status: "awaiting_verification", lookbackScheduled: false }, { ...none, verify: "closed", reject: "rectifying" }],
  [{ status: "closed", lookbackScheduled: false }, { ...none, scheduleLookback: "closed" }],
  [{ status: "closed", lookbackScheduled: true }, { ...none, passLookback: "closed", reopen: "rectifying" }],
];

describe("problemTransition: every state × action", () => {
  it("covers every status", () => {
    expect(new Set(EXPECTED.map(([s]) => s.status))).toEqual(new Set(PROBLEM_STATUSES));
  });
  for (const [state, row] of EXPECTED) {
    for (const action of PROBLEM_ACTIONS) {
      const to = row[action];
      const label = `${state.status}${state.lookbackScheduled ? " (look-back scheduled)" : ""} + ${action}`;
      it(`${label} → ${to ?? "refused"}`, () => {
        const result = problemTransition(state, action);
        if (to === null) expect(result).toEqual({ ok: false, current: state.status });
        else expect(result).toMatchObject({ ok: true, to });
      });
    }
  }

  it("names the timeline event of each step", () => {
    expect(problemTransition({ status: "awaiting_verification", lookbackScheduled: false }, "reject")).toEqual({ ok: true, to: "rectifying", event: "rejected" });
    expect(problemTransition({ status: "closed", lookbackScheduled: true }, "reopen")).toEqual({ ok: true, to: "rectifying", event: "reopened" });
    expect(problemTransition({ status: "closed", lookbackScheduled: false }, "scheduleLookback")).toEqual({ ok: true, to: "closed", event: "lookback_scheduled" });
  });
});

describe("sides: who may take which step", () => {
  // City 1 → county 10 → township 100; county 20 elsewhere.
  const countyProblemRaisedByCity = { committeeId: 10, committeeParentId: 1, raisingCommitteeId: 1 };
  const townshipProblemRaisedByCounty = { committeeId: 100, committeeParentId: 10, raisingCommitteeId: 10 };
  const staff = (committeeId: number, role: Role = "county_staff") => ({ role, committeeId });

  it("the area's committee and its parent are the responsible side; the raiser alone verifies", () => {
    expect(sidesOf(staff(10), countyProblemRaisedByCity)).toEqual(["responsible"]);
    expect(sidesOf(staff(1, "city_staff"), countyProblemRaisedByCity)).toEqual(["responsible", "raising"]);
    expect(sidesOf(staff(100, "township_liaison"), townshipProblemRaisedByCounty)).toEqual(["responsible"]);
    expect(sidesOf(staff(10), townshipProblemRaisedByCounty)).toEqual(["responsible", "raising"]);
    // The city is the township's grandparent: neither side of a county-raised township problem.
    expect(sidesOf(staff(1, "city_staff"), townshipProblemRaisedByCounty)).toEqual([]);
    expect(sidesOf(staff(20), countyProblemRaisedByCity)).toEqual([]);
  });

  it("members never act on problems", () => {
    expect(sidesOf({ role: "member", committeeId: 10 }, countyProblemRaisedByCity)).toEqual([]);
  });

  it("the county assigns and reports but may not verify what the city raised", () => {
    expect(mayActOnProblem(staff(10), countyProblemRaisedByCity, "assign")).toBe(true);
    expect(mayActOnProblem(staff(10), countyProblemRaisedByCity, "report")).toBe(true);
    for (const action of ["verify", "reject", "scheduleLookback", "passLookback", "reopen"] as const) {
      expect(mayActOnProblem(staff(10), countyProblemRaisedByCity, action), action).toBe(false);
      expect(mayActOnProblem(staff(1, "city_leader"), countyProblemRaisedByCity, action), action).toBe(true);
    }
  });

  it("offers only the steps that are both legal now and the viewer's to take", () => {
    const awaiting = { ...countyProblemRaisedByCity, status: "awaiting_verification" as const, lookbackScheduled: false };
    expect(allowedProblemActions(staff(10), awaiting)).toEqual([]);
    expect(allowedProblemActions(staff(1, "city_staff"), awaiting)).toEqual(["verify", "reject"]);
    expect(allowedProblemActions(staff(10), { ...awaiting, status: "pending" })).toEqual(["assign"]);
  });
});

describe("overdue and the closure rate", () => {
  it("is overdue only while the work is still to do", () => {
    const today = "2026-05-11";
    expect(isProblemOverdue({ deadline: "2026-05-10", status: "rectifying" }, today)).toBe(true);
    expect(isProblemOverdue({ deadline: "2026-05-10", status: "pending" }, today)).toBe(true);
    expect(isProblemOverdue({ deadline: "2026-05-11", status: "rectifying" }, today)).toBe(false);
    expect(isProblemOverdue({ deadline: "2026-05-10", status: "awaiting_verification" }, today)).toBe(false);
    expect(isProblemOverdue({ deadline: "2026-05-10", status: "closed" }, today)).toBe(false);
    expect(isProblemOverdue({ deadline: null, status: "pending" }, today)).toBe(false);
  });

  it("is closed over all, one decimal, and undefined for an empty ledger", () => {
    expect(closureRate(13, 14)).toBe(92.9);
    expect(closureRate(0, 3)).toBe(0);
    expect(closureRate(5, 5)).toBe(100);
    expect(closureRate(0, 0)).toBeNull();
  });
});
