/**
 * 委员履职积分: a member's yearly points, computed from what they did in the year's held
 * activities. Each rule gives points per counted thing; city staff may change the values (rows
 * of `point_rules` override the defaults below), never the rules themselves.
 *
 * What is counted, per year (by the activity's start in China time, held activities only):
 *   present  — 出席: attended, checked in on time.
 *   late     — 迟到: attended, checked in late. Showing up counts, but less than on time.
 *   absent   — 缺席: signed up and did not come without asking for leave. Usually negative.
 *   excused  — 请假: signed up, asked for leave with a reason. Neither rewarded nor punished by default.
 *   finding  — 履职发现: each finding the member recorded after an activity (problems, suggestions).
 * Reports written by members are not counted: the platform's reports (月报) are written by
 * committee staff, so no record says which member wrote what.
 */
import { chinaToday } from "./china-time";

export const POINT_RULE_CODES = ["present", "late", "absent", "excused", "finding"] as const;
export type PointRuleCode = (typeof POINT_RULE_CODES)[number];

export type PointRules = Record<PointRuleCode, number>;
export type PointCounts = Record<PointRuleCode, number>;

/** The values used until city staff set their own. */
export const DEFAULT_POINT_RULES: PointRules = { present: 5, late: 3, absent: -3, excused: 0, finding: 2 };

/** The range a rule's value may take: wide enough for any sensible scheme, narrow enough to catch typos. */
export const POINT_MIN = -50;
export const POINT_MAX = 50;

export const isPointRuleCode = (code: string): code is PointRuleCode => (POINT_RULE_CODES as readonly string[]).includes(code);

/** The rules in force: the defaults, overridden by stored rows (unknown codes are ignored). */
export function effectiveRules(rows: readonly { code: string; points: number }[]): PointRules {
  const rules = { ...DEFAULT_POINT_RULES };
  for (const row of rows) if (isPointRuleCode(row.code)) rules[row.code] = row.points;
  return rules;
}

export interface PointsBreakdown {
  total: number;
  /** Points earned by each rule (count × value), in the order of POINT_RULE_CODES. */
  lines: { code: PointRuleCode; count: number; points: number; subtotal: number }[];
}

/** A member's points: the sum over the rules of count × value. */
export function computePoints(counts: PointCounts, rules: PointRules): PointsBreakdown {
  // `+ 0` turns the -0 of "0 × a negative value" into 0.
  const lines = POINT_RULE_CODES.map((code) => ({ code, count: counts[code], points: rules[code], subtotal: counts[code] * rules[code] + 0 }));
  return { total: lines.reduce((sum, line) => sum + line.subtotal, 0), lines };
}

/**
 * What is wrong with a proposed set of values, as catalogue keys by rule: the order of the
 * attendance rules must make sense (coming on time earns at least as much as coming late, which
 * earns at least as much as asking for leave, which is never worse than staying away unannounced).
 */
export function ruleProblems(rules: PointRules): Partial<Record<PointRuleCode, string>> {
  const problems: Partial<Record<PointRuleCode, string>> = {};
  if (rules.late > rules.present) problems.late = "points.lateAbovePresent";
  if (rules.excused > rules.late) problems.excused = "points.excusedAboveLate";
  if (rules.absent > rules.excused) problems.absent = "points.absentAboveExcused";
  if (rules.finding < 0) problems.finding = "points.findingNegative";
  return problems;
}

/** 1 January of `year` and of the next year, China time: the bounds of a points year. */
export function yearBounds(year: number): { from: Date; to: Date } {
  return { from: new Date(`${year}-01-01T00:00:00+08:00`), to: new Date(`${year + 1}-01-01T00:00:00+08:00`) };
}

/** The current year in China. */
export function chinaYear(now = new Date()): number {
  return Number(chinaToday(now).slice(0, 4));
}
