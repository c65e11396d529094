import { describe, expect, it } from "vitest";
import { isOverdue } from "@dm/api/domain/assignment";
import { chinaToday as shanghaiDay } from "@dm/api/domain/china-time";
import {
  activityReminderDay,
  addDays,
  dayRange,
  daysBetween,
  deadlineReminderKind,
  midMonthWarning,
  monthLabel,
  monthlyReportReminder,
  monthStart,
  remindedDeadlines,
  reportedMonth,
  shanghaiTime,
} from "./rules";

describe("Asia/Shanghai days", () => {
  it("counts the day at +08:00, not in UTC or the server's zone", () => {
    expect(shanghaiDay(new Date("2026-06-14T15:59:59Z"))).toBe("2026-06-14");
    expect(shanghaiDay(new Date("2026-06-14T16:00:00Z"))).toBe("2026-06-15");
    expect(shanghaiDay(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01-01");
    expect(shanghaiTime(new Date("2026-06-14T01:30:00Z"))).toBe("09:30");
  });

  it("spans a day from midnight to midnight Shanghai time", () => {
    const { from, to } = dayRange("2026-06-15");
    expect(from.toISOString()).toBe("2026-06-14T16:00:00.000Z");
    expect(to.toISOString()).toBe("2026-06-15T16:00:00.000Z");
  });

  it("adds days and months across month, year and leap-day boundaries", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-06-29", "2026-07-02")).toBe(3);
    expect(daysBetween("2026-07-02", "2026-06-29")).toBe(-3);
    expect(monthStart("2026-01-31", -1)).toBe("2025-12-01");
    expect(monthStart("2026-12-15", 1)).toBe("2027-01-01");
    expect(monthLabel("2026-06-01")).toBe("2026年6月");
  });
});

describe("deadline reminders", () => {
  it("reminds 3 days and 1 day before the deadline, and on no other day", () => {
    expect(remindedDeadlines("2026-06-28")).toEqual(["2026-07-01", "2026-06-29"]);
    expect(deadlineReminderKind("2026-07-01", "2026-06-28")).toBe("assignment.dueIn3");
    expect(deadlineReminderKind("2026-07-01", "2026-06-30")).toBe("assignment.dueIn1");
    for (const today of ["2026-06-27", "2026-06-29", "2026-07-01", "2026-07-02"]) expect(deadlineReminderKind("2026-07-01", today)).toBeNull();
  });

  it("is overdue from the day after the deadline", () => {
    expect(isOverdue({ deadline: "2026-06-30", status: "sent" }, "2026-06-30")).toBe(false);
    expect(isOverdue({ deadline: "2026-06-30", status: "sent" }, "2026-07-01")).toBe(true);
  });
});

describe("the mid-month warning", () => {
  it("is due from the 15th, for the whole Shanghai month", () => {
    expect(midMonthWarning("2026-06-14")).toBeNull();
    const warning = midMonthWarning("2026-06-15")!;
    expect(warning.month).toBe("2026-06-01");
    expect(warning.from.toISOString()).toBe("2026-05-31T16:00:00.000Z");
    expect(warning.to.toISOString()).toBe("2026-06-30T16:00:00.000Z");
    expect(midMonthWarning("2026-06-30")!.month).toBe("2026-06-01");
    expect(midMonthWarning("2026-12-20")!.to.toISOString()).toBe("2026-12-31T16:00:00.000Z");
  });
});

describe("monthly-report reminders", () => {
  it("reports on last month", () => {
    expect(reportedMonth("2026-01-03")).toEqual({ month: "2025-12-01", lastDay: "2025-12-31" });
  });

  it("reminds early in the month and the day before the due day (the 5th)", () => {
    expect(monthlyReportReminder("2026-07-01", 5)).toEqual({ kind: "monthlyReport.due", month: "2026-06-01", dueDate: "2026-07-05" });
    expect(monthlyReportReminder("2026-07-03", 5)).toEqual({ kind: "monthlyReport.due", month: "2026-06-01", dueDate: "2026-07-05" });
    expect(monthlyReportReminder("2026-07-04", 5)).toEqual({ kind: "monthlyReport.dueTomorrow", month: "2026-06-01", dueDate: "2026-07-05" });
    expect(monthlyReportReminder("2026-07-05", 5)).toBeNull();
    expect(monthlyReportReminder("2026-07-20", 5)).toBeNull();
  });

  it("handles due days at the edges of the month", () => {
    expect(monthlyReportReminder("2026-07-01", 1)).toMatchObject({ kind: "monthlyReport.due", dueDate: "2026-07-01" });
    expect(monthlyReportReminder("2026-07-01", 2)).toMatchObject({ kind: "monthlyReport.dueTomorrow", dueDate: "2026-07-02" });
    expect(monthlyReportReminder("2026-07-02", 2)).toBeNull();
    // The 31st of a 30-day month is its last day.
    expect(monthlyReportReminder("2026-06-29", 31)).toMatchObject({ kind: "monthlyReport.dueTomorrow", dueDate: "2026-06-30" });
    expect(monthlyReportReminder("2026-01-02", 10)).toMatchObject({ kind: "monthlyReport.due", month: "2025-12-01", dueDate: "2026-01-10" });
  });
});

describe("activity reminders", () => {
  it("go out the day before, by the Shanghai calendar", () => {
    expect(activityReminderDay("2026-06-30")).toBe("2026-07-01");
    // 23:30 UTC on the 14th is already the 15th in Shanghai: the reminder is for the 16th.
    expect(activityReminderDay(shanghaiDay(new Date("2026-06-14T23:30:00Z")))).toBe("2026-06-16");
  });
});
