import { randomBytes } from "node:crypto";
import { and, asc, count, desc, eq, exists, getTableColumns, gte, ilike, inArray, isNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { ActivityStatus, Db, Executor, Tx } from "@dm/db";
import { activities, activityFindings, activityInvitees, assignments, campaigns, committees, members, registrations, tasks, users } from "@dm/db/schema";
import { attachmentsOf, bindAttachments } from "../attachments";
import { recordAudit } from "../audit";
import type { Viewer } from "../context";
import { activitiesCalendar } from "../domain/activity-calendar";
import { checkInToken, newCheckInSecret, verifyCheckInToken } from "../domain/activity-token";
import {
  checkInWindow,
  editProblem,
  freePlaces,
  inCheckInWindow,
  type Joiner,
  joinableSql,
  mayJoin,
  placeFor,
  recordProblem,
  signupProblem,
} from "../domain/activity";
import { chinaDateTime, chinaMonthRange } from "../domain/china-time";
import { withinScope } from "../domain/scope";
import { capRows, EXPORT_QUERY_LIMIT } from "../exports/workbook";
import { containsPattern } from "../domain/search";
import { notify } from "../notify";
import { activityHeld, attendanceChanged, attended } from "../participation-summary";
import {
  ACTIVITY_PAGE_SIZE,
  activityByIdInput,
  activityCancelInput,
  activityCreateInput,
  activityListInput,
  activityUpdateInput,
  calendarFeedInput,
  checkInInput,
  findingInput,
  markAttendanceInput,
  memberActivitiesInput,
  recordInput,
  signUpInput,
  type activityFields,
} from "../schemas/activity";
import { capabilityProcedure, createTRPCRouter, fail } from "../trpc";
import { loadCampaign } from "./campaign";
import type { z } from "zod";

const organise = capabilityProcedure("activity.organise");
const join = capabilityProcedure("activity.join");

/** Every column but the check-in secret, which never leaves the server. */
const { checkInSecret: _secret, ...publicColumns } = getTableColumns(activities);

type Ctx = { db: Db; requestId: string; viewer: Viewer };
const actor = (ctx: Ctx) => ({ userId: ctx.viewer.userId, requestId: ctx.requestId });

/* ─── Loading, with the scope and visibility rules applied ─────────────────────────────────── */

/** An activity organised within the staff caller's scope (else NOT_FOUND), with its committee. */
async function loadForStaff(db: Executor, viewer: Viewer, id: number) {
  const [row] = await db
    .select({ a: activities, committeeName: committees.name, committeePath: committees.path })
    .from(activities)
    .innerJoin(committees, eq(committees.id, activities.committeeId))
    .where(and(eq(activities.id, id), withinScope(viewer.scope, committees.path)));
  if (!row) fail("NOT_FOUND");
  return row;
}

/** The member behind a member's account, as the joining rule needs them. */
async function joinerOf(db: Executor, viewer: Viewer): Promise<Joiner> {
  if (viewer.memberId === null) fail("FORBIDDEN", "activity.notMember");
  const [row] = await db
    .select({ memberId: members.id, committeeId: members.committeeId, committeePath: committees.path })
    .from(members)
    .innerJoin(committees, eq(committees.id, members.committeeId))
    .where(and(eq(members.id, viewer.memberId), eq(members.active, true)));
  if (!row) fail("FORBIDDEN", "activity.notMember");
  return row;
}

const joinable = (member: Joiner) =>
  joinableSql(
    member,
    { id: activities.id, audience: activities.audience, committeeId: activities.committeeId },
    { table: activityInvitees, activityId: activityInvitees.activityId, memberId: activityInvitees.memberId },
  );

/** An activity this member may see and join; any other is NOT_FOUND (it does not exist for them). */
async function loadForMember(db: Executor, member: Joiner, id: number) {
  const [row] = await db
    .select({
      a: activities,
      committeeName: committees.name,
      committeePath: committees.path,
      invited: sql<boolean>`exists (select 1 from ${activityInvitees} where ${activityInvitees.activityId} = ${activities.id} and ${activityInvitees.memberId} = ${member.memberId})`,
    })
    .from(activities)
    .innerJoin(committees, eq(committees.id, activities.committeeId))
    .where(eq(activities.id, id));
  if (!row || !mayJoin(member, { audience: row.a.audience, committeeId: row.a.committeeId, committeePath: row.committeePath, invited: row.invited })) fail("NOT_FOUND");
  return row;
}

/** Locks the activity row for the rest of the transaction: sign-ups, cancellations and marks queue here. */
async function lockActivity(tx: Tx, id: number) {
  const [row] = await tx.select().from(activities).where(eq(activities.id, id)).for("update");
  if (!row) fail("NOT_FOUND");
  return row;
}

/**
 * Locks the row at the version the caller read; a concurrent change leaves this one with
 * CONFLICT and the current state.
 */
async function lockAtVersion(tx: Tx, id: number, version: number) {
  const row = await lockActivity(tx, id);
  if (row.version !== version) fail("CONFLICT", "activity.conflict", { current: { status: row.status, version: row.version } });
  return row;
}

/* ─── The organiser's fields ───────────────────────────────────────────────────────────────── */

/**
 * The fields must fit the campaign (focus area from its list; a task of it that the organising
 * committee issued or was assigned), and invitees must be active members of the organising
 * committee's subtree.
 */
async function checkFields(tx: Tx, viewer: Viewer, organiser: { id: number; path: string }, data: z.output<typeof activityFields>) {
  const campaign = await loadCampaign(tx, viewer, data.campaignId);
  if (data.focusArea && !campaign.focusAreas.includes(data.focusArea)) fail("BAD_REQUEST", "activity.badFocusArea");
  if (data.taskId !== null) {
    const [task] = await tx
      .select({ id: tasks.id })
      .from(tasks)
      .where(
        and(
          eq(tasks.id, data.taskId),
          eq(tasks.campaignId, campaign.id),
          or(eq(tasks.committeeId, organiser.id), exists(tx.select({ one: sql`1` }).from(assignments).where(and(eq(assignments.taskId, tasks.id), eq(assignments.committeeId, organiser.id))))),
        ),
      );
    if (!task) fail("BAD_REQUEST", "activity.badTask");
  }
  const invitees = data.audience === "invited" ? [...new Set(data.inviteeIds)] : [];
  if (invitees.length) {
    const found = await tx
      .select({ id: members.id })
      .from(members)
      .innerJoin(committees, eq(committees.id, members.committeeId))
      .where(and(inArray(members.id, invitees), eq(members.active, true), withinScope({ ...viewer.scope, path: organiser.path }, committees.path)));
    if (found.length !== invitees.length) fail("BAD_REQUEST", "activity.notOwnInvitee");
  }
  return invitees;
}

const fieldValues = (data: z.output<typeof activityFields>) => ({
  type: data.type,
  title: data.title,
  description: data.description,
  campaignId: data.campaignId,
  taskId: data.taskId,
  focusArea: data.focusArea || null,
  startsAt: data.startsAt,
  endsAt: data.endsAt,
  place: data.place,
  organizer: data.organizer,
  capacity: data.capacity,
  signupDeadline: data.signupDeadline,
  audience: data.audience,
});

async function writeInvitees(tx: Tx, activityId: number, memberIds: readonly number[]) {
  await tx.delete(activityInvitees).where(eq(activityInvitees.activityId, activityId));
  if (memberIds.length) await tx.insert(activityInvitees).values(memberIds.map((memberId) => ({ activityId, memberId })));
}

/* ─── Registrations ────────────────────────────────────────────────────────────────────────── */

async function registeredCount(tx: Executor, activityId: number) {
  const [row] = await tx.select({ n: count() }).from(registrations).where(and(eq(registrations.activityId, activityId), eq(registrations.status, "registered")));
  return row!.n;
}

/**
 * Moves waiting members up, in queue order, into the places free under the capacity, and tells
 * each of them. Runs with the activity row locked.
 */
async function promoteWaiting(tx: Tx, activity: { id: number; title: string; capacity: number | null }) {
  const [registered, [waiting]] = await Promise.all([
    registeredCount(tx, activity.id),
    tx.select({ n: count() }).from(registrations).where(and(eq(registrations.activityId, activity.id), eq(registrations.status, "waiting"))),
  ]);
  const places = freePlaces(registered, activity.capacity, waiting!.n);
  if (places === 0) return [];
  const next = await tx
    .select({ id: registrations.id, memberId: registrations.memberId })
    .from(registrations)
    .where(and(eq(registrations.activityId, activity.id), eq(registrations.status, "waiting")))
    .orderBy(asc(registrations.queuePosition))
    .limit(places);
  await tx
    .update(registrations)
    .set({ status: "registered", updatedAt: new Date() })
    .where(inArray(registrations.id, next.map((r) => r.id)));
  const accounts = await tx.select({ id: users.id }).from(users).where(and(inArray(users.memberId, next.map((r) => r.memberId)), isNull(users.disabledAt)));
  await notify(tx, accounts.map((u) => u.id), { kind: "activity.promoted", title: activity.title, link: `/activities/${activity.id}` });
  return next.map((r) => r.memberId);
}

/** How many are ahead of a waiting member. */
async function waitingAhead(db: Executor, activityId: number, queuePosition: number) {
  const [row] = await db
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.activityId, activityId), eq(registrations.status, "waiting"), lt(registrations.queuePosition, queuePosition)));
  return row!.n;
}

/** Counts per activity and status (registered, waiting, arrived), in one grouped query. */
async function countsOf(db: Executor, activityIds: readonly number[]) {
  const rows = activityIds.length
    ? await db
        .select({
          activityId: registrations.activityId,
          registered: sql<number>`count(*) filter (where ${registrations.status} = 'registered')::int`,
          waiting: sql<number>`count(*) filter (where ${registrations.status} = 'waiting')::int`,
          arrived: sql<number>`count(*) filter (where ${registrations.status} = 'registered' and ${registrations.attendance} in ('present', 'late'))::int`,
        })
        .from(registrations)
        .where(inArray(registrations.activityId, [...activityIds]))
        .groupBy(registrations.activityId)
    : [];
  const byId = new Map(rows.map((r) => [r.activityId, { registered: r.registered, waiting: r.waiting, arrived: r.arrived }]));
  return (id: number) => byId.get(id) ?? { registered: 0, waiting: 0, arrived: 0 };
}

/** What an organiser may do with an activity now: the buttons its page shows. */
function staffActions(a: { status: ActivityStatus; startsAt: Date }, now: Date) {
  return {
    edit: editProblem(a.status) === null,
    cancel: editProblem(a.status) === null,
    checkInCode: a.status === "planned",
    mark: a.status !== "cancelled",
    record: recordProblem(a, now) === null,
    markHeld: a.status === "planned" && recordProblem(a, now) === null,
  };
}

const memberListColumns = {
  id: activities.id,
  title: activities.title,
  type: activities.type,
  status: activities.status,
  startsAt: activities.startsAt,
  endsAt: activities.endsAt,
  place: activities.place,
  organizer: activities.organizer,
  capacity: activities.capacity,
  signupDeadline: activities.signupDeadline,
  committeeName: committees.name,
};

/* ─── The calendar feed ────────────────────────────────────────────────────────────────────── */

const calendarPath = (token: string) => `/api/calendar/${token}.ics`;

/**
 * The ICS feed behind a member's secret calendar token: their registered and waiting
 * activities from the last 90 days on. null when no enabled member account holds the token.
 */
export async function memberCalendar(db: Db, token: string, origin: string, now = new Date()): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [user] = await db
    .select({ memberId: users.memberId, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.calendarToken, token), eq(users.role, "member"), isNull(users.disabledAt)));
  if (!user?.memberId) return null;
  const rows = await db
    .select({ a: publicColumns, registration: registrations.status })
    .from(registrations)
    .innerJoin(activities, eq(activities.id, registrations.activityId))
    .where(and(eq(registrations.memberId, user.memberId), ne(registrations.status, "cancelled"), gte(activities.endsAt, new Date(now.getTime() - 90 * 86_400_000))))
    .orderBy(asc(activities.startsAt));
  return activitiesCalendar(
    rows.map(({ a, registration }) => ({ ...a, registration: registration === "waiting" ? "waiting" : "registered", url: `${origin}/activities/${a.id}` })),
    { name: `${user.displayName}的监督活动`, host: new URL(origin).host, now },
  );
}

/** The staff list's filters, within the caller's scope: shared by the list and its export. */
function activityListWhere(viewer: Viewer, input: Omit<z.output<typeof activityListInput>, "page">) {
  const conditions: SQL[] = [withinScope(viewer.scope, committees.path)];
  if (input.search) {
    const pattern = containsPattern(input.search);
    conditions.push(or(ilike(activities.title, pattern), ilike(activities.place, pattern))!);
  }
  if (input.campaignId) conditions.push(eq(activities.campaignId, input.campaignId));
  if (input.status) conditions.push(eq(activities.status, input.status));
  if (input.type) conditions.push(eq(activities.type, input.type));
  if (input.month) {
    const { start, end } = chinaMonthRange(input.month);
    conditions.push(gte(activities.startsAt, start), lt(activities.startsAt, end));
  }
  return and(...conditions);
}

/** The committee a registered member belongs to (the activity's organiser may be another). */
const memberCommittee = alias(committees, "member_committee");

/**
 * The staff list's export: every activity under its filters with its counts, and every
 * registration of those activities with the attendance recorded. Each query is capped.
 */
async function activityExportRows(db: Executor, viewer: Viewer, input: Omit<z.output<typeof activityListInput>, "page">) {
  const where = activityListWhere(viewer, input);
  const n = (condition: SQL) => sql<number>`count(${registrations.id}) filter (where ${condition})`.mapWith(Number);
  const [list, regs] = await Promise.all([
    db
      .select({
        id: activities.id,
        title: activities.title,
        type: activities.type,
        status: activities.status,
        startsAt: activities.startsAt,
        endsAt: activities.endsAt,
        place: activities.place,
        organizer: activities.organizer,
        capacity: activities.capacity,
        committeeName: committees.name,
        campaignTitle: campaigns.title,
        registered: n(sql`${registrations.status} = 'registered'`),
        waiting: n(sql`${registrations.status} = 'waiting'`),
        arrived: n(sql`${registrations.status} = 'registered' and ${registrations.attendance} in ('present', 'late')`),
        absent: n(sql`${registrations.status} = 'registered' and ${registrations.attendance} = 'absent'`),
        excused: n(sql`${registrations.status} = 'registered' and ${registrations.attendance} = 'excused'`),
      })
      .from(activities)
      .innerJoin(committees, eq(committees.id, activities.committeeId))
      .innerJoin(campaigns, eq(campaigns.id, activities.campaignId))
      .leftJoin(registrations, eq(registrations.activityId, activities.id))
      .where(where)
      .groupBy(activities.id, committees.name, campaigns.title)
      .orderBy(desc(activities.startsAt), desc(activities.id))
      .limit(EXPORT_QUERY_LIMIT),
    db
      .select({
        activityId: activities.id,
        activityTitle: activities.title,
        startsAt: activities.startsAt,
        memberName: members.name,
        sector: members.sector,
        memberCommittee: memberCommittee.name,
        status: registrations.status,
        registeredAt: registrations.registeredAt,
        attendance: registrations.attendance,
        attendanceNote: registrations.attendanceNote,
        checkedInAt: registrations.checkedInAt,
        checkInMethod: registrations.checkInMethod,
      })
      .from(registrations)
      .innerJoin(activities, eq(activities.id, registrations.activityId))
      .innerJoin(committees, eq(committees.id, activities.committeeId))
      .innerJoin(members, eq(members.id, registrations.memberId))
      .innerJoin(memberCommittee, eq(memberCommittee.id, members.committeeId))
      .where(where)
      .orderBy(desc(activities.startsAt), desc(activities.id), sql`${registrations.status} = 'cancelled'`, sql`${registrations.status} = 'waiting'`, asc(registrations.queuePosition))
      .limit(EXPORT_QUERY_LIMIT),
  ]);
  return { activities: capRows(list), registrations: capRows(regs) };
}

/* ─── The router ───────────────────────────────────────────────────────────────────────────── */

export const activityRouter = createTRPCRouter({
  /** 活动管理: activities organised within the caller's scope, newest first. */
  list: organise.input(activityListInput).query(async ({ ctx, input }) => {
    const where = activityListWhere(ctx.viewer, input);
    const [rows, [total]] = await Promise.all([
      ctx.db
        .select({ ...memberListColumns, committeeId: activities.committeeId, campaignId: activities.campaignId, audience: activities.audience })
        .from(activities)
        .innerJoin(committees, eq(committees.id, activities.committeeId))
        .where(where)
        .orderBy(desc(activities.startsAt), desc(activities.id))
        .limit(ACTIVITY_PAGE_SIZE)
        .offset((input.page - 1) * ACTIVITY_PAGE_SIZE),
      ctx.db.select({ n: count() }).from(activities).innerJoin(committees, eq(committees.id, activities.committeeId)).where(where),
    ]);
    const counts = await countsOf(ctx.db, rows.map((r) => r.id));
    return { items: rows.map((r) => ({ ...r, ...counts(r.id) })), total: total!.n, page: input.page, pageSize: ACTIVITY_PAGE_SIZE };
  }),

  /** The list's export: the activities under its filters (no paging) and their registrations. */
  exportRows: organise.input(activityListInput.omit({ page: true })).query(({ ctx, input }) => activityExportRows(ctx.db, ctx.viewer, input)),

  /** One activity for its organisers: registrations with attendance, invitees, the record, findings. */
  byId: organise.input(activityByIdInput).query(async ({ ctx, input }) => {
    const { a, committeeName } = await loadForStaff(ctx.db, ctx.viewer, input.id);
    const [campaign, task, invitees, regs, files, findings] = await Promise.all([
      ctx.db.select({ title: campaigns.title }).from(campaigns).where(eq(campaigns.id, a.campaignId)),
      a.taskId ? ctx.db.select({ title: tasks.title }).from(tasks).where(eq(tasks.id, a.taskId)) : Promise.resolve([]),
      ctx.db
        .select({ id: members.id, name: members.name, committeeName: committees.name })
        .from(activityInvitees)
        .innerJoin(members, eq(members.id, activityInvitees.memberId))
        .innerJoin(committees, eq(committees.id, members.committeeId))
        .where(eq(activityInvitees.activityId, a.id))
        .orderBy(asc(members.id)),
      ctx.db
        .select({
          id: registrations.id,
          memberId: members.id,
          name: members.name,
          sector: members.sector,
          phone: members.phone,
          committeeName: committees.name,
          status: registrations.status,
          queuePosition: registrations.queuePosition,
          registeredAt: registrations.registeredAt,
          attendance: registrations.attendance,
          attendanceNote: registrations.attendanceNote,
          checkedInAt: registrations.checkedInAt,
          checkInMethod: registrations.checkInMethod,
        })
        .from(registrations)
        .innerJoin(members, eq(members.id, registrations.memberId))
        .innerJoin(committees, eq(committees.id, members.committeeId))
        .where(eq(registrations.activityId, a.id))
        .orderBy(sql`${registrations.status} = 'cancelled'`, sql`${registrations.status} = 'waiting'`, asc(registrations.queuePosition)),
      attachmentsOf(ctx.db, "activity", [a.id]),
      ctx.db
        .select({ id: activityFindings.id, memberName: members.name, text: activityFindings.text, createdAt: activityFindings.createdAt })
        .from(activityFindings)
        .innerJoin(members, eq(members.id, activityFindings.memberId))
        .where(eq(activityFindings.activityId, a.id))
        .orderBy(asc(activityFindings.id)),
    ]);
    const findingFiles = await attachmentsOf(ctx.db, "activity_finding", findings.map((f) => f.id));
    const { checkInSecret: _secret, ...activity } = a;
    return {
      ...activity,
      committeeName,
      campaignTitle: campaign[0]?.title ?? "",
      taskTitle: task[0]?.title ?? null,
      invitees,
      registrations: regs,
      counts: {
        registered: regs.filter((r) => r.status === "registered").length,
        waiting: regs.filter((r) => r.status === "waiting").length,
        arrived: regs.filter((r) => r.status === "registered" && (r.attendance === "present" || r.attendance === "late")).length,
      },
      attachments: files,
      memberFindings: findings.map((f) => ({ ...f, attachments: findingFiles.filter((x) => x.ownerId === f.id) })),
      checkInWindow: checkInWindow(a),
      actions: staffActions(a, new Date()),
    };
  }),

  /** The campaigns an organiser may file an activity under, each with its focus areas and the tasks open to the caller's committee. */
  choices: organise.query(async ({ ctx }) => {
    const own = ctx.viewer.scope.committeeId;
    const list = await ctx.db
      .select({ id: campaigns.id, title: campaigns.title, year: campaigns.year, focusAreas: campaigns.focusAreas })
      .from(campaigns)
      .innerJoin(committees, eq(committees.id, campaigns.committeeId))
      .where(sql`${ctx.viewer.scope.path} like ${committees.path} || '%'`)
      .orderBy(desc(campaigns.year), desc(campaigns.id));
    const taskRows = list.length
      ? await ctx.db
          .select({ id: tasks.id, campaignId: tasks.campaignId, title: tasks.title })
          .from(tasks)
          .where(
            and(
              inArray(tasks.campaignId, list.map((c) => c.id)),
              or(eq(tasks.committeeId, own), exists(ctx.db.select({ one: sql`1` }).from(assignments).where(and(eq(assignments.taskId, tasks.id), eq(assignments.committeeId, own))))),
            ),
          )
          .orderBy(desc(tasks.id))
      : [];
    const [committee] = await ctx.db.select({ name: committees.name }).from(committees).where(eq(committees.id, own));
    return { committeeName: committee!.name, campaigns: list.map((c) => ({ ...c, tasks: taskRows.filter((t) => t.campaignId === c.id) })) };
  }),

  /** 组织活动: organised by the caller's own committee. */
  create: organise.input(activityCreateInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      const invitees = await checkFields(tx, ctx.viewer, { id: ctx.viewer.scope.committeeId, path: ctx.viewer.scope.path }, input);
      const [row] = await tx
        .insert(activities)
        .values({ ...fieldValues(input), committeeId: ctx.viewer.scope.committeeId, checkInSecret: newCheckInSecret(), createdBy: ctx.viewer.userId })
        .returning({ id: activities.id });
      await writeInvitees(tx, row!.id, invitees);
      await bindAttachments(tx, input.attachmentIds, ctx.viewer.userId, { type: "activity", id: row!.id });
      await recordAudit(tx, actor(ctx), { action: "activity.create", entityType: "activity", entityId: row!.id, after: input });
      return { id: row!.id };
    }),
  ),

  /** Edits a planned activity at the version read; a larger capacity moves waiting members up. */
  update: organise.input(activityUpdateInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      const { committeePath } = await loadForStaff(tx, ctx.viewer, input.id);
      const before = await lockAtVersion(tx, input.id, input.version);
      const problem = editProblem(before.status);
      if (problem) fail("BAD_REQUEST", problem);
      const invitees = await checkFields(tx, ctx.viewer, { id: before.committeeId, path: committeePath }, input.data);
      const [updated] = await tx
        .update(activities)
        .set({ ...fieldValues(input.data), version: sql`${activities.version} + 1`, updatedAt: new Date() })
        .where(eq(activities.id, input.id))
        .returning(publicColumns);
      await writeInvitees(tx, input.id, invitees);
      await bindAttachments(tx, input.data.attachmentIds, ctx.viewer.userId, { type: "activity", id: input.id });
      const promoted = await promoteWaiting(tx, updated!);
      const { checkInSecret: _secret, ...shown } = before;
      await recordAudit(tx, actor(ctx), { action: "activity.update", entityType: "activity", entityId: input.id, before: shown, after: { ...input.data, promoted } });
      return { id: input.id, version: updated!.version };
    }),
  ),

  /** 取消活动: everyone signed up (or waiting) is told. */
  cancel: organise.input(activityCancelInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      await loadForStaff(tx, ctx.viewer, input.id);
      const before = await lockAtVersion(tx, input.id, input.version);
      if (editProblem(before.status)) fail("BAD_REQUEST", "activity.illegal", { status: `@activityStatus.${before.status}` });
      const [updated] = await tx
        .update(activities)
        .set({ status: "cancelled", version: sql`${activities.version} + 1`, updatedAt: new Date() })
        .where(eq(activities.id, input.id))
        .returning({ version: activities.version });
      const told = await tx
        .select({ id: users.id })
        .from(registrations)
        .innerJoin(users, eq(users.memberId, registrations.memberId))
        .where(and(eq(registrations.activityId, input.id), inArray(registrations.status, ["registered", "waiting"]), isNull(users.disabledAt)));
      const title = input.reason ? `${before.title}（${input.reason}）` : before.title;
      await notify(tx, told.map((u) => u.id), { kind: "activity.cancelled", title, link: `/activities/${input.id}` });
      await recordAudit(tx, actor(ctx), { action: "activity.cancel", entityType: "activity", entityId: input.id, before: { status: before.status }, after: { status: "cancelled", reason: input.reason } });
      return { id: input.id, status: "cancelled" as const, version: updated!.version };
    }),
  ),

  /**
   * The code the organiser's QR page shows now. The page asks again before it expires; the
   * secret that signs it stays here.
   */
  checkInCode: organise.input(activityByIdInput).query(async ({ ctx, input }) => {
    const { a } = await loadForStaff(ctx.db, ctx.viewer, input.id);
    if (a.status === "cancelled") fail("BAD_REQUEST", "activity.cancelled");
    const now = new Date();
    const { token, expiresAt } = checkInToken(a.checkInSecret, a.id, now);
    const counts = (await countsOf(ctx.db, [a.id]))(a.id);
    return { token, expiresAt, title: a.title, window: checkInWindow(a), open: inCheckInWindow(a, now), ...counts };
  }),

  /**
   * 手动签到: present, late, absent or excused (with its reason). A member allowed to join who
   * came without a place (not signed up, or waiting) is added as registered: they are there.
   * Absent and excused apply only to those who hold a place.
   */
  mark: organise.input(markAttendanceInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      const { committeePath } = await loadForStaff(tx, ctx.viewer, input.activityId);
      const a = await lockActivity(tx, input.activityId);
      if (a.status === "cancelled") fail("BAD_REQUEST", "activity.cancelled");
      const [existing] = await tx.select().from(registrations).where(and(eq(registrations.activityId, a.id), eq(registrations.memberId, input.memberId)));
      const now = new Date();
      const arrived = input.attendance === "present" || input.attendance === "late";
      if (!arrived && existing?.status !== "registered") fail("BAD_REQUEST", "activity.absentNeedsPlace");
      const attendance = {
        status: "registered" as const,
        attendance: input.attendance,
        attendanceNote: input.note,
        markedBy: ctx.viewer.userId,
        // An arrival keeps the time of a QR check-in; absence clears it.
        checkedInAt: arrived ? (existing?.checkedInAt ?? now) : null,
        checkInMethod: arrived ? (existing?.checkedInAt ? existing.checkInMethod : ("manual" as const)) : null,
        updatedAt: now,
      };
      await attendanceChanged(tx, a, input.memberId, attended(existing), arrived);
      if (existing && existing.status !== "cancelled") {
        await tx.update(registrations).set(attendance).where(eq(registrations.id, existing.id));
      } else {
        const [member] = await tx
          .select({ memberId: members.id, committeeId: members.committeeId, committeePath: committees.path })
          .from(members)
          .innerJoin(committees, eq(committees.id, members.committeeId))
          .where(and(eq(members.id, input.memberId), eq(members.active, true)));
        if (!member) fail("BAD_REQUEST", "activity.notEligible");
        const invited = a.audience === "invited" && (await tx.select({ one: sql`1` }).from(activityInvitees).where(and(eq(activityInvitees.activityId, a.id), eq(activityInvitees.memberId, member.memberId)))).length > 0;
        if (!mayJoin(member, { audience: a.audience, committeeId: a.committeeId, committeePath, invited })) fail("BAD_REQUEST", "activity.notEligible");
        const [seq] = await tx.update(activities).set({ signupSeq: sql`${activities.signupSeq} + 1` }).where(eq(activities.id, a.id)).returning({ n: activities.signupSeq });
        await tx
          .insert(registrations)
          .values({ activityId: a.id, memberId: member.memberId, queuePosition: seq!.n, registeredAt: now, ...attendance })
          .onConflictDoUpdate({ target: [registrations.activityId, registrations.memberId], set: { queuePosition: seq!.n, registeredAt: now, cancelledAt: null, ...attendance } });
      }
      await recordAudit(tx, actor(ctx), { action: "activity.mark", entityType: "activity", entityId: a.id, before: existing ? { status: existing.status, attendance: existing.attendance } : null, after: { memberId: input.memberId, attendance: input.attendance, note: input.note } });
      return { memberId: input.memberId, attendance: input.attendance };
    }),
  ),

  /** 活动记录: minutes, findings, the number of opinions and photos; `markHeld` marks it 已举办. */
  record: organise.input(recordInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      await loadForStaff(tx, ctx.viewer, input.id);
      const before = await lockAtVersion(tx, input.id, input.version);
      const now = new Date();
      const problem = recordProblem(before, now);
      if (problem === "activity.notStarted") fail("BAD_REQUEST", problem, { startsAt: chinaDateTime(before.startsAt) });
      if (problem) fail("BAD_REQUEST", problem);
      const held = input.markHeld && before.status === "planned";
      const [updated] = await tx
        .update(activities)
        .set({
          minutes: input.minutes,
          findings: input.findings,
          opinionCount: input.opinionCount,
          ...(held ? { status: "held" as const, heldAt: now } : {}),
          version: sql`${activities.version} + 1`,
          updatedAt: now,
        })
        .where(eq(activities.id, input.id))
        .returning({ status: activities.status, version: activities.version });
      if (held) await activityHeld(tx, { ...before, status: "held" });
      await bindAttachments(tx, input.attachmentIds, ctx.viewer.userId, { type: "activity", id: input.id });
      await recordAudit(tx, actor(ctx), {
        action: held ? "activity.held" : "activity.record",
        entityType: "activity",
        entityId: input.id,
        before: { status: before.status, minutes: before.minutes, findings: before.findings, opinionCount: before.opinionCount },
        after: { status: updated!.status, minutes: input.minutes, findings: input.findings, opinionCount: input.opinionCount, attachmentIds: input.attachmentIds },
      });
      return { id: input.id, status: updated!.status, version: updated!.version };
    }),
  ),

  /* ─── Members ─── */

  /** 可报名的活动 (upcoming, open to the member) or 我的活动 (what they signed up for). */
  forMember: join.input(memberActivitiesInput).query(async ({ ctx, input }) => {
    const member = await joinerOf(ctx.db, ctx.viewer);
    const now = new Date();
    const mine = and(eq(registrations.activityId, activities.id), eq(registrations.memberId, member.memberId));
    const where =
      input.view === "open"
        ? // The status as a literal: the planner then uses the index of planned activities even in a prepared statement's generic plan.
          and(sql`${activities.status} = 'planned'`, gte(activities.endsAt, now), joinable(member))
        : exists(ctx.db.select({ one: sql`1` }).from(registrations).where(and(mine, ne(registrations.status, "cancelled"))));
    // One statement: the page with the member's own registration, the places taken (counted
    // from the registrations' activity index; PostgreSQL evaluates it after the limit, for the
    // page's rows only) and, counted over every row before the limit, how many there are.
    const rows = await ctx.db
      .select({
        ...memberListColumns,
        myStatus: registrations.status,
        myQueuePosition: registrations.queuePosition,
        myAttendance: registrations.attendance,
        myCheckedInAt: registrations.checkedInAt,
        registered: sql<number>`(select count(*) from ${registrations} taken where taken.activity_id = ${activities.id} and taken.status = 'registered')`.mapWith(Number),
        total: sql<number>`count(*) over ()`.mapWith(Number),
      })
      .from(activities)
      .innerJoin(committees, eq(committees.id, activities.committeeId))
      .leftJoin(registrations, mine)
      .where(where)
      .orderBy(input.view === "open" ? asc(activities.startsAt) : desc(activities.startsAt), asc(activities.id))
      .limit(ACTIVITY_PAGE_SIZE)
      .offset((input.page - 1) * ACTIVITY_PAGE_SIZE);
    // A page past the end has no row to carry the total: only then is it counted on its own.
    const total =
      rows[0]?.total ?? (input.page > 1 ? (await ctx.db.select({ n: count() }).from(activities).innerJoin(committees, eq(committees.id, activities.committeeId)).where(where))[0]!.n : 0);
    return {
      items: rows.map(({ total: _total, ...r }) => ({ ...r, signupOpen: signupProblem(r, now) === null })),
      total,
      page: input.page,
      pageSize: ACTIVITY_PAGE_SIZE,
    };
  }),

  /** One activity as a member sees it, with their own registration and findings. */
  view: join.input(activityByIdInput).query(async ({ ctx, input }) => {
    const member = await joinerOf(ctx.db, ctx.viewer);
    const { a, committeeName } = await loadForMember(ctx.db, member, input.id);
    const [[registration], [campaign], counts, myFindings, files] = await Promise.all([
      ctx.db.select().from(registrations).where(and(eq(registrations.activityId, a.id), eq(registrations.memberId, member.memberId))),
      ctx.db.select({ title: campaigns.title }).from(campaigns).where(eq(campaigns.id, a.campaignId)),
      countsOf(ctx.db, [a.id]),
      ctx.db.select({ id: activityFindings.id, text: activityFindings.text, createdAt: activityFindings.createdAt }).from(activityFindings).where(and(eq(activityFindings.activityId, a.id), eq(activityFindings.memberId, member.memberId))).orderBy(asc(activityFindings.id)),
      attachmentsOf(ctx.db, "activity", [a.id]),
    ]);
    const findingFiles = await attachmentsOf(ctx.db, "activity_finding", myFindings.map((f) => f.id));
    const now = new Date();
    const active = registration && registration.status !== "cancelled" ? registration : null;
    return {
      id: a.id,
      title: a.title,
      type: a.type,
      status: a.status,
      description: a.description,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      place: a.place,
      organizer: a.organizer,
      capacity: a.capacity,
      signupDeadline: a.signupDeadline,
      focusArea: a.focusArea,
      committeeName,
      campaignTitle: campaign?.title ?? "",
      registered: counts(a.id).registered,
      attachments: a.status === "held" ? files : [],
      signupOpen: signupProblem(a, now) === null,
      checkInWindow: checkInWindow(a),
      mine: active
        ? {
            status: active.status,
            queuePosition: active.queuePosition,
            waitingAhead: active.status === "waiting" ? await waitingAhead(ctx.db, a.id, active.queuePosition) : 0,
            attendance: active.attendance,
            attendanceNote: active.attendanceNote,
            checkedInAt: active.checkedInAt,
          }
        : null,
      canAddFinding: active?.status === "registered" && a.status !== "cancelled" && now >= a.startsAt,
      findings: myFindings.map((f) => ({ ...f, attachments: findingFiles.filter((x) => x.ownerId === f.id) })),
    };
  }),

  /**
   * 报名. The activity row is locked for the transaction, so concurrent sign-ups take queue
   * positions one at a time from `signupSeq` and never overfill the capacity; once full, the
   * member joins the waiting list. Signing up again while signed up changes nothing.
   */
  signUp: join.input(signUpInput).mutation(async ({ ctx, input }) => {
    const member = await joinerOf(ctx.db, ctx.viewer);
    await loadForMember(ctx.db, member, input.id);
    return ctx.db.transaction(async (tx) => {
      const a = await lockActivity(tx, input.id);
      const now = new Date();
      const problem = signupProblem(a, now);
      if (problem) fail("BAD_REQUEST", problem, { deadline: chinaDateTime(a.signupDeadline) });
      const [existing] = await tx.select().from(registrations).where(and(eq(registrations.activityId, a.id), eq(registrations.memberId, member.memberId)));
      if (existing && existing.status !== "cancelled") {
        return { status: existing.status, queuePosition: existing.queuePosition, waitingAhead: existing.status === "waiting" ? await waitingAhead(tx, a.id, existing.queuePosition) : 0, changed: false };
      }
      const status = placeFor(await registeredCount(tx, a.id), a.capacity);
      const [seq] = await tx.update(activities).set({ signupSeq: sql`${activities.signupSeq} + 1` }).where(eq(activities.id, a.id)).returning({ n: activities.signupSeq });
      const fresh = { status, queuePosition: seq!.n, registeredAt: sql`clock_timestamp()`, cancelledAt: null, attendance: null, attendanceNote: "", checkedInAt: null, checkInMethod: null, markedBy: null, updatedAt: now };
      await tx
        .insert(registrations)
        .values({ activityId: a.id, memberId: member.memberId, ...fresh })
        .onConflictDoUpdate({ target: [registrations.activityId, registrations.memberId], set: fresh });
      await recordAudit(tx, actor(ctx), { action: "activity.signUp", entityType: "activity", entityId: a.id, after: { memberId: member.memberId, status, queuePosition: seq!.n } });
      return { status, queuePosition: seq!.n, waitingAhead: status === "waiting" ? await waitingAhead(tx, a.id, seq!.n) : 0, changed: true };
    });
  }),

  /** 取消报名, before the deadline. A place given up goes to the first on the waiting list. */
  cancelSignUp: join.input(signUpInput).mutation(async ({ ctx, input }) => {
    const member = await joinerOf(ctx.db, ctx.viewer);
    await loadForMember(ctx.db, member, input.id);
    return ctx.db.transaction(async (tx) => {
      const a = await lockActivity(tx, input.id);
      const problem = signupProblem(a, new Date());
      if (problem) fail("BAD_REQUEST", problem, { deadline: chinaDateTime(a.signupDeadline) });
      const [existing] = await tx.select().from(registrations).where(and(eq(registrations.activityId, a.id), eq(registrations.memberId, member.memberId)));
      if (!existing || existing.status === "cancelled") fail("BAD_REQUEST", "activity.notRegistered");
      await tx.update(registrations).set({ status: "cancelled", cancelledAt: new Date(), updatedAt: new Date() }).where(eq(registrations.id, existing.id));
      const promoted = existing.status === "registered" ? await promoteWaiting(tx, a) : [];
      await recordAudit(tx, actor(ctx), { action: "activity.cancelSignUp", entityType: "activity", entityId: a.id, before: { memberId: member.memberId, status: existing.status }, after: { status: "cancelled", promoted } });
      return { status: "cancelled" as const };
    });
  }),

  /**
   * 扫码签到: the token from the organiser's QR code must be this activity's and current, the
   * time within the check-in window, and the member registered (not waiting). A second scan
   * changes nothing and answers when they checked in.
   */
  checkIn: join.input(checkInInput).mutation(async ({ ctx, input }) => {
    const member = await joinerOf(ctx.db, ctx.viewer);
    const { a } = await loadForMember(ctx.db, member, input.activityId);
    const now = new Date();
    const token = verifyCheckInToken(a.checkInSecret, a.id, input.token, now);
    if (token === "invalid") fail("BAD_REQUEST", "activity.tokenInvalid");
    if (a.status === "cancelled") fail("BAD_REQUEST", "activity.checkInCancelled");
    const [registration] = await ctx.db.select().from(registrations).where(and(eq(registrations.activityId, a.id), eq(registrations.memberId, member.memberId)));
    const result = (r: { checkedInAt: Date; attendance: string | null }, already: boolean) => ({ activityId: a.id, title: a.title, place: a.place, startsAt: a.startsAt, checkedInAt: r.checkedInAt, already });
    // Already in: say so whatever the code, so a second scan later reads as success.
    if (registration?.status === "registered" && registration.checkedInAt) return result({ checkedInAt: registration.checkedInAt, attendance: registration.attendance }, true);
    if (token === "expired") fail("BAD_REQUEST", "activity.tokenExpired");
    if (!inCheckInWindow(a, now)) {
      const { opens, closes } = checkInWindow(a);
      fail("BAD_REQUEST", "activity.checkInWindow", { opens: chinaDateTime(opens), closes: chinaDateTime(closes) });
    }
    if (!registration || registration.status === "cancelled") fail("BAD_REQUEST", "activity.checkInNotRegistered");
    if (registration.status === "waiting") fail("BAD_REQUEST", "activity.checkInWaiting");
    return ctx.db.transaction(async (tx) => {
      // Shares the row lock a cancellation takes, so a scan racing it is refused, not recorded.
      const [current] = await tx.select({ id: activities.id, status: activities.status, campaignId: activities.campaignId, startsAt: activities.startsAt }).from(activities).where(eq(activities.id, a.id)).for("share");
      if (current?.status === "cancelled") fail("BAD_REQUEST", "activity.checkInCancelled");
      // Only the first of two simultaneous scans writes; the registration may also have been
      // cancelled since it was read (the cancellation held the activity lock this waited on).
      const [updated] = await tx
        .update(registrations)
        .set({ checkedInAt: now, checkInMethod: "qr", attendance: "present", attendanceNote: "", updatedAt: now })
        .where(and(eq(registrations.id, registration.id), eq(registrations.status, "registered"), isNull(registrations.checkedInAt)))
        .returning({ checkedInAt: registrations.checkedInAt, attendance: registrations.attendance });
      if (!updated) {
        const [current] = await tx.select().from(registrations).where(eq(registrations.id, registration.id));
        if (current?.status === "registered" && current.checkedInAt) return result({ checkedInAt: current.checkedInAt, attendance: current.attendance }, true);
        fail("BAD_REQUEST", current?.status === "waiting" ? "activity.checkInWaiting" : "activity.checkInNotRegistered");
      }
      // Marked held since it was read: the row lock now shared keeps it so until the commit.
      await attendanceChanged(tx, current!, member.memberId, attended(registration), true);
      await recordAudit(tx, actor(ctx), { action: "activity.checkIn", entityType: "activity", entityId: a.id, after: { memberId: member.memberId, method: "qr" } });
      return result({ checkedInAt: updated.checkedInAt!, attendance: updated.attendance }, false);
    });
  }),

  /** A registered member's own finding (发现的问题), once the activity has started. */
  addFinding: join.input(findingInput).mutation(async ({ ctx, input }) => {
    const member = await joinerOf(ctx.db, ctx.viewer);
    const { a } = await loadForMember(ctx.db, member, input.activityId);
    if (a.status === "cancelled") fail("BAD_REQUEST", "activity.cancelled");
    if (new Date() < a.startsAt) fail("BAD_REQUEST", "activity.findingTooEarly");
    const [registration] = await ctx.db.select({ status: registrations.status }).from(registrations).where(and(eq(registrations.activityId, a.id), eq(registrations.memberId, member.memberId)));
    if (registration?.status !== "registered") fail("BAD_REQUEST", "activity.findingNotRegistered");
    return ctx.db.transaction(async (tx) => {
      const [row] = await tx.insert(activityFindings).values({ activityId: a.id, memberId: member.memberId, text: input.text }).returning({ id: activityFindings.id });
      await bindAttachments(tx, input.attachmentIds, ctx.viewer.userId, { type: "activity_finding", id: row!.id });
      await recordAudit(tx, actor(ctx), { action: "activity.addFinding", entityType: "activity_finding", entityId: row!.id, after: { activityId: a.id, text: input.text, attachmentIds: input.attachmentIds } });
      return { id: row!.id };
    });
  }),

  /** The member's calendar feed path, if they have made one. */
  calendar: join.query(async ({ ctx }) => {
    const [user] = await ctx.db.select({ token: users.calendarToken }).from(users).where(eq(users.id, ctx.viewer.userId));
    return { path: user?.token ? calendarPath(user.token) : null };
  }),

  /** Makes the member's secret calendar feed on first use; `regenerate` replaces it (the old link stops working). */
  calendarFeed: join.input(calendarFeedInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      const [user] = await tx.select({ token: users.calendarToken }).from(users).where(eq(users.id, ctx.viewer.userId)).for("update");
      if (user?.token && !input.regenerate) return { path: calendarPath(user.token) };
      const token = randomBytes(24).toString("base64url");
      await tx.update(users).set({ calendarToken: token }).where(eq(users.id, ctx.viewer.userId));
      await recordAudit(tx, actor(ctx), { action: input.regenerate ? "calendar.regenerate" : "calendar.create", entityType: "user", entityId: ctx.viewer.userId });
      return { path: calendarPath(token) };
    }),
  ),
});
