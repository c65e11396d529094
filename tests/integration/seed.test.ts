import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@dm/auth/credentials";
import { hashPassword } from "@dm/auth/password";
import { count, eq, ROLES, sql } from "@dm/db";
import { committees, members, users } from "@dm/db/schema";
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
  return { committees: c!.n, members: m!.n, users: u!.n };
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
