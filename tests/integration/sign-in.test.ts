import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountKey, authenticate } from "@dm/auth/credentials";
import { and, asc, count, eq } from "@dm/db";
import { loginAttempts } from "@dm/db/schema";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createCommittee, createUser, TEST_PASSWORD } from "./support/fixtures";

let t: TestDatabase;
let committeeId: number;
const WRONG = "Wrong-Password-0000";
const T0 = Date.parse("2026-03-02T09:00:00.000Z");
/** A time `min` minutes (and `sec` seconds) after T0. */
const at = (min: number, sec = 0) => new Date(T0 + min * 60_000 + sec * 1000);

function signIn(identifier: string, password: string, ip: string, now: Date) {
  return authenticate(t.db, { identifier, password, ip }, now);
}

async function attemptsFor(key: string) {
  return t.db
    .select({ ip: loginAttempts.ip, succeeded: loginAttempts.succeeded, at: loginAttempts.at })
    .from(loginAttempts)
    .where(eq(loginAttempts.accountKey, key))
    .orderBy(asc(loginAttempts.at), asc(loginAttempts.id));
}

async function attemptCount(where: { key?: string; ip?: string }) {
  const conditions = [where.key ? eq(loginAttempts.accountKey, where.key) : undefined, where.ip ? eq(loginAttempts.ip, where.ip) : undefined];
  const [row] = await t.db.select({ n: count() }).from(loginAttempts).where(and(...conditions));
  return row!.n;
}

/** Each test signs in as its own account from its own IPs, so tests share the database without sharing counters. */
async function account(username: string, extra: { phone?: string; disabled?: boolean } = {}) {
  return createUser(t.db, { username, role: "county_staff", committeeId, displayName: `${username} 显示名`, ...extra });
}

beforeAll(async () => {
  t = await freshDatabase();
  committeeId = (await createCommittee(t.db, { name: "株洲市政协", level: "city" })).id;
});

afterAll(async () => {
  await t?.cleanup();
});

describe("authenticate: credentials", () => {
  it("accepts the username in any case and returns the user", async () => {
    const user = await account("ZhangWei", { phone: "13911110001" });
    expect(user.username).toBe("zhangwei");
    for (const identifier of ["zhangwei", "ZhangWei", "ZHANGWEI", "  zhangwei  "]) {
      expect(await signIn(identifier, TEST_PASSWORD, "10.1.0.1", at(0))).toEqual({
        ok: true,
        user: { id: user.id, role: "county_staff", committeeId, displayName: "ZhangWei 显示名", sessionVersion: 0 },
      });
    }
  });

  it("accepts the phone number", async () => {
    const user = await account("liuyang", { phone: "13911110002" });
    const result = await signIn("13911110002", TEST_PASSWORD, "10.1.0.2", at(0));
    expect(result).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("refuses a wrong password as invalid and records the failure", async () => {
    await account("chenjing");
    expect(await signIn("chenjing", WRONG, "10.1.0.3", at(0))).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn("chenjing", TEST_PASSWORD.toLowerCase(), "10.1.0.3", at(0, 1))).toEqual({ ok: false, reason: "invalid" });
    const rows = await attemptsFor("chenjing");
    expect(rows.map((r) => [r.ip, r.succeeded])).toEqual([
      ["10.1.0.3", false],
      ["10.1.0.3", false],
    ]);
    expect(rows[0]!.at).toEqual(at(0));
  });

  it("refuses an unknown user exactly like a wrong password, and records it under the typed name", async () => {
    expect(await signIn("No-Such-User", TEST_PASSWORD, "10.1.0.4", at(0))).toEqual({ ok: false, reason: "invalid" });
    expect(await attemptsFor("no-such-user")).toEqual([{ ip: "10.1.0.4", succeeded: false, at: at(0) }]);
  });

  it("says disabled only with the right password", async () => {
    await account("disabled01", { disabled: true });
    expect(await signIn("disabled01", TEST_PASSWORD, "10.1.0.5", at(0))).toEqual({ ok: false, reason: "disabled" });
    expect(await signIn("disabled01", WRONG, "10.1.0.5", at(0, 1))).toEqual({ ok: false, reason: "invalid" });
  });

  it("normalizes the account key", () => {
    expect(accountKey("  ZhangWei ")).toBe("zhangwei");
  });
});

describe("authenticate: throttle per account", () => {
  it("after 5 failures refuses the 6th attempt, even with the right password, for 15 minutes without recording it", async () => {
    await account("throttled01");
    for (let i = 0; i < 5; i++) {
      // A different IP each time: only the account counter can cause the lock.
      expect(await signIn("throttled01", WRONG, `10.2.0.${i + 1}`, at(0, i))).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await attemptCount({ key: "throttled01" })).toBe(5);

    const refused = await signIn("throttled01", TEST_PASSWORD, "10.2.0.99", at(0, 4));
    expect(refused).toEqual({ ok: false, reason: "throttled", retryInMinutes: 15 });
    // The account key, typed in another case, is the same key. Locked until 15:04; at 5:00 that is 10 min 4 s → 11.
    expect(await signIn("THROTTLED01", TEST_PASSWORD, "10.2.0.98", at(5))).toEqual({ ok: false, reason: "throttled", retryInMinutes: 11 });
    expect(await attemptCount({ key: "throttled01" })).toBe(5);
    expect(await attemptCount({ ip: "10.2.0.99" })).toBe(0);
  });

  it("does not lock after 4 failures", async () => {
    await account("fourfails");
    for (let i = 0; i < 4; i++) await signIn("fourfails", WRONG, `10.3.0.${i + 1}`, at(0, i));
    expect(await signIn("fourfails", TEST_PASSWORD, "10.3.0.9", at(0, 10))).toMatchObject({ ok: true });
  });

  it("ends the lock 15 minutes after the 5th failure", async () => {
    await account("lockends");
    for (let i = 0; i < 5; i++) await signIn("lockends", WRONG, `10.4.0.${i + 1}`, at(0, i * 10));
    // 5th failure at 0:40, so the lock holds until 15:40.
    expect(await signIn("lockends", TEST_PASSWORD, "10.4.0.9", at(1))).toEqual({ ok: false, reason: "throttled", retryInMinutes: 15 });
    expect(await signIn("lockends", TEST_PASSWORD, "10.4.0.9", at(15, 39))).toEqual({ ok: false, reason: "throttled", retryInMinutes: 1 });
    expect(await signIn("lockends", TEST_PASSWORD, "10.4.0.9", at(15, 40))).toMatchObject({ ok: true });
  });

  it("does not count attempts refused during the lock", async () => {
    await account("duringlock");
    for (let i = 0; i < 5; i++) await signIn("duringlock", WRONG, `10.5.0.${i + 1}`, at(0, i));
    for (let i = 0; i < 5; i++) expect((await signIn("duringlock", WRONG, "10.5.0.50", at(5 + i))).ok).toBe(false);
    expect(await attemptCount({ key: "duringlock" })).toBe(5);
    expect(await signIn("duringlock", TEST_PASSWORD, "10.5.0.51", at(15, 4))).toMatchObject({ ok: true });
  });

  it("resets the account's counter after a success", async () => {
    await account("resets");
    for (let i = 0; i < 4; i++) await signIn("resets", WRONG, `10.6.0.${i + 1}`, at(0, i));
    expect(await signIn("resets", TEST_PASSWORD, "10.6.0.10", at(0, 10))).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++) await signIn("resets", WRONG, `10.6.0.${i + 20}`, at(0, 20 + i));
    // 8 failures in 30 seconds, but only 4 since the success: not locked.
    expect(await signIn("resets", TEST_PASSWORD, "10.6.0.30", at(0, 30))).toMatchObject({ ok: true });

    // The counter starts again from the latest success: 5 more failures do lock.
    for (let i = 0; i < 5; i++) await signIn("resets", WRONG, `10.6.0.${i + 40}`, at(1, i));
    expect(await signIn("resets", TEST_PASSWORD, "10.6.0.50", at(1, 10))).toEqual({ ok: false, reason: "throttled", retryInMinutes: 15 });
  });

  it("does not let 5 failures spread over more than 15 minutes lock the account", async () => {
    await account("spread");
    for (const [i, minute] of [0, 4, 8, 12, 16].entries()) await signIn("spread", WRONG, `10.7.0.${i + 1}`, at(minute));
    expect(await signIn("spread", TEST_PASSWORD, "10.7.0.9", at(16, 30))).toMatchObject({ ok: true });
  });
});

describe("authenticate: throttle per IP", () => {
  it("locks an IP after 5 failures across different accounts, but not another IP", async () => {
    await account("victim");
    const ip = "10.8.0.1";
    for (let i = 0; i < 5; i++) {
      expect(await signIn(`guess-${i}`, WRONG, ip, at(0, i))).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await signIn("victim", TEST_PASSWORD, ip, at(1))).toEqual({ ok: false, reason: "throttled", retryInMinutes: 15 });
    expect(await attemptCount({ key: "victim" })).toBe(0);
    expect(await signIn("victim", TEST_PASSWORD, "10.8.0.2", at(1))).toMatchObject({ ok: true });
  });

  it("does not forgive an IP's failures because one sign-in from it succeeded", async () => {
    await account("sharedpc");
    const ip = "10.9.0.1";
    for (let i = 0; i < 4; i++) await signIn(`someone-${i}`, WRONG, ip, at(0, i));
    expect(await signIn("sharedpc", TEST_PASSWORD, ip, at(0, 5))).toMatchObject({ ok: true });
    await signIn("someone-9", WRONG, ip, at(0, 6));
    expect(await signIn("sharedpc", TEST_PASSWORD, ip, at(0, 7))).toEqual({ ok: false, reason: "throttled", retryInMinutes: 15 });
  });

  it("ends the IP lock after 15 minutes", async () => {
    await account("iplockends");
    const ip = "10.10.0.1";
    for (let i = 0; i < 5; i++) await signIn(`nobody-${i}`, WRONG, ip, at(0, i));
    expect((await signIn("iplockends", TEST_PASSWORD, ip, at(14))).ok).toBe(false);
    expect(await signIn("iplockends", TEST_PASSWORD, ip, at(15, 4))).toMatchObject({ ok: true });
  });
});

describe("authenticate: parallel guesses", () => {
  it("counts simultaneous attempts: of 20 parallel wrong passwords only 5 are checked", async () => {
    await account("parallel");
    const results = await Promise.all(Array.from({ length: 20 }, () => signIn("parallel", WRONG, "10.99.0.1", at(0))));
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(15);
    expect(await attemptCount({ key: "parallel" })).toBe(5);
    // The right password is refused too while the lock holds.
    expect(await signIn("parallel", TEST_PASSWORD, "10.99.0.2", at(1))).toMatchObject({ ok: false, reason: "throttled" });
  });
});
