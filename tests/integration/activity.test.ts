import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext, memberCalendar, readableAttachment } from "@dm/api";
import { checkInToken } from "@dm/api/domain/activity-token";
import type { ActivityFields } from "@dm/api/schemas/activity";
import { and, asc, count, DEFAULT_FOCUS_AREAS, eq } from "@dm/db";
import { activities, activityFindings, attachments, auditEvents, notifications, registrations, users } from "@dm/db/schema";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createCampaign, createMember, createOrg, createTask, createUser, currentOf, type Org } from "./support/fixtures";
import { callerFor, expectTRPCError } from "./support/trpc";

let t: TestDatabase;
let org: Org;
let campaignId: number;
/** A member of 月塘街道 (a township under 荷塘区, county A). */
let townMember: { id: number; memberId: number | null };

beforeAll(async () => {
  t = await freshDatabase();
  org = await createOrg(t.db);
  campaignId = await createCampaign(t.db, org.users.cityStaff.id);
  const row = await createMember(t.db, { committeeId: org.townA1.id, name: "月塘委员丁" });
  townMember = await createUser(t.db, { username: "weiyuan-town", role: "member", committeeId: org.townA1.id, memberId: row.id });
});

afterAll(async () => {
  await t?.cleanup();
});

const as = (user: { id: number }, locale?: "en") => callerFor(t.db, user.id, locale ? { locale } : {});
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const fromNow = (ms: number) => new Date(Date.now() + ms);

/** An activity starting in `startsIn` ms, three hours long, sign-up open until an hour before. */
function input(overrides: Partial<ActivityFields> & { startsIn?: number } = {}): ActivityFields {
  const { startsIn = 3 * DAY, ...rest } = overrides;
  return {
    type: "field_inspection",
    title: "洣水河排污口踏察",
    description: "实地查看排污口整治情况",
    campaignId,
    focusArea: DEFAULT_FOCUS_AREAS[1],
    startsAt: fromNow(startsIn),
    endsAt: fromNow(startsIn + 3 * HOUR),
    place: "洣水河沿岸",
    organizer: "荷塘区政协办公室",
    capacity: null,
    signupDeadline: fromNow(startsIn - HOUR),
    audience: "subtree",
    ...rest,
  };
}

async function create(user: { id: number }, overrides: Parameters<typeof input>[0] = {}) {
  return (await as(user).activity.create(input(overrides))).id;
}

async function row(id: number) {
  const [a] = await t.db.select().from(activities).where(eq(activities.id, id));
  return a!;
}

async function regsOf(activityId: number) {
  return t.db.select().from(registrations).where(eq(registrations.activityId, activityId)).orderBy(asc(registrations.queuePosition));
}

/** `n` members of county A, each with a member account. */
async function countyMembers(n: number, prefix: string) {
  const out: { id: number; memberId: number }[] = [];
  for (let i = 0; i < n; i++) {
    const m = await createMember(t.db, { committeeId: org.countyA.id, name: `${prefix}${i}` });
    const u = await createUser(t.db, { username: `${prefix}-${i}`, role: "member", committeeId: org.countyA.id, memberId: m.id });
    out.push({ id: u.id, memberId: m.id });
  }
  return out;
}

describe("organising and scope", () => {
  let countyActivity: number, townActivity: number;

  beforeAll(async () => {
    countyActivity = await create(org.users.countyA);
    townActivity = await create(org.users.liaisonA1, { title: "月塘街道板凳会", type: "bench_meeting", audience: "committee", organizer: "月塘街道政协联络组" });
  });

  it("is organised by the caller's own committee, never a secret in the answer", async () => {
    const a = await row(countyActivity);
    expect(a).toMatchObject({ committeeId: org.countyA.id, status: "planned", version: 1, createdBy: org.users.countyA.id });
    expect(a.checkInSecret.length).toBeGreaterThanOrEqual(40);
    const detail = await as(org.users.countyA).activity.byId({ id: countyActivity });
    expect(detail).toMatchObject({ id: countyActivity, committeeName: "荷塘区政协", campaignTitle: "2023年改善生态环境专项民主监督", actions: { edit: true, cancel: true, markHeld: false } });
    expect(JSON.stringify(detail)).not.toContain(a.checkInSecret);
    expect(detail).not.toHaveProperty("checkInSecret");
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "activity.create"), eq(auditEvents.entityId, String(countyActivity))));
    expect(audit?.actorUserId).toBe(org.users.countyA.id);
  });

  it("the county sees its own and its townships'; the city sees all; a township only its own", async () => {
    const ids = async (user: { id: number }) => (await as(user).activity.list({})).items.map((i) => i.id).sort();
    expect(await ids(org.users.countyA)).toEqual([countyActivity, townActivity].sort());
    expect(await ids(org.users.cityStaff)).toEqual(expect.arrayContaining([countyActivity, townActivity]));
    expect(await ids(org.users.liaisonA1)).toEqual([townActivity]);
    expect(await ids(org.users.liaisonA2)).toEqual([]);
    expect(await ids(org.users.countyB)).toEqual([]);
  });

  it("staff of a sibling county can neither see nor edit nor cancel it", async () => {
    const b = as(org.users.countyB);
    await expectTRPCError(b.activity.byId({ id: countyActivity }), "NOT_FOUND");
    await expectTRPCError(b.activity.update({ id: countyActivity, version: 1, data: input({ title: "改掉" }) }), "NOT_FOUND");
    await expectTRPCError(b.activity.cancel({ id: countyActivity, version: 1 }), "NOT_FOUND");
    await expectTRPCError(b.activity.checkInCode({ id: countyActivity }), "NOT_FOUND");
    await expectTRPCError(as(org.users.liaisonA1).activity.byId({ id: countyActivity }), "NOT_FOUND");
    await expectTRPCError(as(org.users.otherCountyStaff).activity.byId({ id: countyActivity }), "NOT_FOUND");
    expect((await row(countyActivity)).title).toBe("洣水河排污口踏察");
  });

  it("members may not organise, staff may not sign up", async () => {
    await expectTRPCError(as(org.users.memberA).activity.create(input()), "FORBIDDEN");
    await expectTRPCError(as(org.users.memberA).activity.list({}), "FORBIDDEN");
    await expectTRPCError(as(org.users.countyA).activity.signUp({ id: countyActivity }), "FORBIDDEN");
  });

  it("filters by search, status, type and month, and pages", async () => {
    const c = as(org.users.countyA);
    expect((await c.activity.list({ search: "板凳" })).items.map((i) => i.id)).toEqual([townActivity]);
    expect((await c.activity.list({ type: "field_inspection" })).items.map((i) => i.id)).toContain(countyActivity);
    expect((await c.activity.list({ status: "held" })).total).toBe(0);
    const month = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit" }).format(fromNow(3 * DAY));
    expect((await c.activity.list({ month })).total).toBeGreaterThanOrEqual(2);
    expect((await c.activity.list({ month: "2020-01" })).total).toBe(0);
    expect((await c.activity.list({ campaignId })).total).toBeGreaterThanOrEqual(2);
  });

  it("checks the fields: times, focus area, task of the campaign, invitees", async () => {
    const c = as(org.users.countyA);
    const before = (await t.db.select({ n: count() }).from(activities))[0]!.n;
    const times = await expectTRPCError(c.activity.create({ ...input(), endsAt: fromNow(DAY) }), "BAD_REQUEST");
    expect(times.shape.data.fieldErrors?.endsAt).toEqual(["结束时间应晚于开始时间"]);
    const deadline = await expectTRPCError(c.activity.create({ ...input(), signupDeadline: fromNow(10 * DAY) }), "BAD_REQUEST");
    expect(deadline.shape.data.fieldErrors?.signupDeadline).toEqual(["报名截止时间不能晚于活动结束时间"]);
    const invited = await expectTRPCError(c.activity.create(input({ audience: "invited" })), "BAD_REQUEST");
    expect(invited.shape.data.fieldErrors?.inviteeIds).toEqual(["请至少邀请一名委员"]);
    expect((await expectTRPCError(c.activity.create(input({ focusArea: "别的内容" })), "BAD_REQUEST")).shape.message).toBe("请从本专项的监督内容中选择");
    // A member of a sibling county is not the organiser's to invite.
    const outside = await expectTRPCError(c.activity.create(input({ audience: "invited", inviteeIds: [org.users.memberB.memberId!] })), "BAD_REQUEST");
    expect(outside.shape.message).toBe("只能邀请本级及下级政协的委员");
    // A task of another campaign, or one sent only to county B, is refused.
    const otherCampaign = await createCampaign(t.db, org.users.cityStaff.id, { title: "2024年专项", year: 2024 });
    const foreign = await createTask(t.db, org.users.cityStaff.id, otherCampaign, [org.countyA.id]);
    const bOnly = await createTask(t.db, org.users.cityStaff.id, campaignId, [org.countyB.id], { title: "只给芦淞区的任务" });
    for (const taskId of [foreign.id, bOnly.id]) {
      expect((await expectTRPCError(c.activity.create(input({ taskId })), "BAD_REQUEST")).shape.message).toBe("所选任务不属于该专项，或不是本级政协的任务");
    }
    expect((await t.db.select({ n: count() }).from(activities))[0]!.n).toBe(before);
    // A task sent to county A fits, and is offered among the choices.
    const own = await createTask(t.db, org.users.cityStaff.id, campaignId, [org.countyA.id], { title: "给荷塘区的任务" });
    const id = await create(org.users.countyA, { taskId: own.id });
    expect((await row(id)).taskId).toBe(own.id);
    const choices = await c.activity.choices();
    expect(choices.campaigns.find((x) => x.id === campaignId)?.tasks.map((x) => x.id)).toContain(own.id);
    expect(choices.campaigns.find((x) => x.id === campaignId)?.tasks.map((x) => x.id)).not.toContain(bOnly.id);
  });

  it("edits at the version read; a stale version gets CONFLICT with the current one", async () => {
    const id = await create(org.users.countyA);
    const c = as(org.users.countyA);
    expect(await c.activity.update({ id, version: 1, data: input({ title: "洣水河排污口踏察（改期）" }) })).toEqual({ id, version: 2 });
    const stale = await expectTRPCError(as(org.users.countyA2).activity.update({ id, version: 1, data: input({ title: "另一次修改" }) }), "CONFLICT");
    expect(currentOf(stale.shape)).toEqual({ status: "planned", version: 2 });
    expect(stale.shape.message).toBe("该活动已被他人修改，请刷新后重试");
    expect((await row(id)).title).toBe("洣水河排污口踏察（改期）");
    // The county may manage its township's activity too.
    await c.activity.update({ id: townActivity, version: 1, data: input({ title: "月塘街道板凳会（改）", audience: "committee" }) });
    expect((await row(townActivity)).committeeId).toBe(org.townA1.id);
  });
});

describe("who may see and join", () => {
  let subtree: number, committeeOnly: number, invited: number, cityWide: number;

  beforeAll(async () => {
    subtree = await create(org.users.countyA, { title: "荷塘区全区委员视察" });
    committeeOnly = await create(org.users.countyA, { title: "荷塘区本级委员座谈", audience: "committee" });
    invited = await create(org.users.countyA, { title: "邀请制协商座谈", audience: "invited", inviteeIds: [townMember.memberId!] });
    cityWide = await create(org.users.cityStaff, { title: "全市委员协商座谈会", organizer: "株洲市政协" });
  });

  const openIds = async (user: { id: number }) => (await as(user).activity.forMember({ view: "open" })).items.map((i) => i.id);

  it("lists for each member exactly the activities open to them (the SQL rule agrees with the pure one)", async () => {
    expect(await openIds(org.users.memberA)).toEqual(expect.arrayContaining([subtree, committeeOnly, cityWide]));
    expect(await openIds(org.users.memberA)).not.toContain(invited);
    expect(await openIds(townMember)).toEqual(expect.arrayContaining([subtree, invited, cityWide]));
    expect(await openIds(townMember)).not.toContain(committeeOnly);
    const other = await openIds(org.users.memberB);
    expect(other).toContain(cityWide);
    for (const id of [subtree, committeeOnly, invited]) expect(other).not.toContain(id);
  });

  it("a member of another county can neither see nor join: NOT_FOUND", async () => {
    const b = as(org.users.memberB);
    for (const id of [subtree, committeeOnly, invited]) {
      await expectTRPCError(b.activity.view({ id }), "NOT_FOUND");
      await expectTRPCError(b.activity.signUp({ id }), "NOT_FOUND");
    }
    await expectTRPCError(as(org.users.memberA).activity.signUp({ id: invited }), "NOT_FOUND");
    expect(await regsOf(subtree)).toEqual([]);
    expect((await b.activity.signUp({ id: cityWide })).status).toBe("registered");
  });

  it("the invited member joins; the page shows their place", async () => {
    expect(await as(townMember).activity.signUp({ id: invited })).toMatchObject({ status: "registered", queuePosition: 1, changed: true });
    // Signing up twice changes nothing.
    expect(await as(townMember).activity.signUp({ id: invited })).toMatchObject({ status: "registered", queuePosition: 1, changed: false });
    const view = await as(townMember).activity.view({ id: invited });
    expect(view.mine).toMatchObject({ status: "registered", queuePosition: 1 });
    expect(view).not.toHaveProperty("checkInSecret");
    expect((await as(townMember).activity.forMember({ view: "mine" })).items.map((i) => i.id)).toContain(invited);
  });
});

describe("capacity under concurrent sign-ups", () => {
  let id: number;
  let people: { id: number; memberId: number }[];

  beforeAll(async () => {
    people = await countyMembers(50, "rush");
    id = await create(org.users.countyA, { title: "限额二十人的视察", capacity: 20 });
  });

  it("50 at once into 20 places: exactly 20 registered, 30 waiting in arrival order, no duplicates", async () => {
    const results = await Promise.all(people.map((p) => as(p).activity.signUp({ id })));
    expect(results.filter((r) => r.status === "registered")).toHaveLength(20);
    expect(results.filter((r) => r.status === "waiting")).toHaveLength(30);
    const regs = await regsOf(id);
    expect(regs).toHaveLength(50);
    expect(new Set(regs.map((r) => r.memberId)).size).toBe(50);
    expect(regs.map((r) => r.queuePosition)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // The first 20 to arrive hold the places; the rest wait behind them in the same order.
    expect(regs.slice(0, 20).every((r) => r.status === "registered")).toBe(true);
    expect(regs.slice(20).every((r) => r.status === "waiting")).toBe(true);
    const times = regs.map((r) => r.registeredAt.getTime());
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect((await row(id)).signupSeq).toBe(50);
    // Each caller was told their own place.
    for (const p of people) {
      const mine = regs.find((r) => r.memberId === p.memberId)!;
      expect(results[people.indexOf(p)]).toMatchObject({ status: mine.status, queuePosition: mine.queuePosition });
    }
    const view = await as(people.find((p) => regs.find((r) => r.memberId === p.memberId)?.queuePosition === 23)!).activity.view({ id });
    expect(view.mine).toMatchObject({ status: "waiting", waitingAhead: 2 });
  });

  it("a registered member cancelling gives the place to the first waiting, who is told", async () => {
    const regs = await regsOf(id);
    const leaving = people.find((p) => p.memberId === regs[4]!.memberId)!;
    const first = people.find((p) => p.memberId === regs[20]!.memberId)!;
    expect(await as(leaving).activity.cancelSignUp({ id })).toEqual({ status: "cancelled" });
    const after = await regsOf(id);
    expect(after.find((r) => r.memberId === leaving.memberId)?.status).toBe("cancelled");
    expect(after.find((r) => r.memberId === first.memberId)?.status).toBe("registered");
    expect(after.filter((r) => r.status === "registered")).toHaveLength(20);
    expect(after.filter((r) => r.status === "waiting")).toHaveLength(29);
    const told = await t.db.select().from(notifications).where(eq(notifications.userId, first.id));
    expect(told).toEqual([expect.objectContaining({ kind: "activity.promoted", title: "限额二十人的视察", link: `/activities/${id}` })]);
    // A waiting member leaving promotes nobody.
    const waiter = people.find((p) => p.memberId === after.find((r) => r.status === "waiting")!.memberId)!;
    await as(waiter).activity.cancelSignUp({ id });
    expect((await regsOf(id)).filter((r) => r.status === "registered")).toHaveLength(20);
    // Signing up again goes to the back of the queue.
    expect(await as(leaving).activity.signUp({ id })).toMatchObject({ status: "waiting", queuePosition: 51, waitingAhead: 28 });
  });

  it("raising the capacity moves the waiting list up in order", async () => {
    const before = await regsOf(id);
    const nextTwo = before.filter((r) => r.status === "waiting").slice(0, 2).map((r) => r.memberId);
    await as(org.users.countyA).activity.update({ id, version: (await row(id)).version, data: input({ title: "限额二十人的视察", capacity: 22 }) });
    const after = await regsOf(id);
    expect(after.filter((r) => r.status === "registered")).toHaveLength(22);
    for (const m of nextTwo) expect(after.find((r) => r.memberId === m)?.status).toBe("registered");
  });
});

describe("sign-up deadline and state", () => {
  it("refuses sign-up and cancelling after the deadline, with the deadline in the message", async () => {
    const id = await create(org.users.countyA, { startsIn: 2 * HOUR, signupDeadline: fromNow(-HOUR) });
    const { shape } = await expectTRPCError(as(org.users.memberA).activity.signUp({ id }), "BAD_REQUEST");
    expect(shape.message).toMatch(/^报名已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 截止$/);
    expect((await expectTRPCError(as(org.users.memberA, "en").activity.signUp({ id }), "BAD_REQUEST")).shape.message).toMatch(/^Sign-up closed at /);
    expect(await regsOf(id)).toEqual([]);
    await expectTRPCError(as(org.users.memberA).activity.cancelSignUp({ id }), "BAD_REQUEST");
  });

  it("refuses sign-up to a cancelled activity and tells those signed up when it is cancelled", async () => {
    const id = await create(org.users.countyA);
    await as(org.users.memberA).activity.signUp({ id });
    const stale = await expectTRPCError(as(org.users.countyA).activity.cancel({ id, version: 5 }), "CONFLICT");
    expect(currentOf(stale.shape)).toEqual({ status: "planned", version: 1 });
    expect(await as(org.users.countyA).activity.cancel({ id, version: 1, reason: "天气原因" })).toMatchObject({ status: "cancelled", version: 2 });
    const told = await t.db.select().from(notifications).where(and(eq(notifications.userId, org.users.memberA.id), eq(notifications.kind, "activity.cancelled")));
    expect(told.map((n) => n.link)).toContain(`/activities/${id}`);
    expect((await expectTRPCError(as(townMember).activity.signUp({ id }), "BAD_REQUEST")).shape.message).toBe("该活动已取消");
    expect((await expectTRPCError(as(org.users.countyA).activity.cancel({ id, version: 2 }), "BAD_REQUEST")).shape.message).toBe("活动当前状态为「已取消」，不能进行此操作");
    expect((await expectTRPCError(as(org.users.countyA).activity.update({ id, version: 2, data: input() }), "BAD_REQUEST")).shape.message).toBe("该活动已取消");
    expect(await as(org.users.memberA).activity.forMember({ view: "open" }).then((r) => r.items.map((i) => i.id))).not.toContain(id);
  });
});

describe("check-in on the day", () => {
  let id: number;
  let secret: string;
  const code = async () => (await as(org.users.countyA).activity.checkInCode({ id })).token;

  beforeAll(async () => {
    // Started ten minutes ago; sign-up open until the end.
    id = await create(org.users.countyA, { title: "现场签到的座谈会", startsIn: -10 * 60_000, signupDeadline: fromNow(HOUR) });
    secret = (await row(id)).checkInSecret;
    await as(org.users.memberA).activity.signUp({ id });
  });

  it("checks a registered member in with the current code, once", async () => {
    const first = await as(org.users.memberA).activity.checkIn({ activityId: id, token: await code() });
    expect(first).toMatchObject({ activityId: id, already: false, title: "现场签到的座谈会" });
    const reg = (await regsOf(id)).find((r) => r.memberId === org.users.memberA.memberId)!;
    expect(reg).toMatchObject({ attendance: "present", checkInMethod: "qr" });
    expect(reg.checkedInAt?.getTime()).toBe(first.checkedInAt.getTime());
    // A second scan changes nothing and says when.
    const again = await as(org.users.memberA).activity.checkIn({ activityId: id, token: await code() });
    expect(again).toMatchObject({ already: true });
    expect(again.checkedInAt.getTime()).toBe(first.checkedInAt.getTime());
    expect((await regsOf(id)).find((r) => r.memberId === org.users.memberA.memberId)?.updatedAt).toEqual(reg.updatedAt);
    expect((await as(org.users.countyA).activity.byId({ id })).counts).toMatchObject({ registered: 1, arrived: 1 });
  });

  it("refuses an expired, forged or other activity's code with a clear message", async () => {
    await as(townMember).activity.signUp({ id });
    const m = as(townMember);
    const expired = checkInToken(secret, id, fromNow(-2 * 60_000)).token;
    expect((await expectTRPCError(m.activity.checkIn({ activityId: id, token: expired }), "BAD_REQUEST")).shape.message).toBe("签到二维码已过期，请重新扫描现场的二维码");
    const forged = checkInToken("not-the-secret", id, new Date()).token;
    expect((await expectTRPCError(m.activity.checkIn({ activityId: id, token: forged }), "BAD_REQUEST")).shape.message).toBe("签到二维码无效，请扫描本活动现场的二维码");
    const otherId = await create(org.users.countyA, { startsIn: -10 * 60_000, signupDeadline: fromNow(HOUR) });
    const otherCode = (await as(org.users.countyA).activity.checkInCode({ id: otherId })).token;
    expect((await expectTRPCError(m.activity.checkIn({ activityId: id, token: otherCode }), "BAD_REQUEST")).shape.message).toBe("签到二维码无效，请扫描本活动现场的二维码");
    expect((await regsOf(id)).find((r) => r.memberId === townMember.memberId)?.checkedInAt).toBeNull();
  });

  it("refuses outside the window, naming it", async () => {
    const later = await create(org.users.countyA, { startsIn: 2 * DAY });
    await as(org.users.memberA).activity.signUp({ id: later });
    const token = (await as(org.users.countyA).activity.checkInCode({ id: later })).token;
    const { shape } = await expectTRPCError(as(org.users.memberA).activity.checkIn({ activityId: later, token }), "BAD_REQUEST");
    expect(shape.message).toMatch(/^签到时间为 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}，现在不能签到$/);
    const finished = await create(org.users.countyA, { startsIn: -5 * HOUR, signupDeadline: fromNow(-6 * HOUR) });
    const late = (await as(org.users.countyA).activity.checkInCode({ id: finished })).token;
    await expectTRPCError(as(org.users.memberA).activity.checkIn({ activityId: finished, token: late }), "BAD_REQUEST");
  });

  it("refuses members who are not registered, or only waiting", async () => {
    const [stranger] = await countyMembers(1, "stranger");
    expect((await expectTRPCError(as(stranger!).activity.checkIn({ activityId: id, token: await code() }), "BAD_REQUEST")).shape.message).toBe("您没有报名该活动，不能签到，请联系组织者");
    const full = await create(org.users.countyA, { startsIn: -10 * 60_000, signupDeadline: fromNow(HOUR), capacity: 1 });
    await as(org.users.memberA).activity.signUp({ id: full });
    expect((await as(townMember).activity.signUp({ id: full })).status).toBe("waiting");
    const token = (await as(org.users.countyA).activity.checkInCode({ id: full })).token;
    expect((await expectTRPCError(as(townMember).activity.checkIn({ activityId: full, token }), "BAD_REQUEST")).shape.message).toBe("您在候补名单中，尚未获得名额，不能签到，请联系组织者");
    // A member of another county does not even learn it exists.
    await expectTRPCError(as(org.users.memberB).activity.checkIn({ activityId: id, token: await code() }), "NOT_FOUND");
  });

  it("organisers mark by hand; excused needs a reason; an eligible member not signed up is added", async () => {
    const c = as(org.users.countyA);
    const noReason = await expectTRPCError(c.activity.mark({ activityId: id, memberId: townMember.memberId!, attendance: "excused" }), "BAD_REQUEST");
    expect(noReason.shape.data.fieldErrors?.note).toEqual(["请假须填写原因"]);
    await c.activity.mark({ activityId: id, memberId: townMember.memberId!, attendance: "excused", note: "外出开会" });
    expect((await regsOf(id)).find((r) => r.memberId === townMember.memberId)).toMatchObject({ attendance: "excused", attendanceNote: "外出开会", checkedInAt: null, markedBy: org.users.countyA.id });
    const [walkIn] = await countyMembers(1, "walkin");
    // Absent or excused takes no place: only someone who holds one can be marked so.
    const noPlace = await expectTRPCError(c.activity.mark({ activityId: id, memberId: walkIn!.memberId, attendance: "absent" }), "BAD_REQUEST");
    expect(noPlace.shape.message).toBe("只有已报名（非候补）的委员才能登记为缺席或请假");
    expect((await regsOf(id)).some((r) => r.memberId === walkIn!.memberId)).toBe(false);
    await c.activity.mark({ activityId: id, memberId: walkIn!.memberId, attendance: "late" });
    const added = (await regsOf(id)).find((r) => r.memberId === walkIn!.memberId);
    expect(added).toMatchObject({ status: "registered", attendance: "late", checkInMethod: "manual" });
    expect(added?.checkedInAt).not.toBeNull();
    expect((await expectTRPCError(c.activity.mark({ activityId: id, memberId: org.users.memberB.memberId!, attendance: "present" }), "BAD_REQUEST")).shape.message).toBe("该委员不在本活动的参加范围内");
    // Marking an arrival keeps the time of the QR check-in.
    const before = (await regsOf(id)).find((r) => r.memberId === org.users.memberA.memberId)!;
    await c.activity.mark({ activityId: id, memberId: org.users.memberA.memberId!, attendance: "late" });
    const after = (await regsOf(id)).find((r) => r.memberId === org.users.memberA.memberId)!;
    expect(after).toMatchObject({ attendance: "late", checkInMethod: "qr" });
    expect(after.checkedInAt).toEqual(before.checkedInAt);
    await expectTRPCError(as(org.users.countyB).activity.mark({ activityId: id, memberId: org.users.memberA.memberId!, attendance: "absent" }), "NOT_FOUND");
  });
});

describe("the record, findings and held", () => {
  it("marks held only once started, at the version read", async () => {
    const future = await create(org.users.countyA);
    const { shape } = await expectTRPCError(as(org.users.countyA).activity.record({ id: future, version: 1, minutes: "纪要", findings: "", opinionCount: 0, markHeld: true }), "BAD_REQUEST");
    expect(shape.message).toMatch(/^活动 .* 开始，开始后才能标记为已举办$/);
    expect((await row(future)).status).toBe("planned");

    const id = await create(org.users.countyA, { startsIn: -3 * HOUR, signupDeadline: fromNow(-4 * HOUR) });
    const c = as(org.users.countyA);
    const [photo] = await t.db.insert(attachments).values({ storageKey: randomUUID(), fileName: "现场.jpg", mimeType: "image/jpeg", size: 2048, sha256: "a".repeat(64), uploadedBy: org.users.countyA.id }).returning();
    const saved = await c.activity.record({ id, version: 1, minutes: "听取汇报并现场查看", findings: "排污口标识不清", opinionCount: 3, attachmentIds: [photo!.id] });
    expect(saved).toEqual({ id, status: "planned", version: 2 });
    const stale = await expectTRPCError(as(org.users.countyA2).activity.record({ id, version: 1, minutes: "旧", findings: "", opinionCount: 0, markHeld: true }), "CONFLICT");
    expect(currentOf(stale.shape)).toEqual({ status: "planned", version: 2 });
    expect(await c.activity.record({ id, version: 2, minutes: "听取汇报并现场查看", findings: "排污口标识不清", opinionCount: 4, markHeld: true })).toEqual({ id, status: "held", version: 3 });
    const held = await row(id);
    expect(held).toMatchObject({ status: "held", opinionCount: 4, minutes: "听取汇报并现场查看" });
    expect(held.heldAt).not.toBeNull();
    const detail = await c.activity.byId({ id });
    expect(detail.attachments.map((f) => f.fileName)).toEqual(["现场.jpg"]);
    // Its photos: organisers in scope and members it is open to; not a sibling county or its members.
    expect(await readableAttachment(t.db, await loadViewer(org.users.cityStaff.id), photo!.id)).not.toBeNull();
    expect(await readableAttachment(t.db, await loadViewer(org.users.memberA.id), photo!.id)).not.toBeNull();
    expect(await readableAttachment(t.db, await loadViewer(townMember.id), photo!.id)).not.toBeNull();
    expect(await readableAttachment(t.db, await loadViewer(org.users.countyB.id), photo!.id)).toBeNull();
    expect(await readableAttachment(t.db, await loadViewer(org.users.memberB.id), photo!.id)).toBeNull();
    expect((await as(org.users.memberA).activity.view({ id })).attachments.map((f) => f.fileName)).toEqual(["现场.jpg"]);
    expect(detail.actions).toMatchObject({ edit: false, cancel: false, record: true, markHeld: false });
    // Held: no more sign-ups, edits or cancelling.
    expect((await expectTRPCError(c.activity.update({ id, version: 3, data: input() }), "BAD_REQUEST")).shape.message).toBe("该活动已举办，不能再报名或修改");
    await expectTRPCError(c.activity.cancel({ id, version: 3 }), "BAD_REQUEST");
  });

  it("registered members add their own findings with photos; others cannot, and files follow the rules", async () => {
    const id = await create(org.users.countyA, { startsIn: -HOUR, signupDeadline: fromNow(HOUR) });
    await as(org.users.memberA).activity.signUp({ id });
    const [photo] = await t.db.insert(attachments).values({ storageKey: randomUUID(), fileName: "排污口.jpg", mimeType: "image/jpeg", size: 1024, sha256: "b".repeat(64), uploadedBy: org.users.memberA.id }).returning();
    const { id: findingId } = await as(org.users.memberA).activity.addFinding({ activityId: id, text: "左岸排污口夜间排放", attachmentIds: [photo!.id] });
    const [stored] = await t.db.select().from(activityFindings).where(eq(activityFindings.id, findingId));
    expect(stored).toMatchObject({ activityId: id, memberId: org.users.memberA.memberId, text: "左岸排污口夜间排放" });
    const view = await as(org.users.memberA).activity.view({ id });
    expect(view.findings.map((f) => [f.text, f.attachments.map((a) => a.fileName)])).toEqual([["左岸排污口夜间排放", ["排污口.jpg"]]]);
    expect((await as(org.users.countyA).activity.byId({ id })).memberFindings.map((f) => f.memberName)).toEqual(["荷塘委员甲"]);
    expect((await expectTRPCError(as(townMember).activity.addFinding({ activityId: id, text: "我也看到了" }), "BAD_REQUEST")).shape.message).toBe("只有报名参加了该活动的委员可以提交发现的问题");
    // The photo: its author and the organisers may fetch it; a sibling county's staff and other members may not.
    const viewer = (u: { id: number }) => loadViewer(u.id);
    expect(await readableAttachment(t.db, await viewer(org.users.memberA), photo!.id)).not.toBeNull();
    expect(await readableAttachment(t.db, await viewer(org.users.countyA), photo!.id)).not.toBeNull();
    expect(await readableAttachment(t.db, await viewer(org.users.countyB), photo!.id)).toBeNull();
    expect(await readableAttachment(t.db, await viewer(townMember), photo!.id)).toBeNull();
  });
});

/** The viewer the context would build for a user. */
async function loadViewer(userId: number) {
  const ctx = createContext({ db: t.db, session: { userId, sessionId: randomUUID(), sessionVersion: 0 }, headers: new Headers() });
  return (await ctx.viewer())!;
}

describe("the calendar feed", () => {
  it("makes a secret feed on first use, serves the member's activities, and regenerates", async () => {
    const m = as(org.users.memberA);
    expect(await m.activity.calendar()).toEqual({ path: null });
    const { path } = await m.activity.calendarFeed({});
    expect(path).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]{32}\.ics$/);
    expect(await m.activity.calendarFeed({})).toEqual({ path });
    expect(await m.activity.calendar()).toEqual({ path });
    const token = path!.slice("/api/calendar/".length, -".ics".length);
    const ics = (await memberCalendar(t.db, token, "https://dm.example.org"))!;
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics.replace(/\r\n[ \t]/g, "")).toContain("SUMMARY:现场签到的座谈会");
    const mine = await t.db.select({ n: count() }).from(registrations).where(and(eq(registrations.memberId, org.users.memberA.memberId!)));
    expect((ics.match(/BEGIN:VEVENT/g) ?? []).length).toBeGreaterThan(0);
    expect((ics.match(/BEGIN:VEVENT/g) ?? []).length).toBeLessThanOrEqual(mine[0]!.n);
    const fresh = await m.activity.calendarFeed({ regenerate: true });
    expect(fresh.path).not.toBe(path);
    expect(await memberCalendar(t.db, token, "https://dm.example.org")).toBeNull();
    expect(await memberCalendar(t.db, "x".repeat(32), "https://dm.example.org")).toBeNull();
    const [u] = await t.db.select({ token: users.calendarToken }).from(users).where(eq(users.id, org.users.memberA.id));
    expect(fresh.path).toContain(u!.token!);
  });
});
