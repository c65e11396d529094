import { and, asc, count, eq, ilike, or, type SQL } from "drizzle-orm";
import { committees, members } from "@dm/db/schema";
import { withinScope } from "../domain/scope";
import { containsPattern } from "../domain/search";
import { memberByIdInput, memberListInput } from "../schemas/member";
import { capabilityProcedure, createTRPCRouter, fail } from "../trpc";

const read = capabilityProcedure("member.read");

const memberColumns = {
  id: members.id,
  name: members.name,
  gender: members.gender,
  sector: members.sector,
  party: members.party,
  level: members.level,
  phone: members.phone,
  workplace: members.workplace,
  active: members.active,
  committeeId: committees.id,
  committeeName: committees.name,
  committeePath: committees.path,
};

export const memberRouter = createTRPCRouter({
  list: read.input(memberListInput).query(async ({ ctx, input }) => {
    const { db, viewer } = ctx;
    const conditions: SQL[] = [withinScope(viewer.scope, committees.path), eq(members.active, true)];
    if (input.committeeId) {
      // Narrow to a committee's subtree; outside the caller's scope this matches nothing.
      const [chosen] = await db.select({ path: committees.path }).from(committees).where(eq(committees.id, input.committeeId));
      if (!chosen) return { items: [], total: 0, page: input.page, pageSize: input.pageSize };
      conditions.push(withinScope({ ...viewer.scope, path: chosen.path }, committees.path));
    }
    if (input.search) {
      const pattern = containsPattern(input.search);
      conditions.push(or(ilike(members.name, pattern), ilike(members.phone, pattern), ilike(members.workplace, pattern))!);
    }
    if (input.sector) conditions.push(eq(members.sector, input.sector));
    if (input.level) conditions.push(eq(members.level, input.level));
    const where = and(...conditions);
    const [items, [total]] = await Promise.all([
      db
        .select(memberColumns)
        .from(members)
        .innerJoin(committees, eq(committees.id, members.committeeId))
        .where(where)
        .orderBy(asc(committees.path), asc(members.id))
        .limit(input.pageSize)
        .offset((input.page - 1) * input.pageSize),
      db.select({ n: count() }).from(members).innerJoin(committees, eq(committees.id, members.committeeId)).where(where),
    ]);
    return { items, total: total!.n, page: input.page, pageSize: input.pageSize };
  }),

  /** Outside the caller's scope a member does not exist: NOT_FOUND, no data. */
  byId: read.input(memberByIdInput).query(async ({ ctx, input }) => {
    const [member] = await ctx.db
      .select(memberColumns)
      .from(members)
      .innerJoin(committees, eq(committees.id, members.committeeId))
      .where(and(eq(members.id, input.id), withinScope(ctx.viewer.scope, committees.path)));
    if (!member) fail("NOT_FOUND");
    return member;
  }),
});
