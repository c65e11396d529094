import { and, asc, eq, max, sql } from "drizzle-orm";
import type { Executor, Tx } from "@dm/db";
import { committees, departments, opinions, supervisionGroups } from "@dm/db/schema";
import { recordAudit } from "../audit";
import { chinaToday } from "../domain/china-time";
import { tallyAdoption } from "../domain/group";
import { withinScope } from "../domain/scope";
import type { Viewer } from "../context";
import { departmentActiveInput, departmentCreateInput, departmentListInput, departmentRenameInput } from "../schemas/group";
import { findCommitteeInScope } from "./committee";
import { capabilityProcedure, createTRPCRouter, fail, failField } from "../trpc";

const read = capabilityProcedure("group.read");
const manage = capabilityProcedure("group.manage");

/** A committee in the caller's scope (their own when `id` is left out), or NOT_FOUND. */
export async function committeeInScope(db: Executor, viewer: Viewer, id?: number) {
  return (await findCommitteeInScope(db, viewer.scope, id ?? viewer.scope.committeeId)) ?? fail("NOT_FOUND");
}

/** A department of the caller's own committee, locked for the change; others in scope are FORBIDDEN. */
async function ownDepartment(tx: Tx, viewer: Viewer, id: number) {
  const [row] = await tx
    .select({ d: departments })
    .from(departments)
    .innerJoin(committees, eq(committees.id, departments.committeeId))
    .where(and(eq(departments.id, id), withinScope(viewer.scope, committees.path)))
    .for("update", { of: departments });
  if (!row) fail("NOT_FOUND");
  if (row.d.committeeId !== viewer.scope.committeeId) fail("FORBIDDEN", "department.notOwn");
  return row.d;
}

/** The unique index on (committee, name) is the final word; this gives the person a field message first. */
async function assertNameFree(tx: Tx, committeeId: number, name: string, exceptId?: number) {
  const [clash] = await tx
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.committeeId, committeeId), eq(departments.name, name), exceptId ? sql`${departments.id} <> ${exceptId}` : undefined));
  if (clash) failField(["name"], "department.duplicate");
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | undefined)?.code === "23505";

export const departmentRouter = createTRPCRouter({
  /**
   * One committee's register with, per department, its groups (all and in term today) and the
   * opinions raised through them by adoption, for the adoption rate. Aggregated in SQL.
   */
  list: read.input(departmentListInput).query(async ({ ctx, input }) => {
    const committee = await committeeInScope(ctx.db, ctx.viewer, input.committeeId);
    const today = chinaToday();
    const [rows, tallies] = await Promise.all([
      ctx.db
        // The subqueries name the outer table in full: drizzle leaves columns of a single-table select unqualified.
        .select({
          id: departments.id,
          name: departments.name,
          active: departments.active,
          sortOrder: departments.sortOrder,
          groups: sql<number>`(select count(*)::int from ${supervisionGroups} g where g.department_id = "departments"."id")`,
          activeGroups: sql<number>`(select count(*)::int from ${supervisionGroups} g where g.department_id = "departments"."id" and g.term_start <= ${today} and g.term_end >= ${today})`,
        })
        .from(departments)
        .where(and(eq(departments.committeeId, committee.id), input.includeInactive ? undefined : eq(departments.active, true)))
        .orderBy(sql`${departments.active} desc`, asc(departments.sortOrder), asc(departments.id)),
      ctx.db
        .select({ departmentId: supervisionGroups.departmentId, adoption: opinions.adoption, n: sql<number>`count(*)::int` })
        .from(opinions)
        .innerJoin(supervisionGroups, eq(supervisionGroups.id, opinions.groupId))
        .where(eq(supervisionGroups.committeeId, committee.id))
        .groupBy(supervisionGroups.departmentId, opinions.adoption),
    ]);
    return {
      committee: { id: committee.id, name: committee.name },
      items: rows.map((d) => ({ ...d, opinions: tallyAdoption(tallies.filter((t) => t.departmentId === d.id)) })),
    };
  }),

  /** Departments of every committee in scope, for the group list's filter. */
  inScope: read.query(({ ctx }) =>
    ctx.db
      .select({ id: departments.id, name: departments.name, active: departments.active, committeeId: committees.id, committeeName: committees.name })
      .from(departments)
      .innerJoin(committees, eq(committees.id, departments.committeeId))
      .where(withinScope(ctx.viewer.scope, committees.path))
      .orderBy(asc(committees.path), asc(departments.sortOrder), asc(departments.id)),
  ),

  create: manage.input(departmentCreateInput).mutation(({ ctx, input }) =>
    ctx.db
      .transaction(async (tx) => {
        const committeeId = ctx.viewer.scope.committeeId;
        await assertNameFree(tx, committeeId, input.name);
        const [{ next }] = (await tx.select({ next: max(departments.sortOrder) }).from(departments).where(eq(departments.committeeId, committeeId))) as [{ next: number | null }];
        const [created] = await tx.insert(departments).values({ committeeId, name: input.name, sortOrder: (next ?? 0) + 1 }).returning();
        await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "department.create", entityType: "department", entityId: created!.id, after: created });
        return { id: created!.id };
      })
      .catch((error: unknown) => (isUniqueViolation(error) ? failField(["name"], "department.duplicate") : Promise.reject(error))),
  ),

  rename: manage.input(departmentRenameInput).mutation(({ ctx, input }) =>
    ctx.db
      .transaction(async (tx) => {
        const before = await ownDepartment(tx, ctx.viewer, input.id);
        await assertNameFree(tx, before.committeeId, input.name, before.id);
        await tx.update(departments).set({ name: input.name }).where(eq(departments.id, before.id));
        await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "department.rename", entityType: "department", entityId: before.id, before: { name: before.name }, after: { name: input.name } });
        return { id: before.id };
      })
      .catch((error: unknown) => (isUniqueViolation(error) ? failField(["name"], "department.duplicate") : Promise.reject(error))),
  ),

  /** 停用 / 启用: a deactivated department keeps its groups and history but gets no new dispatch. */
  setActive: manage.input(departmentActiveInput).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      const before = await ownDepartment(tx, ctx.viewer, input.id);
      await tx.update(departments).set({ active: input.active }).where(eq(departments.id, before.id));
      await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, {
        action: input.active ? "department.activate" : "department.deactivate",
        entityType: "department",
        entityId: before.id,
        before: { active: before.active },
        after: { active: input.active },
      });
      return { id: before.id, active: input.active };
    }),
  ),
});
