import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, type Db, sql } from "@dm/db";
import { assignmentEvents, assignments, auditEvents, notifications } from "@dm/db/schema";
import { BURST, BURST_TIMEOUT, CONTENDED_POOL, dealt, outcome, shapesOf } from "./support/concurrency";
import { type TestDatabase, freshDatabase } from "./support/db";
import { assignmentRow, createCampaign, createOrg, createTask, currentOf, driveAssignment, type Org } from "./support/fixtures";
import { callerFor } from "./support/trpc";

/**
 * Reviewing under contention (issue #8): a hundred requests act on one assignment at the version
 * they all read — reviewers approving and returning, county staff reporting — and a hundred
 * reviews land on a hundred assignments at once. One winner per version, CONFLICT with the
 * current state for every other, one timeline event per winning write, and the counters
 * (inbox tabs, the reviewer's queue, the dashboard) equal to the rows.
 */
let t: TestDatabase;
let org: Org;
let campaignId: number;

beforeAll(async () => {
  t = await freshDatabase({ max: CONTENDED_POOL });
  org = await createOrg(t.db);
  campaignId = await createCampaign(t.db, org.users.cityStaff.id);
});

afterAll(async () => {
  await t?.cleanup();
});

const as = (user: { id: number }) => callerFor(t.db, user.id);
const reviewers = () => [as(org.users.cityStaff), as(org.users.cityLeader), as(org.users.cityLeader2)];
const countyADrive = () => ({ assignee: org.users.countyA.id, reviewer: org.users.cityStaff.id });

/** A fresh assignment of county A at `status`, with its version. */
async function assignmentAt(status: "in_progress" | "reported", title: string) {
  const { assignmentIds } = await createTask(t.db, org.users.cityStaff.id, campaignId, [org.countyA.id], { title });
  const id = assignmentIds.get(org.countyA.id)!;
  return { id, version: await driveAssignment(t.db, id, status, countyADrive()) };
}

/**
 * Every assignment's timeline agrees with its row: one event per version (the first is 下发) and
 * the last event ends where the row stands. A write without its event, or an event without its
 * write, breaks one of the two.
 */
async function expectTimelinesAgree(db: Db, ids: readonly number[]) {
  const rows = await db.select({ id: assignments.id, status: assignments.status, version: assignments.version }).from(assignments).where(inArray(assignments.id, [...ids]));
  const timelines = await db
    .select({
      id: assignmentEvents.assignmentId,
      events: sql<number>`count(*)::int`,
      last: sql<string>`(array_agg(${assignmentEvents.toStatus} order by ${assignmentEvents.id} desc))[1]`,
    })
    .from(assignmentEvents)
    .where(inArray(assignmentEvents.assignmentId, [...ids]))
    .groupBy(assignmentEvents.assignmentId);
  expect(rows).toHaveLength(ids.length);
  const byId = new Map(timelines.map((e) => [e.id, e]));
  for (const r of rows) expect({ id: r.id, ...byId.get(r.id) }).toEqual({ id: r.id, events: r.version, last: r.status });
}

/** County A's inbox tabs and the city's review queue, against a count of the rows. */
async function expectCountersMatchRows() {
  const byStatus = await t.db
    .select({ status: assignments.status, n: sql<number>`count(*)::int` })
    .from(assignments)
    .where(eq(assignments.committeeId, org.countyA.id))
    .groupBy(assignments.status);
  const counts = await as(org.users.countyA).assignment.inboxCounts();
  expect(counts.byStatus).toEqual(Object.fromEntries(byStatus.map((r) => [r.status, r.n])));
  expect(counts.total).toBe(byStatus.reduce((sum, r) => sum + r.n, 0));
  const [reported] = await t.db
    .select({ n: sql<number>`count(*)::int` })
    .from(assignments)
    .where(and(eq(assignments.issuerCommitteeId, org.city.id), eq(assignments.status, "reported")));
  expect((await as(org.users.cityStaff).assignment.inboxCounts()).toReview).toBe(reported!.n);
}

describe(`${BURST} reviews of one report at the same version`, BURST_TIMEOUT, () => {
  it("approve ×50 and return ×50: exactly one wins, 99 get CONFLICT with the current state, one event", async () => {
    const { id, version } = await assignmentAt("reported", "百人同时审核的上报");
    const callers = dealt(reviewers(), BURST);
    const results = await Promise.allSettled(
      callers.map((c, i) => (i % 2 === 0 ? c.assignment.approve({ id, version, comment: `同意${i}` }) : c.assignment.return({ id, version, reason: `材料不全${i}` }))),
    );
    const { won, lost } = outcome(results);
    expect(won).toHaveLength(1);
    const row = await assignmentRow(t.db, id);
    expect(won[0]).toMatchObject({ status: row.status, version: version + 1 });
    expect(["approved", "in_progress"]).toContain(row.status);
    const shapes = await shapesOf(lost, "CONFLICT");
    expect(shapes).toHaveLength(BURST - 1);
    for (const shape of shapes) expect(currentOf(shape)).toEqual({ status: row.status, version: version + 1, percent: 100 });

    const decisions = await t.db
      .select({ type: assignmentEvents.type, comment: assignmentEvents.comment })
      .from(assignmentEvents)
      .where(and(eq(assignmentEvents.assignmentId, id), inArray(assignmentEvents.type, ["approved", "returned"])));
    expect(decisions).toHaveLength(1);
    expect(decisions[0]!.type).toBe(row.status === "approved" ? "approved" : "returned");
    const audits = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, String(id)), inArray(auditEvents.action, ["assignment.approve", "assignment.return"])));
    expect(audits).toHaveLength(1);
    // A return tells county A's two active staff, once each; an approval tells nobody.
    const returned = await t.db.select({ userId: notifications.userId }).from(notifications).where(and(eq(notifications.kind, "assignment.returned"), eq(notifications.link, `/assignments/${id}`)));
    expect(returned.map((n) => n.userId).sort()).toEqual(row.status === "approved" ? [] : [org.users.countyA.id, org.users.countyA2.id].sort());
    await expectTimelinesAgree(t.db, [id]);
    await expectCountersMatchRows();
  });

  it("county staff reporting ×100 (progress and completion): one report is kept, with its percent", async () => {
    const { id, version } = await assignmentAt("in_progress", "百人同时上报进度");
    const callers = dealt([as(org.users.countyA), as(org.users.countyA2)], BURST);
    const results = await Promise.allSettled(
      callers.map((c, i) =>
        i % 2 === 0
          ? c.assignment.reportProgress({ id, version, text: `已完成，报告${i}`, percent: 100, complete: true })
          : c.assignment.reportProgress({ id, version, text: `推进中，报告${i}`, percent: 60 + (i % 40) }),
      ),
    );
    const { won, lost } = outcome(results);
    expect(won).toHaveLength(1);
    const row = await assignmentRow(t.db, id);
    expect(won[0]).toEqual({ id, status: row.status, version: version + 1, percent: row.percent });
    for (const shape of await shapesOf(lost, "CONFLICT")) expect(currentOf(shape)).toEqual({ status: row.status, version: version + 1, percent: row.percent });
    // Exactly one event after the version read, carrying the percent the row holds.
    const events = await t.db.select().from(assignmentEvents).where(eq(assignmentEvents.assignmentId, id));
    const latest = events.filter((e) => e.type === "progress" || e.type === "reported").filter((e) => e.percent === row.percent && e.comment.includes("报告"));
    expect(latest).toHaveLength(1);
    // The sender hears of a completion once, and of progress not at all.
    const told = await t.db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.kind, "assignment.reported"), eq(notifications.title, "百人同时上报进度")));
    expect(told[0]!.n).toBe(row.status === "reported" ? 1 : 0);
    await expectTimelinesAgree(t.db, [id]);
    await expectCountersMatchRows();
  });
});

describe(`${BURST} different reports reviewed at once`, BURST_TIMEOUT, () => {
  it("all applied, each once; the inbox tabs, the review queue and the dashboard count the rows", async () => {
    const bulkCampaign = await createCampaign(t.db, org.users.cityStaff.id, { title: "2026年并发审核专项", year: 2026 });
    // 50 tasks, each sent to both counties: 100 assignments, driven to 已上报 by their counties.
    const tasks = await Promise.all(
      Array.from({ length: BURST / 2 }, (_, i) => createTask(t.db, org.users.cityStaff.id, bulkCampaign, [org.countyA.id, org.countyB.id], { title: `并发审核任务${i}` })),
    );
    const work = tasks.flatMap((task) => [
      { id: task.assignmentIds.get(org.countyA.id)!, assignee: org.users.countyA.id },
      { id: task.assignmentIds.get(org.countyB.id)!, assignee: org.users.countyB.id },
    ]);
    expect(work).toHaveLength(BURST);
    const versions = await Promise.all(work.map((w) => driveAssignment(t.db, w.id, "reported", { assignee: w.assignee, reviewer: org.users.cityStaff.id })));
    expect((await as(org.users.cityStaff).dashboard.overview({ campaignId: bulkCampaign })).total).toMatchObject({ tasks: BURST, tasksReported: BURST, tasksApproved: 0 });
    await expectCountersMatchRows();

    const callers = dealt(reviewers(), BURST);
    const results = await Promise.allSettled(work.map((w, i) => callers[i]!.assignment.approve({ id: w.id, version: versions[i]!, comment: "同意办结" })));
    const { won, lost } = outcome(results);
    expect(lost).toEqual([]);
    expect(won.map((r) => r.id).sort()).toEqual(work.map((w) => w.id).sort());
    const rows = await t.db.select().from(assignments).where(inArray(assignments.id, work.map((w) => w.id)));
    for (const r of rows) expect(r).toMatchObject({ status: "approved", version: versions[work.findIndex((w) => w.id === r.id)]! + 1 });
    const approvedEvents = await t.db
      .select({ assignmentId: assignmentEvents.assignmentId, n: sql<number>`count(*)::int` })
      .from(assignmentEvents)
      .where(and(inArray(assignmentEvents.assignmentId, work.map((w) => w.id)), eq(assignmentEvents.type, "approved")))
      .groupBy(assignmentEvents.assignmentId);
    expect(approvedEvents).toHaveLength(BURST);
    expect(approvedEvents.every((e) => e.n === 1)).toBe(true);
    const [audits] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "assignment.approve"), inArray(auditEvents.entityId, work.map((w) => String(w.id)))));
    expect(audits!.n).toBe(BURST);
    await expectTimelinesAgree(t.db, work.map((w) => w.id));
    await expectCountersMatchRows();
    const dashboard = await as(org.users.cityStaff).dashboard.overview({ campaignId: bulkCampaign });
    expect(dashboard.total).toMatchObject({ tasks: BURST, tasksReported: 0, tasksApproved: BURST });
    expect(dashboard.rows.filter((r) => r.kind === "subtree").map((r) => [r.name, r.counts.tasksApproved])).toEqual([
      ["荷塘区政协", BURST / 2],
      ["芦淞区政协", BURST / 2],
    ]);
  });
});
