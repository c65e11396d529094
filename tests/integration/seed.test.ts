import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@dm/auth/credentials";
import { hashPassword } from "@dm/auth/password";
import { ASSIGNMENT_STATUSES, count, eq, isNotNull, ROLES, sql } from "@dm/db";
import { activities, assignments, campaigns, committees, members, registrations, users } from "@dm/db/schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "@dm/db/seed";
import { type TestDatabase, freshDatabase } from "./support/db";

let t: TestDatabase;

beforeAll(async () => {
  t = await freshDatabase();
});
afterAll(async () => {
  await t?.cleanup();
});

async function tally() {
  const [c] = await t.db.select({ n: count() }).from(committees);
  const [m] = await t.db.select({ n: count() }).from(members);
  const [u] = await t.db.select({ n: count() }).from(users);
  const [a] = await t.db.select({ n: count() }).from(assignments);
  const [act] = await t.db.select({ n: count() }).from(activities);
  const [r] = await t.db.select({ n: count() }).from(registrations);
  return { committees: c!.n, members: m!.n, users: u!.n, assignments: a!.n, activities: act!.n, registrations: r!.n };
}

describe("demo seed", () => {
  it("loads the city, nine counties with at least four townships each, 120+ members and an account per role", async () => {
    expect(await seedDemo(t.db, await hashPassword(DEMO_PASSWORD))).toEqual({ seeded: true });
    const levels = await t.db.select({ level: committees.level, n: count() }).from(committees).groupBy(committees.level);
    expect(Object.fromEntries(levels.map((l) => [l.level, l.n]))).toMatchObject({ city: 1, county: 9 });
    const townshipsPerCounty = await t.db.execute<{ name: string; n: number }>(
      sql`select c.name, count(t.id)::int as n from committees c left join committees t on t.parent_id = c.id where c.level = 'county' group by c.name`,
    );
    expect(townshipsPerCounty).toHaveLength(9);
    for (const row of townshipsPerCounty) expect(row.n, row.name).toBeGreaterThanOrEqual(4);
    expect((await tally()).members).toBeGreaterThanOrEqual(120);
    const roles = await t.db.selectDistinct({ role: users.role }).from(users);
    expect(roles.map((r) => r.role).sort()).toEqual([...ROLES].sort());
  });

  it("has the 2023 campaign from the source reports and tasks in every state, some passed down to townships", async () => {
    const years = await t.db.select({ year: campaigns.year, title: campaigns.title }).from(campaigns).orderBy(campaigns.year);
    expect(years.map((c) => c.year)).toEqual([2023, 2026]);
    expect(years[0]!.title).toContain("改善生态环境");
    const statuses = await t.db.selectDistinct({ status: assignments.status }).from(assignments);
    expect(statuses.map((s) => s.status).sort()).toEqual([...ASSIGNMENT_STATUSES].sort());
    const [sub] = await t.db.select({ n: count() }).from(assignments).where(isNotNull(assignments.parentId));
    expect(sub!.n).toBeGreaterThan(0);
    // Every timeline starts with 'sent' and ends in the assignment's current status.
    const mismatched = await t.db.execute(sql`
      select a.id from assignments a
      join lateral (select to_status from assignment_events e where e.assignment_id = a.id order by e.id desc limit 1) last on true
      where last.to_status <> a.status`);
    expect(mismatched).toHaveLength(0);
  });

  it("has held activities with gaps by month, township activities, and upcoming ones open for sign-up", async () => {
    const byStatus = await t.db.select({ status: activities.status, n: count() }).from(activities).groupBy(activities.status);
    const n = Object.fromEntries(byStatus.map((s) => [s.status, s.n]));
    expect(n.held).toBeGreaterThan(50);
    expect(n.planned).toBeGreaterThanOrEqual(3);
    const upcoming = await t.db.select({ startsAt: activities.startsAt }).from(activities).where(eq(activities.status, "planned"));
    for (const a of upcoming) expect(a.startsAt.getTime()).toBeGreaterThan(Date.now());
    // 9 counties × 9 months would be 81 county-months; the demo leaves some empty to chase.
    const [months] = await t.db.execute<{ n: number }>(sql`
      select count(distinct (a.committee_id, date_trunc('month', a.starts_at)))::int as n
      from activities a join committees c on c.id = a.committee_id where c.level = 'county' and a.status = 'held'`);
    expect(months!.n).toBeGreaterThan(40);
    expect(months!.n).toBeLessThan(81);
    const [township] = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from activities a join committees c on c.id = a.committee_id where c.level = 'township'`);
    expect(township!.n).toBeGreaterThan(0);
  });

  it("is idempotent: a second run neither duplicates nor wipes", async () => {
    const before = await tally();
    expect(await seedDemo(t.db, "unused")).toEqual({ seeded: false });
    expect(await tally()).toEqual(before);
  });

  it("every listed demo account signs in with the demo password", async () => {
    for (const account of DEMO_ACCOUNTS) {
      const result = await authenticate(t.db, { identifier: account.phone ?? account.username, password: DEMO_PASSWORD, ip: `10.77.0.${DEMO_ACCOUNTS.indexOf(account)}` });
      expect(result.ok, account.username).toBe(true);
    }
    const [member] = await t.db.select({ memberId: users.memberId }).from(users).where(eq(users.username, "member"));
    expect(member!.memberId).not.toBeNull();
  });
});
