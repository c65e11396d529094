import { and, asc, count, desc, eq, gte, isNotNull, lt, ne, sql, type SQL } from "drizzle-orm";
import type { Db, Executor } from "@dm/db";
import { activities, activityFindings, committees, members, pointRules, registrations } from "@dm/db/schema";
import { recordAudit } from "../audit";
import { computePoints, effectiveRules, type PointCounts, type PointRules, yearBounds } from "../domain/points";
import { withinScope } from "../domain/scope";
import { capRows, EXPORT_QUERY_LIMIT } from "../exports/workbook";
import type { Viewer } from "../context";
import { participationMineInput, participationOfMemberInput, pointRulesUpdateInput, RANKING_PAGE_SIZE, rankingInput } from "../schemas/participation";
import { capabilityProcedure, createTRPCRouter, fail, protectedProcedure } from "../trpc";

const staff = capabilityProcedure("participation.read");
const configure = capabilityProcedure("points.configure");

/** The rules in force and a version (the last change, as text) that an edit must name. */
async function loadRules(db: Executor) {
  const rows = await db.select({ code: pointRules.code, points: pointRules.points, updatedAt: pointRules.updatedAt }).from(pointRules);
  const [v] = await db.select({ version: sql<string>`coalesce(max(${pointRules.updatedAt})::text, '')` }).from(pointRules);
  return { rules: effectiveRules(rows), version: v!.version, updatedAt: rows.reduce<Date | null>((max, r) => (!max || r.updatedAt > max ? r.updatedAt : max), null) };
}

/** Held activities of the year (by their start, China time): the only ones that count. */
function heldInYear(year: number): SQL {
  const { from, to } = yearBounds(year);
  return and(eq(activities.status, "held"), gte(activities.startsAt, from), lt(activities.startsAt, to))!;
}

/**
 * Per member, what the points rules count in `year`: attendance by kind (sign-ups not
 * cancelled, attendance recorded) and findings recorded. Two grouped subqueries, joined to the
 * roster by the caller: one query for any number of members.
 */
function countSubqueries(db: Executor, year: number) {
  const n = (status: string) => sql<number>`count(*) filter (where ${registrations.attendance} = ${status})`.mapWith(Number);
  const attendance = db
    .select({ memberId: registrations.memberId, present: n("present").as("present"), late: n("late").as("late"), absent: n("absent").as("absent"), excused: n("excused").as("excused") })
    .from(registrations)
    .innerJoin(activities, eq(activities.id, registrations.activityId))
    .where(and(heldInYear(year), ne(registrations.status, "cancelled"), isNotNull(registrations.attendance)))
    .groupBy(registrations.memberId)
    .as("attendance");
  const findings = db
    .select({ memberId: activityFindings.memberId, finding: sql<number>`count(*)`.mapWith(Number).as("finding") })
    .from(activityFindings)
    .innerJoin(activities, eq(activities.id, activityFindings.activityId))
    .where(heldInYear(year))
    .groupBy(activityFindings.memberId)
    .as("findings");
  const counts = {
    present: sql<number>`coalesce(${attendance.present}, 0)`.mapWith(Number),
    late: sql<number>`coalesce(${attendance.late}, 0)`.mapWith(Number),
    absent: sql<number>`coalesce(${attendance.absent}, 0)`.mapWith(Number),
    excused: sql<number>`coalesce(${attendance.excused}, 0)`.mapWith(Number),
    finding: sql<number>`coalesce(${findings.finding}, 0)`.mapWith(Number),
  };
  return { attendance, findings, counts };
}

/** The points expression of domain/points.ts's computePoints, in SQL, for ordering and ranking. */
function pointsSql(counts: ReturnType<typeof countSubqueries>["counts"], rules: PointRules): SQL<number> {
  return sql<number>`(${counts.present} * ${rules.present}::int + ${counts.late} * ${rules.late}::int + ${counts.absent} * ${rules.absent}::int + ${counts.excused} * ${rules.excused}::int + ${counts.finding} * ${rules.finding}::int)`;
}

/** One member's year: sign-ups and attendance, findings, and points by rule. */
async function record(db: Db, memberId: number, year: number) {
  const { rules, updatedAt } = await loadRules(db);
  const { attendance, findings, counts } = countSubqueries(db, year);
  const { from, to } = yearBounds(year);
  const inYear = and(gte(activities.startsAt, from), lt(activities.startsAt, to));
  const [member, signUps, found, [tally]] = await Promise.all([
    db
      .select({ id: members.id, name: members.name, sector: members.sector, level: members.level, active: members.active, committeeId: committees.id, committeeName: committees.name })
      .from(members)
      .innerJoin(committees, eq(committees.id, members.committeeId))
      .where(eq(members.id, memberId))
      .then((rows) => rows[0]!),
    db
      .select({
        activityId: activities.id,
        title: activities.title,
        type: activities.type,
        startsAt: activities.startsAt,
        place: activities.place,
        activityStatus: activities.status,
        committeeName: committees.name,
        registrationStatus: registrations.status,
        attendance: registrations.attendance,
        attendanceNote: registrations.attendanceNote,
        checkedInAt: registrations.checkedInAt,
      })
      .from(registrations)
      .innerJoin(activities, eq(activities.id, registrations.activityId))
      .innerJoin(committees, eq(committees.id, activities.committeeId))
      .where(and(eq(registrations.memberId, memberId), ne(registrations.status, "cancelled"), ne(activities.status, "cancelled"), inYear))
      .orderBy(desc(activities.startsAt)),
    db
      .select({ id: activityFindings.id, text: activityFindings.text, createdAt: activityFindings.createdAt, activityId: activities.id, activityTitle: activities.title, startsAt: activities.startsAt })
      .from(activityFindings)
      .innerJoin(activities, eq(activities.id, activityFindings.activityId))
      .where(and(eq(activityFindings.memberId, memberId), inYear))
      .orderBy(desc(activities.startsAt), desc(activityFindings.id)),
    db
      .select(counts)
      .from(members)
      .leftJoin(attendance, eq(attendance.memberId, members.id))
      .leftJoin(findings, eq(findings.memberId, members.id))
      .where(eq(members.id, memberId)),
  ]);
  const points = computePoints(tally as PointCounts, rules);
  return { year, member, activities: signUps, findings: found, points, rules, rulesUpdatedAt: updatedAt };
}

/**
 * 积分排名: the active members of a committee's subtree (inside the caller's scope) by points,
 * highest first; equal points share a rank. Counted, scored and ranked in one query; one page
 * of it for the list, all of it (capped) for the export.
 */
async function rankingRows(db: Db, viewer: Viewer, input: { committeeId?: number; year: number }, window: { limit: number; offset: number }) {
  const committeeId = input.committeeId ?? viewer.scope.committeeId;
  const [committee] = await db
    .select({ id: committees.id, name: committees.name, path: committees.path })
    .from(committees)
    .where(and(eq(committees.id, committeeId), withinScope(viewer.scope, committees.path)));
  const { rules } = await loadRules(db);
  if (!committee) return { items: [], total: 0, committee: null, rules };
  const { attendance, findings, counts } = countSubqueries(db, input.year);
  const points = pointsSql(counts, rules);
  const where = and(withinScope({ ...viewer.scope, path: committee.path }, committees.path), eq(members.active, true));
  const rows = await db
    .select({
      memberId: members.id,
      name: members.name,
      sector: members.sector,
      committeeName: committees.name,
      ...counts,
      points: points.mapWith(Number),
      rank: sql<number>`rank() over (order by ${points} desc)`.mapWith(Number),
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(members)
    .innerJoin(committees, eq(committees.id, members.committeeId))
    .leftJoin(attendance, eq(attendance.memberId, members.id))
    .leftJoin(findings, eq(findings.memberId, members.id))
    .where(where)
    .orderBy(desc(points), asc(members.id))
    .limit(window.limit)
    .offset(window.offset);
  // Past the last page the window has no row to report the total on.
  const total = rows[0]?.total ?? (window.offset > 0 ? (await db.select({ n: count() }).from(members).innerJoin(committees, eq(committees.id, members.committeeId)).where(where))[0]!.n : 0);
  return { items: rows.map(({ total: _total, ...r }) => r), total, committee: { id: committee.id, name: committee.name }, rules };
}

export const participationRouter = createTRPCRouter({
  /** The signed-in member's own year. */
  mine: protectedProcedure.input(participationMineInput).query(async ({ ctx, input }) => {
    if (!ctx.viewer.memberId) fail("BAD_REQUEST", "participation.notMember");
    return record(ctx.db, ctx.viewer.memberId, input.year);
  }),

  /** Any member's year, for staff whose scope holds the member (else NOT_FOUND). */
  ofMember: staff.input(participationOfMemberInput).query(async ({ ctx, input }) => {
    const [inScope] = await ctx.db
      .select({ id: members.id })
      .from(members)
      .innerJoin(committees, eq(committees.id, members.committeeId))
      .where(and(eq(members.id, input.memberId), withinScope(ctx.viewer.scope, committees.path)));
    if (!inScope) fail("NOT_FOUND");
    return record(ctx.db, input.memberId, input.year);
  }),

  /** 积分排名, one page (see rankingRows). */
  ranking: staff.input(rankingInput).query(async ({ ctx, input }) => {
    const ranked = await rankingRows(ctx.db, ctx.viewer, input, { limit: RANKING_PAGE_SIZE, offset: (input.page - 1) * RANKING_PAGE_SIZE });
    return { items: ranked.items, total: ranked.total, page: input.page, pageSize: RANKING_PAGE_SIZE, year: input.year, committee: ranked.committee };
  }),

  /** The ranking's export: every member of the ranking (no paging), with the rules they were scored by. */
  rankingExport: staff.input(rankingInput.omit({ page: true })).query(async ({ ctx, input }) => {
    const ranked = await rankingRows(ctx.db, ctx.viewer, input, { limit: EXPORT_QUERY_LIMIT, offset: 0 });
    return { items: capRows(ranked.items), year: input.year, committee: ranked.committee, rules: ranked.rules };
  }),

  /** The rules in force (everyone may see how points are earned). */
  rules: protectedProcedure.query(({ ctx }) => loadRules(ctx.db)),

  /** City staff set the rules' values; an edit based on an older version gets CONFLICT. */
  updateRules: configure.input(pointRulesUpdateInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      // One editor at a time: the version is read and written under this lock.
      await tx.execute(sql`lock table ${pointRules} in share row exclusive mode`);
      const before = await loadRules(tx);
      if (before.version !== input.version) fail("CONFLICT", "points.conflict", { current: before });
      const entries = Object.entries(input.rules).map(([code, points]) => ({ code, points, updatedBy: ctx.viewer.userId }));
      await tx
        .insert(pointRules)
        .values(entries)
        .onConflictDoUpdate({ target: pointRules.code, set: { points: sql`excluded.points`, updatedBy: ctx.viewer.userId, updatedAt: sql`now()` } });
      await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "points.updateRules", entityType: "point_rules", entityId: "all", before: before.rules, after: input.rules });
      return loadRules(tx);
    }),
  ),
});
