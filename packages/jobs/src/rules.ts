/**
 * The reminder rules: who is due for what on which day. Every day here is a calendar day in
 * Asia/Shanghai (YYYY-MM-DD), where deadlines, activities and months are counted; China keeps
 * no daylight saving time, so a day is always [00:00, 24:00) at +08:00. Pure functions: the
 * handlers ask them which days to query and which kind to send.
 */

export const TIME_ZONE = "Asia/Shanghai";
const OFFSET = "+08:00";

const timeFormat = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** The Shanghai wall-clock time of an instant, HH:mm. */
export function shanghaiTime(at: Date): string {
  return timeFormat.format(at);
}

/** The instants a Shanghai day spans: [from, to). */
export function dayRange(day: string): { from: Date; to: Date } {
  return { from: new Date(`${day}T00:00:00${OFFSET}`), to: new Date(`${addDays(day, 1)}T00:00:00${OFFSET}`) };
}

/** Calendar arithmetic on YYYY-MM-DD (done in UTC, where no day is 23 or 25 hours long). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The first day of the month `n` months after the month of `day`. */
export function monthStart(day: string, n = 0): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}

const dayOfMonth = (day: string) => Number(day.slice(8, 10));

/* ─── Task deadlines ────────────────────────────────────────────────────────────────────── */

/** Reminders before an unapproved assignment's deadline: 3 days and 1 day ahead. */
export const DEADLINE_REMINDERS = [
  { kind: "assignment.dueIn3", daysAhead: 3 },
  { kind: "assignment.dueIn1", daysAhead: 1 },
] as const;
export type DeadlineReminderKind = (typeof DEADLINE_REMINDERS)[number]["kind"];

/** The deadlines that get a reminder today. */
export function remindedDeadlines(today: string): string[] {
  return DEADLINE_REMINDERS.map((r) => addDays(today, r.daysAhead));
}

/** Which reminder, if any, an assignment due on `deadline` gets today. */
export function deadlineReminderKind(deadline: string, today: string): DeadlineReminderKind | null {
  const left = daysBetween(today, deadline);
  return DEADLINE_REMINDERS.find((r) => r.daysAhead === left)?.kind ?? null;
}

/* ─── Monthly coverage: 每月有活动 ──────────────────────────────────────────────────────────── */

/** The day of the month from which committees with no activity yet are warned. */
export const MID_MONTH_DAY = 15;

/**
 * From the 15th on, a committee with no held or planned activity in the current month is warned
 * once that month (a run missed on the 15th catches up the next day). Null before the 15th.
 */
export function midMonthWarning(today: string): { month: string; from: Date; to: Date } | null {
  if (dayOfMonth(today) < MID_MONTH_DAY) return null;
  const month = monthStart(today);
  return { month, from: dayRange(month).from, to: dayRange(monthStart(today, 1)).from };
}

/* ─── Monthly reports: 月报 ─────────────────────────────────────────────────────────────── */

export type MonthlyReportReminderKind = "monthlyReport.due" | "monthlyReport.dueTomorrow";

/** The month reported on in `today`'s month (last month), and its first and last days. */
export function reportedMonth(today: string): { month: string; lastDay: string } {
  const month = monthStart(today, -1);
  return { month, lastDay: addDays(monthStart(today), -1) };
}

/**
 * Last month's report is due on `dueDay` of this month. Its committees are reminded twice: once
 * early in the month (the 1st, or the next day a run happens, up to two days before the due day)
 * and once the day before it is due. Null on the other days.
 */
export function monthlyReportReminder(today: string, reportDueDay: number): { kind: MonthlyReportReminderKind; month: string; dueDate: string } | null {
  const day = dayOfMonth(today);
  const { month } = reportedMonth(today);
  // A due day past the month's end (the 31st in June) means its last day.
  const dueDay = Math.max(1, Math.min(reportDueDay, dayOfMonth(addDays(monthStart(today, 1), -1))));
  const dueDate = addDays(monthStart(today), dueDay - 1);
  if (dueDay >= 2 && day === dueDay - 1) return { kind: "monthlyReport.dueTomorrow", month, dueDate };
  if (day >= 1 && day <= Math.max(1, dueDay - 2)) return { kind: "monthlyReport.due", month, dueDate };
  return null;
}

/* ─── Activities ────────────────────────────────────────────────────────────────────────── */

/** The day before an activity its registered members are reminded: activities of tomorrow. */
export function activityReminderDay(today: string): string {
  return addDays(today, 1);
}

/** How a month reads in a notification title: 2026年6月. */
export function monthLabel(month: string): string {
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
}
