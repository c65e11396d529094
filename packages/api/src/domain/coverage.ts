import type { CommitteeLevel } from "@dm/db";
import { SHANGHAI_OFFSET_MS } from "./china-time";

/**
 * 每月有活动: which committees held supervision activities in which month. Months are calendar
 * months in Asia/Shanghai ("YYYY-MM"); an activity counts in the month its start falls in there.
 * Pure: the router loads committees and grouped counts, these functions shape the matrix.
 */

export type Month = string;

const MONTH = /^(\d{4})-(\d{2})$/;

function parts(month: Month): [number, number] {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`Not a month: ${month}`);
  return [Number(m[1]), Number(m[2])];
}

const format = (year: number, month: number): Month => `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;

/** The Shanghai calendar month an instant falls in (China has no daylight saving: UTC+8 all year). */
export function shanghaiMonth(instant: Date): Month {
  const local = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return format(local.getUTCFullYear(), local.getUTCMonth() + 1);
}

export function addMonths(month: Month, n: number): Month {
  const [y, m] = parts(month);
  const index = y * 12 + (m - 1) + n;
  return format(Math.floor(index / 12), (index % 12) + 1);
}

/** Midnight Shanghai on the month's first day, as an instant: the lower bound of the month. */
export function monthStart(month: Month): Date {
  const [y, m] = parts(month);
  return new Date(Date.UTC(y, m - 1, 1) - SHANGHAI_OFFSET_MS);
}

/** "2026-10" → "2026-10-01", the value stored in monthly_reports.month. */
export const monthDate = (month: Month): string => `${month}-01`;

/** Every month from the one holding `startDate` to the one holding `endDate` (YYYY-MM-DD). */
export function monthsBetween(startDate: string, endDate: string): Month[] {
  const first = startDate.slice(0, 7);
  const last = endDate.slice(0, 7);
  const out: Month[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) out.push(m);
  return out;
}

export const monthsOfYear = (year: number): Month[] => monthsBetween(`${year}-01-01`, `${year}-12-31`);

/** Past months are over, the current one is under way, future ones have not begun. */
export type MonthPhase = "past" | "current" | "future";

export function monthPhase(month: Month, now: Date): MonthPhase {
  const current = shanghaiMonth(now);
  return month < current ? "past" : month === current ? "current" : "future";
}

/**
 * What a cell means: activities held; a gap (a month gone by with none: to chase); the current
 * month with none yet (still time); or a month not yet begun.
 */
export type CellState = "held" | "gap" | "open" | "future";

export function cellState(count: number, phase: MonthPhase): CellState {
  if (phase === "future") return "future";
  if (count > 0) return "held";
  return phase === "past" ? "gap" : "open";
}

export interface CoverageCommittee {
  id: number;
  name: string;
  level: CommitteeLevel;
  parentId: number | null;
  path: string;
  sortOrder: number;
}

/**
 * One row: a committee's own activities ("own") or those of its whole subtree ("subtree"). The
 * answer carries the counts only; what each cell means and the row's gaps follow from the counts
 * and the months' phases (`cellsOf`, `gapsOf`), so the page and the export derive them.
 */
export interface CoverageRow {
  committeeId: number;
  name: string;
  level: CommitteeLevel;
  kind: "own" | "subtree";
  counts: number[];
  /** A county's breakdown for the city: its own row and one per township. */
  children?: CoverageRow[];
}

export interface Coverage {
  months: { month: Month; phase: MonthPhase }[];
  rows: CoverageRow[];
  /** Every activity in scope, per month. */
  total: number[];
}

/** What each cell of a row means, month by month. */
export const cellsOf = (counts: readonly number[], months: readonly { phase: MonthPhase }[]): CellState[] => counts.map((n, i) => cellState(n, months[i]!.phase));

/** Months gone by with nothing held. */
export const gapsOf = (counts: readonly number[], months: readonly { phase: MonthPhase }[]): number => cellsOf(counts, months).filter((s) => s === "gap").length;

/**
 * The matrix for a viewer whose committee is `rootId`: its own row, then a row per child with
 * the child's subtree rolled in and, when the child has children of its own, the breakdown.
 * So the city sees itself and each county (townships included), a county itself and each
 * township, a township only itself. `counts` are the grouped own counts per committee and month.
 */
export function buildCoverage(
  rootId: number,
  committeesInScope: readonly CoverageCommittee[],
  counts: readonly { committeeId: number; month: Month; n: number }[],
  months: readonly Month[],
  now: Date,
): Coverage {
  const phases = months.map((month) => ({ month, phase: monthPhase(month, now) }));
  const column = new Map(months.map((m, i) => [m, i]));
  const own = new Map<number, number[]>();
  const ownOf = (id: number) => {
    let row = own.get(id);
    if (!row) own.set(id, (row = months.map(() => 0)));
    return row;
  };
  const total = months.map(() => 0);
  for (const c of counts) {
    const i = column.get(c.month);
    if (i === undefined) continue;
    ownOf(c.committeeId)[i]! += c.n;
    total[i]! += c.n;
  }

  const byId = new Map(committeesInScope.map((c) => [c.id, c]));
  const childrenOf = new Map<number, CoverageCommittee[]>();
  for (const c of committeesInScope) {
    if (c.parentId === null || !byId.has(c.parentId)) continue;
    let list = childrenOf.get(c.parentId);
    if (!list) childrenOf.set(c.parentId, (list = []));
    list.push(c);
  }
  for (const list of childrenOf.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);

  // Subtree sums in one pass, deepest committees first, each added into its parent's.
  const subtreeSums = new Map<number, number[]>();
  for (const c of [...committeesInScope].sort((a, b) => b.path.length - a.path.length)) {
    const sums = subtreeSums.get(c.id) ?? months.map(() => 0);
    ownOf(c.id).forEach((n, i) => (sums[i]! += n));
    subtreeSums.set(c.id, sums);
    if (c.parentId === null || !byId.has(c.parentId)) continue;
    const up = subtreeSums.get(c.parentId) ?? months.map(() => 0);
    sums.forEach((n, i) => (up[i]! += n));
    subtreeSums.set(c.parentId, up);
  }
  const row = (c: CoverageCommittee, kind: CoverageRow["kind"], values: number[]): CoverageRow => ({ committeeId: c.id, name: c.name, level: c.level, kind, counts: values });

  const root = byId.get(rootId);
  if (!root) return { months: phases, rows: [], total };
  const rows: CoverageRow[] = [row(root, "own", [...ownOf(root.id)])];
  for (const child of childrenOf.get(root.id) ?? []) {
    const grandchildren = childrenOf.get(child.id) ?? [];
    if (grandchildren.length === 0) {
      rows.push(row(child, "own", [...ownOf(child.id)]));
      continue;
    }
    rows.push({
      ...row(child, "subtree", subtreeSums.get(child.id)!),
      children: [row(child, "own", [...ownOf(child.id)]), ...grandchildren.map((g) => row(g, childrenOf.has(g.id) ? "subtree" : "own", subtreeSums.get(g.id)!))],
    });
  }
  return { months: phases, rows, total };
}

/** The campaign to open by default: the one under way this month, else the newest (list order). */
export function defaultCampaign<T extends { startDate: string; endDate: string }>(campaigns: readonly T[], now: Date): T | undefined {
  const current = shanghaiMonth(now);
  return campaigns.find((c) => c.startDate.slice(0, 7) <= current && current <= c.endDate.slice(0, 7)) ?? campaigns[0];
}

/**
 * The month whose reports matter now: the one just ended (its reports are due), or the
 * campaign's first or last month when today lies outside it.
 */
export function defaultReportMonth(campaignMonths: readonly Month[], now: Date): Month | undefined {
  const previous = addMonths(shanghaiMonth(now), -1);
  if (campaignMonths.includes(previous)) return previous;
  const current = shanghaiMonth(now);
  if (campaignMonths.includes(current)) return current;
  return current < (campaignMonths[0] ?? "") ? campaignMonths[0] : campaignMonths.at(-1);
}
