import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProblemCreateInput } from "@dm/api/schemas/problem";
import { and, eq, inArray, type ProblemStatus, sql } from "@dm/db";
import { attachments, auditEvents, departments, problemEvents, problems } from "@dm/db/schema";
import { BURST, BURST_TIMEOUT, CONTENDED_POOL, dealt, outcome, shapesOf } from "./support/concurrency";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createOrg, currentOf, type Org } from "./support/fixtures";
import { callerFor } from "./support/trpc";

/**
 * Problem transitions under contention (issue #8): a hundred requests take a step on one problem
 * at the version they all read (交办, 报告整改, 验收销号 / 验收不通过, 回头看 / 反弹重开), and a
 * hundred problems each take a step at once. One winner per version, CONFLICT with the problem
 * as it is for the others, and a timeline that agrees with the status: no event without its
 * status change, no status change without its event.
 */
let t: TestDatabase;
let org: Org;
let dept: number;
const FUTURE = "2035-06-30";

beforeAll(async () => {
  t = await freshDatabase({ max: CONTENDED_POOL });
  org = await createOrg(t.db);
  dept = (await t.db.insert(departments).values({ committeeId: org.countyA.id, name: "荷塘区生态环境分局" }).returning())[0]!.id;
});

afterAll(async () => {
  await t?.cleanup();
});

const as = (user: { id: number }) => callerFor(t.db, user.id);
/** The raising side (the city): verifies, rejects, schedules and closes look-backs, reopens. */
const raisers = () => [as(org.users.cityStaff), as(org.users.cityLeader), as(org.users.cityLeader2)];
/** The responsible side (county A): assigns and reports. */
const responsible = () => [as(org.users.countyA), as(org.users.countyA2)];

function problemInput(title: string): ProblemCreateInput {
  return { title, description: "督察反馈问题，需限期整改", category: "water", location: "湘江荷塘段", committeeId: org.countyA.id };
}

/** Evidence files uploaded by `userIds` (one each), not yet bound, as the upload route leaves them. */
async function uploads(userIds: number[]): Promise<number[]> {
  const rows = await t.db
    .insert(attachments)
    .values(userIds.map((uploadedBy) => ({ storageKey: randomUUID(), fileName: "整改照片.png", mimeType: "image/png", size: 68, sha256: "0".repeat(64), uploadedBy })))
    .returning({ id: attachments.id });
  return rows.map((r) => r.id);
}

/** A problem the city raised in county A, driven through the API to `target`. */
async function problemAt(target: ProblemStatus | "lookback", title: string) {
  const county = as(org.users.countyA);
  const city = as(org.users.cityStaff);
  const { id } = await city.problem.create(problemInput(title));
  let version = 1;
  const step = async (p: Promise<{ version: number }>) => (version = (await p).version);
  if (target !== "pending") await step(county.problem.assign({ id, version, plan: "制定整改方案", departmentId: dept, deadline: FUTURE }));
  if (target !== "pending" && target !== "rectifying") await step(county.problem.report({ id, version, text: "已完成整改", attachmentIds: await uploads([org.users.countyA.id]) }));
  if (target === "closed" || target === "lookback") await step(city.problem.verify({ id, version }));
  if (target === "lookback") await step(city.problem.scheduleLookback({ id, version, date: FUTURE }));
  return { id, version };
}

/**
 * Every problem's timeline agrees with its row: one event per version (the first is 登记), and
 * the last event ends where the row stands.
 */
async function expectTimelinesAgree(ids: readonly number[]) {
  const rows = await t.db.select({ id: problems.id, status: problems.status, version: problems.version }).from(problems).where(inArray(problems.id, [...ids]));
  const timelines = await t.db
    .select({ id: problemEvents.problemId, events: sql<number>`count(*)::int`, last: sql<string>`(array_agg(${problemEvents.toStatus} order by ${problemEvents.id} desc))[1]` })
    .from(problemEvents)
    .where(inArray(problemEvents.problemId, [...ids]))
    .groupBy(problemEvents.problemId);
  expect(rows).toHaveLength(ids.length);
  const byId = new Map(timelines.map((e) => [e.id, e]));
  for (const r of rows) expect({ id: r.id, ...byId.get(r.id) }).toEqual({ id: r.id, events: r.version, last: r.status });
}

async function row(id: number) {
  const [p] = await t.db.select().from(problems).where(eq(problems.id, id));
  return p!;
}

/** The audit events of `actions` on one problem. */
async function audits(id: number, actions: string[]) {
  return t.db.select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.entityId, String(id)), eq(auditEvents.entityType, "problem"), inArray(auditEvents.action, actions)));
}

/**
 * Fires `BURST` steps at one problem at `version`; exactly one must win and every other get
 * CONFLICT naming the state the winner left. Returns the winner's result and the row.
 */
async function race(id: number, version: number, steps: (() => Promise<{ status: ProblemStatus; version: number }>)[]) {
  expect(steps).toHaveLength(BURST);
  const { won, lost } = outcome(await Promise.allSettled(steps.map((s) => s())));
  expect(won).toHaveLength(1);
  const p = await row(id);
  expect(won[0]).toEqual({ id, status: p.status, version: version + 1 });
  const shapes = await shapesOf(lost, "CONFLICT");
  expect(shapes).toHaveLength(BURST - 1);
  for (const shape of shapes) expect(currentOf(shape)).toEqual({ status: p.status, version: version + 1, lookbackOn: p.lookbackOn });
  await expectTimelinesAgree([id]);
  return p;
}

describe(`${BURST} steps on one problem at the same version`, BURST_TIMEOUT, () => {
  it("交办 ×100 by the county's two staff with different plans: one plan is kept, one event", async () => {
    const { id, version } = await problemAt("pending", "百人同时交办");
    const callers = dealt(responsible(), BURST);
    const p = await race(id, version, callers.map((c, i) => () => c.problem.assign({ id, version, plan: `整改方案${i}`, departmentId: dept, deadline: FUTURE })));
    expect(p.status).toBe("rectifying");
    const assigned = await t.db.select().from(problemEvents).where(and(eq(problemEvents.problemId, id), eq(problemEvents.type, "assigned")));
    expect(assigned.map((e) => e.comment)).toEqual([p.plan]);
    expect(await audits(id, ["problem.assign"])).toHaveLength(1);
  });

  it("报告整改 ×100: one report, one event", async () => {
    const { id, version } = await problemAt("rectifying", "百人同时报告整改");
    const staff = dealt([org.users.countyA, org.users.countyA2], BURST);
    const evidence = await uploads(staff.map((u) => u.id));
    const p = await race(id, version, staff.map((u, i) => () => as(u).problem.report({ id, version, text: `整改报告${i}`, attachmentIds: [evidence[i]!] })));
    expect(p.status).toBe("awaiting_verification");
    expect(await audits(id, ["problem.report"])).toHaveLength(1);
    // The winner's evidence is on its event; the 99 losers' files stay unbound, as uploaded.
    const [event] = await t.db.select().from(problemEvents).where(and(eq(problemEvents.problemId, id), eq(problemEvents.type, "reported")));
    const files = await t.db.select().from(attachments).where(inArray(attachments.id, evidence));
    expect(files.filter((f) => f.ownerType !== null)).toEqual([expect.objectContaining({ ownerType: "problem_event", ownerId: event!.id })]);
    expect(event!.comment).toBe(`整改报告${evidence.indexOf(files.find((f) => f.ownerType !== null)!.id)}`);
  });

  it("验收销号 ×50 and 验收不通过 ×50: exactly one decision, and the status is the one it made", async () => {
    const { id, version } = await problemAt("awaiting_verification", "百人同时验收");
    const callers = dealt(raisers(), BURST);
    const p = await race(id, version, callers.map((c, i) => () => (i % 2 === 0 ? c.problem.verify({ id, version, comment: `验收${i}` }) : c.problem.reject({ id, version, reason: `仍有问题${i}` }))));
    const decisions = await t.db.select({ type: problemEvents.type }).from(problemEvents).where(and(eq(problemEvents.problemId, id), inArray(problemEvents.type, ["verified", "rejected"])));
    expect(decisions).toEqual([{ type: p.status === "closed" ? "verified" : "rejected" }]);
    expect(p.closedAt === null).toBe(p.status !== "closed");
    expect(await audits(id, ["problem.verify", "problem.reject"])).toHaveLength(1);
  });

  it("回头看通过 ×50 and 反弹重开 ×50: exactly one outcome of the look-back", async () => {
    const { id, version } = await problemAt("lookback", "百人同时回头看");
    const callers = dealt(raisers(), BURST);
    const p = await race(id, version, callers.map((c, i) => () => (i % 2 === 0 ? c.problem.passLookback({ id, version }) : c.problem.reopen({ id, version, reason: `问题反弹${i}` }))));
    expect(p.lookbackOn).toBeNull();
    // Passed: still closed, as closed as before; reopened: back to 整改中 and no longer closed.
    expect(p.closedAt === null).toBe(p.status === "rectifying");
    const outcomes = await t.db.select({ type: problemEvents.type }).from(problemEvents).where(and(eq(problemEvents.problemId, id), inArray(problemEvents.type, ["lookback_passed", "reopened"])));
    expect(outcomes).toEqual([{ type: p.status === "closed" ? "lookback_passed" : "reopened" }]);
    expect(await audits(id, ["problem.passLookback", "problem.reopen"])).toHaveLength(1);
  });
});

describe(`${BURST} problems each taking a step at once`, BURST_TIMEOUT, () => {
  it("all applied, each once; the ledger's counts equal the rows", async () => {
    // Half in county A (assigned by its staff), half awaiting the city's verification.
    const pending = await Promise.all(Array.from({ length: BURST / 2 }, (_, i) => problemAt("pending", `批量交办${i}`)));
    const awaiting = await Promise.all(Array.from({ length: BURST / 2 }, (_, i) => problemAt("awaiting_verification", `批量验收${i}`)));
    const ids = [...pending, ...awaiting].map((p) => p.id);
    const before = await as(org.users.cityStaff).problem.counts({});
    const county = dealt(responsible(), BURST / 2);
    const city = dealt(raisers(), BURST / 2);
    const results = await Promise.allSettled([
      ...pending.map((p, i) => county[i]!.problem.assign({ id: p.id, version: p.version, plan: `批量方案${i}`, departmentId: dept, deadline: FUTURE })),
      ...awaiting.map((p, i) => city[i]!.problem.verify({ id: p.id, version: p.version })),
    ]);
    const { won, lost } = outcome(results);
    expect(lost).toEqual([]);
    expect(won).toHaveLength(BURST);
    const rows = await t.db.select().from(problems).where(inArray(problems.id, ids));
    for (const p of pending) expect(rows.find((r) => r.id === p.id)).toMatchObject({ status: "rectifying", version: p.version + 1 });
    for (const p of awaiting) expect(rows.find((r) => r.id === p.id)).toMatchObject({ status: "closed", version: p.version + 1 });
    await expectTimelinesAgree(ids);
    const [assignAudits] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "problem"), inArray(auditEvents.action, ["problem.assign", "problem.verify"]), inArray(auditEvents.entityId, ids.map(String))));
    // Each assigned problem was assigned once; each verified one went through assign once too.
    expect(assignAudits!.n).toBe(BURST + BURST / 2);
    // The ledger's tabs moved by exactly the steps taken.
    const after = await as(org.users.cityStaff).problem.counts({});
    expect(after.total).toBe(before.total);
    expect((after.byStatus.pending ?? 0) - (before.byStatus.pending ?? 0)).toBe(-BURST / 2);
    expect((after.byStatus.rectifying ?? 0) - (before.byStatus.rectifying ?? 0)).toBe(BURST / 2);
    expect((after.byStatus.awaiting_verification ?? 0) - (before.byStatus.awaiting_verification ?? 0)).toBe(-BURST / 2);
    expect(after.closed - before.closed).toBe(BURST / 2);
    const byStatus = await t.db.select({ status: problems.status, n: sql<number>`count(*)::int` }).from(problems).groupBy(problems.status);
    expect(after.byStatus).toEqual(Object.fromEntries(byStatus.map((r) => [r.status, r.n])));
  });
});
