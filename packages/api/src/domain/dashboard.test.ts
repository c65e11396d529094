import { describe, expect, it } from "vitest";
import { buildBreakdown, buildTrend, dashboardMonth, emptyCounts, OwnCounts, ratesOf } from "./dashboard";

const city = { id: 1, name: "市", level: "city" as const, parentId: null, path: "/1/", sortOrder: 0 };
const countyA = { id: 2, name: "甲县", level: "county" as const, parentId: 1, path: "/1/2/", sortOrder: 2 };
const countyB = { id: 3, name: "乙县", level: "county" as const, parentId: 1, path: "/1/3/", sortOrder: 1 };
const townA1 = { id: 4, name: "甲县一镇", level: "township" as const, parentId: 2, path: "/1/2/4/", sortOrder: 1 };
const tree = [city, countyA, countyB, townA1];

describe("buildBreakdown", () => {
  it("rolls each child's subtree into its row, keeps the root's own row, and totals the whole tree", () => {
    const own = new OwnCounts();
    own.add(1, "activities", 1);
    own.add(2, "activities", 2);
    own.add(4, "activities", 3);
    own.add(4, "activitiesInMonth", 1);
    own.add(3, "problems", 4);
    own.add(3, "problemsClosed", 1);
    const b = buildBreakdown(city, tree, own);
    expect(b.rows.map((r) => [r.name, r.kind, r.counts.activities])).toEqual([
      ["市", "own", 1],
      ["乙县", "subtree", 0],
      ["甲县", "subtree", 5],
    ]);
    expect(b.total.activities).toBe(6);
    expect(b.total.problems).toBe(4);
    expect(b.rows[1]!.rates.closure).toBe(25);
    // Coverage is judged over the children: 甲县 held one through its township, 乙县 none.
    expect(b.coverage).toEqual({ covered: 1, of: 2, percent: 50 });
  });

  it("judges a committee without children by its own activities", () => {
    const own = new OwnCounts();
    const b = buildBreakdown(townA1, [townA1], own);
    expect(b.rows).toHaveLength(1);
    expect(b.coverage).toEqual({ covered: 0, of: 1, percent: 0 });
  });
});

describe("ratesOf", () => {
  it("gives null rates when there is nothing to divide by", () => {
    expect(ratesOf(emptyCounts())).toEqual({ participation: null, closure: null, adoption: null });
  });

  it("computes participation, closure and adoption as percents with one decimal", () => {
    const c = { ...emptyCounts(), members: 3, participants: 2, problems: 14, problemsClosed: 13, opinionsAdopted: 1, opinionsPartlyAdopted: 1, opinionsNotAdopted: 1, opinions: 5 };
    expect(ratesOf(c)).toEqual({ participation: 66.7, closure: 92.9, adoption: 66.7 });
  });
});

describe("dashboardMonth", () => {
  const months = ["2026-03", "2026-04", "2026-05"];
  it("opens on the current month while the campaign runs", () => {
    expect(dashboardMonth(months, new Date("2026-04-30T16:30:00Z"))).toBe("2026-05"); // 1 May in Shanghai
  });
  it("opens on the last month of a campaign over and the first of one not begun", () => {
    expect(dashboardMonth(months, new Date("2026-08-01T00:00:00Z"))).toBe("2026-05");
    expect(dashboardMonth(months, new Date("2026-01-01T00:00:00Z"))).toBe("2026-03");
  });
});

describe("buildTrend", () => {
  it("fills months without figures with zeros and leaves reports not yet due empty", () => {
    const m = (entries: [string, number][]) => new Map(entries);
    const trend = buildTrend(
      ["2026-03", "2026-04", "2026-05"],
      new Date("2026-04-10T00:00:00Z"),
      { activities: m([["2026-03", 2]]), problemsFound: m([]), problemsClosed: m([["2026-04", 1]]), tasksApproved: m([]), opinions: m([]), reportsMissing: m([]) },
      (month) => month === "2026-03",
    );
    expect(trend.map((t) => [t.month, t.begun, t.activities, t.problemsClosed, t.reportsMissing])).toEqual([
      ["2026-03", true, 2, 0, 0],
      ["2026-04", true, 0, 1, null],
      ["2026-05", false, 0, 0, null],
    ]);
  });
});
