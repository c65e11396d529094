import { addMonths, type Month, monthPhase } from "./coverage";
import { SHANGHAI_OFFSET_MS } from "./china-time";

/**
 * 月报: each county and township reports on every month of a campaign, due by the campaign's
 * `reportDueDay` of the following month (Asia/Shanghai). Late and missing are derived from the
 * deadline, never stored. Pure rules, unit-tested beside this file.
 */

export const REPORT_STATES = ["submitted", "late", "missing", "pending"] as const;
export type ReportState = (typeof REPORT_STATES)[number];


/** The due date as a calendar date: day `dueDay` of the month after `month` ("2026-11-05"). */
export function dueDate(month: Month, dueDay: number): string {
  return `${addMonths(month, 1)}-${String(dueDay).padStart(2, "0")}`;
}

/**
 * The first instant that is too late: midnight Shanghai at the end of the due day. Due day 28
 * of February in a common year ends at 1 March 00:00 (Date.UTC rolls the 29th over).
 */
export function reportDeadline(month: Month, dueDay: number): Date {
  const [y, m] = addMonths(month, 1).split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, dueDay + 1) - SHANGHAI_OFFSET_MS);
}

/**
 * submitted: in by the deadline; late: submitted after it; missing: the deadline has passed and
 * nothing is submitted (a draft does not count); pending: not submitted, still time.
 */
export function reportState(input: { month: Month; dueDay: number; submittedAt: Date | null; now: Date }): ReportState {
  const deadline = reportDeadline(input.month, input.dueDay).getTime();
  if (input.submittedAt) return input.submittedAt.getTime() < deadline ? "submitted" : "late";
  return input.now.getTime() >= deadline ? "missing" : "pending";
}

export function countStates(states: readonly ReportState[]): Record<ReportState, number> {
  const counts = { submitted: 0, late: 0, missing: 0, pending: 0 };
  for (const s of states) counts[s] += 1;
  return counts;
}

/** Why a month cannot be reported on, or null when it can: it must lie in the campaign and have begun. */
export function reportMonthProblem(month: Month, campaignMonths: readonly Month[], now: Date): "outsideCampaign" | "notBegun" | null {
  if (!campaignMonths.includes(month)) return "outsideCampaign";
  if (monthPhase(month, now) === "future") return "notBegun";
  return null;
}

/** The pre-filled 活动开展情况: one line per held activity, in date order ("10月12日 …（地点）"). */
export function activitySummaryOf(activities: readonly { startsAt: Date; title: string; place: string }[]): string {
  return [...activities]
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .map((a, i) => {
      const local = new Date(a.startsAt.getTime() + SHANGHAI_OFFSET_MS);
      return `${i + 1}. ${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${a.title}（${a.place}）`;
    })
    .join("\n");
}
