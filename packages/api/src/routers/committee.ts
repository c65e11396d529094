import { and, asc, count, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { committees, members } from "@dm/db/schema";
import { withinScope } from "../domain/scope";
import { capabilityProcedure, createTRPCRouter } from "../trpc";

const read = capabilityProcedure("committee.read");

export const committeeRouter = createTRPCRouter({
  /**
   * Every committee in the caller's subtree with its own and its subtree's active-member
   * counts, in tree order. One query: the subtree counts join on the path prefix.
   */
  tree: read.query(async ({ ctx }) => {
    const { db, viewer } = ctx;
    const below = alias(committees, "below");
    const rows = await db
      .select({
        id: committees.id,
        name: committees.name,
        shortName: committees.shortName,
        level: committees.level,
        parentId: committees.parentId,
        path: committees.path,
        sortOrder: committees.sortOrder,
        ownMembers: sql<number>`(select count(*)::int from ${members} m where m.committee_id = ${committees.id} and m.active)`,
        subtreeMembers: sql<number>`(select count(*)::int from ${members} m join ${below} on ${below.id} = m.committee_id where ${below.path} like ${committees.path} || '%' and m.active)`,
      })
      .from(committees)
      .where(withinScope(viewer.scope, committees.path))
      .orderBy(asc(committees.path));
    return sortTree(rows);
  }),

  /** The home page: the caller's committee, its direct children with counts, and totals. */
  overview: read.query(async ({ ctx }) => {
    const { db, viewer } = ctx;
    const [own] = await db
      .select({ id: committees.id, name: committees.name, shortName: committees.shortName, level: committees.level })
      .from(committees)
      .where(eq(committees.id, viewer.scope.committeeId));
    const [totals] = await db
      .select({ members: count(members.id), committees: sql<number>`count(distinct ${committees.id})::int` })
      .from(committees)
      .leftJoin(members, and(eq(members.committeeId, committees.id), eq(members.active, true)))
      .where(withinScope(viewer.scope, committees.path));
    const below = alias(committees, "below");
    const children = await db
      .select({
        id: committees.id,
        name: committees.name,
        shortName: committees.shortName,
        level: committees.level,
        childCount: sql<number>`(select count(*)::int from ${below} where ${below.parentId} = ${committees.id})`,
        memberCount: sql<number>`(select count(*)::int from ${members} m join ${below} on ${below.id} = m.committee_id where ${below.path} like ${committees.path} || '%' and m.active)`,
      })
      .from(committees)
      .where(eq(committees.parentId, viewer.scope.committeeId))
      .orderBy(asc(committees.sortOrder), asc(committees.id));
    return { committee: own!, totals: { members: totals!.members, committees: totals!.committees }, children };
  }),
});

/** Orders a subtree depth-first by each level's sortOrder, so the UI can render it as read. */
function sortTree<T extends { id: number; parentId: number | null; sortOrder: number }>(rows: T[]): T[] {
  const byParent = new Map<number | null, T[]>();
  const ids = new Set(rows.map((r) => r.id));
  for (const row of rows) {
    const parent = row.parentId !== null && ids.has(row.parentId) ? row.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), row]);
  }
  const out: T[] = [];
  const visit = (parent: number | null) => {
    for (const row of (byParent.get(parent) ?? []).sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id)) {
      out.push(row);
      visit(row.id);
    }
  };
  visit(null);
  return out;
}
