import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@dm/auth/password";
import { count, eq } from "@dm/db";
import { opinions, supervisionGroups, users, visits } from "@dm/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@dm/db/seed";
import { currentAppraisalYear } from "@dm/api/domain/appraisal";
import { type TestDatabase, freshDatabase } from "./support/db";
import { chinaDate } from "./support/group";
import { callerFor } from "./support/trpc";

/** The demo data of dispatched supervision, read back through the API as the demo accounts see it. */
let t: TestDatabase;
const userId = async (username: string) => (await t.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;

beforeAll(async () => {
  t = await freshDatabase();
  await seedDemo(t.db, await hashPassword(DEMO_PASSWORD));
});
afterAll(async () => {
  await t?.cleanup();
});

describe("demo supervision groups", () => {
  it("puts the demo member in 醴陵市's group at its 生态环境局, in term, with replies in every adoption state and one waiting", async () => {
    const member = callerFor(t.db, await userId("member"));
    const mine = await member.group.list({});
    expect(mine.items.map((g) => g.name)).toEqual(["醴陵市政协派驻生态环境局民主监督小组"]);
    const group = await member.group.byId({ id: mine.items[0]!.id });
    expect(group).toMatchObject({ status: "active", departmentName: "生态环境局", committeeName: "醴陵市政协", myRole: "deputy", can: { serve: true } });
    expect(group.adoption).toMatchObject({ adopted: 2, partlyAdopted: 1, notAdopted: 1, unanswered: 1, rate: 0.75 });
    for (const v of group.visits) expect(v.date >= group.termStart && v.date <= chinaDate()).toBe(true);
    // He has not scored this year's appraisal yet: the demo lets him.
    const form = await member.appraisal.form({ groupId: group.id, year: currentAppraisalYear(chinaDate()) });
    expect(form).toMatchObject({ open: true, inTerm: true, scores: [] });
    expect(form.criteria.length).toBeGreaterThan(0);
  });

  it("gives 醴陵市 a current group, an individual supervisor and an ended group; the city sees the counties' too", async () => {
    const liling = callerFor(t.db, await userId("liling"));
    const list = await liling.group.list({});
    expect(list.items.map((g) => [g.kind, g.status])).toEqual([["individual", "active"], ["group", "active"], ["group", "ended"]]);
    const city = await callerFor(t.db, await userId("citystaff")).group.list({});
    expect(new Set(city.items.map((g) => g.committeeName))).toEqual(new Set(["株洲市政协", "醴陵市政协", "荷塘区政协", "茶陵县政协"]));
    const results = await liling.appraisal.results({ year: currentAppraisalYear(chinaDate()) - 1 });
    expect(results.departments.length).toBeGreaterThan(0);
    expect(results.departments.every((d) => d.scorers > 0 && d.total! > 0 && d.total! <= results.maxTotal)).toBe(true);
  });

  it("is idempotent", async () => {
    const before = await Promise.all([supervisionGroups, visits, opinions].map(async (table) => (await t.db.select({ n: count() }).from(table))[0]!.n));
    await seedDemo(t.db, await hashPassword(DEMO_PASSWORD));
    const after = await Promise.all([supervisionGroups, visits, opinions].map(async (table) => (await t.db.select({ n: count() }).from(table))[0]!.n));
    expect(after).toEqual(before);
  });
});
