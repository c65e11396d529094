import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chinaToday } from "@dm/api/domain/china-time";
import type { ActivityFields } from "@dm/api/schemas/activity";
import { and, asc, DEFAULT_FOCUS_AREAS, eq } from "@dm/db";
import { activities, registrations } from "@dm/db/schema";
import { BURST, BURST_TIMEOUT, CONTENDED_POOL, auditCount, dealt, heldTransaction, memberAccounts, outcome, shapesOf, someoneWaitsOnALock } from "./support/concurrency";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createCampaign, createOrg, type Org } from "./support/fixtures";
import { callerFor, expectTRPCError } from "./support/trpc";

/**
 * Check-in under contention (issue #8): a hundred members scan the QR code in the same second,
 * one member's phone sends the scan ten times, two organisers tick a hundred names by hand at
 * once. Each attendance is recorded exactly once, with one audit event, and counts once in the
 * member's points.
 */
let t: TestDatabase;
let org: Org;
let campaignId: number;
let people: { id: number; memberId: number }[];
/** Started ten minutes ago, sign-up open for another hour: inside the check-in window. */
let hall: number;
let repeat: number;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

beforeAll(async () => {
  t = await freshDatabase({ max: CONTENDED_POOL });
  org = await createOrg(t.db);
  campaignId = await createCampaign(t.db, org.users.cityStaff.id);
  people = await memberAccounts(t.db, org.countyA.id, BURST, "qiandao");
  hall = await startedActivity("百人扫码签到的协商座谈会");
  repeat = await startedActivity("同一委员重复扫码");
  await Promise.all(people.map((p) => as(p).activity.signUp({ id: hall })));
  await as(people[0]!).activity.signUp({ id: repeat });
});

afterAll(async () => {
  await t?.cleanup();
});

const as = (user: { id: number }) => callerFor(t.db, user.id);
const organisers = () => [as(org.users.countyA), as(org.users.countyA2)];

async function startedActivity(title: string): Promise<number> {
  const startsAt = new Date(Date.now() - 10 * MINUTE);
  const fields: ActivityFields = {
    type: "consultation",
    title,
    description: "听取生态环境局情况通报",
    campaignId,
    focusArea: DEFAULT_FOCUS_AREAS[0],
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3 * HOUR),
    place: "荷塘区政协会议室",
    organizer: "荷塘区政协办公室",
    capacity: null,
    signupDeadline: new Date(Date.now() + HOUR),
    audience: "subtree",
  };
  return (await as(org.users.countyA).activity.create(fields)).id;
}

const code = async (id: number) => (await as(org.users.countyA).activity.checkInCode({ id })).token;

async function regsOf(activityId: number) {
  return t.db.select().from(registrations).where(eq(registrations.activityId, activityId)).orderBy(asc(registrations.queuePosition));
}

async function markHeld(id: number) {
  const [a] = await t.db.select({ version: activities.version }).from(activities).where(eq(activities.id, id));
  await as(org.users.countyA).activity.record({ id, version: a!.version, minutes: "听取通报并座谈", findings: "", opinionCount: 0, markHeld: true });
}

describe("QR check-in", BURST_TIMEOUT, () => {
  it(`${BURST} registered members scanning at once: ${BURST} attendances, each recorded once`, async () => {
    const token = await code(hall);
    const results = await Promise.all(people.map((p) => as(p).activity.checkIn({ activityId: hall, token })));
    expect(results.every((r) => !r.already)).toBe(true);
    const regs = await regsOf(hall);
    expect(regs).toHaveLength(BURST);
    expect(regs.every((r) => r.status === "registered" && r.attendance === "present" && r.checkInMethod === "qr" && r.checkedInAt !== null)).toBe(true);
    people.forEach((p, i) => expect(regs.find((r) => r.memberId === p.memberId)!.checkedInAt).toEqual(results[i]!.checkedInAt));
    expect(await auditCount(t.db, "activity.checkIn", hall)).toBe(BURST);
    expect((await as(org.users.countyA).activity.byId({ id: hall })).counts).toEqual({ registered: BURST, waiting: 0, arrived: BURST });
  });

  it("one member's scan sent ten times at once: one check-in, one audit event, the same time for all", async () => {
    const token = await code(repeat);
    const member = people[0]!;
    const results = await Promise.all(Array.from({ length: 10 }, () => as(member).activity.checkIn({ activityId: repeat, token })));
    expect(results.filter((r) => !r.already)).toHaveLength(1);
    const [reg, ...others] = await regsOf(repeat);
    expect(others).toEqual([]);
    expect(reg).toMatchObject({ memberId: member.memberId, attendance: "present", checkInMethod: "qr" });
    for (const r of results) expect(r.checkedInAt).toEqual(reg!.checkedInAt);
    expect(await auditCount(t.db, "activity.checkIn", repeat)).toBe(1);
  });

  it("counts each attendance once in the points: present ×1 (×2 for the member at both), 5 points each", async () => {
    await markHeld(hall);
    await markHeld(repeat);
    const year = Number(chinaToday().slice(0, 4));
    const ranking = await as(org.users.countyA).participation.rankingExport({ committeeId: org.countyA.id, year });
    const byMember = new Map(ranking.items.map((r) => [r.memberId, r]));
    for (const p of people) {
      const times = p === people[0] ? 2 : 1;
      expect(byMember.get(p.memberId)).toMatchObject({ present: times, late: 0, absent: 0, points: 5 * times });
    }
    expect((await as(people[0]!).participation.mine({ year })).points.total).toBe(10);
  });
});

describe("the organiser's marks", BURST_TIMEOUT, () => {
  it(`two organisers marking ${BURST} members present at once (half signed up, half walk-ins): each once, positions without gaps`, async () => {
    const id = await startedActivity("手工签到的座谈会");
    const signedUp = people.slice(0, BURST / 2);
    const walkIns = people.slice(BURST / 2);
    await Promise.all(signedUp.map((p) => as(p).activity.signUp({ id })));
    const callers = dealt(organisers(), BURST);
    await Promise.all(people.map((p, i) => callers[i]!.activity.mark({ activityId: id, memberId: p.memberId, attendance: "present" })));
    const regs = await regsOf(id);
    expect(regs).toHaveLength(BURST);
    expect(new Set(regs.map((r) => r.memberId)).size).toBe(BURST);
    expect(regs.every((r) => r.status === "registered" && r.attendance === "present" && r.checkInMethod === "manual")).toBe(true);
    // Walk-ins were added with the next positions, once each.
    expect(regs.map((r) => r.queuePosition)).toEqual(Array.from({ length: BURST }, (_, i) => i + 1));
    expect(regs.filter((r) => walkIns.some((p) => p.memberId === r.memberId)).every((r) => r.queuePosition > BURST / 2)).toBe(true);
    const [a] = await t.db.select({ n: activities.signupSeq }).from(activities).where(eq(activities.id, id));
    expect(a!.n).toBe(BURST);
    expect(await auditCount(t.db, "activity.mark", id)).toBe(BURST);
  });

  it("the same walk-in marked ten times at once: one registration, one position", async () => {
    const id = await startedActivity("重复点名");
    const callers = dealt(organisers(), 10);
    await Promise.all(callers.map((c, i) => c.activity.mark({ activityId: id, memberId: people[1]!.memberId, attendance: i % 2 ? "late" : "present" })));
    const regs = await regsOf(id);
    expect(regs).toEqual([expect.objectContaining({ memberId: people[1]!.memberId, status: "registered", queuePosition: 1, checkInMethod: "manual" })]);
    const [a] = await t.db.select({ n: activities.signupSeq }).from(activities).where(eq(activities.id, id));
    expect(a!.n).toBe(1);
  });
});

describe("scanning while cancelling", BURST_TIMEOUT, () => {
  it(`${BURST / 2} members cancel and scan at the same moment: nobody is told they are in unless the check-in is recorded`, async () => {
    const id = await startedActivity("取消与签到同时发生");
    const crowd = people.slice(0, BURST / 2);
    await Promise.all(crowd.map((p) => as(p).activity.signUp({ id })));
    const token = await code(id);
    const scans = crowd.map((p) => as(p).activity.checkIn({ activityId: id, token }));
    const cancels = crowd.map((p) => as(p).activity.cancelSignUp({ id }));
    const [scanned, cancelled] = await Promise.all([Promise.allSettled(scans), Promise.allSettled(cancels)]);
    expect(cancelled.every((r) => r.status === "fulfilled")).toBe(true);
    const regs = await regsOf(id);
    const told: string[] = [];
    crowd.forEach((p, i) => {
      const r = scanned[i]!;
      const reg = regs.find((x) => x.memberId === p.memberId)!;
      expect(reg.status).toBe("cancelled");
      if (r.status === "fulfilled") {
        // A first scan is never "already checked in", and a success is a recorded check-in.
        expect(r.value.already).toBe(false);
        expect(reg.checkedInAt).toEqual(r.value.checkedInAt);
        told.push("in");
      } else told.push("refused");
    });
    expect(await auditCount(t.db, "activity.checkIn", id)).toBe(told.filter((x) => x === "in").length);
    // The others were told plainly that they hold no place.
    for (const shape of await shapesOf(outcome(scanned).lost, "BAD_REQUEST")) expect(shape.message).toBe("您没有报名该活动，不能签到，请联系组织者");
  });

  it("a scan that waited on the member's own cancellation is refused, not answered 'already checked in'", async () => {
    const id = await startedActivity("签到等到了取消");
    const member = people[2]!;
    await as(member).activity.signUp({ id });
    const token = await code(id);
    // The cancellation, caught between its lock on the activity and its commit (as cancelSignUp runs).
    const cancelling = await heldTransaction(t.db, async (tx) => {
      await tx.select({ id: activities.id }).from(activities).where(eq(activities.id, id)).for("update");
      await tx.update(registrations).set({ status: "cancelled", cancelledAt: new Date() }).where(and(eq(registrations.activityId, id), eq(registrations.memberId, member.memberId)));
    });
    // The scan reads the registration as it was committed (registered) and queues on the lock.
    const scan = as(member).activity.checkIn({ activityId: id, token }).then(
      (value) => value,
      (error: unknown) => error,
    );
    await someoneWaitsOnALock(t.db);
    await cancelling.commit();
    const { shape } = await expectTRPCError(Promise.reject(await scan), "BAD_REQUEST");
    expect(shape.message).toBe("您没有报名该活动，不能签到，请联系组织者");
    expect((await regsOf(id))[0]).toMatchObject({ status: "cancelled", checkedInAt: null, attendance: null });
    expect(await auditCount(t.db, "activity.checkIn", id)).toBe(0);
  });
});
