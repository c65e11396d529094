import { and, asc, count, desc, eq, ilike, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { AssignmentStatus, CommitteeLevel, Db, Executor, Tx } from "@dm/db";
import { assignmentEvents, assignments, committees, tasks, users } from "@dm/db/schema";
import { attachmentsOf, bindAttachments } from "../attachments";
import { recordAudit } from "../audit";
import { ASSIGNMENT_ACTIONS, type AssignmentAction, isOverdue, mayAct, percentProblem, transition } from "../domain/assignment";
import { chinaToday } from "../domain/china-time";
import { withinScope } from "../domain/scope";
import { containsPattern } from "../domain/search";
import type { Viewer } from "../context";
import { notify, staffOf } from "../notify";
import { acceptInput, approveInput, byIdInput, inboxInput, passDownInput, reportInput, returnInput } from "../schemas/task";
import { STAFF_ROLES } from "../domain/roles";
import { createTRPCRouter, fail, roleProcedure } from "../trpc";
import { assignmentOverdue } from "../domain/overdue-sql";

const issuer = alias(committees, "issuer");
/** Task work is for committee staff; members take part through activities instead. */
const staffOnly = roleProcedure(...STAFF_ROLES);
const PAGE_SIZE = 20;

/** An assignment with what the rules need, if it lies in the viewer's scope. */
export async function loadAssignment(db: Executor, viewer: Viewer, id: number) {
  const [row] = await db
    .select({
      a: assignments,
      taskTitle: tasks.title,
      committeeName: committees.name,
      committeeLevel: committees.level,
      issuerLevel: issuer.level,
      issuerName: issuer.name,
    })
    .from(assignments)
    .innerJoin(tasks, eq(tasks.id, assignments.taskId))
    .innerJoin(committees, eq(committees.id, assignments.committeeId))
    .innerJoin(issuer, eq(issuer.id, assignments.issuerCommitteeId))
    .where(and(eq(assignments.id, id), withinScope(viewer.scope, committees.path)));
  if (!row) fail("NOT_FOUND");
  return row;
}

type Loaded = Awaited<ReturnType<typeof loadAssignment>>;

const actingUser = (viewer: Viewer) => ({ role: viewer.role, committeeId: viewer.scope.committeeId });

/** What the viewer may do with an assignment now: the buttons a page shows. */
export function allowedActions(
  viewer: Viewer,
  a: { committeeId: number; issuerCommitteeId: number; issuerLevel: CommitteeLevel; committeeLevel: CommitteeLevel; status: AssignmentStatus },
): AssignmentAction[] {
  return ASSIGNMENT_ACTIONS.filter(
    (action) => mayAct(actingUser(viewer), a, action) && transition(a.status, action).ok && (action !== "passDown" || a.committeeLevel === "county"),
  );
}

/** Who is told: the doing committee's staff, or the person who sent it. */
const ASSIGNEE_ROLES = ["county_staff", "township_liaison"] as const;

function assigneeLink(a: Loaded["a"]) {
  return `/assignments/${a.id}`;
}
function senderLink(a: Loaded["a"], issuerLevel: string) {
  return issuerLevel === "city" ? `/tasks/${a.taskId}` : `/assignments/${a.parentId ?? a.id}`;
}

/**
 * Runs one action: scope, side, legal transition and version are checked first, then, with
 * the row locked at that version, the status moves in one transaction with its timeline event,
 * files, notifications and audit event. A concurrent winner leaves this one with CONFLICT.
 */
async function act(
  ctx: { db: Db; requestId: string; viewer: Viewer },
  input: { id: number; version: number },
  action: AssignmentAction,
  write: (tx: Tx, loaded: Loaded, to: Loaded["a"]["status"]) => Promise<{ comment?: string; percent?: number; set?: Partial<typeof assignments.$inferInsert>; eventId?: (id: number) => Promise<void> }>,
) {
  const loaded = await loadAssignment(ctx.db, ctx.viewer, input.id);
  const { a } = loaded;
  if (!mayAct(actingUser(ctx.viewer), { committeeId: a.committeeId, issuerCommitteeId: a.issuerCommitteeId, issuerLevel: loaded.issuerLevel }, action)) fail("FORBIDDEN");
  const current = { status: a.status, version: a.version, percent: a.percent };
  if (a.version !== input.version) fail("CONFLICT", "assignment.conflict", { status: `@status.${a.status}`, current });
  const step = transition(a.status, action);
  if (!step.ok) fail("BAD_REQUEST", "assignment.illegal", { status: `@status.${a.status}`, action: `@action.${action}` });

  return ctx.db.transaction(async (tx) => {
    // Lock the row at the version read, before anything else is written: a concurrent action
    // waits here, then finds the version moved on and gets CONFLICT with the fresh state.
    const [locked] = await tx
      .select({ id: assignments.id })
      .from(assignments)
      .where(and(eq(assignments.id, a.id), eq(assignments.version, input.version), eq(assignments.status, a.status)))
      .for("update");
    if (!locked) {
      const [fresh] = await tx.select({ status: assignments.status, version: assignments.version, percent: assignments.percent }).from(assignments).where(eq(assignments.id, a.id));
      fail("CONFLICT", "assignment.conflict", { status: `@status.${fresh!.status}`, current: fresh });
    }
    const written = await write(tx, loaded, step.to);
    const [updated] = await tx
      .update(assignments)
      .set({ ...written.set, status: step.to, version: sql`${assignments.version} + 1`, updatedAt: new Date() })
      .where(eq(assignments.id, a.id))
      .returning();
    const [event] = await tx
      .insert(assignmentEvents)
      .values({ assignmentId: a.id, type: eventType(action), actorUserId: ctx.viewer.userId, fromStatus: a.status, toStatus: step.to, comment: written.comment ?? "", percent: written.percent })
      .returning({ id: assignmentEvents.id });
    await written.eventId?.(event!.id);
    await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, {
      action: `assignment.${action}`,
      entityType: "assignment",
      entityId: a.id,
      before: current,
      after: { status: updated!.status, version: updated!.version, percent: updated!.percent, comment: written.comment },
    });
    return { id: updated!.id, status: updated!.status, version: updated!.version, percent: updated!.percent };
  });
}

function eventType(action: AssignmentAction) {
  const types = { accept: "accepted", progress: "progress", report: "reported", approve: "approved", return: "returned", passDown: "passed_down" } as const;
  return types[action];
}

/** Assignment lists share their columns and the derived overdue flag. */
function listColumns() {
  return {
    id: assignments.id,
    taskId: assignments.taskId,
    parentId: assignments.parentId,
    taskTitle: tasks.title,
    focusArea: tasks.focusArea,
    committeeId: committees.id,
    committeeName: committees.name,
    issuerName: issuer.name,
    status: assignments.status,
    deadline: assignments.deadline,
    percent: assignments.percent,
    version: assignments.version,
    sentAt: assignments.sentAt,
    updatedAt: assignments.updatedAt,
  };
}

export function withOverdue<T extends { deadline: string; status: Loaded["a"]["status"] }>(rows: T[], today = chinaToday()) {
  return rows.map((r) => ({ ...r, overdue: isOverdue(r, today) }));
}

export const assignmentRouter = createTRPCRouter({
  /** 收件箱: what was sent to the caller's own committee. */
  inbox: staffOnly.input(inboxInput).query(async ({ ctx, input }) => {
    const today = chinaToday();
    const conditions: SQL[] = [eq(assignments.committeeId, ctx.viewer.scope.committeeId)];
    if (input.status) conditions.push(eq(assignments.status, input.status));
    if (input.overdue) conditions.push(assignmentOverdue(today));
    if (input.search) conditions.push(ilike(tasks.title, containsPattern(input.search)));
    const where = and(...conditions);
    const [rows, [total]] = await Promise.all([
      ctx.db
        .select(listColumns())
        .from(assignments)
        .innerJoin(tasks, eq(tasks.id, assignments.taskId))
        .innerJoin(committees, eq(committees.id, assignments.committeeId))
        .innerJoin(issuer, eq(issuer.id, assignments.issuerCommitteeId))
        .where(where)
        .orderBy(sql`${assignments.status} = 'approved'`, asc(assignments.deadline), desc(assignments.id))
        .limit(PAGE_SIZE)
        .offset((input.page - 1) * PAGE_SIZE),
      // The task's title is read only to search it: without a search the count needs no join.
      input.search
        ? ctx.db.select({ n: count() }).from(assignments).innerJoin(tasks, eq(tasks.id, assignments.taskId)).where(where)
        : ctx.db.select({ n: count() }).from(assignments).where(where),
    ]);
    return { items: withOverdue(rows, today), total: total!.n, page: input.page, pageSize: PAGE_SIZE };
  }),

  /**
   * Counts for the inbox tabs and the home page: the caller's assignments by status, how many
   * are overdue, and how many of the townships' reports wait for the caller's review.
   */
  inboxCounts: staffOnly.query(async ({ ctx }) => {
    const today = chinaToday();
    const own = eq(assignments.committeeId, ctx.viewer.scope.committeeId);
    const [byStatus, [overdue], [toReview]] = await Promise.all([
      ctx.db.select({ status: assignments.status, n: count() }).from(assignments).where(own).groupBy(assignments.status),
      ctx.db.select({ n: count() }).from(assignments).where(and(own, assignmentOverdue(today))),
      ctx.db.select({ n: count() }).from(assignments).where(and(eq(assignments.issuerCommitteeId, ctx.viewer.scope.committeeId), eq(assignments.status, "reported"))),
    ]);
    return {
      byStatus: Object.fromEntries(byStatus.map((r) => [r.status, r.n])) as Partial<Record<AssignmentStatus, number>>,
      total: byStatus.reduce((sum, r) => sum + r.n, 0),
      overdue: overdue!.n,
      toReview: toReview!.n,
    };
  }),

  /** One assignment with its task, timeline, files and (for a county) its townships' progress. */
  byId: staffOnly.input(byIdInput).query(async ({ ctx, input }) => {
    const loaded = await loadAssignment(ctx.db, ctx.viewer, input.id);
    const { a } = loaded;
    const [task] = await ctx.db.select().from(tasks).where(eq(tasks.id, a.taskId));
    const [events, children, taskFiles] = await Promise.all([
      timeline(ctx.db, [a.id]),
      ctx.db
        .select(listColumns())
        .from(assignments)
        .innerJoin(tasks, eq(tasks.id, assignments.taskId))
        .innerJoin(committees, eq(committees.id, assignments.committeeId))
        .innerJoin(issuer, eq(issuer.id, assignments.issuerCommitteeId))
        .where(eq(assignments.parentId, a.id))
        .orderBy(asc(committees.sortOrder)),
      attachmentsOf(ctx.db, "task", [a.taskId]),
    ]);
    const allowed = allowedActions(ctx.viewer, { ...a, issuerLevel: loaded.issuerLevel, committeeLevel: loaded.committeeLevel });
    return {
      ...withOverdue([{ ...a, committeeName: loaded.committeeName, issuerName: loaded.issuerName, committeeLevel: loaded.committeeLevel }])[0]!,
      task: { ...task!, attachments: taskFiles },
      events: events.get(a.id) ?? [],
      children: withOverdue(children),
      allowedActions: allowed,
    };
  }),

  accept: staffOnly.input(acceptInput).mutation(({ ctx, input }) =>
    act(ctx, input, "accept", async (tx, { a, issuerLevel, taskTitle }) => {
      await notify(tx, [a.sentBy], { kind: "assignment.accepted", title: taskTitle, link: senderLink(a, issuerLevel) });
      return {};
    }),
  ),

  reportProgress: staffOnly.input(reportInput).mutation(({ ctx, input }) =>
    act(ctx, input, input.complete ? "report" : "progress", async (tx, { a, issuerLevel, taskTitle }) => {
      if (input.complete && input.percent !== 100) fail("BAD_REQUEST", "assignment.completeNeeds100");
      // The last event that bears on the percent: a pass-down in between does not use up a return.
      const [last] = await tx
        .select({ type: assignmentEvents.type })
        .from(assignmentEvents)
        .where(and(eq(assignmentEvents.assignmentId, a.id), inArray(assignmentEvents.type, ["progress", "reported", "returned"])))
        .orderBy(desc(assignmentEvents.id))
        .limit(1);
      if (percentProblem(a.percent, input.percent, last?.type === "returned") === "lower") fail("BAD_REQUEST", "assignment.percentLower", { previous: a.percent });
      if (input.complete) await notify(tx, [a.sentBy], { kind: "assignment.reported", title: taskTitle, link: senderLink(a, issuerLevel) });
      return {
        comment: input.text,
        percent: input.percent,
        set: { percent: input.percent },
        eventId: (eventId) => bindAttachments(tx, input.attachmentIds, ctx.viewer.userId, { type: "assignment_event", id: eventId }),
      };
    }),
  ),

  approve: staffOnly.input(approveInput).mutation(({ ctx, input }) =>
    act(ctx, input, "approve", async () => ({ comment: input.comment, set: { approvedAt: new Date() } })),
  ),

  return: staffOnly.input(returnInput).mutation(({ ctx, input }) =>
    act(ctx, input, "return", async (tx, { a, taskTitle }) => {
      await notify(tx, await staffOf(tx, a.committeeId, ASSIGNEE_ROLES), { kind: "assignment.returned", title: taskTitle, link: assigneeLink(a) });
      return { comment: input.reason };
    }),
  ),

  /** 转交: a county sends its assignment on to some of its townships, reviewed by the county. */
  passDown: staffOnly.input(passDownInput).mutation(({ ctx, input }) =>
    act(ctx, input, "passDown", async (tx, { a, committeeLevel, taskTitle }) => {
      if (committeeLevel !== "county") fail("BAD_REQUEST", "assignment.passDownOnlyCounty");
      const ids = [...new Set(input.committeeIds)];
      const townships = await tx
        .select({ id: committees.id, name: committees.name })
        .from(committees)
        .where(and(inArray(committees.id, ids), eq(committees.parentId, a.committeeId), eq(committees.level, "township")));
      if (townships.length !== ids.length) fail("BAD_REQUEST", "assignment.notOwnTownship");
      const created = await tx
        .insert(assignments)
        .values(townships.map((t) => ({ taskId: a.taskId, parentId: a.id, committeeId: t.id, issuerCommitteeId: a.committeeId, sentBy: ctx.viewer.userId, deadline: input.deadline ?? a.deadline })))
        .onConflictDoNothing()
        .returning({ id: assignments.id, committeeId: assignments.committeeId });
      if (created.length !== townships.length) fail("BAD_REQUEST", "assignment.alreadyPassed");
      for (const child of created) {
        await tx.insert(assignmentEvents).values({ assignmentId: child.id, type: "sent", actorUserId: ctx.viewer.userId, toStatus: "sent" });
        await notify(tx, await staffOf(tx, child.committeeId, ASSIGNEE_ROLES), { kind: "assignment.sent", title: taskTitle, link: `/assignments/${child.id}` });
      }
      return { comment: townships.map((t) => t.name).join("、") };
    }),
  ),
});

/** Timelines of several assignments in one query, with the files of each report. */
export async function timeline(db: Executor, assignmentIds: readonly number[]) {
  if (assignmentIds.length === 0) return new Map<number, never[]>();
  const rows = await db
    .select({
      id: assignmentEvents.id,
      assignmentId: assignmentEvents.assignmentId,
      type: assignmentEvents.type,
      fromStatus: assignmentEvents.fromStatus,
      toStatus: assignmentEvents.toStatus,
      comment: assignmentEvents.comment,
      percent: assignmentEvents.percent,
      at: assignmentEvents.at,
      actorName: users.displayName,
    })
    .from(assignmentEvents)
    .innerJoin(users, eq(users.id, assignmentEvents.actorUserId))
    .where(inArray(assignmentEvents.assignmentId, [...assignmentIds]))
    .orderBy(asc(assignmentEvents.id));
  const files = await attachmentsOf(db, "assignment_event", rows.map((r) => r.id));
  const byEvent = new Map<number, typeof files>();
  for (const f of files) byEvent.set(f.ownerId!, [...(byEvent.get(f.ownerId!) ?? []), f]);
  const out = new Map<number, (typeof rows[number] & { attachments: typeof files })[]>();
  for (const r of rows) out.set(r.assignmentId, [...(out.get(r.assignmentId) ?? []), { ...r, attachments: byEvent.get(r.id) ?? [] }]);
  return out;
}

