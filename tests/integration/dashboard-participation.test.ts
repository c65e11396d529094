import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkInToken } from "@dm/api/domain/activity-token";
import { monthsBetween } from "@dm/api/domain/coverage";
import { hashPassword } from "@dm/auth/password";
import { type Db, PARTICIPATION_FROM_REGISTRATIONS, sql } from "@dm/db";
import { activities, campaigns, committees, users } from "@dm/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@dm/db/seed";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createCampaign } from "./support/fixtures";
import { createGroupOrg, type GroupOrg } from "./support/group";
import { callerFor } from "./support/trpc";

/**
 * 参与率 from participation_months (kept by the writes) against its definition read straight
 * from the sign-ups, as the dashboard computed it before the summary existed: active members of
 * the subtree with a place kept and attended (出席 or 迟到) at a held activity of the campaign,
 * and of those the ones who did so in the month. On the demo data, and after a random run of
 * the writes that change it (sign-up, cancellation, QR check-in, attendance marked by hand,
 * activity marked held or cancelled), where the table must also equal its sums from scratch.
 */

const monthStart = (month: string) => new Date(`${month}-01T00:00:00+08:00`);
const nextMonth = (month: string) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
};

/** The figures by the definition, from registrations and activities. */
async function byDefinition(db: Db, rootPath: string, campaignId: number, month: string) {
  const attended = sql`r.status <> 'cancelled' and r.attendance in ('present', 'late') and a.campaign_id = ${campaignId} and a.status = 'held'`;
  const [row] = await db.execute<{ members: number; participants: number; in_month: number }>(sql`
    select count(*)::int as members,
      count(*) filter (where exists (select 1 from registrations r join activities a on a.id = r.activity_id where r.member_id = m.id and ${attended}))::int as participants,
      count(*) filter (where exists (select 1 from registrations r join activities a on a.id = r.activity_id where r.member_id = m.id and ${attended}
        and a.starts_at >= ${monthStart(month).toISOString()}::timestamptz and a.starts_at < ${monthStart(nextMonth(month)).toISOString()}::timestamptz))::int as in_month
    from members m join committees c on c.id = m.committee_id
    where m.active and c.path like ${`${rootPath}%`}`);
  return { members: row!.members, participants: row!.participants, participantsInMonth: row!.in_month };
}

/** Rows of participation_months that differ from its sums from scratch, both ways. */
async function drift(db: Db) {
  const sums = PARTICIPATION_FROM_REGISTRATIONS.slice(PARTICIPATION_FROM_REGISTRATIONS.indexOf("select"));
  return db.execute(
    sql.raw(`(select 'kept' as side, member_id, campaign_id, month::text, attended from participation_months except select 'kept', member_id, campaign_id, month::text, attended from (${sums}) s(member_id, campaign_id, month, attended))
      union all (select 'summed', member_id, campaign_id, month::text, attended from (${sums}) s(member_id, campaign_id, month, attended) except select 'summed', member_id, campaign_id, month::text, attended from participation_months)`),
  );
}

async function overviewTotals(db: Db, userId: number, campaignId: number, month: string) {
  const d = await callerFor(db, userId).dashboard.overview({ campaignId, month });
  return { members: d.total.members, participants: d.total.participants, participantsInMonth: d.total.participantsInMonth, rows: d.rows };
}

describe("participation on the demo data", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase();
    await seedDemo(t.db, await hashPassword(DEMO_PASSWORD));
    process.env.DASHBOARD_CACHE_SECONDS = "0";
  });
  afterAll(async () => {
    delete process.env.DASHBOARD_CACHE_SECONDS;
    await t?.cleanup();
  });

  it("is summed exactly and gives every committee's dashboard the figures of the definition, month by month", async () => {
    expect(await drift(t.db)).toEqual([]);
    // The demo campaign whose activities were held (the seed's others have none).
    const [campaign] = await t.db.select().from(campaigns).where(sql`${campaigns.id} in (select campaign_id from activities where status = 'held')`);
    const viewers = await t.db
      .select({ id: users.id, path: committees.path })
      .from(users)
      .innerJoin(committees, sql`${committees.id} = ${users.committeeId}`)
      .where(sql`${users.role} in ('city_leader', 'county_staff') and ${users.disabledAt} is null`);
    expect(viewers.length).toBeGreaterThanOrEqual(5);
    const months = monthsBetween(campaign!.startDate, campaign!.endDate);
    expect(months.length).toBeGreaterThan(3);
    let seen = 0;
    for (const v of viewers) {
      for (const month of months) {
        const want = await byDefinition(t.db, v.path, campaign!.id, month);
        const got = await overviewTotals(t.db, v.id, campaign!.id, month);
        expect({ members: got.members, participants: got.participants, participantsInMonth: got.participantsInMonth }, `${v.path} ${month}`).toEqual(want);
        seen += want.participantsInMonth;
      }
    }
    expect(seen).toBeGreaterThan(0);
  });
});

describe("participation kept by the writes", () => {
  let t: TestDatabase;
  let org: GroupOrg;
  let campaignId: number;
  beforeAll(async () => {
    t = await freshDatabase({ max: 6 });
    org = await createGroupOrg(t.db);
    campaignId = await createCampaign(t.db, org.users.cityStaff.id);
    process.env.DASHBOARD_CACHE_SECONDS = "0";
  });
  afterAll(async () => {
    delete process.env.DASHBOARD_CACHE_SECONDS;
    await t?.cleanup();
  });

  it("counts attendance recorded after the activity was marked held (QR or by hand), and takes it back when marked absent", async () => {
    const month = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(new Date()).slice(0, 7);
    const [activity] = await t.db
      .insert(activities)
      .values({ committeeId: org.countyA.id, campaignId, type: "field_inspection", title: "先标记已举办", startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date(Date.now() + 3 * 3_600_000), signupDeadline: new Date(Date.now() + 3_600_000), place: "渌江", organizer: "办公室", audience: "subtree", status: "planned", checkInSecret: "held-first", createdBy: org.users.countyA.id })
      .returning();
    const staff = callerFor(t.db, org.users.countyA.id);
    for (const m of [org.m.b, org.m.c]) await callerFor(t.db, m.user.id).activity.signUp({ id: activity!.id });
    await staff.activity.record({ id: activity!.id, version: activity!.version, opinionCount: 0, markHeld: true });
    const figures = async () => {
      expect(await drift(t.db)).toEqual([]);
      const got = await overviewTotals(t.db, org.users.countyA.id, campaignId, month);
      const want = await byDefinition(t.db, org.countyA.path, campaignId, month);
      expect({ members: got.members, participants: got.participants, participantsInMonth: got.participantsInMonth }).toEqual(want);
      return want.participantsInMonth;
    };
    const before = await figures();
    await callerFor(t.db, org.m.b.user.id).activity.checkIn({ activityId: activity!.id, token: checkInToken("held-first", activity!.id, new Date()).token });
    expect(await figures()).toBe(before + 1);
    await staff.activity.mark({ activityId: activity!.id, memberId: org.m.c.id, attendance: "late" });
    expect(await figures()).toBe(before + 2);
    await staff.activity.mark({ activityId: activity!.id, memberId: org.m.b.id, attendance: "absent" });
    expect(await figures()).toBe(before + 1);
  });

  it("stays equal to its sums and to the definition through a random run of sign-ups, check-ins, marks, cancellations and activities held", async () => {
    // A small deterministic generator: the run is the same every time, and a failure names its step.
    let seed = 20261122;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

    const now = Date.now();
    const hours = (h: number) => new Date(now + h * 3_600_000);
    // On today: open for sign-up and check-in. Forty days back: marked by hand, in another month.
    const schedules = [
      { startsAt: hours(-1), endsAt: hours(3), signupDeadline: hours(2) },
      { startsAt: hours(-2), endsAt: hours(2), signupDeadline: hours(1) },
      { startsAt: hours(-0.5), endsAt: hours(4), signupDeadline: hours(3) },
      { startsAt: hours(-40 * 24), endsAt: hours(-40 * 24 + 3), signupDeadline: hours(-41 * 24) },
      { startsAt: hours(-45 * 24), endsAt: hours(-45 * 24 + 3), signupDeadline: hours(-46 * 24) },
    ];
    const organisers = [org.countyA, org.city] as const;
    const ids: { id: number; secret: string; organiser: number }[] = [];
    for (const [i, s] of schedules.entries()) {
      const organiser = organisers[i % organisers.length]!;
      const [row] = await t.db
        .insert(activities)
        .values({ committeeId: organiser.id, campaignId, type: "field_inspection", title: `随机活动 ${i}`, ...s, place: "渌江", organizer: "办公室", audience: "subtree", status: "planned", checkInSecret: `secret-${i}`, createdBy: org.users.cityStaff.id })
        .returning({ id: activities.id, secret: activities.checkInSecret });
      ids.push({ id: row!.id, secret: row!.secret, organiser: organiser.id });
    }
    const staffOf = (organiser: number) => (organiser === org.city.id ? org.users.cityStaff.id : org.users.countyA.id);
    const people = [org.m.a, org.m.b, org.m.c, org.m.t1, org.m.countyB];
    const attendances = ["present", "late", "absent", "excused"] as const;

    const months = [...new Set(schedules.map((s) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(s.startsAt).slice(0, 7)))];
    expect(months.length).toBeGreaterThan(1);
    const check = async (step: string) => {
      expect(await drift(t.db), step).toEqual([]);
      for (const month of months) {
        for (const [userId, path] of [[org.users.cityLeader.id, org.city.path], [org.users.countyA.id, org.countyA.path]] as const) {
          const want = await byDefinition(t.db, path, campaignId, month);
          const got = await overviewTotals(t.db, userId, campaignId, month);
          expect({ members: got.members, participants: got.participants, participantsInMonth: got.participantsInMonth }, `${step} ${path} ${month}`).toEqual(want);
        }
      }
    };

    const done: Record<string, number> = {};
    for (let step = 0; step < 120; step++) {
      const a = pick(ids);
      const person = pick(people);
      const op = pick(["signUp", "signUp", "cancelSignUp", "checkIn", "checkIn", "mark", "mark", "mark", "held", "cancel"] as const);
      const member = callerFor(t.db, person.user.id);
      const staff = callerFor(t.db, staffOf(a.organiser));
      const version = async () => (await t.db.select({ v: activities.version }).from(activities).where(sql`${activities.id} = ${a.id}`))[0]!.v;
      const ok = await (async () => {
        switch (op) {
          case "signUp":
            return member.activity.signUp({ id: a.id });
          case "cancelSignUp":
            return member.activity.cancelSignUp({ id: a.id });
          case "checkIn":
            return member.activity.checkIn({ activityId: a.id, token: checkInToken(a.secret, a.id, new Date()).token });
          case "mark":
            return staff.activity.mark({ activityId: a.id, memberId: person.id, attendance: pick(attendances), note: "请假" });
          case "held":
            return staff.activity.record({ id: a.id, version: await version(), opinionCount: 0, markHeld: true });
          case "cancel":
            // Rarely: a cancelled activity ends the run's use of it.
            return random() < 0.3 ? staff.activity.cancel({ id: a.id, version: await version(), reason: "天气原因" }) : null;
        }
      })().then(
        (r) => r !== null,
        // Refusals (already held, not registered, waiting, deadline passed…) are part of the run: they must change nothing.
        () => false,
      );
      if (ok) done[op] = (done[op] ?? 0) + 1;
      if (step % 10 === 9) await check(`after step ${step} (${op})`);
    }
    await check("at the end");
    // The run did exercise every kind of write that changes the figure.
    for (const op of ["signUp", "cancelSignUp", "checkIn", "mark", "held", "cancel"]) expect(done[op] ?? 0, op).toBeGreaterThan(0);
    const [{ n }] = (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from participation_months`)) as unknown as [{ n: number }];
    expect(n).toBeGreaterThan(0);
  });
});
