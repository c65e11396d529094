import { describe, expect, it } from "vitest";
import { chinaYear, computePoints, DEFAULT_POINT_RULES, effectiveRules, type PointCounts, ruleProblems, yearBounds } from "./points";

const none: PointCounts = { present: 0, late: 0, absent: 0, excused: 0, finding: 0 };

describe("computePoints", () => {
  it("gives nothing for a year without activity", () => {
    const result = computePoints(none, DEFAULT_POINT_RULES);
    expect(result.total).toBe(0);
    expect(result.lines.map((l) => l.subtotal)).toEqual([0, 0, 0, 0, 0]);
  });

  it("sums count × value over every rule with the defaults", () => {
    // 4 on time (5 each), 1 late (3), 1 absent (−3), 2 excused (0), 3 findings (2 each).
    const result = computePoints({ present: 4, late: 1, absent: 1, excused: 2, finding: 3 }, DEFAULT_POINT_RULES);
    expect(result.total).toBe(20 + 3 - 3 + 0 + 6);
    expect(result.lines).toEqual([
      { code: "present", count: 4, points: 5, subtotal: 20 },
      { code: "late", count: 1, points: 3, subtotal: 3 },
      { code: "absent", count: 1, points: -3, subtotal: -3 },
      { code: "excused", count: 2, points: 0, subtotal: 0 },
      { code: "finding", count: 3, points: 2, subtotal: 6 },
    ]);
  });

  it("lets unannounced absences take the total below zero", () => {
    expect(computePoints({ ...none, absent: 3 }, DEFAULT_POINT_RULES).total).toBe(-9);
  });

  it("follows changed rule values", () => {
    const rules = { present: 10, late: 4, absent: -5, excused: 1, finding: 3 };
    expect(computePoints({ present: 2, late: 1, absent: 1, excused: 1, finding: 2 }, rules).total).toBe(20 + 4 - 5 + 1 + 6);
  });

  it("makes an on-time attendance worth more than a late one by default", () => {
    expect(computePoints({ ...none, present: 1 }, DEFAULT_POINT_RULES).total).toBeGreaterThan(computePoints({ ...none, late: 1 }, DEFAULT_POINT_RULES).total);
    expect(computePoints({ ...none, excused: 1 }, DEFAULT_POINT_RULES).total).toBeGreaterThan(computePoints({ ...none, absent: 1 }, DEFAULT_POINT_RULES).total);
  });
});

describe("effectiveRules", () => {
  it("uses the defaults when nothing is stored", () => {
    expect(effectiveRules([])).toEqual(DEFAULT_POINT_RULES);
  });

  it("lets stored rows override single rules and ignores unknown codes", () => {
    expect(effectiveRules([{ code: "present", points: 8 }, { code: "report", points: 9 }])).toEqual({ ...DEFAULT_POINT_RULES, present: 8 });
  });

  it("does not change the defaults it starts from", () => {
    effectiveRules([{ code: "late", points: 1 }]);
    expect(DEFAULT_POINT_RULES.late).toBe(3);
  });
});

describe("ruleProblems", () => {
  it("accepts the defaults", () => {
    expect(ruleProblems(DEFAULT_POINT_RULES)).toEqual({});
  });

  it("refuses late above on time, leave above late, absence above leave and negative findings", () => {
    expect(ruleProblems({ present: 2, late: 3, absent: -1, excused: 0, finding: 1 })).toEqual({ late: "points.lateAbovePresent" });
    expect(ruleProblems({ present: 5, late: 3, absent: 0, excused: 4, finding: 1 })).toEqual({ excused: "points.excusedAboveLate" });
    expect(ruleProblems({ present: 5, late: 3, absent: 1, excused: 0, finding: 1 })).toEqual({ absent: "points.absentAboveExcused" });
    expect(ruleProblems({ ...DEFAULT_POINT_RULES, finding: -1 })).toEqual({ finding: "points.findingNegative" });
  });

  it("accepts equal values (a flat scheme)", () => {
    expect(ruleProblems({ present: 1, late: 1, absent: 1, excused: 1, finding: 1 })).toEqual({});
  });
});

describe("yearBounds and chinaYear", () => {
  it("bounds the year at midnight China time", () => {
    const { from, to } = yearBounds(2026);
    expect(from.toISOString()).toBe("2025-12-31T16:00:00.000Z");
    expect(to.toISOString()).toBe("2026-12-31T16:00:00.000Z");
  });

  it("turns the year at midnight in China, not in UTC", () => {
    expect(chinaYear(new Date("2026-12-31T15:59:59Z"))).toBe(2026);
    expect(chinaYear(new Date("2026-12-31T16:00:00Z"))).toBe(2027);
  });
});
