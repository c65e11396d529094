import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, count, eq, isNull } from "@dm/db";
import { assignments, notifications } from "@dm/db/schema";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createCampaign, createOrg, createTask, type Org } from "./support/fixtures";
import { callerFor, expectTRPCError } from "./support/trpc";

let t: TestDatabase;
let org: Org;
let campaignId: number;

beforeAll(async () => {
  t = await freshDatabase();
  org = await createOrg(t.db);
  campaignId = await createCampaign(t.db, org.users.cityStaff.id);
});

afterAll(async () => {
  await t?.cleanup();
});

const as = (user: { id: number }) => callerFor(t.db, user.id);

async function totalNotifications() {
  return (await t.db.select({ n: count() }).from(notifications))[0]!.n;
}

/** Unread counts of every account of the organisation, by key. */
async function unreadAll() {
  const out: Record<string, number> = {};
  for (const [key, user] of Object.entries(org.users)) {
    if (key === "countyADisabled") continue;
    out[key] = await as(user).notification.unreadCount();
  }
  return out;
}

/** The change in each account's unread count made by `run`, leaving out the zeros. */
async function unreadDelta(run: () => Promise<unknown>) {
  const before = await unreadAll();
  await run();
  const after = await unreadAll();
  return Object.fromEntries(Object.keys(after).filter((k) => after[k] !== before[k]).map((k) => [k, after[k]! - before[k]!]));
}

describe("who is told what, along the life cycle", () => {
  let taskId: number, id: number, version: number;
  const title = "对建宁港黑臭水体治理情况进行视察";

  it("sent: each county's active staff", async () => {
    const delta = await unreadDelta(async () => {
      const created = await createTask(t.db, org.users.cityStaff.id, campaignId, [org.countyA.id, org.countyB.id], { title });
      taskId = created.id;
      id = created.assignmentIds.get(org.countyA.id)!;
    });
    expect(delta).toEqual({ countyA: 1, countyA2: 1, countyB: 1 });
    const [latest] = (await as(org.users.countyA).notification.list({})).items;
    expect(latest).toMatchObject({ userId: org.users.countyA.id, kind: "assignment.sent", title, link: `/assignments/${id}`, readAt: null });
    version = 1;
  });

  it("accepted: the sender only", async () => {
    const delta = await unreadDelta(() => as(org.users.countyA).assignment.accept({ id, version: version++ }));
    expect(delta).toEqual({ cityStaff: 1 });
    const [latest] = (await as(org.users.cityStaff).notification.list({})).items;
    expect(latest).toMatchObject({ kind: "assignment.accepted", title, link: `/tasks/${taskId}` });
  });

  it("a progress update: no one", async () => {
    const before = await totalNotifications();
    await as(org.users.countyA).assignment.reportProgress({ id, version: version++, text: "完成一半", percent: 50 });
    expect(await totalNotifications()).toBe(before);
  });

  it("reported complete: the sender only", async () => {
    const delta = await unreadDelta(() => as(org.users.countyA2).assignment.reportProgress({ id, version: version++, text: "全部完成", percent: 100, complete: true }));
    expect(delta).toEqual({ cityStaff: 1 });
    const [latest] = (await as(org.users.cityStaff).notification.list({})).items;
    expect(latest).toMatchObject({ kind: "assignment.reported", title, link: `/tasks/${taskId}` });
  });

  it("returned: the county's staff, not the reviewer or the sender", async () => {
    const delta = await unreadDelta(() => as(org.users.cityLeader).assignment.return({ id, version: version++, reason: "缺少整治前后对比" }));
    expect(delta).toEqual({ countyA: 1, countyA2: 1 });
    for (const staff of [org.users.countyA, org.users.countyA2]) {
      const [latest] = (await as(staff).notification.list({})).items;
      expect(latest).toMatchObject({ kind: "assignment.returned", title, link: `/assignments/${id}` });
    }
  });

  it("tells the one who sent it, whoever that was", async () => {
    const created = await createTask(t.db, org.users.cityLeader.id, campaignId, [org.countyB.id], { title: "领导亲自交办的任务" });
    const delta = await unreadDelta(() => as(org.users.countyB).assignment.accept({ id: created.assignmentIds.get(org.countyB.id)!, version: 1 }));
    expect(delta).toEqual({ cityLeader: 1 });
  });

  it("for a township: the liaison when sent and returned, the county's sender when accepted and reported", async () => {
    const created = await createTask(t.db, org.users.cityStaff.id, campaignId, [org.countyA.id], { title: "乡镇层面的任务" });
    const parent = created.assignmentIds.get(org.countyA.id)!;
    await as(org.users.countyA).assignment.accept({ id: parent, version: 1 });

    expect(await unreadDelta(() => as(org.users.countyA2).assignment.passDown({ id: parent, version: 2, committeeIds: [org.townA1.id] }))).toEqual({ liaisonA1: 1 });
    const [child] = await t.db.select().from(assignments).where(eq(assignments.parentId, parent));
    expect((await as(org.users.liaisonA1).notification.list({})).items[0]).toMatchObject({ kind: "assignment.sent", link: `/assignments/${child!.id}` });

    expect(await unreadDelta(() => as(org.users.liaisonA1).assignment.accept({ id: child!.id, version: 1 }))).toEqual({ countyA2: 1 });
    expect(await unreadDelta(() => as(org.users.liaisonA1).assignment.reportProgress({ id: child!.id, version: 2, text: "完成", percent: 100, complete: true }))).toEqual({ countyA2: 1 });
    expect((await as(org.users.countyA2).notification.list({})).items[0]).toMatchObject({ kind: "assignment.reported", link: `/assignments/${parent}` });
    expect(await unreadDelta(() => as(org.users.countyA).assignment.return({ id: child!.id, version: 3, reason: "请补充照片" }))).toEqual({ liaisonA1: 1 });
    expect((await as(org.users.liaisonA1).notification.list({})).items[0]).toMatchObject({ kind: "assignment.returned", link: `/assignments/${child!.id}` });
  });

  it("never tells a disabled account", async () => {
    const rows = await t.db.select({ n: count() }).from(notifications).where(eq(notifications.userId, org.users.countyADisabled.id));
    expect(rows[0]!.n).toBe(0);
  });
});

describe("notification.unreadCount, list and markRead are per user", () => {
  let mine: number[];
  let theirs: number[];

  beforeAll(async () => {
    // Two fresh accounts' worth of notifications, written directly.
    const insert = (userId: number, n: number, prefix: string) =>
      t.db
        .insert(notifications)
        .values(Array.from({ length: n }, (_, i) => ({ userId, kind: "assignment.sent", title: `${prefix}${String(i + 1).padStart(2, "0")}`, link: `/assignments/${1000 + i}` })))
        .returning({ id: notifications.id });
    mine = (await insert(org.users.liaisonB1.id, 25, "白关通知")).map((r) => r.id);
    theirs = (await insert(org.users.liaisonA2.id, 3, "仙庾通知")).map((r) => r.id);
  });

  it("counts only the caller's unread notifications", async () => {
    expect(await as(org.users.liaisonB1).notification.unreadCount()).toBe(25);
    expect(await as(org.users.liaisonA2).notification.unreadCount()).toBe(3);
  });

  it("lists only the caller's, newest first, 20 a page", async () => {
    const page1 = await as(org.users.liaisonB1).notification.list({});
    const page2 = await as(org.users.liaisonB1).notification.list({ page: 2 });
    expect(page1).toMatchObject({ total: 25, page: 1, pageSize: 20 });
    expect(page1.items).toHaveLength(20);
    expect(page2.items).toHaveLength(5);
    expect([...page1.items, ...page2.items].map((n) => n.id)).toEqual([...mine].reverse());
    expect(page1.items[0]!.title).toBe("白关通知25");
    for (const n of [...page1.items, ...page2.items]) expect(n.userId).toBe(org.users.liaisonB1.id);
  });

  it("marks the given ones read, and only once", async () => {
    const caller = as(org.users.liaisonB1);
    expect(await caller.notification.markRead({ ids: [mine[0]!, mine[1]!] })).toEqual({ count: 2 });
    expect(await caller.notification.unreadCount()).toBe(23);
    expect(await caller.notification.markRead({ ids: [mine[0]!] })).toEqual({ count: 0 });
    expect(await caller.notification.unreadCount()).toBe(23);
    const [row] = await t.db.select().from(notifications).where(eq(notifications.id, mine[0]!));
    expect(row!.readAt).toBeInstanceOf(Date);
  });

  it("cannot mark someone else's notifications read", async () => {
    expect(await as(org.users.liaisonB1).notification.markRead({ ids: theirs })).toEqual({ count: 0 });
    const unread = await t.db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, org.users.liaisonA2.id), isNull(notifications.readAt)));
    expect(unread[0]!.n).toBe(3);
    expect(await as(org.users.liaisonA2).notification.unreadCount()).toBe(3);
  });

  it("marks nothing for an empty list of ids", async () => {
    expect(await as(org.users.liaisonB1).notification.markRead({ ids: [] })).toEqual({ count: 0 });
    expect(await as(org.users.liaisonB1).notification.unreadCount()).toBe(23);
  });

  it("marks all the caller's own read without ids, no one else's", async () => {
    expect(await as(org.users.liaisonB1).notification.markRead({})).toEqual({ count: 23 });
    expect(await as(org.users.liaisonB1).notification.unreadCount()).toBe(0);
    expect(await as(org.users.liaisonA2).notification.unreadCount()).toBe(3);
    const rows = await t.db.select({ readAt: notifications.readAt }).from(notifications).where(eq(notifications.userId, org.users.liaisonA2.id)).orderBy(asc(notifications.id));
    expect(rows.every((r) => r.readAt === null)).toBe(true);
  });

  it("refuses a signed-out caller", async () => {
    await expectTRPCError(callerFor(t.db, null).notification.unreadCount(), "UNAUTHORIZED");
    await expectTRPCError(callerFor(t.db, null).notification.list({}), "UNAUTHORIZED");
    await expectTRPCError(callerFor(t.db, null).notification.markRead({}), "UNAUTHORIZED");
  });
});
