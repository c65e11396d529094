import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { notifications } from "@dm/db/schema";
import { bigId } from "../schemas/common";
import { createTRPCRouter, protectedProcedure } from "../trpc";

const PAGE_SIZE = 20;

/** The caller's own notifications: every query is keyed on their user id. */
export const notificationRouter = createTRPCRouter({
  unreadCount: protectedProcedure.query(async ({ ctx }) => {
    const [row] = await ctx.db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, ctx.viewer.userId), isNull(notifications.readAt)));
    return row!.n;
  }),

  list: protectedProcedure.input(z.object({ page: z.number().int().min(1).max(10_000).default(1) })).query(async ({ ctx, input }) => {
    const mine = eq(notifications.userId, ctx.viewer.userId);
    const [items, [total]] = await Promise.all([
      ctx.db.select().from(notifications).where(mine).orderBy(desc(notifications.id)).limit(PAGE_SIZE).offset((input.page - 1) * PAGE_SIZE),
      ctx.db.select({ n: count() }).from(notifications).where(mine),
    ]);
    return { items, total: total!.n, page: input.page, pageSize: PAGE_SIZE };
  }),

  /** Marks some (or, without ids, all) of the caller's notifications read. */
  markRead: protectedProcedure.input(z.object({ ids: z.array(bigId).max(100).optional() })).mutation(async ({ ctx, input }) => {
    const conditions = [eq(notifications.userId, ctx.viewer.userId), isNull(notifications.readAt)];
    if (input.ids) conditions.push(inArray(notifications.id, input.ids));
    const updated = await ctx.db.update(notifications).set({ readAt: new Date() }).where(and(...conditions)).returning({ id: notifications.id });
    return { count: updated.length };
  }),
});
