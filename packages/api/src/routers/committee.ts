import { and, count, eq } from "drizzle-orm";
import type { Executor } from "@dm/db";
import { committees, members } from "@dm/db/schema";
import { rollUpCounts, sortTree } from "../domain/committee";
import { type Scope, withinScope } from "../domain/scope";
import { capabilityProcedure, createTRPCRouter } from "../trpc";

const read = capabilityProcedure("committee.read");

/**
 * A committee the caller's scope contains, or undefined: how a client-sent committee id is
 * checked (the caller then answers as its context needs: NOT_FOUND, or an error on the field).
 */
export async function findCommitteeInScope(db: Executor, scope: Scope, id: number) {
  const [row] = await db
    .select({ id: committees.id, name: committees.name, level: committees.level, path: committees.path, parentId: committees.parentId })
    .from(committees)
    .where(and(eq(committees.id, id), withinScope(scope, committees.path)));
  return row;
}

/** Committees in scope with own and subtree active-member counts: two indexed queries. */
async function committeesWithCounts(db: Executor, scope: Scope) {
  const [rows, counts] = await Promise.all([
    db
      .select({
        id: committees.id,
        name: committees.name,
        shortName: committees.shortName,
        level: committees.level,
        parentId: committees.parentId,
        path: committees.path,
        sortOrder: committees.sortOrder,
      })
      .from(committees)
      .where(withinScope(scope, committees.path)),
    db
      .select({ committeeId: members.committeeId, n: count() })
      .from(members)
      .innerJoin(committees, eq(committees.id, members.committeeId))
      .where(and(withinScope(scope, committees.path), eq(members.active, true)))
      .groupBy(members.committeeId),
  ]);
  const own = new Map(counts.map((c) => [c.committeeId, c.n]));
  const subtree = rollUpCounts(rows, own);
  const childCount = new Map<number, number>();
  for (const r of rows) if (r.parentId !== null) childCount.set(r.parentId, (childCount.get(r.parentId) ?? 0) + 1);
  return sortTree(rows).map((r) => ({
    ...r,
    ownMembers: own.get(r.id) ?? 0,
    subtreeMembers: subtree.get(r.id) ?? 0,
    childCount: childCount.get(r.id) ?? 0,
  }));
}

export const committeeRouter = createTRPCRouter({
  /** Every committee in the caller's subtree, depth-first, with member counts. */
  tree: read.query(({ ctx }) => committeesWithCounts(ctx.db, ctx.viewer.scope)),

  /** The home page: the caller's committee, its direct children with counts, and totals. */
  overview: read.query(async ({ ctx }) => {
    const all = await committeesWithCounts(ctx.db, ctx.viewer.scope);
    const own = all.find((c) => c.id === ctx.viewer.scope.committeeId)!;
    return {
      committee: own,
      totals: { members: own.subtreeMembers, committees: all.length },
      children: all.filter((c) => c.parentId === own.id),
    };
  }),
});
