import { and, asc, count, desc, eq, ilike, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { Executor, Tx } from "@dm/db";
import { assignmentEvents, assignments, campaigns, committees, tasks, users } from "@dm/db/schema";
import { attachmentsOf, bindAttachments } from "../attachments";
import { recordAudit } from "../audit";
import { chinaToday } from "../domain/china-time";
import { capRows, EXPORT_QUERY_LIMIT } from "../exports/workbook";
import { CITY_ROLES, STAFF_ROLES } from "../domain/roles";
import { withinScope } from "../domain/scope";
import { containsPattern } from "../domain/search";
import type { Viewer } from "../context";
import { notify, staffOf } from "../notify";
import { byIdInput, TASK_PAGE_SIZE, taskCreateInput, taskListInput, type TaskListFilters, taskUpdateInput, type taskFields } from "../schemas/task";
import { createTRPCRouter, fail, roleProcedure } from "../trpc";
import { allowedActions, timeline, withOverdue } from "./assignment";
import { loadCampaign } from "./campaign";
import type { z } from "zod";
import { assignmentOverdue } from "../domain/overdue-sql";

const cityOnly = roleProcedure(...CITY_ROLES);
const issuer = alias(committees, "issuer");
/** Task work is for committee staff; members take part through activities instead. */
const staffOnly = roleProcedure(...STAFF_ROLES);

/** The task's own fields must fit its campaign: focus area, method, dates. */
async function checkTaskFields(tx: Tx, viewer: Viewer, data: z.output<typeof taskFields>) {
  const campaign = await loadCampaign(tx, viewer, data.campaignId);
  if (campaign.committeeId !== viewer.scope.committeeId) fail("FORBIDDEN");
  if (!campaign.focusAreas.includes(data.focusArea)) fail("BAD_REQUEST", "task.badFocusArea");
  if (!campaign.methods.includes(data.method)) fail("BAD_REQUEST", "task.badMethod");
  if (data.deadline < campaign.startDate || data.deadline > campaign.endDate) fail("BAD_REQUEST", "task.deadlineOutsideCampaign");
  if (data.responsibleLeaderId !== null) {
    const [leader] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, data.responsibleLeaderId), eq(users.committeeId, viewer.scope.committeeId), eq(users.role, "city_leader")));
    if (!leader) fail("BAD_REQUEST", "campaign.notLeader");
  }
  return campaign;
}

/** 下发 to counties: one assignment each, its 'sent' event and a notice to the county's staff. */
async function sendToCounties(tx: Tx, viewer: Viewer, task: { id: number; title: string; deadline: string }, committeeIds: readonly number[]) {
  const ids = [...new Set(committeeIds)];
  if (ids.length === 0) return;
  const counties = await tx
    .select({ id: committees.id })
    .from(committees)
    .where(and(inArray(committees.id, ids), eq(committees.parentId, viewer.scope.committeeId), eq(committees.level, "county")));
  if (counties.length !== ids.length) fail("BAD_REQUEST", "task.notCounty");
  const created = await tx
    .insert(assignments)
    .values(ids.map((committeeId) => ({ taskId: task.id, committeeId, issuerCommitteeId: viewer.scope.committeeId, sentBy: viewer.userId, deadline: task.deadline })))
    .onConflictDoNothing()
    .returning({ id: assignments.id, committeeId: assignments.committeeId });
  for (const a of created) {
    await tx.insert(assignmentEvents).values({ assignmentId: a.id, type: "sent", actorUserId: viewer.userId, toStatus: "sent" });
    await notify(tx, await staffOf(tx, a.committeeId, ["county_staff"]), { kind: "assignment.sent", title: task.title, link: `/assignments/${a.id}` });
  }
}

const taskValues = (data: z.output<typeof taskFields>) => ({
  campaignId: data.campaignId,
  title: data.title,
  description: data.description,
  focusArea: data.focusArea,
  method: data.method,
  deadline: data.deadline,
  responsibleLeaderId: data.responsibleLeaderId,
});

/**
 * The task list's filters: the city's own tasks, narrowed by campaign, focus area and title, and
 * by status, county and overdue of their county assignments. Shared by the list and its export.
 */
function taskListWhere(db: Executor, viewer: Viewer, input: TaskListFilters, today: string) {
  const conditions: SQL[] = [eq(tasks.committeeId, viewer.scope.committeeId)];
  if (input.campaignId) conditions.push(eq(tasks.campaignId, input.campaignId));
  if (input.focusArea) conditions.push(eq(tasks.focusArea, input.focusArea));
  if (input.search) conditions.push(ilike(tasks.title, containsPattern(input.search)));
  const assignmentFilter = countyAssignmentFilter(input, today);
  if (assignmentFilter.length) {
    // OFFSET 0 keeps the EXISTS a test of each task the list reads (newest first, stopping at a
    // full page) on the task's own assignments; without it the planner may turn it into a join
    // over every county assignment of that status in the database, other cities' included.
    const countyAssignment = db.select({ one: sql`1` }).from(assignments).where(and(eq(assignments.taskId, tasks.id), isNull(assignments.parentId), ...assignmentFilter));
    conditions.push(sql`exists (${countyAssignment} offset 0)`);
  }
  return and(...conditions);
}

/** Conditions on a county assignment from the list's status, county and overdue filters. */
function countyAssignmentFilter(input: TaskListFilters, today: string, table: Record<"status" | "committeeId" | "deadline", AnyPgColumn> = assignments): SQL[] {
  const filter: SQL[] = [];
  if (input.status) filter.push(eq(table.status, input.status));
  if (input.committeeId) filter.push(eq(table.committeeId, input.committeeId));
  if (input.overdue) filter.push(assignmentOverdue(today, table));
  return filter;
}

const countyAssignment = alias(assignments, "county_assignment");
const campaign = alias(campaigns, "task_campaign");

/**
 * The task list's export: one row per assignment of the listed tasks — each county assignment
 * that matches the filters, followed by the townships it was passed down to — with when it was
 * accepted, last reported and approved.
 */
async function taskExportRows(db: Executor, viewer: Viewer, input: TaskListFilters) {
  const today = chinaToday();
  // A township row belongs to the export when its county assignment does.
  const county = sql`coalesce(${assignments.parentId}, ${assignments.id})`;
  const rows = await db
    .select({
      taskId: tasks.id,
      taskTitle: tasks.title,
      campaignTitle: campaign.title,
      focusArea: tasks.focusArea,
      method: tasks.method,
      taskDeadline: tasks.deadline,
      assignmentId: assignments.id,
      parentId: assignments.parentId,
      committeeName: committees.name,
      committeeLevel: committees.level,
      issuerName: issuer.name,
      status: assignments.status,
      deadline: assignments.deadline,
      percent: assignments.percent,
      sentAt: assignments.sentAt,
      approvedAt: assignments.approvedAt,
      acceptedAt: sql<Date | null>`(select min(e.at) from ${assignmentEvents} e where e.assignment_id = ${assignments.id} and e.type = 'accepted')`.mapWith(assignmentEvents.at),
      reportedAt: sql<Date | null>`(select max(e.at) from ${assignmentEvents} e where e.assignment_id = ${assignments.id} and e.type = 'reported')`.mapWith(assignmentEvents.at),
    })
    .from(assignments)
    .innerJoin(tasks, eq(tasks.id, assignments.taskId))
    .innerJoin(campaign, eq(campaign.id, tasks.campaignId))
    .innerJoin(committees, eq(committees.id, assignments.committeeId))
    .innerJoin(issuer, eq(issuer.id, assignments.issuerCommitteeId))
    .innerJoin(countyAssignment, eq(countyAssignment.id, county))
    .where(and(taskListWhere(db, viewer, input, today), withinScope(viewer.scope, committees.path), ...countyAssignmentFilter(input, today, countyAssignment)))
    .orderBy(desc(tasks.id), asc(countyAssignment.id), sql`${assignments.parentId} is not null`, asc(committees.path))
    .limit(EXPORT_QUERY_LIMIT);
  return capRows(withOverdue(rows, today));
}

export const taskRouter = createTRPCRouter({
  /** The city's task list; filters on status and county match the tasks' county assignments. */
  list: cityOnly.input(taskListInput).query(async ({ ctx, input }) => {
    const today = chinaToday();
    const where = taskListWhere(ctx.db, ctx.viewer, input, today);
    const [rows, [total]] = await Promise.all([
      ctx.db
        .select({ id: tasks.id, title: tasks.title, focusArea: tasks.focusArea, method: tasks.method, deadline: tasks.deadline, campaignId: tasks.campaignId, updatedAt: tasks.updatedAt })
        .from(tasks)
        .where(where)
        .orderBy(desc(tasks.id))
        .limit(TASK_PAGE_SIZE)
        .offset((input.page - 1) * TASK_PAGE_SIZE),
      ctx.db.select({ n: count() }).from(tasks).where(where),
    ]);
    // Per-task counts by status in one grouped query (no N+1).
    const counts = rows.length
      ? await ctx.db
          .select({
            taskId: assignments.taskId,
            status: assignments.status,
            n: count(),
            overdue: sql<number>`count(*) filter (where ${assignmentOverdue(today)})::int`,
          })
          .from(assignments)
          .where(and(inArray(assignments.taskId, rows.map((r) => r.id)), isNull(assignments.parentId)))
          .groupBy(assignments.taskId, assignments.status)
      : [];
    const items = rows.map((r) => {
      const mine = counts.filter((c) => c.taskId === r.id);
      return {
        ...r,
        byStatus: Object.fromEntries(mine.map((c) => [c.status, c.n])) as Partial<Record<(typeof counts)[number]["status"], number>>,
        total: mine.reduce((s, c) => s + c.n, 0),
        overdue: mine.reduce((s, c) => s + c.overdue, 0),
      };
    });
    return { items, total: total!.n, page: input.page, pageSize: TASK_PAGE_SIZE };
  }),

  /** The list's export: every assignment of the tasks under the list's filters (no paging). */
  exportRows: cityOnly.input(taskListInput.omit({ page: true })).query(({ ctx, input }) => taskExportRows(ctx.db, ctx.viewer, input)),

  /**
   * A task with its assignments in the caller's scope (the city: all counties and townships;
   * a county: its own and its townships'), each with its timeline.
   */
  byId: staffOnly.input(byIdInput).query(async ({ ctx, input }) => {
    const [task] = await ctx.db.select().from(tasks).where(eq(tasks.id, input.id));
    const visible = task
      ? await ctx.db
          .select({
            id: assignments.id,
            parentId: assignments.parentId,
            committeeId: committees.id,
            committeeName: committees.name,
            committeeLevel: committees.level,
            issuerCommitteeId: assignments.issuerCommitteeId,
            issuerLevel: issuer.level,
            status: assignments.status,
            deadline: assignments.deadline,
            percent: assignments.percent,
            version: assignments.version,
            updatedAt: assignments.updatedAt,
          })
          .from(assignments)
          .innerJoin(committees, eq(committees.id, assignments.committeeId))
          .innerJoin(issuer, eq(issuer.id, assignments.issuerCommitteeId))
          .where(and(eq(assignments.taskId, task.id), withinScope(ctx.viewer.scope, committees.path)))
          .orderBy(asc(committees.path))
      : [];
    // Outside the issuing city and without an assignment in scope, the task does not exist.
    const isIssuer = task?.committeeId === ctx.viewer.scope.committeeId;
    if (!task || (!isIssuer && visible.length === 0)) fail("NOT_FOUND");
    const [events, files, campaign, leader] = await Promise.all([
      timeline(ctx.db, visible.map((a) => a.id)),
      attachmentsOf(ctx.db, "task", [task.id]),
      loadCampaign(ctx.db, ctx.viewer, task.campaignId),
      task.responsibleLeaderId ? ctx.db.select({ name: users.displayName }).from(users).where(eq(users.id, task.responsibleLeaderId)) : Promise.resolve([]),
    ]);
    return {
      ...task,
      campaignTitle: campaign.title,
      responsibleLeaderName: leader[0]?.name ?? null,
      attachments: files,
      canEdit: isIssuer && (CITY_ROLES as readonly string[]).includes(ctx.viewer.role),
      assignments: withOverdue(visible).map((a) => ({ ...a, allowedActions: allowedActions(ctx.viewer, a), events: events.get(a.id) ?? [] })),
    };
  }),

  create: cityOnly.input(taskCreateInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      await checkTaskFields(tx, ctx.viewer, input);
      const [task] = await tx
        .insert(tasks)
        .values({ ...taskValues(input), committeeId: ctx.viewer.scope.committeeId, createdBy: ctx.viewer.userId })
        .returning();
      await sendToCounties(tx, ctx.viewer, task!, input.committeeIds);
      await bindAttachments(tx, input.attachmentIds, ctx.viewer.userId, { type: "task", id: task!.id });
      await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "task.create", entityType: "task", entityId: task!.id, after: input });
      return { id: task!.id };
    }),
  ),

  update: cityOnly.input(taskUpdateInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      const [before] = await tx.select().from(tasks).where(and(eq(tasks.id, input.id), eq(tasks.committeeId, ctx.viewer.scope.committeeId)));
      if (!before) fail("NOT_FOUND");
      await checkTaskFields(tx, ctx.viewer, input.data);
      const [updated] = await tx
        .update(tasks)
        .set({ ...taskValues(input.data), version: sql`${tasks.version} + 1`, updatedAt: new Date() })
        .where(and(eq(tasks.id, input.id), eq(tasks.version, input.version)))
        .returning();
      if (!updated) fail("CONFLICT", "task.conflict", { current: { version: before.version } });
      await sendToCounties(tx, ctx.viewer, updated, input.addCommitteeIds);
      await bindAttachments(tx, input.data.attachmentIds, ctx.viewer.userId, { type: "task", id: updated.id });
      await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "task.update", entityType: "task", entityId: updated.id, before, after: input });
      return { id: updated.id, version: updated.version };
    }),
  ),
});
