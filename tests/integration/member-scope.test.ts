import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "@dm/db";
import { type Committee, type Member, members, users } from "@dm/db/schema";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createCommittee, createMember, createUser } from "./support/fixtures";
import { callerFor, expectTRPCError } from "./support/trpc";

/**
 * 株洲市政协 ─┬─ 荷塘区政协 (county A) ─┬─ 月塘街道 (A1)
 *            │                         └─ 仙庾镇 (A2)
 *            └─ 芦淞区政协 (county B) ─── 白关镇 (B1)
 */
let t: TestDatabase;
let city: Committee, countyA: Committee, a1: Committee, a2: Committee, countyB: Committee, b1: Committee;
const roster: Record<"city" | "a" | "a1" | "a2" | "b" | "b1", Member[]> = { city: [], a: [], a1: [], a2: [], b: [], b1: [] };
let inactiveA: Member;
let percentInA2: Member, underscoreInA: Member, ouyang: Member;
const userIds = { cityStaff: 0, cityLeader: 0, countyA: 0, countyB: 0, liaisonA1: 0, memberA: 0, disabledA: 0 };

const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((x, y) => x - y);

beforeAll(async () => {
  t = await freshDatabase();
  const { db } = t;
  city = await createCommittee(db, { name: "株洲市政协", level: "city" });
  countyA = await createCommittee(db, { name: "荷塘区政协", level: "county", parent: city, sortOrder: 1 });
  countyB = await createCommittee(db, { name: "芦淞区政协", level: "county", parent: city, sortOrder: 2 });
  a1 = await createCommittee(db, { name: "月塘街道", level: "township", parent: countyA, sortOrder: 1 });
  a2 = await createCommittee(db, { name: "仙庾镇", level: "township", parent: countyA, sortOrder: 2 });
  b1 = await createCommittee(db, { name: "白关镇", level: "township", parent: countyB, sortOrder: 1 });

  roster.city.push(await createMember(db, { committeeId: city.id, name: "周立新", level: "city" }));
  roster.city.push(await createMember(db, { committeeId: city.id, name: "吴晓梅", gender: "女", level: "provincial" }));
  for (let i = 1; i <= 11; i++) roster.a.push(await createMember(db, { committeeId: countyA.id, name: `荷塘委员${String(i).padStart(2, "0")}` }));
  underscoreInA = await createMember(db, { committeeId: countyA.id, name: "彭建国", workplace: "绿色_家园协会 会长" });
  roster.a.push(underscoreInA);
  inactiveA = await createMember(db, { committeeId: countyA.id, name: "已退出委员", active: false });
  roster.a1.push(await createMember(db, { committeeId: a1.id, name: "月塘甲" }));
  roster.a1.push(await createMember(db, { committeeId: a1.id, name: "月塘乙" }));
  percentInA2 = await createMember(db, { committeeId: a2.id, name: "仙庾丙", workplace: "污水处理达标率100%" });
  roster.a2.push(percentInA2);
  ouyang = await createMember(db, { committeeId: countyB.id, name: "欧阳明月", gender: "女", workplace: "河道治理率95% 项目组" });
  roster.b.push(ouyang);
  roster.b.push(await createMember(db, { committeeId: countyB.id, name: "芦淞乙" }));
  roster.b.push(await createMember(db, { committeeId: countyB.id, name: "芦淞丙" }));
  roster.b1.push(await createMember(db, { committeeId: b1.id, name: "白关丁" }));

  userIds.cityStaff = (await createUser(db, { username: "citystaff", role: "city_staff", committeeId: city.id })).id;
  userIds.cityLeader = (await createUser(db, { username: "leader", role: "city_leader", committeeId: city.id })).id;
  userIds.countyA = (await createUser(db, { username: "hetang", role: "county_staff", committeeId: countyA.id })).id;
  userIds.countyB = (await createUser(db, { username: "lusong", role: "county_staff", committeeId: countyB.id })).id;
  userIds.liaisonA1 = (await createUser(db, { username: "yuetang", role: "township_liaison", committeeId: a1.id })).id;
  userIds.memberA = (await createUser(db, { username: "weiyuan", role: "member", committeeId: countyA.id, memberId: roster.a[0]!.id })).id;
  userIds.disabledA = (await createUser(db, { username: "former", role: "county_staff", committeeId: countyA.id, disabled: true })).id;
});

afterAll(async () => {
  await t?.cleanup();
});

describe("member.list scope", () => {
  it("shows a county staff user their county and its townships only", async () => {
    const result = await callerFor(t.db, userIds.countyA).member.list({ pageSize: 50 });
    expect(result.total).toBe(15);
    expect(ids(result.items)).toEqual(ids([...roster.a, ...roster.a1, ...roster.a2]));
    const committeesSeen = new Set(result.items.map((m) => m.committeeId));
    expect(committeesSeen).toEqual(new Set([countyA.id, a1.id, a2.id]));
    for (const m of result.items) expect(m.committeePath.startsWith(countyA.path)).toBe(true);
  });

  it("leaves out inactive members", async () => {
    const result = await callerFor(t.db, userIds.countyA).member.list({ pageSize: 50 });
    expect(result.items.map((m) => m.id)).not.toContain(inactiveA.id);
  });

  it("shows the sibling county its own subtree, disjoint from the first", async () => {
    const result = await callerFor(t.db, userIds.countyB).member.list({ pageSize: 50 });
    expect(result.total).toBe(4);
    expect(ids(result.items)).toEqual(ids([...roster.b, ...roster.b1]));
  });

  it("shows a township liaison the township's members only", async () => {
    const result = await callerFor(t.db, userIds.liaisonA1).member.list({ pageSize: 50 });
    expect(result.total).toBe(2);
    expect(ids(result.items)).toEqual(ids(roster.a1));
    expect(result.items.map((m) => m.name).sort()).toEqual(["月塘乙", "月塘甲"]);
  });

  it("shows the city staff and the city leader every active member", async () => {
    const everyone = ids(Object.values(roster).flat());
    expect(everyone).toHaveLength(21);
    for (const userId of [userIds.cityStaff, userIds.cityLeader]) {
      const result = await callerFor(t.db, userId).member.list({ pageSize: 50 });
      expect(result.total).toBe(21);
      expect(ids(result.items)).toEqual(everyone);
    }
  });

  it("orders by committee path, then id", async () => {
    const result = await callerFor(t.db, userIds.cityStaff).member.list({ pageSize: 50 });
    const keys = result.items.map((m) => [m.committeePath, m.id] as const);
    const sorted = [...keys].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]));
    expect(keys).toEqual(sorted);
    expect(result.items[0]!.committeeId).toBe(city.id);
  });
});

describe("member.list committeeId filter", () => {
  it("narrows to a township inside the caller's scope", async () => {
    const result = await callerFor(t.db, userIds.countyA).member.list({ committeeId: a2.id, pageSize: 50 });
    expect(result.total).toBe(1);
    expect(result.items.map((m) => m.id)).toEqual([percentInA2.id]);
  });

  it("returns nothing for another county or its township", async () => {
    for (const committeeId of [countyB.id, b1.id]) {
      const result = await callerFor(t.db, userIds.countyA).member.list({ committeeId, pageSize: 50 });
      expect(result).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
    }
  });

  it("cannot widen the scope by pointing at the city", async () => {
    const result = await callerFor(t.db, userIds.countyA).member.list({ committeeId: city.id, pageSize: 50 });
    expect(result.total).toBe(15);
    expect(result.items.every((m) => m.committeePath.startsWith(countyA.path))).toBe(true);
  });

  it("returns nothing for a committee that does not exist", async () => {
    const result = await callerFor(t.db, userIds.cityStaff).member.list({ committeeId: 999_999 });
    expect(result).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
  });

  it("lets the city narrow to one county's subtree", async () => {
    const result = await callerFor(t.db, userIds.cityStaff).member.list({ committeeId: countyB.id, pageSize: 50 });
    expect(ids(result.items)).toEqual(ids([...roster.b, ...roster.b1]));
  });
});

describe("member.list search", () => {
  it("matches part of a name", async () => {
    const result = await callerFor(t.db, userIds.cityStaff).member.list({ search: "欧阳" });
    expect(result.total).toBe(1);
    expect(result.items[0]).toMatchObject({ id: ouyang.id, name: "欧阳明月", committeeId: countyB.id });
  });

  it("matches part of a phone number", async () => {
    const target = roster.a1[1]!;
    const result = await callerFor(t.db, userIds.cityStaff).member.list({ search: target.phone.slice(-7) });
    expect(result.items.map((m) => m.id)).toEqual([target.id]);
  });

  it("trims the search text", async () => {
    const result = await callerFor(t.db, userIds.cityStaff).member.list({ search: "  欧阳明月  " });
    expect(result.items.map((m) => m.id)).toEqual([ouyang.id]);
  });

  it("stays inside the caller's scope", async () => {
    const result = await callerFor(t.db, userIds.countyA).member.list({ search: "欧阳" });
    expect(result).toMatchObject({ items: [], total: 0 });
  });

  it("treats % literally", async () => {
    const all = await callerFor(t.db, userIds.cityStaff).member.list({ search: "%" });
    expect(ids(all.items)).toEqual(ids([percentInA2, ouyang]));
    const scoped = await callerFor(t.db, userIds.countyA).member.list({ search: "%" });
    expect(scoped.items.map((m) => m.id)).toEqual([percentInA2.id]);
    const none = await callerFor(t.db, userIds.cityStaff).member.list({ search: "%%" });
    expect(none.total).toBe(0);
  });

  it("treats _ literally", async () => {
    const result = await callerFor(t.db, userIds.cityStaff).member.list({ search: "_" });
    expect(result.items.map((m) => m.id)).toEqual([underscoreInA.id]);
    const two = await callerFor(t.db, userIds.cityStaff).member.list({ search: "月_" });
    expect(two.total).toBe(0);
  });

  it("treats a backslash literally", async () => {
    const result = await callerFor(t.db, userIds.cityStaff).member.list({ search: "\\" });
    expect(result.total).toBe(0);
  });
});

describe("member.list paging", () => {
  it("pages through a county's 15 members with a stable total", async () => {
    const caller = callerFor(t.db, userIds.countyA);
    const page1 = await caller.member.list({ pageSize: 10, page: 1 });
    const page2 = await caller.member.list({ pageSize: 10, page: 2 });
    const page3 = await caller.member.list({ pageSize: 10, page: 3 });
    expect([page1.total, page2.total, page3.total]).toEqual([15, 15, 15]);
    expect(page1.items).toHaveLength(10);
    expect(page2.items).toHaveLength(5);
    expect(page3.items).toHaveLength(0);
    expect(page2).toMatchObject({ page: 2, pageSize: 10 });
    const seen = [...page1.items, ...page2.items].map((m) => m.id);
    expect(new Set(seen).size).toBe(15);
    expect(ids(page1.items.concat(page2.items))).toEqual(ids([...roster.a, ...roster.a1, ...roster.a2]));
  });

  it("counts the total of a filtered search, not of the page", async () => {
    const result = await callerFor(t.db, userIds.cityStaff).member.list({ search: "荷塘委员", pageSize: 10, page: 2 });
    expect(result.total).toBe(11);
    expect(result.items).toHaveLength(1);
  });

  it("defaults to page 1 of 20", async () => {
    const result = await callerFor(t.db, userIds.cityStaff).member.list({});
    expect(result).toMatchObject({ page: 1, pageSize: 20, total: 21 });
    expect(result.items).toHaveLength(20);
  });

  it("refuses a page size that is not offered", async () => {
    const { shape } = await expectTRPCError(callerFor(t.db, userIds.cityStaff).member.list({ pageSize: 1000 as 50 }), "BAD_REQUEST");
    expect(Object.keys(shape.data.fieldErrors ?? {})).toEqual(["pageSize"]);
  });
});

describe("member.byId scope", () => {
  it("returns a member of the caller's own township", async () => {
    const target = roster.a1[0]!;
    const member = await callerFor(t.db, userIds.countyA).member.byId({ id: target.id });
    expect(member).toMatchObject({ id: target.id, name: "月塘甲", phone: target.phone, committeeId: a1.id, committeeName: "月塘街道" });
  });

  it("is NOT_FOUND, with no data, for another county's member", async () => {
    const { error, shape } = await expectTRPCError(callerFor(t.db, userIds.countyA).member.byId({ id: ouyang.id }), "NOT_FOUND");
    expect(shape.message).toBe("未找到该记录，或您无权查看");
    expect(shape.data.code).toBe("NOT_FOUND");
    expect(shape.data.httpStatus).toBe(404);
    const everything = JSON.stringify({ message: error.message, cause: String(error.cause ?? ""), stack: error.stack, shape });
    for (const secret of [ouyang.name, ouyang.phone, ouyang.workplace, "芦淞区政协", countyB.path]) expect(everything).not.toContain(secret);
  });

  it("answers the same for a member outside scope as for one that does not exist", async () => {
    const outside = await expectTRPCError(callerFor(t.db, userIds.countyA).member.byId({ id: roster.city[0]!.id }), "NOT_FOUND");
    const missing = await expectTRPCError(callerFor(t.db, userIds.countyA).member.byId({ id: 999_999 }), "NOT_FOUND");
    expect(outside.shape.message).toBe(missing.shape.message);
  });

  it("hides the county from its own township liaison", async () => {
    await expectTRPCError(callerFor(t.db, userIds.liaisonA1).member.byId({ id: roster.a[0]!.id }), "NOT_FOUND");
    await expectTRPCError(callerFor(t.db, userIds.liaisonA1).member.byId({ id: percentInA2.id }), "NOT_FOUND");
  });

  it("lets the city read any county's member", async () => {
    const member = await callerFor(t.db, userIds.cityStaff).member.byId({ id: ouyang.id });
    expect(member).toMatchObject({ id: ouyang.id, name: "欧阳明月", committeeName: "芦淞区政协" });
  });

  it("answers in English with x-locale: en", async () => {
    const { shape } = await expectTRPCError(callerFor(t.db, userIds.countyA, { locale: "en" }).member.byId({ id: ouyang.id }), "NOT_FOUND");
    expect(shape.message).toBe("Not found, or you may not see it");
  });
});

describe("member access by role and session", () => {
  it("forbids the member role from the roster", async () => {
    const { shape } = await expectTRPCError(callerFor(t.db, userIds.memberA).member.list({}), "FORBIDDEN");
    expect(shape.message).toBe("您没有权限执行此操作");
    expect(shape.data.httpStatus).toBe(403);
    await expectTRPCError(callerFor(t.db, userIds.memberA).member.byId({ id: roster.a[0]!.id }), "FORBIDDEN");
  });

  it("refuses a signed-out caller", async () => {
    const { shape } = await expectTRPCError(callerFor(t.db, null).member.list({}), "UNAUTHORIZED");
    expect(shape.message).toBe("请先登录");
    expect(shape.data.httpStatus).toBe(401);
    await expectTRPCError(callerFor(t.db, null).member.byId({ id: roster.a[0]!.id }), "UNAUTHORIZED");
  });

  it("refuses a disabled account's session", async () => {
    await expectTRPCError(callerFor(t.db, userIds.disabledA).member.list({}), "UNAUTHORIZED");
    await expectTRPCError(callerFor(t.db, userIds.disabledA).member.byId({ id: roster.a[0]!.id }), "UNAUTHORIZED");
  });

  it("refuses a session whose account was disabled after sign-in, from the next request", async () => {
    const [user] = await t.db
      .insert(users)
      .values({ username: "soon-disabled", displayName: "即将停用", passwordHash: "x", role: "county_staff", committeeId: countyA.id })
      .returning();
    const before = await callerFor(t.db, user!.id).member.list({ pageSize: 10 });
    expect(before.total).toBe(15);
    await t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user!.id));
    await expectTRPCError(callerFor(t.db, user!.id).member.list({}), "UNAUTHORIZED");
  });

  it("refuses a session for an account that no longer exists", async () => {
    await expectTRPCError(callerFor(t.db, 987_654).member.list({}), "UNAUTHORIZED");
  });

  it("follows a move to another committee at once (scope is read from the database, not the session)", async () => {
    const [user] = await t.db
      .insert(users)
      .values({ username: "mover", displayName: "调动人员", passwordHash: "x", role: "county_staff", committeeId: countyA.id })
      .returning();
    expect((await callerFor(t.db, user!.id).member.list({ pageSize: 50 })).total).toBe(15);
    await t.db.update(users).set({ committeeId: countyB.id }).where(eq(users.id, user!.id));
    const after = await callerFor(t.db, user!.id).member.list({ pageSize: 50 });
    expect(ids(after.items)).toEqual(ids([...roster.b, ...roster.b1]));
  });

  it("keeps the inactive member in the database (the list filter is what hides it)", async () => {
    const [row] = await t.db.select({ active: members.active }).from(members).where(eq(members.id, inactiveA.id));
    expect(row).toEqual({ active: false });
  });
});
