import { describe, expect, it } from "vitest";
import { addMonths, buildCoverage, cellState, cellsOf, type CoverageCommittee, gapsOf, defaultCampaign, defaultReportMonth, monthPhase, monthsBetween, monthsOfYear, monthStart, shanghaiMonth } from "./coverage";

describe("months in Asia/Shanghai", () => {
  it("puts an instant in the Shanghai month, across the UTC day boundary", () => {
    // 2026-10-31 23:30 Shanghai is still October; 2026-10-31 16:00Z is 1 November 00:00 there.
    expect(shanghaiMonth(new Date("2026-10-31T15:30:00Z"))).toBe("2026-10");
    expect(shanghaiMonth(new Date("2026-10-31T16:00:00Z"))).toBe("2026-11");
    expect(shanghaiMonth(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01");
  });

  it("adds months across years", () => {
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2026-03", 14)).toBe("2027-05");
  });

  it("starts a month at Shanghai midnight", () => {
    expect(monthStart("2026-11").toISOString()).toBe("2026-10-31T16:00:00.000Z");
    expect(monthStart("2027-01").toISOString()).toBe("2026-12-31T16:00:00.000Z");
  });

  it("lists a campaign's months from start to end, and a year's twelve", () => {
    expect(monthsBetween("2026-03-15", "2026-06-01")).toEqual(["2026-03", "2026-04", "2026-05", "2026-06"]);
    expect(monthsBetween("2026-11-01", "2027-02-28")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    expect(monthsOfYear(2026)).toHaveLength(12);
    expect(monthsOfYear(2026)[0]).toBe("2026-01");
    expect(monthsOfYear(2026)[11]).toBe("2026-12");
  });

  it("tells past, current and future months apart by the Shanghai date", () => {
    const now = new Date("2026-10-31T16:30:00Z"); // 1 November 00:30 in Shanghai
    expect(monthPhase("2026-10", now)).toBe("past");
    expect(monthPhase("2026-11", now)).toBe("current");
    expect(monthPhase("2026-12", now)).toBe("future");
  });

  it("highlights a past month with nothing held as a gap, not the current or a future one", () => {
    expect(cellState(0, "past")).toBe("gap");
    expect(cellState(2, "past")).toBe("held");
    expect(cellState(0, "current")).toBe("open");
    expect(cellState(1, "current")).toBe("held");
    expect(cellState(0, "future")).toBe("future");
  });
});

describe("buildCoverage", () => {
  const city: CoverageCommittee = { id: 1, name: "市政协", level: "city", parentId: null, path: "/1/", sortOrder: 0 };
  const countyA: CoverageCommittee = { id: 2, name: "A县", level: "county", parentId: 1, path: "/1/2/", sortOrder: 2 };
  const countyB: CoverageCommittee = { id: 3, name: "B县", level: "county", parentId: 1, path: "/1/3/", sortOrder: 1 };
  const townA1: CoverageCommittee = { id: 4, name: "A1镇", level: "township", parentId: 2, path: "/1/2/4/", sortOrder: 1 };
  const townA2: CoverageCommittee = { id: 5, name: "A2镇", level: "township", parentId: 2, path: "/1/2/5/", sortOrder: 2 };
  const all = [city, countyA, countyB, townA1, townA2];
  const months = ["2026-09", "2026-10", "2026-11", "2026-12"];
  const now = new Date("2026-11-20T04:00:00Z");
  const counts = [
    { committeeId: 1, month: "2026-09", n: 1 },
    { committeeId: 2, month: "2026-09", n: 2 },
    { committeeId: 4, month: "2026-10", n: 1 },
    { committeeId: 5, month: "2026-10", n: 3 },
    { committeeId: 3, month: "2026-11", n: 1 },
    // Outside the columns: ignored.
    { committeeId: 3, month: "2026-01", n: 9 },
  ];

  it("gives the city its own row and one per county with the townships rolled in, in sort order", () => {
    const m = buildCoverage(1, all, counts, months, now);
    expect(m.months.map((x) => x.phase)).toEqual(["past", "past", "current", "future"]);
    expect(m.rows.map((r) => [r.name, r.kind, r.counts])).toEqual([
      ["市政协", "own", [1, 0, 0, 0]],
      ["B县", "own", [0, 0, 1, 0]],
      ["A县", "subtree", [2, 4, 0, 0]],
    ]);
    expect(m.total).toEqual([3, 4, 1, 0]);
    const a = m.rows[2]!;
    expect(cellsOf(a.counts, m.months)).toEqual(["held", "held", "open", "future"]);
    expect(gapsOf(a.counts, m.months)).toBe(0);
    expect(cellsOf(m.rows[1]!.counts, m.months)).toEqual(["gap", "gap", "held", "future"]);
    expect(gapsOf(m.rows[1]!.counts, m.months)).toBe(2);
    // The county's breakdown: its own activities and each township's.
    expect(a.children!.map((r) => [r.name, r.kind, r.counts, gapsOf(r.counts, m.months)])).toEqual([
      ["A县", "own", [2, 0, 0, 0], 1],
      ["A1镇", "own", [0, 1, 0, 0], 1],
      ["A2镇", "own", [0, 3, 0, 0], 1],
    ]);
  });

  it("gives a county its own row and one per township", () => {
    const m = buildCoverage(2, [countyA, townA1, townA2], counts.filter((c) => [2, 4, 5].includes(c.committeeId)), months, now);
    expect(m.rows.map((r) => [r.name, r.kind, r.counts, r.children])).toEqual([
      ["A县", "own", [2, 0, 0, 0], undefined],
      ["A1镇", "own", [0, 1, 0, 0], undefined],
      ["A2镇", "own", [0, 3, 0, 0], undefined],
    ]);
    expect(m.total).toEqual([2, 4, 0, 0]);
  });

  it("rolls a subtree up whatever the ids and path lengths, as the sum over every committee below", () => {
    // Ids of different widths ("/1/123/" is as long as "/1/2/4/"), a committee of the city listed before its county, and a fourth level.
    const wide: CoverageCommittee = { id: 123, name: "C县", level: "county", parentId: 1, path: "/1/123/", sortOrder: 3 };
    const deep: CoverageCommittee = { id: 7, name: "A1村", level: "township", parentId: 4, path: "/1/2/4/7/", sortOrder: 1 };
    const wideTown: CoverageCommittee = { id: 8, name: "C1镇", level: "township", parentId: 123, path: "/1/123/8/", sortOrder: 1 };
    const extra = [
      { committeeId: 7, month: "2026-09", n: 5 },
      { committeeId: 123, month: "2026-10", n: 2 },
      { committeeId: 8, month: "2026-10", n: 1 },
    ];
    const m = buildCoverage(1, [wideTown, deep, ...all, wide], [...counts, ...extra], months, now);
    const everything = [...all, wide, deep, wideTown];
    const bySubtree = (c: CoverageCommittee) =>
      months.map((month) => [...counts, ...extra].filter((x) => x.month === month && everything.find((o) => o.id === x.committeeId)!.path.startsWith(c.path)).reduce((s, x) => s + x.n, 0));
    const a = m.rows.find((r) => r.committeeId === 2)!;
    expect(a.counts).toEqual(bySubtree(countyA));
    expect(a.children!.find((r) => r.committeeId === 4)).toMatchObject({ kind: "subtree", counts: bySubtree(townA1) });
    expect(m.rows.find((r) => r.committeeId === 123)).toMatchObject({ kind: "subtree", counts: bySubtree(wide) });
    expect(m.total).toEqual(bySubtree(city));
  });

  it("gives a township only its own row", () => {
    const m = buildCoverage(4, [townA1], counts.filter((c) => c.committeeId === 4), months, now);
    expect(m.rows.map((r) => [r.name, r.counts])).toEqual([["A1镇", [0, 1, 0, 0]]]);
  });
});

describe("defaults", () => {
  const campaigns = [
    { id: 3, startDate: "2027-03-01", endDate: "2027-12-31" },
    { id: 2, startDate: "2026-03-01", endDate: "2026-12-31" },
    { id: 1, startDate: "2023-03-01", endDate: "2023-12-31" },
  ];

  it("opens the campaign under way, else the newest", () => {
    expect(defaultCampaign(campaigns, new Date("2026-11-20T00:00:00Z"))?.id).toBe(2);
    expect(defaultCampaign(campaigns, new Date("2025-06-01T00:00:00Z"))?.id).toBe(3);
    expect(defaultCampaign([], new Date())).toBeUndefined();
  });

  it("opens the month just ended, or the campaign's edge when today lies outside it", () => {
    const months = monthsBetween("2026-03-01", "2026-12-31");
    expect(defaultReportMonth(months, new Date("2026-11-20T00:00:00Z"))).toBe("2026-10");
    expect(defaultReportMonth(months, new Date("2026-03-10T00:00:00Z"))).toBe("2026-03");
    expect(defaultReportMonth(months, new Date("2025-01-10T00:00:00Z"))).toBe("2026-03");
    expect(defaultReportMonth(months, new Date("2027-05-10T00:00:00Z"))).toBe("2026-12");
  });
});
