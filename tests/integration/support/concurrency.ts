import type { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { and, type Db, eq, sql } from "@dm/db";
import { auditEvents, members, users } from "@dm/db/schema";
import { nextPhone, passwordHash, TEST_PASSWORD } from "./fixtures";
import { expectTRPCError, type ErrorShape } from "./trpc";

/** How many operations each concurrency test fires at once. */
export const BURST = 100;

/**
 * A burst's time limit: the operations on one row queue on its lock one after another, which on
 * a loaded 2-core machine can take longer than the default 20 s. The tests assert outcomes, not speed.
 */
export const BURST_TIMEOUT = { timeout: 90_000 };

/**
 * Connections in a concurrency test's pool: enough that many transactions really wait on the
 * same row at once (the default 4 would queue most of them in the pool instead).
 */
export const CONTENDED_POOL = 20;

/**
 * `n` active members of a committee, each with a member account, written in two statements
 * (a hundred one by one would cost the test more than the race it sets up).
 */
export async function memberAccounts(db: Db, committeeId: number, n: number, prefix: string): Promise<{ id: number; memberId: number }[]> {
  const rows = await db
    .insert(members)
    .values(Array.from({ length: n }, (_, i) => ({ committeeId, name: `${prefix}${i}`, gender: "女" as const, sector: "无党派人士", party: "无党派人士", level: "county" as const, phone: nextPhone(), workplace: "" })))
    .returning({ id: members.id });
  const hash = await passwordHash(TEST_PASSWORD);
  const accounts = await db
    .insert(users)
    .values(rows.map((m, i) => ({ username: `${prefix}-${i}`.toLowerCase(), displayName: `${prefix}${i}`, passwordHash: hash, role: "member" as const, committeeId, memberId: m.id })))
    .returning({ id: users.id, memberId: users.memberId });
  return accounts.map((a) => ({ id: a.id, memberId: a.memberId! }));
}

/** Settled results split into the values of those that won and the errors of those that lost. */
export function outcome<T>(results: PromiseSettledResult<T>[]): { won: T[]; lost: unknown[] } {
  return {
    won: results.filter((r): r is PromiseFulfilledResult<T> => r.status === "fulfilled").map((r) => r.value),
    lost: results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason),
  };
}

/** Each loser's error must be `code`; returns their formatted shapes (message, data.current). */
export async function shapesOf(lost: unknown[], code: TRPCError["code"]): Promise<ErrorShape[]> {
  const shapes: ErrorShape[] = [];
  for (const reason of lost) shapes.push((await expectTRPCError(Promise.reject(reason), code)).shape);
  return shapes;
}

/** Audit events of one action on one record. */
export async function auditCount(db: Db, action: string, entityId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, String(entityId))));
  return row!.n;
}

/** `n` callers taken in turn from `callers`: several people acting at once, not one in a loop. */
export function dealt<C>(callers: readonly C[], n: number): C[] {
  expect(callers.length).toBeGreaterThan(0);
  return Array.from({ length: n }, (_, i) => callers[i % callers.length]!);
}

/** Resolves once some session of this database waits on a lock (an UPDATE queued behind a held row). */
export async function someoneWaitsOnALock(db: Db): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
    if (row!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("no session started waiting on a lock within 5 s");
}

/**
 * Runs `work` in a transaction and holds it open (locks taken, nothing committed) until the
 * returned `commit()` is called: another writer caught between its lock and its commit.
 */
export async function heldTransaction(db: Db, work: (tx: Parameters<Parameters<Db["transaction"]>[0]>[0]) => Promise<void>) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let ready!: () => void;
  const taken = new Promise<void>((resolve) => (ready = resolve));
  const done = db.transaction(async (tx) => {
    await work(tx);
    ready();
    await held;
  });
  await Promise.race([taken, done]);
  return {
    async commit() {
      release();
      await done;
    },
  };
}
