import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext } from "@dm/api";
import { hashPassword } from "@dm/auth/password";
import { count, eq, like, PROBLEM_STATUSES, sql, TIP_STATUSES } from "@dm/db";
import { DEMO_PASSWORD, seedDemo } from "@dm/db/seed";
import { problemEvents, problems, tips, users } from "@dm/db/schema";
import { type TestDatabase, freshDatabase } from "./support/db";
import { callerFor } from "./support/trpc";

/** The demo ledger: every state, the 2023 feedback as reported, timelines that agree with the rows. */
let t: TestDatabase;

beforeAll(async () => {
  t = await freshDatabase();
  await seedDemo(t.db, await hashPassword(DEMO_PASSWORD));
});

afterAll(async () => {
  await t?.cleanup();
});

describe("the demo problem ledger", () => {
  it("holds the 14 problems of the 2023 inspectorate feedback, 13 of them closed", async () => {
    const feedback = await t.db.select({ status: problems.status }).from(problems).where(like(problems.description, "2023年中央生态环境保护督察反馈问题%"));
    expect(feedback).toHaveLength(14);
    expect(feedback.filter((p) => p.status === "closed")).toHaveLength(13);
  });

  it("has problems in every state, across counties and categories, some overdue, and tips of every kind", async () => {
    const byStatus = await t.db.select({ status: problems.status, n: count() }).from(problems).groupBy(problems.status);
    expect(byStatus.map((r) => r.status).sort()).toEqual([...PROBLEM_STATUSES].sort());
    const [areas] = await t.db.execute<{ counties: number; categories: number; sources: number }>(sql`
      select count(distinct coalesce(case when c.level = 'township' then c.parent_id end, c.id))::int as counties,
             count(distinct p.category)::int as categories, count(distinct p.source)::int as sources
      from problems p join committees c on c.id = p.committee_id`);
    expect(areas!.counties).toBe(9);
    expect(areas!.categories).toBe(7);
    expect(areas!.sources).toBeGreaterThanOrEqual(4);
    const [city] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, "citystaff"));
    const counts = await callerFor(t.db, city!.id).problem.counts({});
    expect(counts.overdue).toBeGreaterThan(0);
    expect(counts.closureRate).toBeGreaterThan(0);
    const lookbacks = await t.db.select({ type: problemEvents.type }).from(problemEvents).where(sql`${problemEvents.type} in ('lookback_passed', 'reopened', 'rejected')`);
    expect(new Set(lookbacks.map((e) => e.type))).toEqual(new Set(["lookback_passed", "reopened", "rejected"]));
    const tipStatuses = await t.db.selectDistinct({ status: tips.status }).from(tips);
    expect(tipStatuses.map((s) => s.status).sort()).toEqual([...TIP_STATUSES].sort());
    const converted = await t.db.select().from(tips).where(eq(tips.status, "converted"));
    for (const tip of converted) {
      const [p] = await t.db.select().from(problems).where(eq(problems.id, tip.problemId!));
      expect(p).toMatchObject({ source: "tip", sourceId: tip.id });
    }
  });

  it("keeps each problem's status, version and look-back in agreement with its timeline", async () => {
    const rows = await t.db.select().from(problems);
    const events = await t.db.select().from(problemEvents).orderBy(problemEvents.id);
    for (const p of rows) {
      const mine = events.filter((e) => e.problemId === p.id);
      expect(mine[0]!.type, p.title).toBe("created");
      expect(mine.at(-1)!.toStatus, p.title).toBe(p.status);
      expect(p.version, p.title).toBe(mine.length);
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.fromStatus, p.title).toBe(mine[i - 1]!.toStatus);
      expect(p.lookbackOn !== null, p.title).toBe(mine.at(-1)!.type === "lookback_scheduled");
      expect(p.closedAt !== null, p.title).toBe(p.status === "closed");
    }
  });

  it("shows a county its own problems and lets it act on what it may", async () => {
    const [chaling] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, "chaling"));
    const viewer = (await createContext({ db: t.db, session: { userId: chaling!.id, sessionId: "s", sessionVersion: 0 }, headers: new Headers() }).viewer())!;
    const list = await callerFor(t.db, chaling!.id).problem.list({});
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((p) => p.countyName === "茶陵县政协" || p.raisingName === "茶陵县政协")).toBe(true);
    expect(viewer.scope.level).toBe("county");
  });

  it("does not load the ledger twice", async () => {
    const [before] = await t.db.select({ n: count() }).from(problems);
    expect(await seedDemo(t.db, "unused")).toEqual({ seeded: false });
    const [after] = await t.db.select({ n: count() }).from(problems);
    expect(after!.n).toBe(before!.n);
  });
});
