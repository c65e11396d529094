import { eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { checkPasswordPolicy, hashPassword, verifyPassword } from "@dm/auth/password";
import { committees, members, users } from "@dm/db/schema";
import { recordAudit } from "../audit";
import { changePasswordInput } from "../schemas/account";
import { createTRPCRouter, fail, protectedProcedure } from "../trpc";

const parent = alias(committees, "parent");

export const accountRouter = createTRPCRouter({
  /** The signed-in user, their committee and, for members, their roster entry. */
  me: protectedProcedure.query(async ({ ctx }) => {
    const [row] = await ctx.db
      .select({
        id: users.id,
        username: users.username,
        phone: users.phone,
        displayName: users.displayName,
        title: users.title,
        role: users.role,
        committeeId: committees.id,
        committeeName: committees.name,
        committeeLevel: committees.level,
        parentCommitteeName: parent.name,
      })
      .from(users)
      .innerJoin(committees, eq(committees.id, users.committeeId))
      .leftJoin(parent, eq(parent.id, committees.parentId))
      .where(eq(users.id, ctx.viewer.userId));
    const member = ctx.viewer.memberId
      ? ((await ctx.db
          .select({ sector: members.sector, party: members.party, level: members.level, phone: members.phone, workplace: members.workplace })
          .from(members)
          .where(eq(members.id, ctx.viewer.memberId)))[0] ?? null)
      : null;
    return { ...row!, member };
  }),

  changePassword: protectedProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.viewer.userId));
    if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      fail("BAD_REQUEST", "password.wrongCurrent");
    }
    const problem = checkPasswordPolicy(input.newPassword, [user.username, user.phone ?? ""]);
    if (problem) fail("BAD_REQUEST", `password.${problem}`);
    const passwordHash = await hashPassword(input.newPassword);
    await ctx.db.transaction(async (tx) => {
      const changedAt = new Date();
      // Raising the session version signs out every session of this account, this one included.
      await tx
        .update(users)
        .set({ passwordHash, passwordChangedAt: changedAt, sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(eq(users.id, user.id));
      // Never the hashes: the audit trail records that and when, not what.
      await recordAudit(tx, { userId: user.id, requestId: ctx.requestId }, {
        action: "account.changePassword",
        entityType: "user",
        entityId: user.id,
        after: { passwordChangedAt: changedAt.toISOString() },
      });
    });
    return { ok: true as const };
  }),
});
