import type { CommitteeLevel } from "@dm/db";
import { addMonths, type Month, monthPhase, shanghaiMonth } from "./coverage";
import { adoptionRate } from "./group";
import { closureRate } from "./problem";

/**
 * 数据看板 and 月度工作简报: the figures of a committee's subtree for one campaign and one month
 * of it. The router loads each figure family with one grouped query (own counts per committee);
 * these pure functions roll them up the tree and derive the rates. Definitions (shown as hints):
 *
 * - 任务: assignments of the campaign's tasks whose doing committee is in the subtree, one per
 *   committee it was sent or passed down to; overdue by domain/assignment.ts's isOverdue.
 * - 活动: held activities of the campaign organised in the subtree, by their start month (Asia/Shanghai).
 * - 覆盖: the child committees (their subtrees rolled up) that held at least one activity in the month.
 * - 参与率: active members of the subtree who attended (出席 or 迟到) at least one held activity
 *   of the campaign, over the active members.
 * - 月报: the month's report state of every county and township in the subtree (domain/monthly-report.ts).
 * - 问题: problems in the subtree's area found (created) within the campaign's months; closed =
 *   已销号 now; overdue by isProblemOverdue; 销号率 by closureRate.
 * - 意见: opinions raised within the campaign's months by groups the subtree dispatched; 采纳率 by adoptionRate.
 */

export const FIGURE_KEYS = [
  "tasks",
  "tasksSent",
  "tasksAccepted",
  "tasksInProgress",
  "tasksReported",
  "tasksApproved",
  "tasksOverdue",
  "tasksApprovedInMonth",
  "activities",
  "activitiesInMonth",
  "members",
  "participants",
  "participantsInMonth",
  "reportsSubmitted",
  "reportsLate",
  "reportsMissing",
  "reportsPending",
  "problems",
  "problemsClosed",
  "problemsOverdue",
  "problemsInMonth",
  "problemsClosedInMonth",
  "opinions",
  "opinionsAdopted",
  "opinionsPartlyAdopted",
  "opinionsNotAdopted",
  "opinionsInMonth",
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export type Counts = Record<FigureKey, number>;

export const emptyCounts = (): Counts => Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as Counts;

/** Own counts per committee, filled in family by family. */
export class OwnCounts {
  private readonly byCommittee = new Map<number, Counts>();

  add(committeeId: number, key: FigureKey, n: number): void {
    let counts = this.byCommittee.get(committeeId);
    if (!counts) this.byCommittee.set(committeeId, (counts = emptyCounts()));
    counts[key] += n;
  }

  of(committeeId: number): Counts {
    return this.byCommittee.get(committeeId) ?? emptyCounts();
  }

  /** The sum over every committee whose path lies under `path`. */
  subtree(committees: readonly { id: number; path: string }[], path: string): Counts {
    const sum = emptyCounts();
    for (const c of committees) {
      if (!c.path.startsWith(path)) continue;
      const own = this.byCommittee.get(c.id);
      if (own) for (const k of FIGURE_KEYS) sum[k] += own[k];
    }
    return sum;
  }
}

/** A share as a percent with one decimal, or null when there is nothing to divide by. */
export const percentOf = (part: number, whole: number): number | null => closureRate(part, whole);

export interface Rates {
  participation: number | null;
  closure: number | null;
  adoption: number | null;
}

export function ratesOf(c: Counts): Rates {
  const adoption = adoptionRate({ adopted: c.opinionsAdopted, partlyAdopted: c.opinionsPartlyAdopted, notAdopted: c.opinionsNotAdopted });
  return {
    participation: percentOf(c.participants, c.members),
    closure: closureRate(c.problemsClosed, c.problems),
    adoption: adoption === null ? null : Math.round(adoption * 1000) / 10,
  };
}

export interface DashboardCommittee {
  id: number;
  name: string;
  level: CommitteeLevel;
  parentId: number | null;
  path: string;
  sortOrder: number;
}

export interface BreakdownRow {
  committeeId: number;
  name: string;
  level: CommitteeLevel;
  /** "own": the root's own work (本级); "subtree": a child with everything below it. */
  kind: "own" | "subtree";
  counts: Counts;
  rates: Rates;
  /** Held at least one activity in the month. */
  covered: boolean;
}

export interface Breakdown {
  total: Counts;
  rates: Rates;
  /** The root's own row first, then one row per child committee (sortOrder). */
  rows: BreakdownRow[];
  /** Children that held an activity in the month, of all children (the root alone when it has none). */
  coverage: { covered: number; of: number; percent: number | null };
}

/**
 * The table of the dashboard: the root's own figures, then each child committee with its
 * subtree rolled up, and the total of the whole subtree.
 */
export function buildBreakdown(root: DashboardCommittee, committees: readonly DashboardCommittee[], own: OwnCounts): Breakdown {
  const row = (c: DashboardCommittee, kind: BreakdownRow["kind"]): BreakdownRow => {
    const counts = kind === "own" ? own.of(c.id) : own.subtree(committees, c.path);
    return { committeeId: c.id, name: c.name, level: c.level, kind, counts, rates: ratesOf(counts), covered: counts.activitiesInMonth > 0 };
  };
  const children = committees.filter((c) => c.parentId === root.id).sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  const rows = [row(root, "own"), ...children.map((c) => row(c, "subtree"))];
  const total = own.subtree(committees, root.path);
  const judged = children.length > 0 ? rows.slice(1) : rows;
  const covered = judged.filter((r) => r.covered).length;
  return { total, rates: ratesOf(total), rows, coverage: { covered, of: judged.length, percent: percentOf(covered, judged.length) } };
}

/**
 * The month the dashboard opens on: the current one while the campaign runs, else its last
 * month (a campaign over) or its first (one not begun).
 */
export function dashboardMonth(campaignMonths: readonly Month[], now: Date): Month {
  const current = shanghaiMonth(now);
  if (campaignMonths.includes(current)) return current;
  return current > campaignMonths.at(-1)! ? campaignMonths.at(-1)! : campaignMonths[0]!;
}

export interface TrendPoint {
  month: Month;
  /** Months not begun have no figures yet. */
  begun: boolean;
  activities: number;
  problemsFound: number;
  problemsClosed: number;
  tasksApproved: number;
  opinions: number;
  /** Reports missing once the month's deadline has passed (null before it can be missing). */
  reportsMissing: number | null;
}

/** One point per campaign month from the month-keyed counts of each family. */
export function buildTrend(
  months: readonly Month[],
  now: Date,
  series: { activities: ReadonlyMap<Month, number>; problemsFound: ReadonlyMap<Month, number>; problemsClosed: ReadonlyMap<Month, number>; tasksApproved: ReadonlyMap<Month, number>; opinions: ReadonlyMap<Month, number>; reportsMissing: ReadonlyMap<Month, number> },
  reportsDue: (month: Month) => boolean,
): TrendPoint[] {
  return months.map((month) => ({
    month,
    begun: monthPhase(month, now) !== "future",
    activities: series.activities.get(month) ?? 0,
    problemsFound: series.problemsFound.get(month) ?? 0,
    problemsClosed: series.problemsClosed.get(month) ?? 0,
    tasksApproved: series.tasksApproved.get(month) ?? 0,
    opinions: series.opinions.get(month) ?? 0,
    reportsMissing: reportsDue(month) ? (series.reportsMissing.get(month) ?? 0) : null,
  }));
}

/** Adds `n` to a month-keyed tally. */
export function tally(map: Map<Month, number>, month: Month | null, n: number): void {
  if (month) map.set(month, (map.get(month) ?? 0) + n);
}

/** The first day of the month after the last one: the open upper bound of a period of months. */
export const periodEnd = (months: readonly Month[]): Month => addMonths(months.at(-1)!, 1);
