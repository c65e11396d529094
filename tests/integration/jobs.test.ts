import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, createDb, type Db, eq, inArray, sql } from "@dm/db";
import { activities, assignments, monthlyReports, notifications, registrations, reminders } from "@dm/db/schema";
import { JOB_NAMES, runJob, startWorker, type Worker } from "@dm/jobs";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createCampaign, createCommittee, createMember, createOrg, createTask, createUser, driveAssignment, type Org } from "./support/fixtures";
import { callerFor } from "./support/trpc";

/**
 * The reminder jobs on a real database: two workers (two pg-boss instances, each with its own
 * pool, as two processes would have) run every job at the same moments at once, through the
 * queue and directly; each reminder must go out exactly once, to the right people.
 */

let t: TestDatabase;
let org: Org;
let campaignId: number;
const ids = {} as {
  due3: { taskId: number; a: number; b: number };
  due1: { taskId: number; a: number; townA1: number };
  due2: { taskId: number; b: number };
  act1: number;
  act2: number;
  act3: number;
};

/** 08:00 in Shanghai on `day`: the moment a job runs as of. */
const at = (day: string, time = "08:00") => new Date(`${day}T${time}:00+08:00`);
/** The moments the jobs run at: a deadline day, after the deadlines, mid-month, the eve of an activity, and the report days. */
const MOMENTS = ["2031-06-10", "2031-06-14", "2031-06-15", "2031-06-19", "2031-07-01", "2031-07-04"].map((d) => at(d));

async function insertActivity(committeeId: number, title: string, startsAt: Date, status: "planned" | "held" | "cancelled") {
  const [row] = await t.db
    .insert(activities)
    .values({
      committeeId,
      campaignId,
      type: "field_inspection",
      title,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
      place: "渌江沿岸",
      organizer: "政协办公室",
      signupDeadline: startsAt,
      audience: "subtree",
      status,
      checkInSecret: randomBytes(16).toString("hex"),
      createdBy: org.users.countyA.id,
    })
    .returning({ id: activities.id });
  return row!.id;
}

async function register(activityId: number, memberId: number, status: "registered" | "waiting" | "cancelled", queuePosition: number) {
  await t.db.insert(registrations).values({ activityId, memberId, status, queuePosition });
}

async function insertReport(committeeId: number, status: "draft" | "submitted") {
  await t.db.insert(monthlyReports).values({
    campaignId,
    committeeId,
    month: "2031-06-01",
    status,
    submittedAt: status === "submitted" ? new Date() : null,
    createdBy: org.users.countyA.id,
  });
}

beforeAll(async () => {
  t = await freshDatabase();
  org = await createOrg(t.db);
  const u = org.users;
  campaignId = await createCampaign(t.db, u.cityStaff.id);

  // Tasks due 3, 1 and 2 days after 2031-06-10.
  const due3 = await createTask(t.db, u.cityStaff.id, campaignId, [org.countyA.id, org.countyB.id], { title: "三天后到期的任务", deadline: "2031-06-13" });
  ids.due3 = { taskId: due3.id, a: due3.assignmentIds.get(org.countyA.id)!, b: due3.assignmentIds.get(org.countyB.id)! };
  await driveAssignment(t.db, ids.due3.b, "approved", { assignee: u.countyB.id, reviewer: u.cityStaff.id });

  const due1 = await createTask(t.db, u.cityStaff.id, campaignId, [org.countyA.id], { title: "明天到期的任务", deadline: "2031-06-11" });
  const due1A = due1.assignmentIds.get(org.countyA.id)!;
  await callerFor(t.db, u.countyA.id).assignment.accept({ id: due1A, version: 1 });
  await callerFor(t.db, u.countyA2.id).assignment.passDown({ id: due1A, version: 2, committeeIds: [org.townA1.id] });
  const [child] = await t.db.select({ id: assignments.id }).from(assignments).where(eq(assignments.parentId, due1A));
  ids.due1 = { taskId: due1.id, a: due1A, townA1: child!.id };

  const due2 = await createTask(t.db, u.cityStaff.id, campaignId, [org.countyB.id], { title: "后天到期的任务", deadline: "2031-06-12" });
  ids.due2 = { taskId: due2.id, b: due2.assignmentIds.get(org.countyB.id)! };

  // Activities: tomorrow's (as of 06-19) with every kind of registration, one the day after,
  // a cancelled one, and a held one that gives 芦淞区 its June activity.
  const noAccount = await createMember(t.db, { committeeId: org.countyA.id, name: "无账号委员" });
  ids.act1 = await insertActivity(org.countyA.id, "荷塘区入河排污口踏察", at("2031-06-20", "09:30"), "planned");
  await register(ids.act1, u.memberA.memberId!, "registered", 1);
  await register(ids.act1, noAccount.id, "registered", 2);
  await register(ids.act1, u.memberB.memberId!, "waiting", 3);
  await register(ids.act1, u.cityMember.memberId!, "cancelled", 4);
  ids.act2 = await insertActivity(org.countyA.id, "后天的座谈会", at("2031-06-21", "09:30"), "planned");
  await register(ids.act2, u.memberA.memberId!, "registered", 1);
  ids.act3 = await insertActivity(org.townA1.id, "已取消的板凳会", at("2031-06-20", "15:00"), "cancelled");
  await register(ids.act3, u.memberA.memberId!, "registered", 1);
  await insertActivity(org.countyB.id, "芦淞区白石港视察", at("2031-06-03", "09:00"), "held");

  // June's reports: 芦淞区 and 仙庾镇 submitted, 月塘街道 only a draft.
  await insertReport(org.countyB.id, "submitted");
  await insertReport(org.townA2.id, "submitted");
  await insertReport(org.townA1.id, "draft");
});

afterAll(async () => {
  await t?.cleanup();
});

type Sent = { kind: string; subjectId: number; recipientId: number; dueDay: string };
const key = (r: Sent) => `${r.kind} ${r.subjectId} ${r.recipientId} ${r.dueDay}`;

/** Every reminder the data above calls for, worked out by hand from the rules. */
function expected(): Sent[] {
  const u = org.users;
  const to = (kind: string, subjectId: number, dueDay: string, users: { id: number }[]) => users.map((user) => ({ kind, subjectId, recipientId: user.id, dueDay }));
  return [
    // 3 and 1 days ahead: the holding committee's active staff; not 芦淞区, whose assignment is approved.
    ...to("assignment.dueIn3", ids.due3.a, "2031-06-13", [u.countyA, u.countyA2]),
    ...to("assignment.dueIn1", ids.due1.a, "2031-06-11", [u.countyA, u.countyA2]),
    ...to("assignment.dueIn1", ids.due1.townA1, "2031-06-11", [u.liaisonA1]),
    // Overdue: the staff and whoever sent it (the county staff member who passed it down).
    ...to("assignment.overdue", ids.due3.a, "2031-06-13", [u.countyA, u.countyA2, u.cityStaff]),
    ...to("assignment.overdue", ids.due1.a, "2031-06-11", [u.countyA, u.countyA2, u.cityStaff]),
    ...to("assignment.overdue", ids.due1.townA1, "2031-06-11", [u.liaisonA1, u.countyA2]),
    ...to("assignment.overdue", ids.due2.b, "2031-06-12", [u.countyB, u.cityStaff]),
    // The eve of 06-20: registered members with a sign-in, not the waiting list or the cancelled.
    ...to("activity.tomorrow", ids.act1, "2031-06-20", [u.memberA]),
    // Mid-June: the townships with no planned or held activity (a cancelled one does not count).
    ...to("coverage.noActivity", campaignId, "2031-06-01", [u.liaisonA1, u.liaisonA2, u.liaisonB1]),
    // June's report, due 07-05: everyone who has not submitted, early in July and on the eve.
    ...to("monthlyReport.due", campaignId, "2031-07-05", [u.countyA, u.countyA2, u.liaisonA1, u.liaisonB1]),
    ...to("monthlyReport.dueTomorrow", campaignId, "2031-07-05", [u.countyA, u.countyA2, u.liaisonA1, u.liaisonB1]),
  ];
}

async function sentReminders(): Promise<Sent[]> {
  return t.db.select({ kind: reminders.kind, subjectId: reminders.subjectId, recipientId: reminders.recipientId, dueDay: reminders.dueDay }).from(reminders);
}

const REMINDER_KINDS = ["assignment.dueIn3", "assignment.dueIn1", "assignment.overdue", "activity.tomorrow", "coverage.noActivity", "monthlyReport.due", "monthlyReport.dueTomorrow"];

async function reminderNotifications() {
  return t.db.select().from(notifications).where(inArray(notifications.kind, REMINDER_KINDS)).orderBy(asc(notifications.id));
}

describe("two workers running the same jobs at once", () => {
  const workers: Worker[] = [];
  const pools: Db[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) pools.push(createDb(t.url, { max: 3 }));
    // No cron here: a tick at the real time of day would run the jobs as of today.
    workers.push(...(await Promise.all(pools.map((db) => startWorker(db, { connectionString: t.url, schedule: false, pollingIntervalSeconds: 0.5, log: () => {} })))));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await Promise.all(pools.map((db) => db.$client.end()));
  });

  it("send each reminder exactly once, through the queue and run directly", async () => {
    // Each worker queues every job at every moment: each job runs twice, on whichever worker fetches it.
    const queued = await Promise.all(workers.flatMap((w) => MOMENTS.flatMap((moment) => JOB_NAMES.map(async (name) => ({ w, name, id: await w.send(name, moment) })))));
    // Meanwhile both run every job directly, at the same time, on their own pools.
    await Promise.all(MOMENTS.flatMap((moment) => JOB_NAMES.flatMap((name) => pools.map((db) => runJob(db, name, moment)))));
    const states = await Promise.all(queued.map(({ w, name, id }) => w.waitFor(name, id)));
    expect(states.every((s) => s === "completed")).toBe(true);

    const sent = await sentReminders();
    expect(sent.map(key).sort()).toEqual(expected().map(key).sort());

    // One notification per reminder, to its recipient, with its kind.
    const notes = await reminderNotifications();
    expect(notes).toHaveLength(sent.length);
    expect(notes.map((n) => `${n.kind} ${n.userId}`).sort()).toEqual(sent.map((r) => `${r.kind} ${r.recipientId}`).sort());
  }, 60_000);

  it("send nothing when run again, by either worker", async () => {
    const before = (await reminderNotifications()).length;
    const counts = await Promise.all(MOMENTS.flatMap((moment) => JOB_NAMES.flatMap((name) => pools.map((db) => runJob(db, name, moment)))));
    expect(counts.every((n) => n === 0)).toBe(true);
    const again = await Promise.all(MOMENTS.map(async (moment) => ({ w: workers[1]!, id: await workers[1]!.send("overdue-notices", moment) })));
    for (const { w, id } of again) expect(await w.waitFor("overdue-notices", id)).toBe("completed");
    expect((await reminderNotifications()).length).toBe(before);
  });
});

describe("what the notifications say and where they lead", () => {
  const mine = async (user: { id: number }, kind: string) => (await reminderNotifications()).filter((n) => n.userId === user.id && n.kind === kind);

  it("deadline reminders name the task and lead to the assignment", async () => {
    const [note] = await mine(org.users.liaisonA1, "assignment.dueIn1");
    expect(note).toMatchObject({ title: "明天到期的任务", link: `/assignments/${ids.due1.townA1}`, readAt: null });
  });

  it("overdue notices lead the staff to their assignment and the sender to the task or the county's assignment", async () => {
    expect((await mine(org.users.countyB, "assignment.overdue"))[0]).toMatchObject({ title: "后天到期的任务", link: `/assignments/${ids.due2.b}` });
    const city = (await mine(org.users.cityStaff, "assignment.overdue")).map((n) => [n.title, n.link]);
    expect(city).toContainEqual(["后天到期的任务（芦淞区政协）", `/tasks/${ids.due2.taskId}`]);
    expect((await mine(org.users.countyA2, "assignment.overdue")).map((n) => [n.title, n.link])).toContainEqual(["明天到期的任务（月塘街道）", `/assignments/${ids.due1.a}`]);
  });

  it("the activity reminder gives the time and place in Shanghai time", async () => {
    expect((await mine(org.users.memberA, "activity.tomorrow"))[0]).toMatchObject({ title: "荷塘区入河排污口踏察（09:30，渌江沿岸）", link: `/activities/${ids.act1}` });
  });

  it("coverage and monthly-report reminders name the campaign and month", async () => {
    expect((await mine(org.users.liaisonB1, "coverage.noActivity"))[0]).toMatchObject({ title: "2023年改善生态环境专项民主监督（2031年6月）", link: "/coverage" });
    expect((await mine(org.users.countyA, "monthlyReport.dueTomorrow"))[0]).toMatchObject({ title: "2023年改善生态环境专项民主监督（2031年6月）", link: "/monthly-reports" });
  });

  it("never reach a disabled account or another city's committees", async () => {
    const reached = new Set((await reminderNotifications()).map((n) => n.userId));
    for (const user of [org.users.countyADisabled, org.users.otherCityStaff, org.users.otherCountyStaff, org.users.cityLeader]) expect(reached.has(user.id)).toBe(false);
  });
});

describe("reminders follow the data as it changes", () => {
  it("an activity planned before the run means no warning", async () => {
    // A new township whose liaison has planned a July activity: not warned; everyone else is.
    const u = org.users;
    const town = await createCommittee(t.db, { name: "贺家土街道", level: "township", parent: org.countyB });
    const liaison = await createUser(t.db, { username: "hejiatu", role: "township_liaison", committeeId: town.id });
    await insertActivity(town.id, "贺家土街道屋场会", at("2031-07-25", "15:00"), "planned");
    expect(await runJob(t.db, "mid-month-warnings", at("2031-07-15"))).toBe(6);
    const july = (await sentReminders()).filter((r) => r.kind === "coverage.noActivity" && r.dueDay === "2031-07-01").map((r) => r.recipientId);
    expect(july.sort()).toEqual([u.countyA.id, u.countyA2.id, u.countyB.id, u.liaisonA1.id, u.liaisonA2.id, u.liaisonB1.id].sort());
    expect(july).not.toContain(liaison.id);
  });

  it("a new deadline is a new reminder; the old one is not repeated", async () => {
    await t.db.update(assignments).set({ deadline: "2031-06-25" }).where(eq(assignments.id, ids.due2.b));
    expect(await runJob(t.db, "deadline-reminders", at("2031-06-22"))).toBe(1);
    expect(await runJob(t.db, "deadline-reminders", at("2031-06-22", "20:00"))).toBe(0);
    const rows = await t.db.select().from(reminders).where(sql`${reminders.subjectId} = ${ids.due2.b} and ${reminders.kind} = 'assignment.dueIn3'`);
    expect(rows.map((r) => [r.recipientId, r.dueDay])).toEqual([[org.users.countyB.id, "2031-06-25"]]);
  });
});

describe("the schedules", () => {
  it("run every job hourly from 08:00 to 20:00, Asia/Shanghai", async () => {
    // An empty database of its own: a cron tick there finds nothing to send.
    const empty = await freshDatabase();
    const worker = await startWorker(empty.db, { connectionString: empty.url, log: () => {} });
    try {
      const rows = await empty.db.execute<{ name: string; cron: string; timezone: string }>(sql`select name, cron, timezone from pgboss.schedule order by name`);
      expect([...rows].map((r) => r.name)).toEqual([...JOB_NAMES].sort());
      for (const r of rows) {
        expect(r.timezone).toBe("Asia/Shanghai");
        expect(r.cron).toMatch(/^\d+ 8-20 \* \* \*$/);
      }
    } finally {
      await worker.stop();
      await empty.cleanup();
    }
  }, 60_000);
});
