import { describe, expect, it } from "vitest";
import { monthsBetween } from "./coverage";
import { activitySummaryOf, countStates, dueDate, reportDeadline, reportMonthProblem, reportState } from "./monthly-report";

/** An instant given as Shanghai wall-clock time. */
const sh = (local: string) => new Date(`${local}+08:00`);

describe("reportDeadline", () => {
  it("ends with the due day of the following month, at Shanghai midnight", () => {
    expect(reportDeadline("2026-10", 5).toISOString()).toBe("2026-11-05T16:00:00.000Z");
    expect(dueDate("2026-10", 5)).toBe("2026-11-05");
  });

  it("rolls December's reports into January of the next year", () => {
    expect(reportDeadline("2026-12", 5)).toEqual(sh("2027-01-06T00:00:00"));
    expect(dueDate("2026-12", 10)).toBe("2027-01-10");
  });

  it("handles the 28th in February of common and leap years", () => {
    expect(reportDeadline("2027-01", 28)).toEqual(sh("2027-03-01T00:00:00"));
    expect(reportDeadline("2028-01", 28)).toEqual(sh("2028-02-29T00:00:00"));
    expect(dueDate("2027-01", 28)).toBe("2027-02-28");
  });

  it("handles the 1st and a month after a 31-day month", () => {
    expect(reportDeadline("2026-07", 1)).toEqual(sh("2026-08-02T00:00:00"));
    expect(reportDeadline("2026-01", 28)).toEqual(sh("2026-03-01T00:00:00"));
  });
});

describe("reportState", () => {
  const base = { month: "2026-10", dueDay: 5 };

  it("is submitted when in by the end of the due day in Shanghai", () => {
    // 23:59:59 on 5 November in Shanghai is 15:59:59Z: still on time.
    expect(reportState({ ...base, submittedAt: new Date("2026-11-05T15:59:59Z"), now: new Date("2026-12-01T00:00:00Z") })).toBe("submitted");
    // Submitted during the month itself.
    expect(reportState({ ...base, submittedAt: sh("2026-10-30T10:00:00"), now: sh("2026-10-30T10:00:00") })).toBe("submitted");
  });

  it("is late when submitted from Shanghai midnight after the due day on", () => {
    expect(reportState({ ...base, submittedAt: new Date("2026-11-05T16:00:00Z"), now: new Date("2026-12-01T00:00:00Z") })).toBe("late");
    expect(reportState({ ...base, submittedAt: sh("2026-12-20T09:00:00"), now: sh("2026-12-20T09:00:00") })).toBe("late");
  });

  it("is pending until the deadline passes, then missing", () => {
    expect(reportState({ ...base, submittedAt: null, now: sh("2026-10-15T12:00:00") })).toBe("pending");
    expect(reportState({ ...base, submittedAt: null, now: sh("2026-11-05T23:59:59") })).toBe("pending");
    // 5 November 16:00Z is already the 6th in Shanghai, though still the 5th in UTC.
    expect(reportState({ ...base, submittedAt: null, now: new Date("2026-11-05T16:00:00Z") })).toBe("missing");
  });

  it("follows the campaign's own due day", () => {
    const now = sh("2026-11-08T12:00:00");
    expect(reportState({ month: "2026-10", dueDay: 5, submittedAt: null, now })).toBe("missing");
    expect(reportState({ month: "2026-10", dueDay: 10, submittedAt: null, now })).toBe("pending");
    expect(reportState({ month: "2026-10", dueDay: 10, submittedAt: now, now })).toBe("submitted");
  });

  it("counts states", () => {
    expect(countStates(["submitted", "late", "late", "missing"])).toEqual({ submitted: 1, late: 2, missing: 1, pending: 0 });
  });
});

describe("reportMonthProblem", () => {
  const months = monthsBetween("2026-03-01", "2026-12-31");

  it("allows begun months of the campaign, including the current one", () => {
    expect(reportMonthProblem("2026-10", months, sh("2026-11-20T10:00:00"))).toBeNull();
    expect(reportMonthProblem("2026-11", months, sh("2026-11-01T00:00:00"))).toBeNull();
  });

  it("refuses a month not yet begun in Shanghai, and months outside the campaign", () => {
    // One second before November begins in Shanghai.
    expect(reportMonthProblem("2026-11", months, sh("2026-10-31T23:59:59"))).toBe("notBegun");
    expect(reportMonthProblem("2026-12", months, sh("2026-11-20T10:00:00"))).toBe("notBegun");
    expect(reportMonthProblem("2026-02", months, sh("2026-11-20T10:00:00"))).toBe("outsideCampaign");
    expect(reportMonthProblem("2027-01", months, sh("2027-01-20T10:00:00"))).toBe("outsideCampaign");
  });
});

describe("activitySummaryOf", () => {
  it("lists the activities in date order with their Shanghai dates and places", () => {
    const text = activitySummaryOf([
      { startsAt: sh("2026-10-20T09:00:00"), title: "屋场会", place: "村部" },
      // 31 October 23:30 in Shanghai (15:30Z): dated the 31st, not the day before or after.
      { startsAt: new Date("2026-10-31T15:30:00Z"), title: "夜查排污口", place: "渌江" },
      { startsAt: sh("2026-10-01T00:00:00"), title: "踏察", place: "湘江" },
    ]);
    expect(text).toBe("1. 10月1日 踏察（湘江）\n2. 10月20日 屋场会（村部）\n3. 10月31日 夜查排污口（渌江）");
    expect(activitySummaryOf([])).toBe("");
  });
});
