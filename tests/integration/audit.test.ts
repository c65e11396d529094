import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, inArray, ne } from "@dm/db";
import { assignmentEvents, auditEvents, campaigns, tasks, tips, users } from "@dm/db/schema";
import { seedDemo } from "@dm/db/seed";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createCampaign, createOrg, createTask, type Org } from "./support/fixtures";
import { callerFor, expectTRPCError } from "./support/trpc";

let t: TestDatabase;
let org: Org;
let campaignId: number;
let taskId: number;
let assignmentA: number;

const as = (user: { id: number }) => callerFor(t.db, user.id);

beforeAll(async () => {
  t = await freshDatabase();
  org = await createOrg(t.db);
  const u = org.users;
  campaignId = await createCampaign(t.db, u.cityStaff.id);
  const task = await createTask(t.db, u.cityLeader.id, campaignId, [org.countyA.id, org.countyB.id], { title: "审计日志测试任务" });
  taskId = task.id;
  assignmentA = task.assignmentIds.get(org.countyA.id)!;
  await as(u.countyA).assignment.accept({ id: assignmentA, version: 1 });
  await as(u.countyB).assignment.accept({ id: task.assignmentIds.get(org.countyB.id)!, version: 1 });
  // Another city's change, which Zhuzhou's staff must not see.
  await createCampaign(t.db, u.otherCityStaff.id, { title: "湘潭市的专项" });
});

afterAll(async () => {
  await t?.cleanup();
});

describe("who may read the audit log", () => {
  it("city staff only: leaders, county staff, liaisons and members are refused", async () => {
    for (const user of [org.users.cityLeader, org.users.countyA, org.users.liaisonA1, org.users.memberA]) {
      await expectTRPCError(as(user).audit.list({}), "FORBIDDEN");
      await expectTRPCError(as(user).audit.entityTypes(), "FORBIDDEN");
    }
    await expectTRPCError(callerFor(t.db, null).audit.list({}), "UNAUTHORIZED");
  });

  it("shows the events of the caller's own city, newest first, not another city's", async () => {
    const { items, nextCursor } = await as(org.users.cityStaff).audit.list({});
    expect(items.map((e) => e.action)).toEqual(["assignment.accept", "assignment.accept", "task.create", "campaign.create"]);
    expect(items.map((e) => e.id)).toEqual([...items.map((e) => e.id)].sort((a, b) => b - a));
    expect(nextCursor).toBeNull();
    expect(items.some((e) => e.actorId === org.users.otherCityStaff.id)).toBe(false);
    // The other city's staff sees only theirs.
    const theirs = await as(org.users.otherCityStaff).audit.list({});
    expect(theirs.items.map((e) => [e.action, e.actorName])).toEqual([["campaign.create", "湘潭干部"]]);
  });
});

describe("filters", () => {
  it("by actor: a part of the name or the username", async () => {
    const byName = await as(org.users.cityStaff).audit.list({ actor: "刘洋" });
    expect(byName.items.map((e) => [e.action, e.actorName, e.actorCommittee])).toEqual([["assignment.accept", "刘洋", "荷塘区政协"]]);
    const byUsername = await as(org.users.cityStaff).audit.list({ actor: "LEADER" });
    expect(byUsername.items.map((e) => [e.action, e.actorUsername])).toEqual([["task.create", "leader"]]);
    // Wildcards typed by a person match themselves.
    expect((await as(org.users.cityStaff).audit.list({ actor: "%" })).items).toEqual([]);
  });

  it("by entity type, and id", async () => {
    const tasks = await as(org.users.cityStaff).audit.list({ entityType: "task" });
    expect(tasks.items.map((e) => [e.entityType, e.entityId])).toEqual([["task", String(taskId)]]);
    const one = await as(org.users.cityStaff).audit.list({ entityType: "assignment", entityId: String(assignmentA) });
    expect(one.items.map((e) => [e.action, e.entityId, e.actorName])).toEqual([["assignment.accept", String(assignmentA), "刘洋"]]);
    expect((await as(org.users.cityStaff).audit.list({ entityType: "campaign", entityId: "999999" })).items).toEqual([]);
  });

  it("by date: whole days in Asia/Shanghai, both ends included", async () => {
    const [oldest, ...rest] = (await t.db.select({ id: auditEvents.id }).from(auditEvents).orderBy(auditEvents.id)).slice(0, 3);
    await t.db.update(auditEvents).set({ at: new Date("2026-05-31T23:30:00+08:00") }).where(eq(auditEvents.id, oldest!.id));
    await t.db.update(auditEvents).set({ at: new Date("2026-06-30T23:59:00+08:00") }).where(eq(auditEvents.id, rest[0]!.id));
    await t.db.update(auditEvents).set({ at: new Date("2026-07-01T00:00:00+08:00") }).where(eq(auditEvents.id, rest[1]!.id));
    const june = await as(org.users.cityStaff).audit.list({ from: "2026-06-01", to: "2026-06-30" });
    expect(june.items.map((e) => e.id)).toEqual([rest[0]!.id]);
    const fromJuly = await as(org.users.cityStaff).audit.list({ from: "2026-07-01", to: "2026-07-01" });
    expect(fromJuly.items.map((e) => e.id)).toEqual([rest[1]!.id]);
    const untilMay = await as(org.users.cityStaff).audit.list({ to: "2026-05-31" });
    expect(untilMay.items.map((e) => e.id)).toEqual([oldest!.id]);
  });

  it("refuses an end date before the start date, on the field, and a malformed type", async () => {
    const { shape } = await expectTRPCError(as(org.users.cityStaff).audit.list({ from: "2026-07-01", to: "2026-06-01" }), "BAD_REQUEST");
    expect(shape.data.fieldErrors).toEqual({ to: ["结束日期不能早于开始日期"] });
    const bad = await expectTRPCError(as(org.users.cityStaff).audit.list({ entityType: "task' or 1=1" }), "BAD_REQUEST");
    expect(Object.keys(bad.shape.data.fieldErrors ?? {})).toEqual(["entityType"]);
  });

  it("lists the entity types that occur", async () => {
    expect(await as(org.users.cityStaff).audit.entityTypes()).toEqual(["assignment", "campaign", "task"]);
  });
});

describe("each change", () => {
  it("shows the fields before and after, marking what changed", async () => {
    const [accept] = (await as(org.users.cityStaff).audit.list({ entityType: "assignment", entityId: String(assignmentA) })).items;
    expect(accept!.changes).toEqual(
      expect.arrayContaining([
        { path: "status", kind: "changed", before: "sent", after: "accepted" },
        { path: "version", kind: "changed", before: 1, after: 2 },
        { path: "percent", kind: "same", before: 0, after: 0 },
      ]),
    );
    const [created] = (await as(org.users.cityStaff).audit.list({ entityType: "task" })).items;
    expect(created!.changes).toEqual(expect.arrayContaining([{ path: "title", kind: "added", after: "审计日志测试任务" }]));
  });
});

describe("paging", () => {
  it("walks every event once, 30 at a time, newest first", async () => {
    const inserted = await t.db
      .insert(auditEvents)
      .values(Array.from({ length: 65 }, (_, i) => ({ actorUserId: org.users.cityStaff.id, action: "campaign.update", entityType: "campaign", entityId: String(campaignId), before: { n: i }, after: { n: i + 1 }, requestId: `page-${i}` })))
      .returning({ id: auditEvents.id });
    const seen: number[] = [];
    let cursor: number | undefined;
    let pages = 0;
    do {
      const page = await as(org.users.cityStaff).audit.list({ entityType: "campaign", cursor });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    // 65 inserted plus Zhuzhou's own campaign.create, not 湘潭's.
    const all = await t.db.select({ id: auditEvents.id }).from(auditEvents).where(inArray(auditEvents.entityType, ["campaign"]));
    expect(all).toHaveLength(67);
    expect(seen).toHaveLength(66);
    expect(new Set(seen).size).toBe(66);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(pages).toBe(3);
    for (const { id } of inserted) expect(seen).toContain(id);
  });
});

describe("the demo seed's audit trail", () => {
  it("tells the seeded history once, as the API would have recorded it", async () => {
    const demo = await freshDatabase();
    try {
      await seedDemo(demo.db, "not-a-real-hash");
      const total = async (table: typeof campaigns | typeof tasks) => (await demo.db.select({ n: count() }).from(table))[0]!.n;
      const [steps] = await demo.db.select({ n: count() }).from(assignmentEvents).where(ne(assignmentEvents.type, "sent"));
      const [events] = await demo.db.select({ n: count() }).from(auditEvents);
      expect(events!.n).toBe((await total(campaigns)) + (await total(tasks)) + steps!.n);

      const [cityStaff] = await demo.db.select({ id: users.id }).from(users).where(eq(users.username, "citystaff"));
      const { items } = await callerFor(demo.db, cityStaff!.id).audit.list({ entityType: "assignment" });
      const aReturn = items.find((e) => e.action === "assignment.return");
      expect(aReturn?.changes).toEqual(expect.arrayContaining([{ path: "status", kind: "changed", before: "reported", after: "in_progress" }]));

      await seedDemo(demo.db, "not-a-real-hash");
      expect((await demo.db.select({ n: count() }).from(auditEvents))[0]!.n).toBe(events!.n);
    } finally {
      await demo.cleanup();
    }
  }, 60_000);
});

describe("events no one signed in caused", () => {
  it("shows a public tip's submission to the city it was sent to, not to another city", async () => {
    const [tip] = await t.db.insert(tips).values({ code: "AUDITTEST01", content: "河边有人倾倒建筑垃圾", location: "渌江桥下", committeeId: org.countyA.id, ipHash: "x" }).returning({ id: tips.id });
    await t.db.insert(auditEvents).values({ actorUserId: null, action: "tip.submit", entityType: "tip", entityId: String(tip!.id), after: { committeeId: org.countyA.id }, requestId: "tip-AUDITTEST01" });
    const ours = await as(org.users.cityStaff).audit.list({ entityType: "tip" });
    expect(ours.items.map((e) => [e.action, e.entityId, e.actorName])).toEqual([["tip.submit", String(tip!.id), null]]);
    expect((await as(org.users.otherCityStaff).audit.list({ entityType: "tip" })).items).toEqual([]);
  });
});
