import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Executor, ProblemSource, ProblemStatus, Tx } from "@dm/db";
import {
  activities,
  assignments,
  committees,
  departments,
  problemEvents,
  problems,
  supervisionGroups,
  tasks,
  tips,
  users,
  visits,
} from "@dm/db/schema";
import { attachmentsOf, bindAttachments } from "../attachments";
import { recordAudit } from "../audit";
import type { Viewer } from "../context";
import { chinaToday } from "../domain/china-time";
import { allowedProblemActions, closureRate, isProblemOverdue, mayActOnProblem, type ProblemAction, problemTransition } from "../domain/problem";
import { RECORD_KEEPERS } from "../domain/roles";
import { committeeIdWithinScope, withinScope } from "../domain/scope";
import { containsPattern } from "../domain/search";
import { notify, staffOf } from "../notify";
import {
  PROBLEM_PAGE_SIZE,
  problemAssignInput,
  problemByIdInput,
  problemCreateInput,
  problemDepartmentsInput,
  type ProblemFilterInput,
  problemFilterInput,
  problemListInput,
  problemLookbackInput,
  problemPassLookbackInput,
  problemRejectInput,
  problemReopenInput,
  problemReportInput,
  problemSourceInput,
  problemVerifyInput,
} from "../schemas/problem";
import { findCommitteeInScope } from "./committee";
import { capabilityProcedure, createTRPCRouter, fail } from "../trpc";
import { capRows, EXPORT_QUERY_LIMIT } from "../exports/workbook";
import { problemOverdue } from "../domain/overdue-sql";

const read = capabilityProcedure("problem.read");
const write = capabilityProcedure("problem.write");

const raising = alias(committees, "raising");
const parent = alias(committees, "parent_committee");

/**
 * A problem is the viewer's when its area or its raiser lies in their subtree: both tested on
 * the problem's own committee ids, so the ledger reads the subtree's problems by index.
 */
export function problemInScope(viewer: Viewer): SQL {
  // A township has no committees below it: its scope is its own id, a constant the planner can
  // weigh (a few dozen rows, read by committee) instead of a subtree of unknown size.
  if (viewer.scope.level === "township") return or(eq(problems.committeeId, viewer.scope.committeeId), eq(problems.raisingCommitteeId, viewer.scope.committeeId))!;
  return or(committeeIdWithinScope(viewer.scope, problems.committeeId), committeeIdWithinScope(viewer.scope, problems.raisingCommitteeId))!;
}

/** A problem with the committees the rules need, if it is in the viewer's scope. */
export async function loadProblem(db: Executor, viewer: Viewer, id: number) {
  const [row] = await db
    .select({
      p: problems,
      committeeName: committees.name,
      committeeLevel: committees.level,
      committeePath: committees.path,
      committeeParentId: committees.parentId,
      raisingName: raising.name,
      departmentName: departments.name,
    })
    .from(problems)
    .innerJoin(committees, eq(committees.id, problems.committeeId))
    .innerJoin(raising, eq(raising.id, problems.raisingCommitteeId))
    .leftJoin(departments, eq(departments.id, problems.departmentId))
    .where(and(eq(problems.id, id), problemInScope(viewer)));
  if (!row) fail("NOT_FOUND");
  return row;
}

type Loaded = Awaited<ReturnType<typeof loadProblem>>;

const actor = (viewer: Viewer) => ({ role: viewer.role, committeeId: viewer.scope.committeeId });
const parties = (l: Loaded) => ({ committeeId: l.p.committeeId, committeeParentId: l.committeeParentId, raisingCommitteeId: l.p.raisingCommitteeId });

/** The staff of a committee (or, when it has none, of its parent), less the one acting. */
async function staffToTell(tx: Executor, committeeId: number, parentId: number | null, except: number): Promise<number[]> {
  let ids = await staffOf(tx, committeeId, RECORD_KEEPERS);
  if (ids.length === 0 && parentId !== null) ids = await staffOf(tx, parentId, RECORD_KEEPERS);
  return ids.filter((id) => id !== except);
}

/**
 * A department may answer for a problem when it is on the register of the problem's committee
 * or of one above it (a county's bureau, or the city's), and still active.
 */
async function checkDepartment(db: Executor, departmentId: number, committeePath: string): Promise<void> {
  const [row] = await db
    .select({ id: departments.id })
    .from(departments)
    .innerJoin(committees, eq(committees.id, departments.committeeId))
    .where(and(eq(departments.id, departmentId), eq(departments.active, true), sql`${committeePath} like ${committees.path} || '%'`));
  if (!row) fail("BAD_REQUEST", "problem.departmentNotAllowed");
}

/** A committee in the viewer's scope (the area of a new problem), with its path. */
async function committeeInScope(db: Executor, viewer: Viewer, committeeId: number) {
  return (await findCommitteeInScope(db, viewer.scope, committeeId)) ?? fail("BAD_REQUEST", "problem.committeeNotInScope");
}

/**
 * What a problem came from, in words, if that record exists and the viewer may see it: an
 * activity organised in scope, a visit of a group dispatched in scope, an assignment of a
 * committee in scope (or sent by the viewer's), or a tip routed to a committee in scope.
 */
export async function sourceLabel(db: Executor, viewer: Viewer, source: ProblemSource, sourceId: number): Promise<string | null> {
  switch (source) {
    case "activity": {
      const [row] = await db
        .select({ title: activities.title })
        .from(activities)
        .innerJoin(committees, eq(committees.id, activities.committeeId))
        .where(and(eq(activities.id, sourceId), withinScope(viewer.scope, committees.path)));
      return row?.title ?? null;
    }
    case "visit": {
      const [row] = await db
        .select({ date: visits.date, group: supervisionGroups.name })
        .from(visits)
        .innerJoin(supervisionGroups, eq(supervisionGroups.id, visits.groupId))
        .innerJoin(committees, eq(committees.id, supervisionGroups.committeeId))
        .where(and(eq(visits.id, sourceId), withinScope(viewer.scope, committees.path)));
      return row ? `${row.group} ${row.date}` : null;
    }
    case "assignment": {
      const [row] = await db
        .select({ title: tasks.title, committee: committees.name })
        .from(assignments)
        .innerJoin(tasks, eq(tasks.id, assignments.taskId))
        .innerJoin(committees, eq(committees.id, assignments.committeeId))
        .where(and(eq(assignments.id, sourceId), or(withinScope(viewer.scope, committees.path), eq(assignments.issuerCommitteeId, viewer.scope.committeeId))));
      return row ? `${row.title}（${row.committee}）` : null;
    }
    case "tip": {
      const [row] = await db
        .select({ code: tips.code })
        .from(tips)
        .innerJoin(committees, eq(committees.id, tips.committeeId))
        .where(and(eq(tips.id, sourceId), withinScope(viewer.scope, committees.path)));
      return row?.code ?? null;
    }
    case "direct":
      return null;
  }
}

export interface NewProblem {
  title: string;
  description: string;
  category: (typeof problems.$inferInsert)["category"];
  location: string;
  latitude: number | null;
  longitude: number | null;
  committeeId: number;
  departmentId: number | null;
  deadline: string | null;
  attachmentIds: number[];
  source: ProblemSource;
  sourceId: number | null;
}

/**
 * Writes a new problem (待交办) raised by the viewer's committee, in `tx`: the area must be in
 * scope and the department answerable for it; evidence files are bound; the timeline starts
 * with "created"; the area's staff are told when another committee raised it.
 */
export async function insertProblem(tx: Tx, ctx: { viewer: Viewer; requestId: string }, input: NewProblem, comment = ""): Promise<{ id: number }> {
  const area = await committeeInScope(tx, ctx.viewer, input.committeeId);
  if (input.departmentId !== null) await checkDepartment(tx, input.departmentId, area.path);
  const [created] = await tx
    .insert(problems)
    .values({
      title: input.title,
      description: input.description,
      category: input.category,
      location: input.location,
      latitude: input.latitude,
      longitude: input.longitude,
      committeeId: area.id,
      raisingCommitteeId: ctx.viewer.scope.committeeId,
      departmentId: input.departmentId,
      deadline: input.deadline,
      source: input.source,
      sourceId: input.sourceId,
      createdBy: ctx.viewer.userId,
    })
    .returning();
  const problem = created!;
  await bindAttachments(tx, input.attachmentIds, ctx.viewer.userId, { type: "problem", id: problem.id });
  await tx.insert(problemEvents).values({ problemId: problem.id, type: "created", actorUserId: ctx.viewer.userId, toStatus: "pending", comment });
  if (area.id !== ctx.viewer.scope.committeeId) {
    await notify(tx, await staffToTell(tx, area.id, area.parentId, ctx.viewer.userId), { kind: "problem.created", title: problem.title, link: `/problems/${problem.id}` });
  }
  await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "problem.create", entityType: "problem", entityId: problem.id, after: problem });
  return { id: problem.id };
}

interface Step {
  comment?: string;
  set?: Partial<typeof problems.$inferInsert>;
  /** Files on the timeline event (evidence of the rectification). */
  attachmentIds?: number[];
  /** Who hears of it: the responsible committee or the raising one. */
  tell?: "responsible" | "raising";
}

/**
 * Runs one step of the life cycle: scope, side, legal transition and version are checked
 * first; then, with the row locked at that version, the status moves in one transaction with
 * its timeline event, files, notification and audit event. A concurrent winner leaves this one
 * with CONFLICT and the problem as it is now.
 */
async function act(
  ctx: { db: Db; requestId: string; viewer: Viewer },
  input: { id: number; version: number },
  action: ProblemAction,
  prepare: (tx: Tx, loaded: Loaded) => Promise<Step>,
) {
  const loaded = await loadProblem(ctx.db, ctx.viewer, input.id);
  const { p } = loaded;
  if (!mayActOnProblem(actor(ctx.viewer), parties(loaded), action)) fail("FORBIDDEN", "problem.notYourSide", { action: `@problemAction.${action}` });
  const current = { status: p.status, version: p.version, lookbackOn: p.lookbackOn };
  if (p.version !== input.version) fail("CONFLICT", "problem.conflict", { status: `@problemStatus.${p.status}`, current });
  const step = problemTransition({ status: p.status, lookbackScheduled: p.lookbackOn !== null }, action);
  if (!step.ok) fail("BAD_REQUEST", "problem.illegal", { status: `@problemStatus.${p.status}`, action: `@problemAction.${action}` });

  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ id: problems.id })
      .from(problems)
      .where(and(eq(problems.id, p.id), eq(problems.version, input.version)))
      .for("update");
    if (!locked) {
      const [fresh] = await tx.select({ status: problems.status, version: problems.version, lookbackOn: problems.lookbackOn }).from(problems).where(eq(problems.id, p.id));
      fail("CONFLICT", "problem.conflict", { status: `@problemStatus.${fresh!.status}`, current: fresh });
    }
    const written = await prepare(tx, loaded);
    const [updated] = await tx
      .update(problems)
      .set({ ...written.set, status: step.to, version: sql`${problems.version} + 1`, updatedAt: new Date() })
      .where(eq(problems.id, p.id))
      .returning();
    const [event] = await tx
      .insert(problemEvents)
      .values({ problemId: p.id, type: step.event, actorUserId: ctx.viewer.userId, fromStatus: p.status, toStatus: step.to, comment: written.comment ?? "" })
      .returning({ id: problemEvents.id });
    await bindAttachments(tx, written.attachmentIds ?? [], ctx.viewer.userId, { type: "problem_event", id: event!.id });
    if (written.tell) {
      const to =
        written.tell === "raising"
          ? (await staffOf(tx, p.raisingCommitteeId, RECORD_KEEPERS)).filter((id) => id !== ctx.viewer.userId)
          : await staffToTell(tx, p.committeeId, loaded.committeeParentId, ctx.viewer.userId);
      await notify(tx, to, { kind: `problem.${step.event}`, title: p.title, link: `/problems/${p.id}` });
    }
    const after = { status: updated!.status, version: updated!.version, departmentId: updated!.departmentId, deadline: updated!.deadline, lookbackOn: updated!.lookbackOn, comment: written.comment };
    await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: `problem.${action}`, entityType: "problem", entityId: p.id, before: current, after });
    return { id: updated!.id, status: updated!.status, version: updated!.version };
  });
}

/**
 * The conditions of the ledger's filters, within the viewer's scope. They read the problem's
 * own columns only (committees by id), so a page can be chosen from the problems alone.
 */
function filterConditions(viewer: Viewer, input: ProblemFilterInput, today: string, { withStatus = true } = {}): SQL[] {
  const conditions: SQL[] = [problemInScope(viewer)];
  // The status also as the order's first key, so a walk of the ledger order index starts where that status is.
  if (withStatus && input.status) conditions.push(eq(problems.status, input.status), sql`(${problems.status} = 'closed') = ${input.status === "closed"}`);
  if (input.category) conditions.push(eq(problems.category, input.category));
  if (input.committeeId) {
    conditions.push(sql`${problems.committeeId} = any(array(select sub.id from ${committees} sub where sub.path like (select c.path from ${committees} c where c.id = ${input.committeeId}) || '%'))`);
  }
  if (input.departmentId) conditions.push(eq(problems.departmentId, input.departmentId));
  if (input.overdue) conditions.push(problemOverdue(today));
  if (input.search) {
    const pattern = containsPattern(input.search);
    conditions.push(or(ilike(problems.title, pattern), ilike(problems.description, pattern), ilike(problems.location, pattern))!);
  }
  return conditions;
}

function ledgerColumns() {
  return {
    id: problems.id,
    title: problems.title,
    category: problems.category,
    status: problems.status,
    location: problems.location,
    committeeId: problems.committeeId,
    committeeName: committees.name,
    committeeLevel: committees.level,
    parentName: parent.name,
    raisingCommitteeId: problems.raisingCommitteeId,
    raisingName: raising.name,
    departmentName: departments.name,
    deadline: problems.deadline,
    source: problems.source,
    closedAt: problems.closedAt,
    lookbackOn: problems.lookbackOn,
    createdAt: problems.createdAt,
  };
}

function ledgerQuery(db: Executor) {
  return db
    .select(ledgerColumns())
    .from(problems)
    .innerJoin(committees, eq(committees.id, problems.committeeId))
    .innerJoin(raising, eq(raising.id, problems.raisingCommitteeId))
    .leftJoin(parent, eq(parent.id, committees.parentId))
    .leftJoin(departments, eq(departments.id, problems.departmentId));
}

type LedgerRow = Awaited<ReturnType<ReturnType<typeof ledgerQuery>["where"]>>[number];

/** A row as lists show it: the county named (a township's parent) and the overdue flag derived. */
function present(row: LedgerRow, today: string) {
  const { parentName, ...rest } = row;
  return { ...rest, countyName: row.committeeLevel === "township" ? parentName : row.committeeName, overdue: isProblemOverdue(row, today) };
}

export type LedgerItem = ReturnType<typeof present>;

/**
 * Unresolved first (the oldest deadline first), closed last, newest first within: the keys of
 * problems_ledger_order_idx, so a page is found by walking that index, keeping the rows in scope
 * and under the filters (their columns are in the index too), and stopping after the page.
 */
const ledgerOrder = [sql`${problems.status} = 'closed'`, sql`${problems.deadline} asc nulls last`, desc(problems.id)];

/** Every row of the ledger under `filters` (no paging), for the Excel export. */
export async function ledgerForExport(db: Executor, viewer: Viewer, filters: ProblemFilterInput) {
  const today = chinaToday();
  const input = problemFilterInput.parse(filters);
  const rows = await ledgerQuery(db)
    .where(and(...filterConditions(viewer, input, today)))
    .orderBy(...ledgerOrder)
    .limit(EXPORT_QUERY_LIMIT);
  capRows(rows);
  const ids = rows.map((r) => r.id);
  // The plan and the description go into the sheet too.
  const texts = ids.length ? await db.select({ id: problems.id, description: problems.description, plan: problems.plan, latitude: problems.latitude, longitude: problems.longitude }).from(problems).where(inArray(problems.id, ids)) : [];
  const byId = new Map(texts.map((t) => [t.id, t]));
  return rows.map((r) => ({ ...present(r, today), ...byId.get(r.id)! }));
}

export const problemRouter = createTRPCRouter({
  /** The ledger's export: every problem under the filters (no paging), with its texts. */
  exportRows: read.input(problemFilterInput).query(({ ctx, input }) => ledgerForExport(ctx.db, ctx.viewer, input)),

  /**
   * The ledger: one page of problems under the filters, in one statement that reads about as
   * many index entries as the page needs, however many problems the scope holds. How many there
   * are under the same filters is `counts` (byStatus[status], or total), which the ledger shows
   * anyway; counting them here too would read the whole scope a second time for every page.
   */
  list: read.input(problemListInput).query(async ({ ctx, input }) => {
    const today = chinaToday();
    // The page is chosen among the problems alone; only its rows are joined to their committees.
    const page = ctx.db
      .select({ id: problems.id })
      .from(problems)
      .where(and(...filterConditions(ctx.viewer, input, today)))
      .orderBy(...ledgerOrder)
      .limit(PROBLEM_PAGE_SIZE)
      .offset((input.page - 1) * PROBLEM_PAGE_SIZE);
    const rows = await ledgerQuery(ctx.db)
      .where(inArray(problems.id, page))
      .orderBy(...ledgerOrder);
    return { items: rows.map((r) => present(r, today)), page: input.page, pageSize: PROBLEM_PAGE_SIZE };
  }),

  /**
   * Counts per status, overdue and the closure rate (已销号 / 全部) under the filters other than
   * the status, so the status tabs can show them all.
   */
  counts: read.input(problemFilterInput).query(async ({ ctx, input }) => {
    const today = chinaToday();
    const where = and(...filterConditions(ctx.viewer, input, today, { withStatus: false }));
    const rows = await ctx.db
      .select({
        status: problems.status,
        n: count(),
        overdue: sql<number>`count(*) filter (where ${problemOverdue(today)})`.mapWith(Number),
      })
      .from(problems)
      .where(where)
      .groupBy(problems.status);
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<ProblemStatus, number>>;
    const total = rows.reduce((sum, r) => sum + r.n, 0);
    const closed = byStatus.closed ?? 0;
    return { byStatus, total, closed, overdue: rows.reduce((sum, r) => sum + r.overdue, 0), closureRate: closureRate(closed, total) };
  }),

  /** One problem with its timeline, files, source and the actions the viewer may take now. */
  byId: read.input(problemByIdInput).query(async ({ ctx, input }) => {
    const loaded = await loadProblem(ctx.db, ctx.viewer, input.id);
    const { p } = loaded;
    const today = chinaToday();
    const [events, files, source, tip] = await Promise.all([
      problemTimeline(ctx.db, p.id),
      attachmentsOf(ctx.db, "problem", [p.id]),
      p.sourceId !== null ? sourceLabel(ctx.db, ctx.viewer, p.source, p.sourceId) : Promise.resolve(null),
      p.source === "tip" && p.sourceId !== null
        ? ctx.db.select({ id: tips.id, code: tips.code, content: tips.content, location: tips.location, createdAt: tips.createdAt }).from(tips).where(eq(tips.id, p.sourceId)).then((r) => r[0] ?? null)
        : Promise.resolve(null),
    ]);
    const tipPhotos = tip ? await attachmentsOf(ctx.db, "tip", [tip.id]) : [];
    return {
      ...p,
      committeeName: loaded.committeeName,
      raisingName: loaded.raisingName,
      departmentName: loaded.departmentName,
      overdue: isProblemOverdue(p, today),
      attachments: files,
      sourceLabel: source,
      tip: tip ? { ...tip, attachments: tipPhotos } : null,
      events,
      allowedActions: allowedProblemActions(actor(ctx.viewer), { ...parties(loaded), status: p.status, lookbackScheduled: p.lookbackOn !== null }),
    };
  }),

  /** The record a new problem names as its source, in words (NOT_FOUND outside scope). */
  source: write.input(problemSourceInput).query(async ({ ctx, input }) => {
    const label = await sourceLabel(ctx.db, ctx.viewer, input.source, input.sourceId);
    if (label === null) fail("NOT_FOUND", "problem.sourceNotFound");
    return { source: input.source, sourceId: input.sourceId, label };
  }),

  /** Departments that may answer for a problem in this committee's area (its register and those above). */
  departments: read.input(problemDepartmentsInput).query(async ({ ctx, input }) => {
    const area = await committeeInScope(ctx.db, ctx.viewer, input.committeeId);
    return ctx.db
      .select({ id: departments.id, name: departments.name, committeeId: departments.committeeId, committeeName: committees.name, level: committees.level })
      .from(departments)
      .innerJoin(committees, eq(committees.id, departments.committeeId))
      .where(and(eq(departments.active, true), sql`${area.path} like ${committees.path} || '%'`))
      .orderBy(sql`length(${committees.path}) desc`, asc(departments.sortOrder), asc(departments.id));
  }),

  /** Departments named by the viewer's problems: the ledger's department filter. */
  departmentOptions: read.query(({ ctx }) =>
    ctx.db
      .selectDistinct({ id: departments.id, name: departments.name, committeeName: parent.name })
      .from(problems)
      .innerJoin(departments, eq(departments.id, problems.departmentId))
      .innerJoin(parent, eq(parent.id, departments.committeeId))
      .where(problemInScope(ctx.viewer))
      .orderBy(parent.name, departments.name),
  ),

  /** 登记问题: entered directly, or from an activity, a visit or an assignment in scope. */
  create: write.input(problemCreateInput).mutation(async ({ ctx, input }) => {
    if (input.sourceId !== null && (await sourceLabel(ctx.db, ctx.viewer, input.source, input.sourceId)) === null) fail("BAD_REQUEST", "problem.sourceNotFound");
    return ctx.db.transaction((tx) => insertProblem(tx, ctx, input));
  }),

  /** 交办: the responsible side sets the plan, department and deadline; 待交办 → 整改中. */
  assign: write.input(problemAssignInput).mutation(({ ctx, input }) =>
    act(ctx, input, "assign", async (tx, loaded) => {
      if (input.deadline < chinaToday()) fail("BAD_REQUEST", "problem.deadlinePast");
      await checkDepartment(tx, input.departmentId, loaded.committeePath);
      return { comment: input.plan, set: { plan: input.plan, departmentId: input.departmentId, deadline: input.deadline }, tell: "raising" };
    }),
  ),

  /** 报告整改完成, with evidence: 整改中 → 已整改待验收; the raising committee is asked to verify. */
  report: write.input(problemReportInput).mutation(({ ctx, input }) =>
    act(ctx, input, "report", async () => ({ comment: input.text, attachmentIds: input.attachmentIds, tell: "raising" })),
  ),

  /** 验收销号 by the raising committee: 已整改待验收 → 已销号. */
  verify: write.input(problemVerifyInput).mutation(({ ctx, input }) =>
    act(ctx, input, "verify", async () => ({ comment: input.comment, set: { closedAt: new Date() }, tell: "responsible" })),
  ),

  /** 验收不通过, with a reason: back to 整改中. */
  reject: write.input(problemRejectInput).mutation(({ ctx, input }) => act(ctx, input, "reject", async () => ({ comment: input.reason, tell: "responsible" }))),

  /** 安排回头看 on a closed problem, on a day not before it was closed. */
  scheduleLookback: write.input(problemLookbackInput).mutation(({ ctx, input }) =>
    act(ctx, input, "scheduleLookback", async (_tx, { p }) => {
      const closedOn = p.closedAt ? chinaToday(p.closedAt) : null;
      if (closedOn && input.date < closedOn) fail("BAD_REQUEST", "problem.lookbackBeforeClose", { date: closedOn });
      return { comment: input.comment ? `${input.date} ${input.comment}` : input.date, set: { lookbackOn: input.date }, tell: "responsible" };
    }),
  ),

  /** 回头看通过: it stays closed. */
  passLookback: write.input(problemPassLookbackInput).mutation(({ ctx, input }) =>
    act(ctx, input, "passLookback", async () => ({ comment: input.comment, set: { lookbackOn: null } })),
  ),

  /** 回头看发现反弹: reopened to 整改中, with a reason. */
  reopen: write.input(problemReopenInput).mutation(({ ctx, input }) =>
    act(ctx, input, "reopen", async () => ({ comment: input.reason, set: { lookbackOn: null, closedAt: null }, tell: "responsible" })),
  ),
});

/** A problem's timeline, oldest first, with the files of each step. */
export async function problemTimeline(db: Executor, problemId: number) {
  const rows = await db
    .select({
      id: problemEvents.id,
      type: problemEvents.type,
      fromStatus: problemEvents.fromStatus,
      toStatus: problemEvents.toStatus,
      comment: problemEvents.comment,
      at: problemEvents.at,
      actorName: users.displayName,
      actorCommittee: committees.name,
    })
    .from(problemEvents)
    .innerJoin(users, eq(users.id, problemEvents.actorUserId))
    .innerJoin(committees, eq(committees.id, users.committeeId))
    .where(eq(problemEvents.problemId, problemId))
    .orderBy(asc(problemEvents.id));
  const files = await attachmentsOf(db, "problem_event", rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, attachments: files.filter((f) => f.ownerId === r.id) }));
}
