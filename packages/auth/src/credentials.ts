import { and, desc, eq, gt, or, sql } from "drizzle-orm";
import type { Db, Executor } from "@dm/db";
import { loginAttempts, users } from "@dm/db/schema";
import { dummyPasswordHash, verifyPassword } from "./password";
import { lockedUntil, minutesUntil, THROTTLE_LOOKBACK_MS } from "./throttle";

export interface SignedInUser {
  id: number;
  role: (typeof users.$inferSelect)["role"];
  committeeId: number;
  displayName: string;
  sessionVersion: number;
}

export type SignInResult =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "throttled"; retryInMinutes: number };

/** Usernames are case-insensitive; phones are digits. Both are matched on this form. */
export function accountKey(identifier: string): string {
  return identifier.trim().toLowerCase();
}

async function recentFailures(db: Executor, column: typeof loginAttempts.accountKey | typeof loginAttempts.ip, value: string, since: Date) {
  // Failures after the latest success for this key (a success resets the account's counter).
  const lastSuccess = db
    .select({ at: sql`coalesce(max(${loginAttempts.at}), '-infinity'::timestamptz)` })
    .from(loginAttempts)
    .where(and(eq(column, value), eq(loginAttempts.succeeded, true), gt(loginAttempts.at, since)));
  const rows = await db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(column, value), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since), sql`${loginAttempts.at} > (${lastSuccess})`))
    .orderBy(desc(loginAttempts.at))
    .limit(200);
  return rows.map((r) => r.at);
}

/**
 * Checks a sign-in by username or phone. Refuses throttled keys before touching the password,
 * records every checked attempt, and never says whether the account exists.
 */
export async function authenticate(db: Db, input: { identifier: string; password: string; ip: string }, now = new Date()): Promise<SignInResult> {
  const key = accountKey(input.identifier);
  const since = new Date(now.getTime() - THROTTLE_LOOKBACK_MS);

  // Check the throttle and record this attempt as a failure in one short transaction, locked
  // per account and per IP: parallel guesses see each other and cannot slip past the limit.
  // The slow password check runs after the lock is released; a success then flips the row.
  const reserved = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`account:${key}`}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`ip:${input.ip}`}))`);
    const [byAccount, byIp] = await Promise.all([
      recentFailures(tx, loginAttempts.accountKey, key, since),
      // A success from an IP does not forgive its other failures: count all of them.
      tx
        .select({ at: loginAttempts.at })
        .from(loginAttempts)
        .where(and(eq(loginAttempts.ip, input.ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)))
        .orderBy(desc(loginAttempts.at))
        .limit(200)
        .then((rows) => rows.map((r) => r.at)),
    ]);
    const locks = [lockedUntil(byAccount, now), lockedUntil(byIp, now)].filter((d): d is Date => d !== null);
    if (locks.length > 0) return { locked: true as const, until: new Date(Math.max(...locks.map((d) => d.getTime()))) };
    const [attempt] = await tx.insert(loginAttempts).values({ accountKey: key, ip: input.ip, succeeded: false, at: now }).returning({ id: loginAttempts.id });
    return { locked: false as const, attemptId: attempt!.id };
  });
  if (reserved.locked) return { ok: false, reason: "throttled", retryInMinutes: minutesUntil(reserved.until, now) };

  const [user] = await db
    .select()
    .from(users)
    .where(or(eq(users.username, key), eq(users.phone, key)))
    .limit(1);
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !passwordOk) return { ok: false, reason: "invalid" };
  await db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, reserved.attemptId));
  if (user.disabledAt) return { ok: false, reason: "disabled" };
  return { ok: true, user: { id: user.id, role: user.role, committeeId: user.committeeId, displayName: user.displayName, sessionVersion: user.sessionVersion } };
}
