import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActivityFields } from "@dm/api/schemas/activity";
import { and, asc, DEFAULT_FOCUS_AREAS, eq } from "@dm/db";
import { activities, auditEvents, notifications, registrations } from "@dm/db/schema";
import { BURST, BURST_TIMEOUT, CONTENDED_POOL, auditCount, memberAccounts, outcome } from "./support/concurrency";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createCampaign, createOrg, type Org } from "./support/fixtures";
import { callerFor } from "./support/trpc";

/**
 * Sign-up under contention (issue #8): a hundred members of 荷塘区 press 报名 / 取消报名 at the
 * same moment. The activity row lock must hand out places and queue positions one at a time:
 * never more registered than the capacity, a waiting list in arrival order without gaps or
 * duplicates, each freed place given to exactly one waiting member who is told exactly once.
 */
let t: TestDatabase;
let org: Org;
let campaignId: number;
let people: { id: number; memberId: number }[];

const HOUR = 3_600_000;
const CAPACITY = 30;

beforeAll(async () => {
  t = await freshDatabase({ max: CONTENDED_POOL });
  org = await createOrg(t.db);
  campaignId = await createCampaign(t.db, org.users.cityStaff.id);
  people = await memberAccounts(t.db, org.countyA.id, BURST, "baoming");
});

afterAll(async () => {
  await t?.cleanup();
});

const as = (user: { id: number }) => callerFor(t.db, user.id);

async function limitedActivity(title: string): Promise<number> {
  const startsAt = new Date(Date.now() + 72 * HOUR);
  const fields: ActivityFields = {
    type: "field_inspection",
    title,
    description: "实地查看渌江排污口整治情况",
    campaignId,
    focusArea: DEFAULT_FOCUS_AREAS[1],
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3 * HOUR),
    place: "渌江沿岸",
    organizer: "荷塘区政协办公室",
    capacity: CAPACITY,
    signupDeadline: new Date(startsAt.getTime() - HOUR),
    audience: "subtree",
  };
  return (await as(org.users.countyA).activity.create(fields)).id;
}

async function regsOf(activityId: number) {
  return t.db.select().from(registrations).where(eq(registrations.activityId, activityId)).orderBy(asc(registrations.queuePosition));
}

async function signupSeq(activityId: number) {
  const [row] = await t.db.select({ n: activities.signupSeq }).from(activities).where(eq(activities.id, activityId));
  return row!.n;
}

/** The waiting list is a queue: nobody waiting arrived before somebody holding a place by arrival. */
function expectQueueOrder(regs: Awaited<ReturnType<typeof regsOf>>) {
  const registered = regs.filter((r) => r.status === "registered").map((r) => r.queuePosition);
  const waiting = regs.filter((r) => r.status === "waiting").map((r) => r.queuePosition);
  if (registered.length && waiting.length) expect(Math.max(...registered)).toBeLessThan(Math.min(...waiting));
}

describe(`${BURST} sign-ups at once`, BURST_TIMEOUT, () => {
  it(`fill ${CAPACITY} places exactly; the other ${BURST - CAPACITY} wait in signupSeq order, without gaps or duplicates`, async () => {
    const id = await limitedActivity("百人同时报名的视察");
    const results = await Promise.all(people.map((p) => as(p).activity.signUp({ id })));

    expect(results.filter((r) => r.status === "registered")).toHaveLength(CAPACITY);
    expect(results.filter((r) => r.status === "waiting")).toHaveLength(BURST - CAPACITY);
    expect(results.every((r) => r.changed)).toBe(true);
    const regs = await regsOf(id);
    expect(regs).toHaveLength(BURST);
    expect(new Set(regs.map((r) => r.memberId)).size).toBe(BURST);
    // Positions 1…100, each once: the counter and the rows agree.
    expect(regs.map((r) => r.queuePosition)).toEqual(Array.from({ length: BURST }, (_, i) => i + 1));
    expect(await signupSeq(id)).toBe(BURST);
    // The first thirty to take a position hold the places.
    expect(regs.slice(0, CAPACITY).every((r) => r.status === "registered")).toBe(true);
    expect(regs.slice(CAPACITY).every((r) => r.status === "waiting")).toBe(true);
    // Each caller was told the place and position the database holds, and how many wait ahead.
    people.forEach((p, i) => {
      const mine = regs.find((r) => r.memberId === p.memberId)!;
      expect(results[i]).toMatchObject({ status: mine.status, queuePosition: mine.queuePosition, waitingAhead: mine.status === "waiting" ? mine.queuePosition - CAPACITY - 1 : 0 });
    });
    expect(await auditCount(t.db, "activity.signUp", id)).toBe(BURST);
    // The organiser's counters read the same rows.
    expect((await as(org.users.countyA).activity.byId({ id })).counts).toEqual({ registered: CAPACITY, waiting: BURST - CAPACITY, arrived: 0 });
  });

  it("the same member ten times at once: one registration, one position, one audit event", async () => {
    const id = await limitedActivity("同一委员重复报名");
    const member = people[0]!;
    const results = await Promise.all(Array.from({ length: 10 }, () => as(member).activity.signUp({ id })));
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect(results.every((r) => r.status === "registered" && r.queuePosition === 1)).toBe(true);
    expect(await regsOf(id)).toEqual([expect.objectContaining({ memberId: member.memberId, status: "registered", queuePosition: 1 })]);
    expect(await signupSeq(id)).toBe(1);
    expect(await auditCount(t.db, "activity.signUp", id)).toBe(1);
  });
});

describe(`${BURST} sign-ups and cancellations mixed at once`, BURST_TIMEOUT, () => {
  it("keep the capacity, and promote each freed place to exactly one waiting member, told exactly once", async () => {
    const id = await limitedActivity("报名与取消同时进行的座谈会");
    // 60 signed up first: positions 1–30 registered, 31–60 waiting.
    const early = people.slice(0, 60);
    await Promise.all(early.map((p) => as(p).activity.signUp({ id })));
    const before = await regsOf(id);
    const byMember = new Map(before.map((r) => [r.memberId, r]));
    const registeredFirst = early.filter((p) => byMember.get(p.memberId)!.status === "registered");
    const waitingFirst = early.filter((p) => byMember.get(p.memberId)!.status === "waiting");
    expect([registeredFirst.length, waitingFirst.length]).toEqual([CAPACITY, CAPACITY]);

    // At once: 25 holding a place and 15 waiting give up, 40 newcomers sign up, and 20 who stay
    // press 报名 again (which must change nothing).
    const leavingRegistered = registeredFirst.slice(0, 25);
    const leavingWaiting = waitingFirst.slice(0, 15);
    const newcomers = people.slice(60);
    const again = [...registeredFirst.slice(25), ...waitingFirst.slice(15)];
    const operations = [
      ...leavingRegistered.map((p) => () => as(p).activity.cancelSignUp({ id })),
      ...leavingWaiting.map((p) => () => as(p).activity.cancelSignUp({ id })),
      ...newcomers.map((p) => () => as(p).activity.signUp({ id })),
      ...again.map((p) => () => as(p).activity.signUp({ id })),
    ];
    expect(operations).toHaveLength(BURST);
    const { won, lost } = outcome(await Promise.allSettled(operations.map((op) => op())));
    expect(lost).toEqual([]);
    const signedUp = won.slice(leavingRegistered.length + leavingWaiting.length) as { status: string; changed: boolean }[];
    const newcomersRegistered = signedUp.slice(0, newcomers.length).filter((r) => r.status === "registered").length;
    expect(signedUp.slice(newcomers.length).every((r) => !r.changed)).toBe(true);

    const after = await regsOf(id);
    const active = after.filter((r) => r.status !== "cancelled");
    // 60 − 40 + 40 active: the capacity exactly full, the other thirty waiting behind.
    expect(active.filter((r) => r.status === "registered")).toHaveLength(CAPACITY);
    expect(active.filter((r) => r.status === "waiting")).toHaveLength(CAPACITY);
    expect(after.filter((r) => r.status === "cancelled").map((r) => r.memberId).sort()).toEqual([...leavingRegistered, ...leavingWaiting].map((p) => p.memberId).sort());
    expectQueueOrder(after);
    // Newcomers took positions 61–100, once each; those who stayed kept theirs.
    expect(after.filter((r) => newcomers.some((p) => p.memberId === r.memberId)).map((r) => r.queuePosition).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => 61 + i));
    for (const p of again) expect(after.find((r) => r.memberId === p.memberId)!.queuePosition).toBe(byMember.get(p.memberId)!.queuePosition);
    expect(await signupSeq(id)).toBe(BURST);

    // Who was promoted: the cancellations' audit events name them. Nobody twice, and each of
    // them (and nobody else) got exactly one 已递补 notification.
    const cancels = await t.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "activity.cancelSignUp"), eq(auditEvents.entityId, String(id))));
    expect(cancels).toHaveLength(leavingRegistered.length + leavingWaiting.length);
    const promoted = cancels.flatMap((c) => (c.after as { promoted: number[] }).promoted);
    expect(new Set(promoted).size).toBe(promoted.length);
    // Every place given up went to exactly one member: a waiting one promoted, or (when nobody
    // was waiting at that moment) a newcomer who found it free. Places were given up by the 25,
    // and by those of the 15 who were promoted before their own cancellation ran.
    const promotedThenLeft = promoted.filter((m) => leavingWaiting.some((p) => p.memberId === m)).length;
    expect(promoted.length + newcomersRegistered).toBe(leavingRegistered.length + promotedThenLeft);
    for (const m of promoted) expect([...waitingFirst, ...newcomers].some((p) => p.memberId === m)).toBe(true);
    const told = await t.db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(and(eq(notifications.kind, "activity.promoted"), eq(notifications.link, `/activities/${id}`)));
    const accountOf = new Map(people.map((p) => [p.memberId, p.id]));
    expect(told.map((n) => n.userId).sort()).toEqual(promoted.map((m) => accountOf.get(m)!).sort());
    expect(await auditCount(t.db, "activity.signUp", id)).toBe(60 + newcomers.length);
  });
});
