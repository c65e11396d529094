import { and, asc, count, desc, eq, gt, gte, ilike, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Executor, GroupKind, GroupRole, Tx } from "@dm/db";
import { committees, departments, groupMembers, members, opinions, supervisionGroups, users, visits, appraisalScores } from "@dm/db/schema";
import { attachmentsOf, bindAttachments } from "../attachments";
import { recordAudit } from "../audit";
import { chinaToday } from "../domain/china-time";
import { endTermProblem, recordDateProblem, replyDateProblem, rosterProblem, tallyAdoption, termCoversRecords, termStatus } from "../domain/group";
import { can, RECORD_KEEPERS } from "../domain/roles";
import { withinScope } from "../domain/scope";
import { containsPattern } from "../domain/search";
import type { Viewer } from "../context";
import { notify, staffOf } from "../notify";
import {
  byIdInput,
  GROUP_PAGE_SIZE,
  groupCreateInput,
  groupEndTermInput,
  groupListInput,
  groupUpdateInput,
  opinionInput,
  opinionReplyInput,
  visitInput,
} from "../schemas/group";
import { capabilityProcedure, createTRPCRouter, fail, failField, protectedProcedure } from "../trpc";

const manage = capabilityProcedure("group.manage");
const serve = capabilityProcedure("group.serve");
/** Staff read the groups in their scope; members read the groups they belong to. */
const reader = protectedProcedure.use(({ ctx, next }) => {
  if (!can(ctx.viewer.role, "group.read") && !can(ctx.viewer.role, "group.serve")) fail("FORBIDDEN");
  return next();
});

/**
 * The groups a viewer may see, as SQL over `supervision_groups` joined to its committee: staff
 * those of committees in their subtree, a member only those they sit in.
 */
function groupVisible(viewer: Viewer): SQL {
  if (can(viewer.role, "group.read")) return withinScope(viewer.scope, committees.path);
  if (can(viewer.role, "group.serve") && viewer.memberId !== null) return isInGroup(viewer.memberId);
  return sql`false`;
}

const isInGroup = (memberId: number) =>
  sql`exists (select 1 from ${groupMembers} where ${groupMembers.groupId} = ${supervisionGroups.id} and ${groupMembers.memberId} = ${memberId})`;

/** A group the viewer may see, with its committee and department, or NOT_FOUND. */
async function loadGroup(db: Executor, viewer: Viewer, id: number) {
  const [row] = await db
    .select({ g: supervisionGroups, committeeName: committees.name, departmentName: departments.name, departmentActive: departments.active })
    .from(supervisionGroups)
    .innerJoin(committees, eq(committees.id, supervisionGroups.committeeId))
    .innerJoin(departments, eq(departments.id, supervisionGroups.departmentId))
    .where(and(eq(supervisionGroups.id, id), groupVisible(viewer)));
  if (!row) fail("NOT_FOUND");
  return row;
}

/** A group the calling member belongs to; any other group does not exist for them. */
export async function groupOfMember(db: Executor, viewer: Viewer, id: number) {
  if (viewer.memberId === null) fail("NOT_FOUND");
  const [row] = await db
    .select({ g: supervisionGroups, role: groupMembers.role })
    .from(supervisionGroups)
    .innerJoin(groupMembers, and(eq(groupMembers.groupId, supervisionGroups.id), eq(groupMembers.memberId, viewer.memberId)))
    .where(eq(supervisionGroups.id, id))
    // In a transaction, holds off a concurrent edit or early end of the term until the record the
    // member writes against this term is in (edits take FOR UPDATE).
    .for("share", { of: supervisionGroups });
  if (!row) fail("NOT_FOUND");
  return row;
}

/**
 * Locks a group of the caller's own committee at the version they read. In scope but another
 * committee's: FORBIDDEN; a version moved on: CONFLICT with the group as it is now.
 */
async function lockOwnGroup(tx: Tx, viewer: Viewer, id: number, version: number) {
  const [row] = await tx
    .select({ g: supervisionGroups })
    .from(supervisionGroups)
    .innerJoin(committees, eq(committees.id, supervisionGroups.committeeId))
    .where(and(eq(supervisionGroups.id, id), withinScope(viewer.scope, committees.path)))
    .for("update", { of: supervisionGroups });
  if (!row) fail("NOT_FOUND");
  const { g } = row;
  if (g.committeeId !== viewer.scope.committeeId) fail("FORBIDDEN", "group.notOwn");
  if (g.version !== version) fail("CONFLICT", "group.conflict", { current: { version: g.version, name: g.name, departmentId: g.departmentId, termStart: g.termStart, termEnd: g.termEnd } });
  return g;
}

/** The first and last dates of the group's visits and opinions (null when there are none). */
async function recordRange(db: Executor, groupId: number) {
  const result = await db.execute<{ first: string | null; last: string | null }>(sql`
    select min(d)::text as first, max(d)::text as last from (
      select ${visits.date} as d from ${visits} where ${visits.groupId} = ${groupId}
      union all
      select ${opinions.raisedOn} from ${opinions} where ${opinions.groupId} = ${groupId}
    ) records`);
  const row = result[0];
  return { first: row?.first ?? null, last: row?.last ?? null };
}

type Roster = { memberId: number; role: (typeof groupMembers.$inferSelect)["role"] }[];

/**
 * The department is one of the caller's own committee's, active (unless it is the one the group
 * already has), and the roster follows the rules and names active members of the caller's subtree.
 */
async function checkDispatch(tx: Tx, viewer: Viewer, kind: GroupKind, data: { departmentId: number; members: Roster }, currentDepartmentId?: number) {
  const [department] = await tx.select().from(departments).where(and(eq(departments.id, data.departmentId), eq(departments.committeeId, viewer.scope.committeeId)));
  if (!department) failField(["departmentId"], "group.notOwnDepartment");
  if (!department.active && department.id !== currentDepartmentId) failField(["departmentId"], "group.departmentInactive");
  const problem = rosterProblem(kind, data.members);
  if (problem) failField(["members"], problem);
  const ids = data.members.map((m) => m.memberId);
  const found = await tx
    .select({ id: members.id })
    .from(members)
    .innerJoin(committees, eq(committees.id, members.committeeId))
    .where(and(inArray(members.id, ids), eq(members.active, true), withinScope(viewer.scope, committees.path)));
  if (found.length !== ids.length) failField(["members"], "group.memberOutOfScope");
}

/** Tells appointed members who have a sign-in that they now serve in the group. */
async function notifyAppointed(tx: Tx, memberIds: number[], group: { id: number; name: string }) {
  if (memberIds.length === 0) return;
  const accounts = await tx.select({ id: users.id }).from(users).where(and(inArray(users.memberId, memberIds), isNull(users.disabledAt)));
  await notify(
    tx,
    accounts.map((a) => a.id),
    { kind: "group.appointed", title: group.name, link: `/groups/${group.id}` },
  );
}

function statusCondition(status: "upcoming" | "active" | "ended", today: string): SQL {
  if (status === "upcoming") return gt(supervisionGroups.termStart, today);
  if (status === "ended") return lt(supervisionGroups.termEnd, today);
  return and(lte(supervisionGroups.termStart, today), gte(supervisionGroups.termEnd, today))!;
}

export const groupRouter = createTRPCRouter({
  /**
   * Groups and supervisors in the caller's view (staff: their subtree; a member: their own), with
   * the leader, head counts, visits and the opinions' adoption, one page at a time. The figures
   * are correlated subqueries over indexed columns: one query per page, no N+1.
   */
  list: reader.input(groupListInput).query(async ({ ctx, input }) => {
    const { viewer } = ctx;
    const today = chinaToday();
    const conditions: SQL[] = [groupVisible(viewer)];
    if (input.search) {
      const pattern = containsPattern(input.search);
      conditions.push(
        or(
          ilike(supervisionGroups.name, pattern),
          ilike(departments.name, pattern),
          sql`exists (select 1 from ${groupMembers} gm join ${members} m on m.id = gm.member_id where gm.group_id = ${supervisionGroups.id} and m.name ilike ${pattern})`,
        )!,
      );
    }
    if (input.departmentId) conditions.push(eq(supervisionGroups.departmentId, input.departmentId));
    if (input.kind) conditions.push(eq(supervisionGroups.kind, input.kind));
    if (input.status) conditions.push(statusCondition(input.status, today));
    const where = and(...conditions);
    const g = supervisionGroups.id;
    const [rows, [total]] = await Promise.all([
      ctx.db
        .select({
          id: supervisionGroups.id,
          name: supervisionGroups.name,
          kind: supervisionGroups.kind,
          termStart: supervisionGroups.termStart,
          termEnd: supervisionGroups.termEnd,
          committeeId: committees.id,
          committeeName: committees.name,
          departmentId: departments.id,
          departmentName: departments.name,
          leaderName: sql<string | null>`(select m.name from ${groupMembers} gm join ${members} m on m.id = gm.member_id where gm.group_id = ${g} and gm.role in ('leader', 'supervisor') limit 1)`,
          memberCount: sql<number>`(select count(*)::int from ${groupMembers} gm where gm.group_id = ${g})`,
          visitCount: sql<number>`(select count(*)::int from ${visits} v where v.group_id = ${g})`,
          lastVisit: sql<string | null>`(select max(v.date)::text from ${visits} v where v.group_id = ${g})`,
          opinionCount: sql<number>`(select count(*)::int from ${opinions} o where o.group_id = ${g})`,
          answered: sql<number>`(select count(*)::int from ${opinions} o where o.group_id = ${g} and o.adoption is not null)`,
          adoptedOrPartly: sql<number>`(select count(*)::int from ${opinions} o where o.group_id = ${g} and o.adoption in ('adopted', 'partly_adopted'))`,
          myRole:
            viewer.memberId === null
              ? sql<null>`null`
              : sql<GroupRole | null>`(select gm.role::text from ${groupMembers} gm where gm.group_id = ${g} and gm.member_id = ${viewer.memberId})`,
        })
        .from(supervisionGroups)
        .innerJoin(committees, eq(committees.id, supervisionGroups.committeeId))
        .innerJoin(departments, eq(departments.id, supervisionGroups.departmentId))
        .where(where)
        // In term first, then those yet to start, then the ended; newest terms first within each.
        .orderBy(sql`case when ${supervisionGroups.termEnd} < ${today} then 2 when ${supervisionGroups.termStart} > ${today} then 1 else 0 end`, desc(supervisionGroups.termStart), desc(g))
        .limit(GROUP_PAGE_SIZE)
        .offset((input.page - 1) * GROUP_PAGE_SIZE),
      ctx.db
        .select({ n: count() })
        .from(supervisionGroups)
        .innerJoin(committees, eq(committees.id, supervisionGroups.committeeId))
        .innerJoin(departments, eq(departments.id, supervisionGroups.departmentId))
        .where(where),
    ]);
    return {
      items: rows.map((r) => ({
        ...r,
        status: termStatus(r, today),
        adoptionRate: r.answered === 0 ? null : r.adoptedOrPartly / r.answered,
      })),
      total: total!.n,
      page: input.page,
      pageSize: GROUP_PAGE_SIZE,
      canDispatch: can(viewer.role, "group.manage"),
    };
  }),

  /** One group with its members, visits (with photos) and opinions (with replies), and what the viewer may do. */
  byId: reader.input(byIdInput).query(async ({ ctx, input }) => {
    const { viewer } = ctx;
    const loaded = await loadGroup(ctx.db, viewer, input.id);
    const { g } = loaded;
    const raiser = users;
    const [roster, visitRows, opinionRows] = await Promise.all([
      ctx.db
        .select({ memberId: members.id, name: members.name, role: groupMembers.role, sector: members.sector, workplace: members.workplace, committeeName: committees.name })
        .from(groupMembers)
        .innerJoin(members, eq(members.id, groupMembers.memberId))
        .innerJoin(committees, eq(committees.id, members.committeeId))
        .where(eq(groupMembers.groupId, g.id))
        .orderBy(asc(groupMembers.role), asc(members.id)),
      ctx.db
        .select({ id: visits.id, date: visits.date, form: visits.form, summary: visits.summary, recordedBy: users.displayName, createdAt: visits.createdAt })
        .from(visits)
        .innerJoin(users, eq(users.id, visits.recordedBy))
        .where(eq(visits.groupId, g.id))
        .orderBy(desc(visits.date), desc(visits.id)),
      ctx.db
        .select({
          id: opinions.id,
          visitId: opinions.visitId,
          title: opinions.title,
          content: opinions.content,
          raisedOn: opinions.raisedOn,
          raisedBy: raiser.displayName,
          reply: opinions.reply,
          repliedOn: opinions.repliedOn,
          adoption: opinions.adoption,
          version: opinions.version,
        })
        .from(opinions)
        .innerJoin(raiser, eq(raiser.id, opinions.raisedBy))
        .where(eq(opinions.groupId, g.id))
        .orderBy(desc(opinions.raisedOn), desc(opinions.id)),
    ]);
    const photos = await attachmentsOf(ctx.db, "visit", visitRows.map((v) => v.id));
    const today = chinaToday();
    const myRole = viewer.memberId === null ? null : (roster.find((m) => m.memberId === viewer.memberId)?.role ?? null);
    const own = g.committeeId === viewer.scope.committeeId && can(viewer.role, "group.manage");
    return {
      ...g,
      committeeName: loaded.committeeName,
      departmentName: loaded.departmentName,
      departmentActive: loaded.departmentActive,
      status: termStatus(g, today),
      today,
      members: roster,
      visits: visitRows.map((v) => ({ ...v, photos: photos.filter((p) => p.ownerId === v.id) })),
      opinions: opinionRows,
      adoption: tallyAdoption(opinionRows.map((o) => ({ adoption: o.adoption, n: 1 }))),
      myRole,
      can: { manage: own, reply: own, serve: myRole !== null && can(viewer.role, "group.serve"), raiseProblem: can(viewer.role, "problem.write") },
    };
  }),

  /** 派驻: a group (or one supervisor) of the caller's committee to a department of its register. */
  create: manage.input(groupCreateInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      await checkDispatch(tx, ctx.viewer, input.kind, input);
      const [created] = await tx
        .insert(supervisionGroups)
        .values({
          committeeId: ctx.viewer.scope.committeeId,
          departmentId: input.departmentId,
          kind: input.kind,
          name: input.name,
          termStart: input.termStart,
          termEnd: input.termEnd,
          createdBy: ctx.viewer.userId,
        })
        .returning();
      await tx.insert(groupMembers).values(input.members.map((m) => ({ groupId: created!.id, ...m })));
      await notifyAppointed(tx, input.members.map((m) => m.memberId), created!);
      await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "group.create", entityType: "supervision_group", entityId: created!.id, after: input });
      return { id: created!.id };
    }),
  ),

  /**
   * Edits name, department, term and roster at the version read. The department cannot change once
   * something was recorded for it, and the term must keep covering what was recorded.
   */
  update: manage.input(groupUpdateInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      const before = await lockOwnGroup(tx, ctx.viewer, input.id, input.version);
      const { data } = input;
      await checkDispatch(tx, ctx.viewer, before.kind, data, before.departmentId);
      const range = await recordRange(tx, before.id);
      if (data.departmentId !== before.departmentId) {
        const [scored] = await tx.select({ n: count() }).from(appraisalScores).where(eq(appraisalScores.groupId, before.id));
        if (range.first || scored!.n > 0) failField(["departmentId"], "group.departmentLocked");
      }
      if (!termCoversRecords(data, range)) failField([range.first && data.termStart > range.first ? "termStart" : "termEnd"], "group.termExcludesRecords");
      const roster = await tx.select().from(groupMembers).where(eq(groupMembers.groupId, before.id));
      const [updated] = await tx
        .update(supervisionGroups)
        .set({ departmentId: data.departmentId, name: data.name, termStart: data.termStart, termEnd: data.termEnd, version: sql`${supervisionGroups.version} + 1`, updatedAt: new Date() })
        .where(eq(supervisionGroups.id, before.id))
        .returning({ version: supervisionGroups.version });
      await tx.delete(groupMembers).where(eq(groupMembers.groupId, before.id));
      await tx.insert(groupMembers).values(data.members.map((m) => ({ groupId: before.id, ...m })));
      const had = new Set(roster.map((m) => m.memberId));
      await notifyAppointed(tx, data.members.map((m) => m.memberId).filter((id) => !had.has(id)), { id: before.id, name: data.name });
      await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, {
        action: "group.update",
        entityType: "supervision_group",
        entityId: before.id,
        before: { ...before, members: roster.map((m) => ({ memberId: m.memberId, role: m.role })) },
        after: data,
      });
      return { id: before.id, version: updated!.version };
    }),
  ),

  /** 提前结束任期: the term ends on `endDate` (today by default). */
  endTerm: manage.input(groupEndTermInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      const before = await lockOwnGroup(tx, ctx.viewer, input.id, input.version);
      const today = chinaToday();
      const endDate = input.endDate ?? today;
      const { last } = await recordRange(tx, before.id);
      const problem = endTermProblem(before, endDate, today, last);
      if (problem === "group.alreadyEnded") fail("BAD_REQUEST", problem);
      if (problem) failField(["endDate"], problem);
      const [updated] = await tx
        .update(supervisionGroups)
        .set({ termEnd: endDate, version: sql`${supervisionGroups.version} + 1`, updatedAt: new Date() })
        .where(eq(supervisionGroups.id, before.id))
        .returning({ version: supervisionGroups.version, termEnd: supervisionGroups.termEnd });
      await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "group.endTerm", entityType: "supervision_group", entityId: before.id, before: { termEnd: before.termEnd }, after: { termEnd: endDate } });
      return { id: before.id, ...updated! };
    }),
  ),

  /** A member records a visit of their group (date within the term, not ahead of today), with photos. */
  recordVisit: serve.input(visitInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      const { g } = await groupOfMember(tx, ctx.viewer, input.groupId);
      const problem = recordDateProblem(input.date, g, chinaToday());
      if (problem) failField(["date"], problem);
      const [created] = await tx
        .insert(visits)
        .values({ groupId: g.id, date: input.date, form: input.form, summary: input.summary, recordedBy: ctx.viewer.userId })
        .returning();
      await bindAttachments(tx, input.attachmentIds, ctx.viewer.userId, { type: "visit", id: created!.id });
      await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "visit.create", entityType: "visit", entityId: created!.id, after: input });
      return { id: created!.id };
    }),
  ),

  /** A member raises an opinion or suggestion to the department, optionally from one of the group's visits. */
  raiseOpinion: serve.input(opinionInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      const { g } = await groupOfMember(tx, ctx.viewer, input.groupId);
      const problem = recordDateProblem(input.raisedOn, g, chinaToday());
      if (problem) failField(["raisedOn"], problem);
      if (input.visitId !== null) {
        const [visit] = await tx.select({ date: visits.date }).from(visits).where(and(eq(visits.id, input.visitId), eq(visits.groupId, g.id)));
        if (!visit) failField(["visitId"], "opinion.visitNotInGroup");
        if (input.raisedOn < visit.date) failField(["raisedOn"], "opinion.beforeVisit");
      }
      const [created] = await tx
        .insert(opinions)
        .values({ groupId: g.id, visitId: input.visitId, title: input.title, content: input.content, raisedOn: input.raisedOn, raisedBy: ctx.viewer.userId })
        .returning();
      await notify(tx, await staffOf(tx, g.committeeId, RECORD_KEEPERS), { kind: "opinion.raised", title: input.title, link: `/groups/${g.id}#opinion-${created!.id}` });
      await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "opinion.create", entityType: "opinion", entityId: created!.id, after: input });
      return { id: created!.id };
    }),
  ),

  /**
   * 登记部门答复: the dispatching committee's staff record the department's reply, its date and
   * whether it was adopted; a later correction names the version it read.
   */
  replyOpinion: manage.input(opinionReplyInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ o: opinions, committeeId: supervisionGroups.committeeId })
        .from(opinions)
        .innerJoin(supervisionGroups, eq(supervisionGroups.id, opinions.groupId))
        .innerJoin(committees, eq(committees.id, supervisionGroups.committeeId))
        .where(and(eq(opinions.id, input.id), withinScope(ctx.viewer.scope, committees.path)))
        .for("update", { of: opinions });
      if (!row) fail("NOT_FOUND");
      const { o } = row;
      if (row.committeeId !== ctx.viewer.scope.committeeId) fail("FORBIDDEN", "opinion.notOwn");
      if (o.version !== input.version) fail("CONFLICT", "opinion.conflict", { current: { version: o.version, reply: o.reply, repliedOn: o.repliedOn, adoption: o.adoption } });
      const problem = replyDateProblem(o.raisedOn, input.repliedOn, chinaToday());
      if (problem) failField(["repliedOn"], problem);
      const [updated] = await tx
        .update(opinions)
        .set({ reply: input.reply, repliedOn: input.repliedOn, adoption: input.adoption, version: sql`${opinions.version} + 1`, updatedAt: new Date() })
        .where(eq(opinions.id, o.id))
        .returning({ version: opinions.version });
      await notify(tx, [o.raisedBy], { kind: "opinion.replied", title: o.title, link: `/groups/${o.groupId}#opinion-${o.id}` });
      await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, {
        action: "opinion.reply",
        entityType: "opinion",
        entityId: o.id,
        before: { reply: o.reply, repliedOn: o.repliedOn, adoption: o.adoption, version: o.version },
        after: { reply: input.reply, repliedOn: input.repliedOn, adoption: input.adoption },
      });
      return { id: o.id, version: updated!.version };
    }),
  ),
});
