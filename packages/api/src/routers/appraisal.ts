import { and, asc, eq, inArray, max, sql } from "drizzle-orm";
import type { Executor, Tx } from "@dm/db";
import { appraisalCriteria, appraisalScores, committees, departments, groupMembers, supervisionGroups } from "@dm/db/schema";
import { recordAudit } from "../audit";
import { appraisalOpen, scoreInRange, termCoversYear } from "../domain/appraisal";
import { chinaToday } from "../domain/china-time";
import { withinScope } from "../domain/scope";
import type { Viewer } from "../context";
import { criteriaInput, criterionCreateInput, criterionRemoveInput, criterionUpdateInput, resultsInput, scoreFormInput, scoreInput } from "../schemas/group";
import { capabilityProcedure, createTRPCRouter, fail, failField } from "../trpc";
import { committeeInScope } from "./department";
import { groupOfMember } from "./group";

const read = capabilityProcedure("group.read");
const manage = capabilityProcedure("group.manage");
const serve = capabilityProcedure("group.serve");

/**
 * A year's criteria of one committee, with how often each was scored and the highest score given.
 * The subqueries name the outer table in full: drizzle leaves columns of a single-table select unqualified.
 */
function criteriaOf(db: Executor, committeeId: number, year: number) {
  return db
    .select({
      id: appraisalCriteria.id,
      name: appraisalCriteria.name,
      maxScore: appraisalCriteria.maxScore,
      sortOrder: appraisalCriteria.sortOrder,
      scored: sql<number>`(select count(*)::int from ${appraisalScores} s where s.criterion_id = "appraisal_criteria"."id")`,
      highestScore: sql<number | null>`(select max(s.score)::int from ${appraisalScores} s where s.criterion_id = "appraisal_criteria"."id")`,
    })
    .from(appraisalCriteria)
    .where(and(eq(appraisalCriteria.committeeId, committeeId), eq(appraisalCriteria.year, year)))
    .orderBy(asc(appraisalCriteria.sortOrder), asc(appraisalCriteria.id));
}

/**
 * A criterion of the caller's own committee, locked for the change. The year must not be closed:
 * changing the yardstick afterwards would rewrite results already final.
 */
async function ownCriterion(tx: Tx, viewer: Viewer, id: number) {
  const [row] = await tx
    .select({ c: appraisalCriteria })
    .from(appraisalCriteria)
    .innerJoin(committees, eq(committees.id, appraisalCriteria.committeeId))
    .where(and(eq(appraisalCriteria.id, id), withinScope(viewer.scope, committees.path)))
    .for("update", { of: appraisalCriteria });
  if (!row) fail("NOT_FOUND");
  if (row.c.committeeId !== viewer.scope.committeeId) fail("FORBIDDEN", "appraisal.notOwn");
  assertNotClosed(row.c.year);
  return row.c;
}

function assertNotClosed(year: number) {
  if (chinaToday() > `${year + 1}-01-31`) fail("BAD_REQUEST", "appraisal.closed");
}

async function assertNameFree(tx: Tx, committeeId: number, year: number, name: string, exceptId?: number) {
  const [clash] = await tx
    .select({ id: appraisalCriteria.id })
    .from(appraisalCriteria)
    .where(and(eq(appraisalCriteria.committeeId, committeeId), eq(appraisalCriteria.year, year), eq(appraisalCriteria.name, name), exceptId ? sql`${appraisalCriteria.id} <> ${exceptId}` : undefined));
  if (clash) failField(["name"], "appraisal.duplicateCriterion");
}

interface DepartmentResult {
  departmentId: number;
  departmentName: string;
  /** Average per criterion (two decimals) and how many members scored it. */
  criteria: { criterionId: number; average: number; scorers: number }[];
  /** The sum of the criterion averages; null before anyone scored. */
  total: number | null;
  /** Members who scored at least one criterion. */
  scorers: number;
  /** Members of the committee's groups at the department whose term covers the year. */
  eligible: number;
}

export const appraisalRouter = createTRPCRouter({
  /** A committee's criteria for a year (the caller's own unless another in scope is named). */
  criteria: read.input(criteriaInput).query(async ({ ctx, input }) => {
    const committee = await committeeInScope(ctx.db, ctx.viewer, input.committeeId);
    const today = chinaToday();
    return {
      committee: { id: committee.id, name: committee.name },
      year: input.year,
      open: appraisalOpen(input.year, today),
      closed: today > `${input.year + 1}-01-31`,
      editable: committee.id === ctx.viewer.scope.committeeId && today <= `${input.year + 1}-01-31`,
      items: await criteriaOf(ctx.db, committee.id, input.year),
    };
  }),

  addCriterion: manage.input(criterionCreateInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      const committeeId = ctx.viewer.scope.committeeId;
      assertNotClosed(input.year);
      await assertNameFree(tx, committeeId, input.year, input.name);
      const [{ last }] = (await tx
        .select({ last: max(appraisalCriteria.sortOrder) })
        .from(appraisalCriteria)
        .where(and(eq(appraisalCriteria.committeeId, committeeId), eq(appraisalCriteria.year, input.year)))) as [{ last: number | null }];
      const [created] = await tx
        .insert(appraisalCriteria)
        .values({ committeeId, year: input.year, name: input.name, maxScore: input.maxScore, sortOrder: (last ?? 0) + 1 })
        .returning();
      await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "appraisal.addCriterion", entityType: "appraisal_criterion", entityId: created!.id, after: created });
      return { id: created!.id };
    }),
  ),

  /** Renames a criterion or changes its maximum; never below a score already given. */
  updateCriterion: manage.input(criterionUpdateInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      const before = await ownCriterion(tx, ctx.viewer, input.id);
      await assertNameFree(tx, before.committeeId, before.year, input.name, before.id);
      const [highest] = await tx.select({ score: max(appraisalScores.score) }).from(appraisalScores).where(eq(appraisalScores.criterionId, before.id));
      if (highest?.score != null && input.maxScore < highest.score) failField(["maxScore"], "appraisal.maxBelowScores");
      await tx.update(appraisalCriteria).set({ name: input.name, maxScore: input.maxScore }).where(eq(appraisalCriteria.id, before.id));
      await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, {
        action: "appraisal.updateCriterion",
        entityType: "appraisal_criterion",
        entityId: before.id,
        before: { name: before.name, maxScore: before.maxScore },
        after: { name: input.name, maxScore: input.maxScore },
      });
      return { id: before.id };
    }),
  ),

  /** Removes a criterion nobody has scored yet. */
  removeCriterion: manage.input(criterionRemoveInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      const before = await ownCriterion(tx, ctx.viewer, input.id);
      const [used] = await tx.select({ id: appraisalScores.id }).from(appraisalScores).where(eq(appraisalScores.criterionId, before.id)).limit(1);
      if (used) fail("BAD_REQUEST", "appraisal.criterionScored");
      await tx.delete(appraisalCriteria).where(eq(appraisalCriteria.id, before.id));
      await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "appraisal.removeCriterion", entityType: "appraisal_criterion", entityId: before.id, before });
      return { id: before.id };
    }),
  ),

  /** A member's score sheet for their group's department: the year's criteria and their own scores. */
  form: serve.input(scoreFormInput).query(async ({ ctx, input }) => {
    const { g } = await groupOfMember(ctx.db, ctx.viewer, input.groupId);
    const [department] = await ctx.db.select({ name: departments.name }).from(departments).where(eq(departments.id, g.departmentId));
    const [criteria, mine] = await Promise.all([
      criteriaOf(ctx.db, g.committeeId, input.year),
      ctx.db
        .select({ criterionId: appraisalScores.criterionId, score: appraisalScores.score, updatedAt: appraisalScores.updatedAt })
        .from(appraisalScores)
        .where(and(eq(appraisalScores.groupId, g.id), eq(appraisalScores.memberId, ctx.viewer.memberId!))),
    ]);
    const today = chinaToday();
    return {
      group: { id: g.id, name: g.name, termStart: g.termStart, termEnd: g.termEnd },
      departmentName: department!.name,
      year: input.year,
      open: appraisalOpen(input.year, today),
      inTerm: termCoversYear(g, input.year),
      criteria: criteria.map((c) => ({ id: c.id, name: c.name, maxScore: c.maxScore })),
      scores: mine,
    };
  }),

  /**
   * A member scores their group's department on some or all of the year's criteria; a second
   * submission replaces their earlier scores, until the year's appraisal closes.
   */
  score: serve.input(scoreInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      const { g } = await groupOfMember(tx, ctx.viewer, input.groupId);
      const today = chinaToday();
      if (today < `${input.year}-01-01`) fail("BAD_REQUEST", "appraisal.notOpenYet");
      if (!appraisalOpen(input.year, today)) fail("BAD_REQUEST", "appraisal.closed");
      if (!termCoversYear(g, input.year)) fail("BAD_REQUEST", "appraisal.notInTerm");
      const ids = [...new Set(input.scores.map((s) => s.criterionId))];
      const criteria = await tx
        .select({ id: appraisalCriteria.id, maxScore: appraisalCriteria.maxScore })
        .from(appraisalCriteria)
        .where(and(inArray(appraisalCriteria.id, ids), eq(appraisalCriteria.committeeId, g.committeeId), eq(appraisalCriteria.year, input.year)))
        // Shares the lock an edit or removal of a criterion takes: a maximum lowered meanwhile is seen here.
        .for("share");
      const maxOf = new Map(criteria.map((c) => [c.id, c.maxScore]));
      input.scores.forEach((s, i) => {
        const maxScore = maxOf.get(s.criterionId);
        if (maxScore === undefined) failField(["scores", i, "criterionId"], "appraisal.unknownCriterion");
        if (!scoreInRange(s.score, maxScore)) failField(["scores", i, "score"], "appraisal.scoreOutOfRange");
      });
      const memberId = ctx.viewer.memberId!;
      const now = new Date();
      await tx
        .insert(appraisalScores)
        .values(input.scores.map((s) => ({ groupId: g.id, criterionId: s.criterionId, memberId, score: s.score, updatedAt: now })))
        .onConflictDoUpdate({ target: [appraisalScores.groupId, appraisalScores.criterionId, appraisalScores.memberId], set: { score: sql`excluded.score`, updatedAt: now } });
      await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "appraisal.score", entityType: "supervision_group", entityId: g.id, after: { year: input.year, scores: input.scores } });
      return { saved: input.scores.length };
    }),
  ),

  /**
   * Results of a committee's appraisal for a year, per department: the average of each criterion,
   * their sum, and the number of scorers, aggregated in PostgreSQL. Departments appear when a group
   * of the committee served them during the year or someone scored them.
   */
  results: read.input(resultsInput).query(async ({ ctx, input }) => {
    const committee = await committeeInScope(ctx.db, ctx.viewer, input.committeeId);
    const from = `${input.year}-01-01`;
    const to = `${input.year}-12-31`;
    const [criteria, rows] = await Promise.all([
      criteriaOf(ctx.db, committee.id, input.year),
      ctx.db.execute<{ department_id: number; department_name: string; criteria: DepartmentResult["criteria"]; total: number | null; scorers: number; eligible: number }>(sql`
        with per as (
          select g.department_id, s.criterion_id, avg(s.score) as average, count(distinct s.member_id)::int as scorers
          from ${appraisalScores} s
          join ${appraisalCriteria} c on c.id = s.criterion_id
          join ${supervisionGroups} g on g.id = s.group_id
          where c.committee_id = ${committee.id} and c.year = ${input.year}
          group by g.department_id, s.criterion_id
        ),
        scorers as (
          select g.department_id, count(distinct s.member_id)::int as n
          from ${appraisalScores} s
          join ${appraisalCriteria} c on c.id = s.criterion_id
          join ${supervisionGroups} g on g.id = s.group_id
          where c.committee_id = ${committee.id} and c.year = ${input.year}
          group by g.department_id
        ),
        eligible as (
          select g.department_id, count(distinct gm.member_id)::int as n
          from ${supervisionGroups} g
          join ${groupMembers} gm on gm.group_id = g.id
          where g.committee_id = ${committee.id} and g.term_start <= ${to} and g.term_end >= ${from}
          group by g.department_id
        )
        select d.id as department_id, d.name as department_name,
          coalesce(json_agg(json_build_object('criterionId', per.criterion_id, 'average', round(per.average, 2)::float8, 'scorers', per.scorers) order by per.criterion_id)
            filter (where per.criterion_id is not null), '[]'::json) as criteria,
          round(sum(per.average), 2)::float8 as total,
          coalesce(max(scorers.n), 0) as scorers,
          coalesce(max(eligible.n), 0) as eligible
        from ${departments} d
        left join per on per.department_id = d.id
        left join scorers on scorers.department_id = d.id
        left join eligible on eligible.department_id = d.id
        where d.committee_id = ${committee.id}
        group by d.id, d.name, d.sort_order
        having count(per.criterion_id) > 0 or max(eligible.n) > 0
        order by total desc nulls last, d.sort_order, d.id`),
    ]);
    const departmentsOut: DepartmentResult[] = rows.map((r) => ({
      departmentId: r.department_id,
      departmentName: r.department_name,
      criteria: r.criteria,
      total: r.total,
      scorers: r.scorers,
      eligible: r.eligible,
    }));
    return {
      committee: { id: committee.id, name: committee.name },
      year: input.year,
      criteria: criteria.map((c) => ({ id: c.id, name: c.name, maxScore: c.maxScore })),
      maxTotal: criteria.reduce((s, c) => s + c.maxScore, 0),
      departments: departmentsOut,
    };
  }),
});
