import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@dm/auth/password";
import { eq, sql } from "@dm/db";
import { committees, members, users } from "@dm/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@dm/db/seed";
import { type TestDatabase, freshDatabase } from "./support/db";
import { callerFor, expectTRPCError } from "./support/trpc";

/** The demo organisation: 1 city, 9 county-level units, 40 townships (4+4+4+5+4+5+5+5+4). */
const DEMO_COMMITTEES = 1 + 9 + 40;
/** 30 city members, 8 per county, 2 per township, plus the member account's own roster entry in 醴陵市. */
const DEMO_ACTIVE_MEMBERS = 30 + 9 * 8 + 40 * 2 + 1;

let t: TestDatabase;
const userId: Record<string, number> = {};

async function idOf(username: string) {
  const [row] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return row!.id;
}

/** Active members whose committee lies in the subtree of `path`, counted directly in SQL. */
async function sqlSubtreeCount(path: string): Promise<number> {
  const rows = await t.db.execute<{ n: number }>(
    sql`select count(*)::int as n from members m join committees c on c.id = m.committee_id where m.active and c.path like ${path + "%"}`,
  );
  return rows[0]!.n;
}

async function sqlOwnCount(committeeId: number): Promise<number> {
  const rows = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from members where active and committee_id = ${committeeId}`);
  return rows[0]!.n;
}

beforeAll(async () => {
  t = await freshDatabase();
  expect(await seedDemo(t.db, await hashPassword(DEMO_PASSWORD))).toEqual({ seeded: true });
  for (const name of ["citystaff", "leader", "liling", "hetang", "zuoquan", "member"]) userId[name] = await idOf(name);
});

afterAll(async () => {
  await t?.cleanup();
});

describe("seedDemo", () => {
  it("does nothing the second time", async () => {
    expect(await seedDemo(t.db, "unused")).toEqual({ seeded: false });
    const [row] = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from committees`);
    expect(row!.n).toBe(DEMO_COMMITTEES);
  });
});

describe("committee.tree", () => {
  it("shows the city the whole tree, city first then each county followed by its townships", async () => {
    const tree = await callerFor(t.db, userId.citystaff!).committee.tree();
    expect(tree).toHaveLength(DEMO_COMMITTEES);
    expect(tree.filter((c) => c.level === "city")).toHaveLength(1);
    expect(tree.filter((c) => c.level === "county")).toHaveLength(9);
    expect(tree.filter((c) => c.level === "township")).toHaveLength(40);
    expect(tree[0]).toMatchObject({ name: "株洲市政协", level: "city", parentId: null, childCount: 9 });
    expect(tree.slice(1, 6).map((c) => c.name)).toEqual(["荷塘区政协", "月塘街道", "宋家桥街道", "茨菇塘街道", "仙庾镇"]);
    expect(tree.filter((c) => c.level === "county").map((c) => c.shortName)).toEqual([
      "荷塘区", "芦淞区", "石峰区", "天元区", "渌口区", "醴陵市", "攸县", "茶陵县", "炎陵县",
    ]);
    // Depth-first: every row's parent comes before it.
    const seen = new Set<number>();
    for (const c of tree) {
      if (c.parentId !== null) expect(seen.has(c.parentId)).toBe(true);
      seen.add(c.id);
    }
  });

  it("shows the city leader the same tree", async () => {
    const [a, b] = await Promise.all([callerFor(t.db, userId.leader!).committee.tree(), callerFor(t.db, userId.citystaff!).committee.tree()]);
    expect(a).toEqual(b);
  });

  it("shows a county its own subtree only", async () => {
    const tree = await callerFor(t.db, userId.liling!).committee.tree();
    expect(tree.map((c) => c.name)).toEqual(["醴陵市政协", "左权镇", "仙岳山街道", "来龙门街道", "浦口镇", "白兔潭镇"]);
    const root = tree[0]!;
    expect(tree.every((c) => c.path.startsWith(root.path))).toBe(true);
    expect(tree.some((c) => c.name === "株洲市政协" || c.name === "荷塘区政协")).toBe(false);
  });

  it("shows a township liaison their township only", async () => {
    const tree = await callerFor(t.db, userId.zuoquan!).committee.tree();
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ name: "左权镇", level: "township", ownMembers: 2, subtreeMembers: 2, childCount: 0 });
  });

  it("shows a member their own committee's subtree", async () => {
    const tree = await callerFor(t.db, userId.member!).committee.tree();
    expect(tree.map((c) => c.name)).toEqual(["醴陵市政协", "左权镇", "仙岳山街道", "来龙门街道", "浦口镇", "白兔潭镇"]);
  });

  it("refuses a signed-out caller", async () => {
    await expectTRPCError(callerFor(t.db, null).committee.tree(), "UNAUTHORIZED");
  });
});

describe("member counts", () => {
  it("total the whole city's active roster at the root", async () => {
    const tree = await callerFor(t.db, userId.citystaff!).committee.tree();
    expect(tree[0]!.subtreeMembers).toBe(DEMO_ACTIVE_MEMBERS);
    expect(tree[0]!.ownMembers).toBe(30);
    expect(await sqlSubtreeCount(tree[0]!.path)).toBe(DEMO_ACTIVE_MEMBERS);
  });

  it("roll up townships into counties as a direct SQL count does", async () => {
    const tree = await callerFor(t.db, userId.citystaff!).committee.tree();
    for (const c of tree) {
      expect({ name: c.name, own: c.ownMembers, subtree: c.subtreeMembers }).toEqual({
        name: c.name,
        own: await sqlOwnCount(c.id),
        subtree: await sqlSubtreeCount(c.path),
      });
    }
    const liling = tree.find((c) => c.name === "醴陵市政协")!;
    expect(liling).toMatchObject({ ownMembers: 9, subtreeMembers: 19, childCount: 5 });
    const hetang = tree.find((c) => c.name === "荷塘区政协")!;
    expect(hetang).toMatchObject({ ownMembers: 8, subtreeMembers: 16, childCount: 4 });
  });

  it("are the same for a county looking at its own subtree", async () => {
    const countyView = await callerFor(t.db, userId.liling!).committee.tree();
    const cityView = await callerFor(t.db, userId.citystaff!).committee.tree();
    for (const c of countyView) {
      const same = cityView.find((x) => x.id === c.id)!;
      expect([c.ownMembers, c.subtreeMembers]).toEqual([same.ownMembers, same.subtreeMembers]);
    }
  });

  it("leave out inactive members and follow changes at once", async () => {
    const tree = await callerFor(t.db, userId.citystaff!).committee.tree();
    const zuoquan = tree.find((c) => c.name === "左权镇")!;
    const [someone] = await t.db.select({ id: members.id }).from(members).where(eq(members.committeeId, zuoquan.id)).limit(1);
    await t.db.update(members).set({ active: false }).where(eq(members.id, someone!.id));
    try {
      const after = await callerFor(t.db, userId.citystaff!).committee.tree();
      const pick = (name: string) => after.find((c) => c.name === name)!;
      expect(pick("左权镇")).toMatchObject({ ownMembers: 1, subtreeMembers: 1 });
      expect(pick("醴陵市政协")).toMatchObject({ ownMembers: 9, subtreeMembers: 18 });
      expect(pick("株洲市政协").subtreeMembers).toBe(DEMO_ACTIVE_MEMBERS - 1);
      expect(pick("荷塘区政协").subtreeMembers).toBe(16);
    } finally {
      await t.db.update(members).set({ active: true }).where(eq(members.id, someone!.id));
    }
  });
});

describe("committee.overview", () => {
  it("gives the city its totals and its nine counties", async () => {
    const overview = await callerFor(t.db, userId.citystaff!).committee.overview();
    expect(overview.committee.name).toBe("株洲市政协");
    expect(overview.totals).toEqual({ members: DEMO_ACTIVE_MEMBERS, committees: DEMO_COMMITTEES });
    expect(overview.children.map((c) => c.shortName)).toEqual(["荷塘区", "芦淞区", "石峰区", "天元区", "渌口区", "醴陵市", "攸县", "茶陵县", "炎陵县"]);
    expect(overview.children.reduce((sum, c) => sum + c.subtreeMembers, 0)).toBe(DEMO_ACTIVE_MEMBERS - 30);
  });

  it("gives a county its own totals and townships", async () => {
    const overview = await callerFor(t.db, userId.hetang!).committee.overview();
    expect(overview.committee).toMatchObject({ name: "荷塘区政协", subtreeMembers: 16 });
    expect(overview.totals).toEqual({ members: 16, committees: 5 });
    expect(overview.children.map((c) => c.name)).toEqual(["月塘街道", "宋家桥街道", "茨菇塘街道", "仙庾镇"]);
    expect(overview.children.every((c) => c.subtreeMembers === 2)).toBe(true);
  });

  it("counts the committees the database holds for the city", async () => {
    const [row] = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from ${committees}`);
    const overview = await callerFor(t.db, userId.leader!).committee.overview();
    expect(overview.totals.committees).toBe(row!.n);
  });
});
