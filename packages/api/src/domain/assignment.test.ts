import { describe, expect, it } from "vitest";
import { ASSIGNMENT_STATUSES, type AssignmentStatus, type Role } from "@dm/db";
import {
  ASSIGNMENT_ACTIONS,
  ASSIGNMENT_RULES,
  type ActingUser,
  type AssignmentAction,
  type AssignmentParties,
  isOverdue,
  mayAct,
  percentProblem,
  type Side,
  sideOf,
  transition,
} from "./assignment";
import { chinaToday } from "./china-time";

/**
 * The life cycle written out by hand (not derived from ASSIGNMENT_RULES): for each status, the
 * status each action leads to, or null where the action is illegal.
 */
const EXPECTED: Record<AssignmentStatus, Record<AssignmentAction, AssignmentStatus | null>> = {
  sent: { accept: "accepted", progress: null, report: null, approve: null, return: null, passDown: null },
  accepted: { accept: null, progress: "in_progress", report: "reported", approve: null, return: null, passDown: "accepted" },
  in_progress: { accept: null, progress: "in_progress", report: "reported", approve: null, return: null, passDown: "in_progress" },
  reported: { accept: null, progress: null, report: null, approve: "approved", return: "in_progress", passDown: null },
  approved: { accept: null, progress: null, report: null, approve: null, return: null, passDown: null },
};

describe("the vocabulary the table covers", () => {
  it("has exactly five statuses and six actions", () => {
    expect([...ASSIGNMENT_STATUSES]).toEqual(["sent", "accepted", "in_progress", "reported", "approved"]);
    expect([...ASSIGNMENT_ACTIONS]).toEqual(["accept", "progress", "report", "approve", "return", "passDown"]);
    expect(Object.keys(ASSIGNMENT_RULES).sort()).toEqual([...ASSIGNMENT_ACTIONS].sort());
  });
});

describe("transition: every status × action", () => {
  const pairs = ASSIGNMENT_STATUSES.flatMap((status) => ASSIGNMENT_ACTIONS.map((action) => [status, action, EXPECTED[status][action]] as const));

  it("covers all 30 pairs, 9 of them legal", () => {
    expect(pairs).toHaveLength(30);
    expect(pairs.filter(([, , to]) => to !== null)).toHaveLength(9);
  });

  it.each(pairs.filter(([, , to]) => to !== null))("%s + %s → %s", (status, action, to) => {
    expect(transition(status, action)).toEqual({ ok: true, to });
  });

  it.each(pairs.filter(([, , to]) => to === null))("%s + %s is refused, naming the current state", (status, action) => {
    expect(transition(status, action)).toEqual({ ok: false, current: status });
  });

  it("makes 已办结 final: no action leaves it", () => {
    for (const action of ASSIGNMENT_ACTIONS) expect(transition("approved", action).ok).toBe(false);
  });

  it("puts a returned report back in progress, not back to accepted", () => {
    expect(transition("reported", "return")).toEqual({ ok: true, to: "in_progress" });
  });

  it("never moves a status by passing down", () => {
    for (const status of ["accepted", "in_progress"] as const) expect(transition(status, "passDown")).toEqual({ ok: true, to: status });
  });
});

describe("sideOf and mayAct", () => {
  const CITY = 1;
  const COUNTY_A = 4;
  const COUNTY_B = 5;
  const TOWN_A1 = 40;
  const TOWN_A2 = 41;
  const TOWN_B1 = 50;

  /** The city sent it to county A. */
  const countyAssignment: AssignmentParties = { committeeId: COUNTY_A, issuerCommitteeId: CITY, issuerLevel: "city" };
  /** County A passed it down to its township A1. */
  const townshipAssignment: AssignmentParties = { committeeId: TOWN_A1, issuerCommitteeId: COUNTY_A, issuerLevel: "county" };

  const user = (role: Role, committeeId: number): ActingUser => ({ role, committeeId });
  const ASSIGNEE_ACTIONS: AssignmentAction[] = ["accept", "progress", "report", "passDown"];
  const REVIEWER_ACTIONS: AssignmentAction[] = ["approve", "return"];

  /** [who, on the county assignment, on the township sub-assignment] */
  const cases: [string, ActingUser, Side | null, Side | null][] = [
    ["city leader", user("city_leader", CITY), "reviewer", null],
    ["city staff", user("city_staff", CITY), "reviewer", null],
    ["city member", user("member", CITY), null, null],
    ["county A staff", user("county_staff", COUNTY_A), "assignee", "reviewer"],
    ["county B staff", user("county_staff", COUNTY_B), null, null],
    ["county A member", user("member", COUNTY_A), null, null],
    ["township A1 liaison", user("township_liaison", TOWN_A1), null, "assignee"],
    ["township A2 liaison", user("township_liaison", TOWN_A2), null, null],
    ["township B1 liaison", user("township_liaison", TOWN_B1), null, null],
    ["township A1 member", user("member", TOWN_A1), null, null],
    // Roles that do not belong at that level do not gain a side by sitting on the right committee.
    ["a city leader filed under county A", user("city_leader", COUNTY_A), null, null],
  ];

  it.each(cases)("%s: county assignment %s, township sub-assignment %s", (_who, acting, onCounty, onTownship) => {
    expect(sideOf(acting, countyAssignment)).toBe(onCounty);
    expect(sideOf(acting, townshipAssignment)).toBe(onTownship);
  });

  it.each(cases)("%s may take exactly the actions of their side", (_who, acting, onCounty, onTownship) => {
    for (const [parties, side] of [[countyAssignment, onCounty], [townshipAssignment, onTownship]] as const) {
      for (const action of ASSIGNEE_ACTIONS) expect(mayAct(acting, parties, action), `${action}`).toBe(side === "assignee");
      for (const action of REVIEWER_ACTIONS) expect(mayAct(acting, parties, action), `${action}`).toBe(side === "reviewer");
    }
  });

  it("lets the city staff and the city leader review a county's assignment, but not accept or report it", () => {
    for (const role of ["city_leader", "city_staff"] as const) {
      expect(mayAct(user(role, CITY), countyAssignment, "approve")).toBe(true);
      expect(mayAct(user(role, CITY), countyAssignment, "return")).toBe(true);
      expect(mayAct(user(role, CITY), countyAssignment, "accept")).toBe(false);
      expect(mayAct(user(role, CITY), countyAssignment, "report")).toBe(false);
    }
  });

  it("lets county staff review their townships' sub-assignments, not approve their own assignment", () => {
    expect(mayAct(user("county_staff", COUNTY_A), townshipAssignment, "approve")).toBe(true);
    expect(mayAct(user("county_staff", COUNTY_A), townshipAssignment, "return")).toBe(true);
    expect(mayAct(user("county_staff", COUNTY_A), townshipAssignment, "accept")).toBe(false);
    expect(mayAct(user("county_staff", COUNTY_A), countyAssignment, "approve")).toBe(false);
  });

  it("does not let the city review a township sub-assignment (its county does)", () => {
    expect(mayAct(user("city_staff", CITY), townshipAssignment, "approve")).toBe(false);
    expect(mayAct(user("city_leader", CITY), townshipAssignment, "return")).toBe(false);
  });

  it("does not let a township liaison review, even their own sub-assignment", () => {
    expect(mayAct(user("township_liaison", TOWN_A1), townshipAssignment, "approve")).toBe(false);
    expect(mayAct(user("township_liaison", TOWN_A1), townshipAssignment, "return")).toBe(false);
    expect(mayAct(user("township_liaison", TOWN_A1), townshipAssignment, "report")).toBe(true);
  });

  it("does not let a member act at all", () => {
    for (const committeeId of [CITY, COUNTY_A, TOWN_A1]) {
      for (const action of ASSIGNMENT_ACTIONS) {
        expect(mayAct(user("member", committeeId), countyAssignment, action)).toBe(false);
        expect(mayAct(user("member", committeeId), townshipAssignment, action)).toBe(false);
      }
    }
  });

  it("does not let another county's staff act on it", () => {
    for (const action of ASSIGNMENT_ACTIONS) {
      expect(mayAct(user("county_staff", COUNTY_B), countyAssignment, action)).toBe(false);
      expect(mayAct(user("county_staff", COUNTY_B), townshipAssignment, action)).toBe(false);
    }
  });

  it("has no reviewer for something a township issued", () => {
    const fromTownship: AssignmentParties = { committeeId: TOWN_A2, issuerCommitteeId: TOWN_A1, issuerLevel: "township" };
    for (const role of ["township_liaison", "county_staff", "member"] as const) expect(sideOf(user(role, TOWN_A1), fromTownship)).toBeNull();
  });
});

describe("percentProblem", () => {
  it("accepts an equal or higher percent", () => {
    expect(percentProblem(40, 40, false)).toBeNull();
    expect(percentProblem(40, 41, false)).toBeNull();
    expect(percentProblem(0, 100, false)).toBeNull();
    expect(percentProblem(0, 0, false)).toBeNull();
  });

  it("refuses a lower percent", () => {
    expect(percentProblem(40, 39, false)).toBe("lower");
    expect(percentProblem(100, 0, false)).toBe("lower");
  });

  it("allows a lower percent right after a return", () => {
    expect(percentProblem(100, 60, true)).toBeNull();
    expect(percentProblem(100, 0, true)).toBeNull();
  });

  it("refuses a percent out of 0–100 or not whole, returned or not", () => {
    for (const afterReturn of [false, true]) {
      expect(percentProblem(0, -1, afterReturn)).toBe("outOfRange");
      expect(percentProblem(0, 101, afterReturn)).toBe("outOfRange");
      expect(percentProblem(0, 50.5, afterReturn)).toBe("outOfRange");
      expect(percentProblem(0, Number.NaN, afterReturn)).toBe("outOfRange");
      expect(percentProblem(100, 150, afterReturn)).toBe("outOfRange");
    }
  });
});

describe("isOverdue", () => {
  const today = "2024-05-17";

  it("is overdue from the day after the deadline, for every status but 已办结", () => {
    for (const status of ["sent", "accepted", "in_progress", "reported"] as const) {
      expect(isOverdue({ deadline: "2024-05-16", status }, today)).toBe(true);
      expect(isOverdue({ deadline: "2023-12-31", status }, today)).toBe(true);
    }
  });

  it("is not overdue on the deadline day itself, or before", () => {
    expect(isOverdue({ deadline: "2024-05-17", status: "in_progress" }, today)).toBe(false);
    expect(isOverdue({ deadline: "2024-05-18", status: "sent" }, today)).toBe(false);
  });

  it("is never overdue once approved", () => {
    expect(isOverdue({ deadline: "2024-05-16", status: "approved" }, today)).toBe(false);
    expect(isOverdue({ deadline: "2020-01-01", status: "approved" }, today)).toBe(false);
  });

  it("compares calendar days across month and year ends", () => {
    expect(isOverdue({ deadline: "2024-04-30", status: "sent" }, "2024-05-01")).toBe(true);
    expect(isOverdue({ deadline: "2023-12-31", status: "sent" }, "2024-01-01")).toBe(true);
    expect(isOverdue({ deadline: "2024-01-01", status: "sent" }, "2023-12-31")).toBe(false);
  });
});

describe("chinaToday", () => {
  it("is already the next day in Shanghai at 16:00 UTC", () => {
    expect(chinaToday(new Date("2024-03-31T16:30:00Z"))).toBe("2024-04-01");
    expect(chinaToday(new Date("2023-12-31T16:00:00Z"))).toBe("2024-01-01");
  });

  it("is still the same day just before 16:00 UTC", () => {
    expect(chinaToday(new Date("2024-03-31T15:59:59Z"))).toBe("2024-03-31");
    expect(chinaToday(new Date("2024-02-29T00:00:00Z"))).toBe("2024-02-29");
  });

  it("defaults to now, as YYYY-MM-DD", () => {
    const before = chinaToday(new Date());
    const value = chinaToday();
    expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(value >= before).toBe(true);
  });

  it("makes a deadline of the Shanghai day overdue only from the next Shanghai day", () => {
    // 2024-05-17 23:30 in Shanghai is 15:30 UTC; 2024-05-18 00:30 in Shanghai is 16:30 UTC.
    const assignment = { deadline: "2024-05-17", status: "in_progress" } as const;
    expect(isOverdue(assignment, chinaToday(new Date("2024-05-17T15:30:00Z")))).toBe(false);
    expect(isOverdue(assignment, chinaToday(new Date("2024-05-17T16:30:00Z")))).toBe(true);
  });
});
