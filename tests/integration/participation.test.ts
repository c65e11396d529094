import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computePoints, DEFAULT_POINT_RULES } from "@dm/api/domain/points";
import { type ActivityStatus, type AttendanceStatus, count, eq, type RegistrationStatus } from "@dm/db";
import { activities, activityFindings, auditEvents, type Member, pointRules, registrations } from "@dm/db/schema";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createCampaign, createMember, createOrg, type Org } from "./support/fixtures";
import { callerFor, expectTRPCError } from "./support/trpc";

let t: TestDatabase;
let org: Org;
let campaignId: number;
const m: Record<"a" | "b" | "c" | "d" | "e" | "f" | "g", Member> = {} as never;
const acts: Record<string, number> = {};

async function activity(key: string, committeeId: number, date: string, status: ActivityStatus = "held") {
  const startsAt = new Date(`${date}T09:00:00+08:00`);
  const [row] = await t.db
    .insert(activities)
    .values({
      committeeId,
      campaignId,
      type: "inspection",
      title: `活动${key}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
      place: "渌江沿岸",
      organizer: "荷塘区政协",
      signupDeadline: startsAt,
      audience: "subtree",
      status,
      checkInSecret: `secret-${key}`,
      createdBy: org.users.countyA.id,
    })
    .returning({ id: activities.id });
  acts[key] = row!.id;
}

async function attend(member: Member, key: string, attendance: AttendanceStatus | null, status: RegistrationStatus = "registered") {
  const checkedIn = attendance === "present" || attendance === "late";
  await t.db.insert(registrations).values({
    activityId: acts[key]!,
    memberId: member.id,
    status,
    queuePosition: 1,
    attendance,
    checkedInAt: checkedIn ? new Date(`2026-01-01T01:${attendance === "late" ? "30" : "00"}:00Z`) : null,
    checkInMethod: checkedIn ? "qr" : null,
  });
}

async function find(member: Member, key: string, text = "排污口夜间排放") {
  await t.db.insert(activityFindings).values({ activityId: acts[key]!, memberId: member.id, text });
}

beforeAll(async () => {
  t = await freshDatabase();
  org = await createOrg(t.db);
  campaignId = await createCampaign(t.db, org.users.cityStaff.id);
  m.a = (await t.db.query.members.findFirst({ where: (x, { eq }) => eq(x.id, org.users.memberA.memberId!) }))!;
  m.b = await createMember(t.db, { committeeId: org.countyA.id, name: "包建国" });
  m.c = await createMember(t.db, { committeeId: org.townA1.id, name: "陈丽" });
  m.d = await createMember(t.db, { committeeId: org.countyA.id, name: "丁平" });
  m.e = await createMember(t.db, { committeeId: org.countyA.id, name: "鄂已停用", active: false });
  m.f = await createMember(t.db, { committeeId: org.countyB.id, name: "芦淞冯" });
  m.g = await createMember(t.db, { committeeId: org.townA2.id, name: "葛湘兰" });

  await activity("1", org.countyA.id, "2026-03-10");
  await activity("2", org.countyA.id, "2026-05-10");
  await activity("3", org.countyA.id, "2026-07-10");
  await activity("4", org.countyA.id, "2026-09-10");
  await activity("lastYear", org.countyA.id, "2025-12-31"); // 2025 in China time
  await activity("planned", org.countyA.id, "2026-12-20", "planned");
  await activity("cancelled", org.countyA.id, "2026-06-10", "cancelled");
  await activity("newYear", org.countyA.id, "2027-01-01"); // 2027 in China time (still 2026 in UTC)
  await activity("b1", org.countyB.id, "2026-04-10");

  // a: present, late, absent, excused, two findings → 5 + 3 − 3 + 0 + 4 = 9 with the defaults.
  await attend(m.a, "1", "present");
  await attend(m.a, "2", "late");
  await attend(m.a, "3", "absent");
  await attend(m.a, "4", "excused");
  await find(m.a, "1");
  await find(m.a, "2", "沿岸垃圾清运不及时");
  // Not counted for 2026: last year, the next year, a cancelled activity, a planned one, a cancelled sign-up.
  await attend(m.a, "lastYear", "present");
  await find(m.a, "lastYear");
  await attend(m.a, "newYear", "present");
  await attend(m.a, "cancelled", "present");
  await attend(m.a, "planned", null);
  await attend(m.a, "b1", "present", "cancelled");
  // b: three times present → 15.  c: present and a finding → 7.  d: nothing → 0.
  for (const key of ["1", "2", "3"]) await attend(m.b, key, "present");
  await attend(m.c, "1", "present");
  await find(m.c, "1");
  // e is deactivated: off the ranking whatever they did.  f is another county's.
  for (const key of ["1", "2", "3"]) await attend(m.e, key, "present");
  for (const key of ["1", "2", "3", "b1"]) await attend(m.f, key, "present");
  // g ties with a: present, excused, two findings → 5 + 0 + 4 = 9.
  await attend(m.g, "1", "present");
  await attend(m.g, "4", "excused");
  await find(m.g, "3");
  await find(m.g, "4");
});

afterAll(async () => {
  await t?.cleanup();
});

describe("a member's own year", () => {
  it("lists the sign-ups with attendance and check-in time, the findings and the points", async () => {
    const record = await callerFor(t.db, org.users.memberA.id).participation.mine({ year: 2026 });
    expect(record.member).toMatchObject({ id: m.a.id, name: "荷塘委员甲", committeeName: "荷塘区政协" });
    expect(record.activities.map((a) => [a.title, a.attendance])).toEqual([
      ["活动planned", null],
      ["活动4", "excused"],
      ["活动3", "absent"],
      ["活动2", "late"],
      ["活动1", "present"],
    ]);
    expect(record.activities.find((a) => a.title === "活动1")!.checkedInAt).toEqual(new Date("2026-01-01T01:00:00Z"));
    expect(record.findings.map((f) => [f.activityTitle, f.text])).toEqual([
      ["活动2", "沿岸垃圾清运不及时"],
      ["活动1", "排污口夜间排放"],
    ]);
    expect(record.points.total).toBe(9);
    expect(record.points.lines.map((l) => [l.code, l.count, l.subtotal])).toEqual([
      ["present", 1, 5],
      ["late", 1, 3],
      ["absent", 1, -3],
      ["excused", 1, 0],
      ["finding", 2, 4],
    ]);
    expect(record.rules).toEqual(DEFAULT_POINT_RULES);
  });

  it("keeps years apart by China time", async () => {
    const last = await callerFor(t.db, org.users.memberA.id).participation.mine({ year: 2025 });
    expect(last.activities.map((a) => a.title)).toEqual(["活动lastYear"]);
    expect(last.points.total).toBe(5 + 2);
    const next = await callerFor(t.db, org.users.memberA.id).participation.mine({ year: 2027 });
    expect(next.activities.map((a) => a.title)).toEqual(["活动newYear"]);
  });

  it("is refused to an account without a roster entry", async () => {
    const { shape } = await expectTRPCError(callerFor(t.db, org.users.countyA.id).participation.mine({ year: 2026 }), "BAD_REQUEST");
    expect(shape.message).toBe("您的账号没有关联委员信息");
  });
});

describe("staff read a member's year", () => {
  it("gives staff in scope the same record as the member sees", async () => {
    const own = await callerFor(t.db, org.users.memberA.id).participation.mine({ year: 2026 });
    for (const userId of [org.users.countyA.id, org.users.cityLeader.id, org.users.cityStaff.id]) {
      expect(await callerFor(t.db, userId).participation.ofMember({ memberId: m.a.id, year: 2026 })).toEqual(own);
    }
  });

  it("is NOT_FOUND outside the scope and FORBIDDEN to members", async () => {
    await expectTRPCError(callerFor(t.db, org.users.countyB.id).participation.ofMember({ memberId: m.a.id, year: 2026 }), "NOT_FOUND");
    await expectTRPCError(callerFor(t.db, org.users.liaisonA1.id).participation.ofMember({ memberId: m.a.id, year: 2026 }), "NOT_FOUND");
    await expectTRPCError(callerFor(t.db, org.users.memberA.id).participation.ofMember({ memberId: m.a.id, year: 2026 }), "FORBIDDEN");
  });
});

describe("ranking", () => {
  it("ranks a county's active members by points; ties share a rank (in roster order)", async () => {
    const ranking = await callerFor(t.db, org.users.countyA.id).participation.ranking({ year: 2026 });
    expect(ranking.committee).toEqual({ id: org.countyA.id, name: "荷塘区政协" });
    expect(ranking.items.map((r) => [r.name, r.points, r.rank])).toEqual([
      ["包建国", 15, 1],
      ["荷塘委员甲", 9, 2],
      ["葛湘兰", 9, 2],
      ["陈丽", 7, 4],
      ["丁平", 0, 5],
    ]);
    expect(ranking.total).toBe(5);
  });

  it("scores each member in SQL exactly as the points function does", async () => {
    const ranking = await callerFor(t.db, org.users.cityStaff.id).participation.ranking({ year: 2026 });
    for (const row of ranking.items) {
      expect(row.points).toBe(computePoints({ present: row.present, late: row.late, absent: row.absent, excused: row.excused, finding: row.finding }, DEFAULT_POINT_RULES).total);
    }
    const a = ranking.items.find((r) => r.memberId === m.a.id)!;
    expect(a).toMatchObject({ present: 1, late: 1, absent: 1, excused: 1, finding: 2, points: 9 });
    // The city sees every county, f's attendance in both counties counted.
    expect(ranking.items[0]).toMatchObject({ memberId: m.f.id, present: 4, points: 20, rank: 1 });
    expect(ranking.items.map((r) => r.memberId)).not.toContain(m.e.id);
  });

  it("narrows to a township, and finds nothing for a committee outside the scope", async () => {
    const township = await callerFor(t.db, org.users.countyA.id).participation.ranking({ year: 2026, committeeId: org.townA1.id });
    expect(township.items.map((r) => r.name)).toEqual(["陈丽"]);
    const outside = await callerFor(t.db, org.users.countyA.id).participation.ranking({ year: 2026, committeeId: org.countyB.id });
    expect(outside).toMatchObject({ items: [], total: 0, committee: null });
    const liaison = await callerFor(t.db, org.users.liaisonA1.id).participation.ranking({ year: 2026, committeeId: org.countyA.id });
    expect(liaison.items).toEqual([]);
  });

  it("pages through a long ranking with ranks that carry on", async () => {
    for (let i = 0; i < 22; i++) await createMember(t.db, { committeeId: org.townA2.id, name: `仙庾委员${String(i).padStart(2, "0")}` });
    const caller = callerFor(t.db, org.users.countyA.id);
    const page1 = await caller.participation.ranking({ year: 2026, committeeId: org.townA2.id });
    const page2 = await caller.participation.ranking({ year: 2026, committeeId: org.townA2.id, page: 2 });
    const page3 = await caller.participation.ranking({ year: 2026, committeeId: org.townA2.id, page: 3 });
    expect([page1.total, page2.total, page3.total]).toEqual([23, 23, 23]);
    expect(page1.items).toHaveLength(20);
    expect(page2.items).toHaveLength(3);
    expect(page3.items).toEqual([]);
    expect(page1.items[0]).toMatchObject({ name: "葛湘兰", rank: 1 });
    expect(page2.items.every((r) => r.rank === 2 && r.points === 0)).toBe(true);
    expect(new Set([...page1.items, ...page2.items].map((r) => r.memberId)).size).toBe(23);
  });

  it("is for staff only", async () => {
    await expectTRPCError(callerFor(t.db, org.users.memberA.id).participation.ranking({ year: 2026 }), "FORBIDDEN");
  });
});

describe("points rules", () => {
  it("start from the defaults that everyone may read", async () => {
    const rules = await callerFor(t.db, org.users.memberA.id).participation.rules();
    expect(rules).toMatchObject({ rules: DEFAULT_POINT_RULES, version: "", updatedAt: null });
  });

  it("are changed by city staff, change the points and the ranking, and are audited", async () => {
    const caller = callerFor(t.db, org.users.cityStaff.id);
    const { version } = await caller.participation.rules();
    const next = { present: 4, late: 2, absent: -5, excused: 1, finding: 6 };
    const saved = await caller.participation.updateRules({ rules: next, version });
    expect(saved.rules).toEqual(next);
    expect(saved.version).not.toBe("");
    expect(await t.db.select({ code: pointRules.code, points: pointRules.points, updatedBy: pointRules.updatedBy }).from(pointRules).orderBy(pointRules.code)).toEqual(
      Object.entries(next)
        .map(([code, points]) => ({ code, points, updatedBy: org.users.cityStaff.id }))
        .sort((x, y) => x.code.localeCompare(y.code)),
    );
    // a: 4 + 2 − 5 + 1 + 12 = 14; g: 4 + 1 + 12 = 17; b: 12; c: 4 + 6 = 10.
    const ranking = await callerFor(t.db, org.users.countyA.id).participation.ranking({ year: 2026 });
    expect(ranking.items.slice(0, 4).map((r) => [r.name, r.points])).toEqual([
      ["葛湘兰", 17],
      ["荷塘委员甲", 14],
      ["包建国", 12],
      ["陈丽", 10],
    ]);
    expect(ranking.items.slice(4).every((r) => r.points === 0)).toBe(true);
    expect((await callerFor(t.db, org.users.memberA.id).participation.mine({ year: 2026 })).points.total).toBe(14);
    expect((await t.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, "points.updateRules")))[0]!.n).toBe(1);

    // An edit based on the defaults, after this change, is a conflict carrying the rules now in force.
    const { shape } = await expectTRPCError(caller.participation.updateRules({ rules: DEFAULT_POINT_RULES, version }), "CONFLICT");
    expect(shape.message).toBe("积分规则已被他人修改，请刷新后重试");
    expect((await caller.participation.rules()).rules).toEqual(next);
  });

  it("refuses values out of order or out of range, per rule", async () => {
    const caller = callerFor(t.db, org.users.cityStaff.id);
    const { version, rules } = await caller.participation.rules();
    const { shape } = await expectTRPCError(caller.participation.updateRules({ rules: { present: 2, late: 3, absent: 2, excused: 1, finding: -1 }, version }), "BAD_REQUEST");
    expect(shape.data.fieldErrors).toEqual({
      "rules.late": ["迟到得分不能高于出席"],
      "rules.absent": ["缺席得分不能高于请假"],
      "rules.finding": ["履职发现得分不能为负数"],
    });
    const range = await expectTRPCError(caller.participation.updateRules({ rules: { ...rules, present: 500 }, version }), "BAD_REQUEST");
    expect(range.shape.data.fieldErrors).toEqual({ "rules.present": ["不能大于 50"] });
    expect((await caller.participation.rules()).rules).toEqual(rules);
  });

  it("may be changed by city staff only", async () => {
    const { version, rules } = await callerFor(t.db, org.users.cityStaff.id).participation.rules();
    for (const userId of [org.users.cityLeader.id, org.users.countyA.id, org.users.memberA.id]) {
      await expectTRPCError(callerFor(t.db, userId).participation.updateRules({ rules, version }), "FORBIDDEN");
    }
  });
});
