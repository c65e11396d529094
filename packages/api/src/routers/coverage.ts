import { and, asc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Executor, subtreePattern } from "@dm/db";
import { activities, committees } from "@dm/db/schema";
import type { Viewer } from "../context";
import { addMonths, buildCoverage, type Month, monthStart, monthsBetween, monthsOfYear } from "../domain/coverage";
import { committeeIdWithinScope, withinScope } from "../domain/scope";
import { coverageCellInput, coveragePeriodInput } from "../schemas/coverage";
import { capabilityProcedure, createTRPCRouter, fail } from "../trpc";
import { loadCampaign } from "./campaign";

const reader = capabilityProcedure("coverage.read");
/**
 * Activities are counted in the Shanghai month their start falls in. The key to group by is the
 * start of that month on China's clock: China keeps UTC+8 all year (domain/china-time.ts), so a
 * fixed offset, with no time-zone lookup per row. `shanghaiMonthOf` formats it as "YYYY-MM";
 * selected over a query grouped by the key, it is formatted once per group, not once per row.
 */
export const shanghaiMonthKey = (column: SQL | typeof activities.startsAt) => sql`date_trunc('month', ${column} at time zone interval '+08:00')`;
export const shanghaiMonthOf = (column: SQL | typeof activities.startsAt) => sql<string>`to_char(${shanghaiMonthKey(column)}, 'YYYY-MM')`;
/** Only activities that took place count toward 每月有活动. */
const held = eq(activities.status, "held");

interface Period {
  campaign: { id: number; title: string; year: number } | null;
  year: number;
  months: Month[];
  /** Which activities belong to the period besides their month. */
  filter: SQL | undefined;
}

/** A campaign's months (start to end) or a year's twelve; the campaign must be visible to the viewer. */
async function resolvePeriod(db: Executor, viewer: Viewer, input: { campaignId?: number; year?: number }): Promise<Period> {
  if (input.campaignId !== undefined) {
    const c = await loadCampaign(db, viewer, input.campaignId);
    return { campaign: { id: c.id, title: c.title, year: c.year }, year: c.year, months: monthsBetween(c.startDate, c.endDate), filter: eq(activities.campaignId, c.id) };
  }
  return { campaign: null, year: input.year!, months: monthsOfYear(input.year!), filter: undefined };
}

/**
 * The column of an activity's start among `months` (1 for the first): the month starts as
 * instants, compared with the indexed column as it is, with no time-zone arithmetic per row. The
 * array is a subquery, built once per statement even in a prepared statement's generic plan.
 */
const monthColumn = (months: readonly Month[]) => sql<number>`width_bucket(${activities.startsAt}, (select array[${sql.join(
  months.map((m) => sql`${monthStart(m).toISOString()}`),
  sql`, `,
)}]::timestamptz[]))`;

/** Starts within [first month, last month] in Shanghai time: a range on the indexed column. */
const inMonths = (months: readonly Month[]) => and(gte(activities.startsAt, monthStart(months[0]!)), lt(activities.startsAt, monthStart(addMonths(months.at(-1)!, 1))));

const organiser = alias(committees, "organiser");

export const coverageRouter = createTRPCRouter({
  /**
   * 活动覆盖: committees in scope × months, the number of activities held. Two queries: the
   * committees in scope, and the held activities counted by committee and month column (read
   * by committee id from the activities' committee index alone), folded to one row per
   * committee (its columns and counts as two arrays); roll-ups are done in domain/coverage.ts.
   * The answer is counts only (see CoverageRow).
   */
  matrix: reader.input(coveragePeriodInput).query(async ({ ctx, input }) => {
    const period = await resolvePeriod(ctx.db, ctx.viewer, input);
    const perMonth = ctx.db
      .select({ committeeId: activities.committeeId, column: monthColumn(period.months).as("column"), n: sql<number>`count(*)::int`.as("n") })
      .from(activities)
      .where(and(committeeIdWithinScope(ctx.viewer.scope, activities.committeeId), held, inMonths(period.months), period.filter))
      .groupBy(sql`1`, sql`2`)
      .as("per_month");
    // Two statements side by side. Not one joining the committees to the folded counts: in a
    // prepared statement's generic plan the planner, blind to the scope's size, may rerun the
    // aggregate for every committee.
    const [inScope, perCommittee] = await Promise.all([
      ctx.db
        .select({ id: committees.id, name: committees.name, level: committees.level, parentId: committees.parentId, path: committees.path, sortOrder: committees.sortOrder })
        .from(committees)
        .where(withinScope(ctx.viewer.scope, committees.path)),
      ctx.db
        .select({ committeeId: perMonth.committeeId, columns: sql<number[]>`array_agg(${perMonth.column})`, counts: sql<number[]>`array_agg(${perMonth.n})` })
        .from(perMonth)
        .groupBy(perMonth.committeeId),
    ]);
    const counts = perCommittee.flatMap((r) => r.columns.map((column, i) => ({ committeeId: r.committeeId, month: period.months[column - 1]!, n: r.counts[i]! })));
    const matrix = buildCoverage(ctx.viewer.scope.committeeId, inScope, counts, period.months, new Date());
    return { campaign: period.campaign, year: period.year, scopeLevel: ctx.viewer.scope.level, ...matrix };
  }),

  /** The activities behind one cell; the committee must lie in the caller's scope (else NOT_FOUND). */
  cell: reader.input(coverageCellInput).query(async ({ ctx, input }) => {
    const period = await resolvePeriod(ctx.db, ctx.viewer, input);
    const [target] = await ctx.db
      .select({ id: committees.id, name: committees.name, level: committees.level, path: committees.path })
      .from(committees)
      .where(and(eq(committees.id, input.committeeId), withinScope(ctx.viewer.scope, committees.path)));
    if (!target) fail("NOT_FOUND");
    const whose = input.subtree ? sql`${organiser.path} like ${subtreePattern(target.path)}` : eq(activities.committeeId, target.id);
    const items = await ctx.db
      .select({
        id: activities.id,
        title: activities.title,
        type: activities.type,
        startsAt: activities.startsAt,
        endsAt: activities.endsAt,
        place: activities.place,
        committeeId: organiser.id,
        committeeName: organiser.name,
      })
      .from(activities)
      .innerJoin(organiser, eq(organiser.id, activities.committeeId))
      .where(and(whose, held, inMonths([input.month]), period.filter))
      .orderBy(asc(activities.startsAt), asc(activities.id));
    return { committee: { id: target.id, name: target.name, level: target.level }, month: input.month, subtree: input.subtree, campaign: period.campaign, year: period.year, items };
  }),
});
