import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext, ledgerForExport, problemWorkbook, readableAttachment } from "@dm/api";
import { EXPORT_HEADERS } from "@dm/api/exports/problems";
import type { ProblemCreateInput } from "@dm/api/schemas/problem";
import { and, asc, eq, type ProblemStatus } from "@dm/db";
import { activities, attachments, auditEvents, departments, notifications, problemEvents, problems, type User } from "@dm/db/schema";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createCampaign, createOrg, createTask, type Org } from "./support/fixtures";
import { callerFor, type ErrorShape, expectTRPCError } from "./support/trpc";

/**
 * The problem ledger against PostgreSQL: entering problems (scope, department, source), every
 * step of the life cycle legal and illegal, who may take it, concurrent steps, what each
 * committee sees, the filters, counts and closure rate, and the Excel export read back.
 *
 *   株洲市政协 (city) ─┬─ 荷塘区政协 (countyA) ─┬─ 月塘街道 (townA1)
 *                      │                         └─ 仙庾镇 (townA2)
 *                      └─ 芦淞区政协 (countyB) ─── 白关镇 (townB1)
 *   湘潭市政协 (otherCity)
 */
let t: TestDatabase;
let org: Org;
const dept = {} as Record<"city" | "countyA" | "countyB" | "countyAInactive", number>;

const as = (user: { id: number }, locale?: "en") => callerFor(t.db, user.id, locale ? { locale } : {});
const FUTURE = "2035-06-30";

beforeAll(async () => {
  t = await freshDatabase();
  org = await createOrg(t.db);
  const add = async (committeeId: number, name: string, active = true) => (await t.db.insert(departments).values({ committeeId, name, active }).returning())[0]!.id;
  dept.city = await add(org.city.id, "生态环境局");
  dept.countyA = await add(org.countyA.id, "荷塘区生态环境分局");
  dept.countyAInactive = await add(org.countyA.id, "已撤并的部门", false);
  dept.countyB = await add(org.countyB.id, "芦淞区水利局");
});

afterAll(async () => {
  await t?.cleanup();
});

/** An uploaded, not yet bound file, as the upload route leaves it. */
async function upload(user: User, fileName = "整改照片.png") {
  const [row] = await t.db
    .insert(attachments)
    .values({ storageKey: randomUUID(), fileName, mimeType: "image/png", size: 68, sha256: "0".repeat(64), uploadedBy: user.id })
    .returning({ id: attachments.id });
  return row!.id;
}

function problemInput(committeeId: number, overrides: Partial<ProblemCreateInput> = {}): ProblemCreateInput {
  return {
    title: "洣水河沿岸排污口未完成整治",
    description: "踏察发现洣水河茶陵段仍有两处排污口直排",
    category: "water",
    location: "洣水河沿岸",
    committeeId,
    ...overrides,
  };
}

async function row(id: number) {
  const [p] = await t.db.select().from(problems).where(eq(problems.id, id));
  return p!;
}

async function timelineOf(id: number) {
  const events = await t.db.select().from(problemEvents).where(eq(problemEvents.problemId, id)).orderBy(asc(problemEvents.id));
  return events.map((e) => ({ type: e.type, from: e.fromStatus, to: e.toStatus, comment: e.comment }));
}

/** Everything a refused step must leave as it was. */
async function snapshot(id: number) {
  return {
    problem: await row(id),
    events: await timelineOf(id),
    notifications: (await t.db.select({ id: notifications.id }).from(notifications)).length,
    audit: (await t.db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.entityType, "problem"))).length,
  };
}

async function refused(id: number, call: () => Promise<unknown>, code: TRPCError["code"]): Promise<ErrorShape> {
  const before = await snapshot(id);
  const { shape } = await expectTRPCError(call(), code);
  expect(await snapshot(id)).toEqual(before);
  return shape;
}

/** A problem the city raised in county A, driven through the API to `target`. Returns id and version. */
async function cityProblemIn(target: ProblemStatus | "lookback", title = "城区餐饮油烟扰民") {
  const city = as(org.users.cityStaff);
  const county = as(org.users.countyA);
  const { id } = await city.problem.create(problemInput(org.countyA.id, { title, category: "air" }));
  let version = 1;
  const step = async (p: Promise<{ version: number }>) => (version = (await p).version);
  if (target === "pending") return { id, version };
  await step(county.problem.assign({ id, version, plan: "督促商户安装油烟净化设施", departmentId: dept.countyA, deadline: FUTURE }));
  if (target === "rectifying") return { id, version };
  await step(county.problem.report({ id, version, text: "已全部安装净化设施", attachmentIds: [await upload(org.users.countyA)] }));
  if (target === "awaiting_verification") return { id, version };
  await step(city.problem.verify({ id, version }));
  if (target === "closed") return { id, version };
  await step(city.problem.scheduleLookback({ id, version, date: FUTURE }));
  return { id, version };
}

describe("entering a problem", () => {
  it("records it as 待交办, raised by the caller's committee, with its files and a first event; the area hears of it", async () => {
    const file = await upload(org.users.cityStaff, "督察反馈.pdf");
    const { id } = await as(org.users.cityStaff).problem.create(
      problemInput(org.countyA.id, { departmentId: dept.city, deadline: FUTURE, latitude: 27.83, longitude: 113.15, attachmentIds: [file] }),
    );
    const p = await row(id);
    expect(p).toMatchObject({ status: "pending", committeeId: org.countyA.id, raisingCommitteeId: org.city.id, departmentId: dept.city, source: "direct", sourceId: null, version: 1, latitude: 27.83 });
    expect(await timelineOf(id)).toEqual([{ type: "created", from: null, to: "pending", comment: "" }]);
    const [bound] = await t.db.select().from(attachments).where(eq(attachments.id, file));
    expect(bound).toMatchObject({ ownerType: "problem", ownerId: id });
    const told = await t.db.select().from(notifications).where(and(eq(notifications.kind, "problem.created"), eq(notifications.link, `/problems/${id}`)));
    expect(told.map((n) => n.userId).sort()).toEqual([org.users.countyA.id, org.users.countyA2.id].sort());
  });

  it("takes an area only within the caller's scope", async () => {
    const shape = (await expectTRPCError(as(org.users.countyA).problem.create(problemInput(org.countyB.id)), "BAD_REQUEST")).shape;
    expect(shape.message).toBe("所在地区须为本单位或所辖地区");
    await expectTRPCError(as(org.users.countyA).problem.create(problemInput(org.city.id)), "BAD_REQUEST");
    await expectTRPCError(as(org.users.cityStaff).problem.create(problemInput(org.otherCounty.id)), "BAD_REQUEST");
    const { id } = await as(org.users.countyA).problem.create(problemInput(org.townA1.id));
    expect(await row(id)).toMatchObject({ committeeId: org.townA1.id, raisingCommitteeId: org.countyA.id });
  });

  it("takes a department of the area's register or one above it, and only an active one", async () => {
    const county = as(org.users.countyA);
    await expect(county.problem.create(problemInput(org.townA1.id, { departmentId: dept.city }))).resolves.toBeDefined();
    await expect(county.problem.create(problemInput(org.townA1.id, { departmentId: dept.countyA }))).resolves.toBeDefined();
    const { shape } = await expectTRPCError(county.problem.create(problemInput(org.countyA.id, { departmentId: dept.countyB })), "BAD_REQUEST");
    expect(shape.message).toBe("责任部门须为问题所在地或其上级的职能部门");
    await expectTRPCError(county.problem.create(problemInput(org.countyA.id, { departmentId: dept.countyAInactive })), "BAD_REQUEST");
    const options = await county.problem.departments({ committeeId: org.townA1.id });
    expect(options.map((d) => d.id)).toEqual([dept.countyA, dept.city]);
  });

  it("refuses bad fields per field and stores nothing", async () => {
    const before = (await t.db.select({ id: problems.id }).from(problems)).length;
    const { shape } = await expectTRPCError(
      as(org.users.cityStaff).problem.create(problemInput(org.countyA.id, { title: "", latitude: 95, longitude: 113, deadline: "2026-02-30" })),
      "BAD_REQUEST",
    );
    expect(shape.data.fieldErrors?.title).toEqual(["至少需要 2 个字符"]);
    expect(shape.data.fieldErrors?.latitude).toEqual(["不能大于 90"]);
    expect(shape.data.fieldErrors?.deadline).toBeDefined();
    const pair = await expectTRPCError(as(org.users.cityStaff).problem.create(problemInput(org.countyA.id, { latitude: 27.8 })), "BAD_REQUEST");
    expect(pair.shape.data.fieldErrors?.longitude).toEqual(["经度和纬度需同时填写"]);
    const source = await expectTRPCError(as(org.users.cityStaff).problem.create(problemInput(org.countyA.id, { source: "activity" })), "BAD_REQUEST");
    expect(source.shape.data.fieldErrors?.sourceId).toEqual(["请指明问题来源记录"]);
    expect((await t.db.select({ id: problems.id }).from(problems)).length).toBe(before);
  });

  it("comes from an assignment or an activity only when that record exists and is in scope", async () => {
    const campaignId = await createCampaign(t.db, org.users.cityStaff.id);
    const task = await createTask(t.db, org.users.cityStaff.id, campaignId, [org.countyA.id, org.countyB.id]);
    const assignmentA = task.assignmentIds.get(org.countyA.id)!;
    const assignmentB = task.assignmentIds.get(org.countyB.id)!;
    const county = as(org.users.countyA);

    expect((await county.problem.source({ source: "assignment", sourceId: assignmentA })).label).toContain("荷塘区政协");
    const { id } = await county.problem.create(problemInput(org.countyA.id, { source: "assignment", sourceId: assignmentA }));
    expect(await row(id)).toMatchObject({ source: "assignment", sourceId: assignmentA });
    const { shape } = await expectTRPCError(county.problem.create(problemInput(org.countyA.id, { source: "assignment", sourceId: assignmentB })), "BAD_REQUEST");
    expect(shape.message).toBe("问题来源记录不存在，或不在您的范围内");
    await expectTRPCError(county.problem.source({ source: "assignment", sourceId: assignmentB }), "NOT_FOUND");
    await expectTRPCError(county.problem.create(problemInput(org.countyA.id, { source: "visit", sourceId: 999_999 })), "BAD_REQUEST");

    const [activity] = await t.db
      .insert(activities)
      .values({
        committeeId: org.countyB.id,
        campaignId,
        type: "field_inspection",
        title: "白关镇河道踏察",
        startsAt: new Date("2026-04-14T01:00:00Z"),
        endsAt: new Date("2026-04-14T04:00:00Z"),
        place: "白关镇",
        organizer: "芦淞区政协",
        signupDeadline: new Date("2026-04-13T10:00:00Z"),
        audience: "committee",
        checkInSecret: "s".repeat(32),
        createdBy: org.users.countyB.id,
      })
      .returning();
    await expectTRPCError(county.problem.create(problemInput(org.countyA.id, { source: "activity", sourceId: activity!.id })), "BAD_REQUEST");
    const fromActivity = await as(org.users.countyB).problem.create(problemInput(org.countyB.id, { source: "activity", sourceId: activity!.id }));
    const detail = await as(org.users.countyB).problem.byId({ id: fromActivity.id });
    expect(detail.sourceLabel).toBe("白关镇河道踏察");
  });

  it("is for staff only", async () => {
    await expectTRPCError(as(org.users.memberA).problem.create(problemInput(org.countyA.id)), "FORBIDDEN");
    await expectTRPCError(as(org.users.memberA).problem.list({}), "FORBIDDEN");
    await expectTRPCError(callerFor(t.db, null).problem.list({}), "UNAUTHORIZED");
  });
});

describe("the life cycle", () => {
  it("goes 待交办 → 整改中 → 已整改待验收 → 整改中 (rejected) → 已整改待验收 → 已销号 → 回头看 → passed → reopened, every step on the timeline", async () => {
    const city = as(org.users.cityStaff);
    const county = as(org.users.countyA);
    const { id } = await city.problem.create(problemInput(org.countyA.id));

    let v = (await county.problem.assign({ id, version: 1, plan: "三个月内完成截污纳管", departmentId: dept.countyA, deadline: FUTURE })).version;
    expect(await row(id)).toMatchObject({ status: "rectifying", plan: "三个月内完成截污纳管", departmentId: dept.countyA, deadline: FUTURE });

    const evidence = await upload(org.users.countyA, "截污纳管完工.jpg");
    v = (await county.problem.report({ id, version: v, text: "两处排污口已封堵", attachmentIds: [evidence] })).version;
    expect((await row(id)).status).toBe("awaiting_verification");
    const [reportEvent] = await t.db.select().from(problemEvents).where(and(eq(problemEvents.problemId, id), eq(problemEvents.type, "reported")));
    expect((await t.db.select().from(attachments).where(eq(attachments.id, evidence)))[0]).toMatchObject({ ownerType: "problem_event", ownerId: reportEvent!.id });
    const cityTold = await t.db.select().from(notifications).where(and(eq(notifications.userId, org.users.cityStaff.id), eq(notifications.kind, "problem.reported")));
    expect(cityTold).toHaveLength(1);

    v = (await city.problem.reject({ id, version: v, reason: "现场复核仍有污水溢流" })).version;
    expect((await row(id)).status).toBe("rectifying");
    expect((await t.db.select().from(notifications).where(and(eq(notifications.userId, org.users.countyA.id), eq(notifications.kind, "problem.rejected")))).length).toBe(1);

    v = (await county.problem.report({ id, version: v, text: "溢流点已整改", attachmentIds: [await upload(org.users.countyA)] })).version;
    v = (await city.problem.verify({ id, version: v, comment: "现场验收合格" })).version;
    const closed = await row(id);
    expect(closed.status).toBe("closed");
    expect(closed.closedAt).toBeInstanceOf(Date);

    const early = await refused(id, () => city.problem.scheduleLookback({ id, version: v, date: "2020-01-01" }), "BAD_REQUEST");
    expect(early.message).toMatch(/^回头看日期不能早于销号日期 \d{4}-\d{2}-\d{2}$/);
    v = (await city.problem.scheduleLookback({ id, version: v, date: FUTURE })).version;
    expect((await row(id)).lookbackOn).toBe(FUTURE);
    v = (await city.problem.passLookback({ id, version: v, comment: "未见反弹" })).version;
    expect(await row(id)).toMatchObject({ status: "closed", lookbackOn: null });
    v = (await city.problem.scheduleLookback({ id, version: v, date: FUTURE })).version;
    const noReason = await refused(id, () => city.problem.reopen({ id, version: v, reason: " " }), "BAD_REQUEST");
    expect(noReason.data.fieldErrors?.reason).toEqual(["此项为必填项"]);
    v = (await city.problem.reopen({ id, version: v, reason: "回头看发现新增排污口" })).version;
    expect(await row(id)).toMatchObject({ status: "rectifying", lookbackOn: null, closedAt: null, version: v });

    expect((await timelineOf(id)).map((e) => `${e.type}:${e.from ?? ""}→${e.to}`)).toEqual([
      "created:→pending",
      "assigned:pending→rectifying",
      "reported:rectifying→awaiting_verification",
      "rejected:awaiting_verification→rectifying",
      "reported:rectifying→awaiting_verification",
      "verified:awaiting_verification→closed",
      "lookback_scheduled:closed→closed",
      "lookback_passed:closed→closed",
      "lookback_scheduled:closed→closed",
      "reopened:closed→rectifying",
    ]);
    const detail = await county.problem.byId({ id });
    expect(detail.events.find((e) => e.type === "rejected")?.comment).toBe("现场复核仍有污水溢流");
    expect(detail.events.find((e) => e.type === "reported")?.attachments.map((a) => a.id)).toEqual([evidence]);
    expect(detail.allowedActions).toEqual(["report"]);
    const audit = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "problem"), eq(auditEvents.entityId, String(id))));
    expect(audit.map((a) => a.action)).toEqual([
      "problem.create", "problem.assign", "problem.report", "problem.reject", "problem.report", "problem.verify",
      "problem.scheduleLookback", "problem.passLookback", "problem.scheduleLookback", "problem.reopen",
    ]);
  });

  it("refuses every illegal step naming the current state, and changes nothing", async () => {
    const city = as(org.users.cityStaff);
    const county = as(org.users.countyA);
    const steps = {
      assign: (id: number, version: number) => county.problem.assign({ id, version, plan: "方案", departmentId: dept.countyA, deadline: FUTURE }),
      report: (id: number, version: number) => county.problem.report({ id, version, text: "已整改", attachmentIds: [] as number[] }),
      verify: (id: number, version: number) => city.problem.verify({ id, version }),
      reject: (id: number, version: number) => city.problem.reject({ id, version, reason: "不合格" }),
      scheduleLookback: (id: number, version: number) => city.problem.scheduleLookback({ id, version, date: FUTURE }),
      passLookback: (id: number, version: number) => city.problem.passLookback({ id, version }),
      reopen: (id: number, version: number) => city.problem.reopen({ id, version, reason: "反弹" }),
    };
    const legal: Record<ProblemStatus | "lookback", (keyof typeof steps)[]> = {
      pending: ["assign"],
      rectifying: ["report"],
      awaiting_verification: ["verify", "reject"],
      closed: ["scheduleLookback"],
      lookback: ["passLookback", "reopen"],
    };
    const names: Record<ProblemStatus, string> = { pending: "待交办", rectifying: "整改中", awaiting_verification: "已整改待验收", closed: "已销号" };
    for (const state of Object.keys(legal) as (keyof typeof legal)[]) {
      const { id, version } = await cityProblemIn(state);
      const status = (await row(id)).status;
      for (const action of Object.keys(steps) as (keyof typeof steps)[]) {
        if (legal[state].includes(action)) continue;
        // A report without files is refused by its schema before the state is looked at.
        if (action === "report") continue;
        const shape = await refused(id, () => steps[action](id, version), "BAD_REQUEST");
        expect(shape.message, `${state} + ${action}`).toMatch(new RegExp(`^当前状态为「${names[status]}」，不能`));
      }
    }
    const { id, version } = await cityProblemIn("pending");
    const file = await upload(org.users.countyA);
    const shape = await refused(id, () => county.problem.report({ id, version, text: "已整改", attachmentIds: [file] }), "BAD_REQUEST");
    expect(shape.message).toBe("当前状态为「待交办」，不能报告整改完成");
    const english = await expectTRPCError(as(org.users.cityStaff, "en").problem.verify({ id, version }), "BAD_REQUEST");
    expect(english.shape.message).toBe("It is pending assignment: you cannot verify and close it");
  });

  it("lets only the raising committee verify, and only the area's committee or its parent assign and report", async () => {
    const { id, version } = await cityProblemIn("awaiting_verification");
    const forbidden = await refused(id, () => as(org.users.countyA).problem.verify({ id, version }), "FORBIDDEN");
    expect(forbidden.message).toContain("验收和回头看由提出问题的单位办理");
    await refused(id, () => as(org.users.countyA).problem.reject({ id, version, reason: "自己验收" }), "FORBIDDEN");
    await refused(id, () => as(org.users.countyB).problem.verify({ id, version }), "NOT_FOUND");
    await refused(id, () => as(org.users.memberA).problem.verify({ id, version }), "FORBIDDEN");
    await refused(id, () => as(org.users.otherCityStaff).problem.verify({ id, version }), "NOT_FOUND");
    // Another member of the raising committee's staff (a leader) may.
    await expect(as(org.users.cityLeader).problem.verify({ id, version })).resolves.toMatchObject({ status: "closed" });

    // A township problem the county raised: the township and the county work it; the city may read but not act.
    const { id: townId } = await as(org.users.countyA).problem.create(problemInput(org.townA1.id));
    await refused(townId, () => as(org.users.cityStaff).problem.assign({ id: townId, version: 1, plan: "方案", departmentId: dept.countyA, deadline: FUTURE }), "FORBIDDEN");
    await refused(townId, () => as(org.users.liaisonA2).problem.assign({ id: townId, version: 1, plan: "方案", departmentId: dept.countyA, deadline: FUTURE }), "NOT_FOUND");
    const v = (await as(org.users.liaisonA1).problem.assign({ id: townId, version: 1, plan: "联络员督促整改", departmentId: dept.countyA, deadline: FUTURE })).version;
    const v2 = (await as(org.users.liaisonA1).problem.report({ id: townId, version: v, text: "已整改", attachmentIds: [await upload(org.users.liaisonA1)] })).version;
    await refused(townId, () => as(org.users.liaisonA1).problem.verify({ id: townId, version: v2 }), "FORBIDDEN");
    await expect(as(org.users.countyA2).problem.verify({ id: townId, version: v2 })).resolves.toMatchObject({ status: "closed" });
  });

  it("takes only the reporter's own unbound files as evidence", async () => {
    const { id, version } = await cityProblemIn("rectifying");
    const someoneElses = await upload(org.users.countyA2);
    const shape = await refused(id, () => as(org.users.countyA).problem.report({ id, version, text: "已整改", attachmentIds: [someoneElses] }), "BAD_REQUEST");
    expect(shape.message).toBe("附件不存在或已被使用");
    const none = await refused(id, () => as(org.users.countyA).problem.report({ id, version, text: "已整改", attachmentIds: [] }), "BAD_REQUEST");
    expect(none.data.fieldErrors?.attachmentIds).toEqual(["请上传整改佐证材料"]);
  });

  it("refuses an assignment deadline in the past and a department from elsewhere", async () => {
    const { id, version } = await cityProblemIn("pending");
    const past = await refused(id, () => as(org.users.countyA).problem.assign({ id, version, plan: "方案", departmentId: dept.countyA, deadline: "2020-01-01" }), "BAD_REQUEST");
    expect(past.message).toBe("整改期限不能早于今天");
    await refused(id, () => as(org.users.countyA).problem.assign({ id, version, plan: "方案", departmentId: dept.countyB, deadline: FUTURE }), "BAD_REQUEST");
  });
});

describe("concurrent steps", () => {
  it("answers a stale version with CONFLICT and the problem as it is now", async () => {
    const { id, version } = await cityProblemIn("awaiting_verification");
    await as(org.users.cityStaff).problem.verify({ id, version });
    const { error, shape } = await expectTRPCError(as(org.users.cityLeader).problem.reject({ id, version, reason: "不合格" }), "CONFLICT");
    expect(shape.message).toBe("该问题已被他人处理，当前状态为「已销号」，请刷新后重试");
    expect(error.cause && "params" in error.cause ? (error.cause.params as { current: unknown }).current : null).toMatchObject({ status: "closed", version: version + 1 });
  });

  it("lets exactly one of two reviewers acting at once win; the other gets CONFLICT", async () => {
    const { id, version } = await cityProblemIn("awaiting_verification");
    const results = await Promise.allSettled([
      as(org.users.cityStaff).problem.verify({ id, version }),
      as(org.users.cityLeader).problem.reject({ id, version, reason: "现场仍有异味" }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0]!.reason as TRPCError).code).toBe("CONFLICT");
    const events = await timelineOf(id);
    expect(events.filter((e) => e.type === "verified" || e.type === "rejected")).toHaveLength(1);
    expect((await row(id)).version).toBe(version + 1);
  });
});

describe("the ledger", () => {
  let fresh: TestDatabase;
  let o: Org;
  const ids: Record<string, number> = {};
  const asIn = (user: { id: number }) => callerFor(fresh.db, user.id);

  /** A separate database, so the counts below are exact. */
  beforeAll(async () => {
    fresh = await freshDatabase();
    o = await createOrg(fresh.db);
    const [cityDept] = await fresh.db.insert(departments).values({ committeeId: o.city.id, name: "生态环境局" }).returning();
    const [waterDept] = await fresh.db.insert(departments).values({ committeeId: o.countyA.id, name: "荷塘区水利局" }).returning();
    const base = { description: "说明", location: "现场", source: "direct" as const };
    const insert = async (key: string, values: Partial<typeof problems.$inferInsert> & { committeeId: number; raisingCommitteeId: number }) => {
      const [p] = await fresh.db
        .insert(problems)
        .values({ title: key, category: "water", status: "pending", ...base, ...values })
        .returning();
      ids[key] = p!.id;
    };
    // County A: 5 problems (2 closed), one overdue; a township one; county B: 2; the other city: 1.
    await insert("荷塘区黑臭水体整治", { committeeId: o.countyA.id, raisingCommitteeId: o.city.id, status: "closed", departmentId: waterDept!.id, closedAt: new Date() });
    await insert("荷塘区工地扬尘", { committeeId: o.countyA.id, raisingCommitteeId: o.city.id, status: "closed", category: "air", departmentId: cityDept!.id, closedAt: new Date() });
    await insert("荷塘区河道垃圾", { committeeId: o.countyA.id, raisingCommitteeId: o.countyA.id, status: "rectifying", category: "solid_waste", deadline: "2024-01-31", departmentId: waterDept!.id });
    await insert("荷塘区噪声扰民", { committeeId: o.countyA.id, raisingCommitteeId: o.countyA.id, status: "awaiting_verification", category: "noise", deadline: "2024-01-31" });
    await insert("月塘街道油烟", { committeeId: o.townA1.id, raisingCommitteeId: o.countyA.id, status: "pending", category: "air", deadline: FUTURE });
    await insert("芦淞区排污口", { committeeId: o.countyB.id, raisingCommitteeId: o.city.id, status: "rectifying", deadline: "2024-01-31" });
    await insert("白关镇=SUM(1,2)", { committeeId: o.townB1.id, raisingCommitteeId: o.countyB.id, status: "closed", category: "soil", closedAt: new Date(), location: "=SUM(1,2)" });
    await insert("湘潭问题", { committeeId: o.otherCounty.id, raisingCommitteeId: o.otherCity.id, status: "pending" });
    // County A raised one in county B's area? Not possible through the API, but a problem the city raised in B stays invisible to A.
  });

  afterAll(async () => {
    await fresh?.cleanup();
  });

  it("shows each committee its own problems only", async () => {
    const titles = async (user: { id: number }) => (await asIn(user).problem.list({})).items.map((p) => p.title).sort();
    expect(await titles(o.users.cityStaff)).toHaveLength(7);
    expect(await titles(o.users.countyA)).toEqual(["月塘街道油烟", "荷塘区噪声扰民", "荷塘区工地扬尘", "荷塘区河道垃圾", "荷塘区黑臭水体整治"].sort());
    expect(await titles(o.users.countyB)).toEqual(["白关镇=SUM(1,2)", "芦淞区排污口"].sort());
    expect(await titles(o.users.liaisonA1)).toEqual(["月塘街道油烟"]);
    expect(await titles(o.users.liaisonA2)).toEqual([]);
    expect(await titles(o.users.otherCityStaff)).toEqual(["湘潭问题"]);
    await expectTRPCError(asIn(o.users.countyB).problem.byId({ id: ids["荷塘区河道垃圾"]! }), "NOT_FOUND");
    await expectTRPCError(asIn(o.users.liaisonA2).problem.byId({ id: ids["月塘街道油烟"]! }), "NOT_FOUND");
  });

  it("counts per status, overdue and the closure rate, under the filters", async () => {
    const city = asIn(o.users.cityStaff);
    expect(await city.problem.counts({})).toEqual({
      byStatus: { closed: 3, rectifying: 2, awaiting_verification: 1, pending: 1 },
      total: 7,
      closed: 3,
      overdue: 2,
      closureRate: 42.9,
    });
    const countyA = await city.problem.counts({ committeeId: o.countyA.id });
    expect(countyA).toMatchObject({ total: 5, closed: 2, overdue: 1, closureRate: 40 });
    // The status filter does not narrow the counts (they feed the status tabs).
    expect((await city.problem.counts({ committeeId: o.countyA.id, status: "closed" })).total).toBe(5);
    expect(await asIn(o.users.countyB).problem.counts({})).toMatchObject({ total: 2, closed: 1, closureRate: 50 });
    expect(await asIn(o.users.liaisonA2).problem.counts({})).toMatchObject({ total: 0, closureRate: null });
  });

  it("filters by status, category, county, department, overdue and text, and pages", async () => {
    const city = asIn(o.users.cityStaff);
    const titles = async (input: Parameters<typeof city.problem.list>[0]) => (await city.problem.list(input)).items.map((p) => p.title).sort();
    expect(await titles({ status: "closed" })).toEqual(["白关镇=SUM(1,2)", "荷塘区工地扬尘", "荷塘区黑臭水体整治"].sort());
    expect(await titles({ category: "air" })).toEqual(["月塘街道油烟", "荷塘区工地扬尘"].sort());
    expect(await titles({ committeeId: o.countyB.id })).toEqual(["白关镇=SUM(1,2)", "芦淞区排污口"].sort());
    expect(await titles({ committeeId: o.townA1.id })).toEqual(["月塘街道油烟"]);
    // A committee outside the scope narrows to nothing, never out of it.
    expect(await titles({ committeeId: o.otherCounty.id })).toEqual([]);
    const [water] = await fresh.db.select().from(departments).where(eq(departments.name, "荷塘区水利局"));
    expect(await titles({ departmentId: water!.id })).toEqual(["荷塘区河道垃圾", "荷塘区黑臭水体整治"].sort());
    expect(await titles({ overdue: true })).toEqual(["芦淞区排污口", "荷塘区河道垃圾"].sort());
    expect(await titles({ search: "油烟" })).toEqual(["月塘街道油烟"]);
    expect(await titles({ search: "100%" })).toEqual([]);
    const list = await city.problem.list({ committeeId: o.countyA.id });
    const item = list.items.find((p) => p.title === "月塘街道油烟")!;
    expect(item).toMatchObject({ committeeName: "月塘街道", countyName: "荷塘区政协", raisingName: "荷塘区政协", overdue: false });
    expect(list.items.find((p) => p.title === "荷塘区河道垃圾")).toMatchObject({ overdue: true, departmentName: "荷塘区水利局" });
    // Unresolved first.
    expect(list.items.at(-1)!.status).toBe("closed");

    for (let i = 0; i < 22; i++) {
      await fresh.db.insert(problems).values({ title: `批量问题${i}`, description: "d", category: "other", location: "l", committeeId: o.countyB.id, raisingCommitteeId: o.countyB.id, source: "direct" });
    }
    const page1 = await asIn(o.users.countyB).problem.list({ search: "批量问题" });
    const page2 = await asIn(o.users.countyB).problem.list({ search: "批量问题", page: 2 });
    const { total } = await asIn(o.users.countyB).problem.counts({ search: "批量问题" });
    expect([total, page1.items.length, page2.items.length, page1.pageSize]).toEqual([22, 20, 2, 20]);
    expect(new Set([...page1.items, ...page2.items].map((p) => p.id)).size).toBe(22);
  });

  it("exports the filtered ledger of the caller's scope to .xlsx with Chinese headers", async () => {
    const viewerOf = async (userId: number) => (await createContext({ db: fresh.db, session: { userId, sessionId: randomUUID(), sessionVersion: 0 }, headers: new Headers() }).viewer())!;
    const read = async (buffer: Buffer) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet("问题清单")!;
      const rows: string[][] = [];
      sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
      return rows;
    };
    const countyB = await viewerOf(o.users.countyB.id);
    const sheet = await read(await problemWorkbook(await ledgerForExport(fresh.db, countyB, { search: "白关镇" }), { title: "问题清单", generatedAt: new Date() }));
    expect(sheet[0]).toEqual([...EXPORT_HEADERS]);
    expect(sheet).toHaveLength(2);
    const record = Object.fromEntries(EXPORT_HEADERS.map((h, i) => [h, sheet[1]![i]]));
    expect(record).toMatchObject({ 问题标题: "白关镇=SUM(1,2)", 具体位置: "=SUM(1,2)", 类别: "土壤", 状态: "已销号", 是否逾期: "否", 所属县市区: "芦淞区政协", 所在地区: "白关镇", 提出单位: "芦淞区政协", 来源: "直接登记" });

    const city = await viewerOf(o.users.cityStaff.id);
    const overdue = await read(await problemWorkbook(await ledgerForExport(fresh.db, city, { overdue: true }), { title: "问题清单", generatedAt: new Date() }));
    expect(overdue.slice(1).map((r) => r[1]).sort()).toEqual(["芦淞区排污口", "荷塘区河道垃圾"].sort());
    expect(overdue.slice(1).every((r) => r[5] === "是")).toBe(true);
    const countyA = await viewerOf(o.users.countyA.id);
    const all = await read(await problemWorkbook(await ledgerForExport(fresh.db, countyA, {}), { title: "问题清单", generatedAt: new Date() }));
    expect(all).toHaveLength(6);
    expect(all.some((r) => r[1]!.includes("芦淞") || r[1]!.includes("湘潭"))).toBe(false);
  });
});

describe("files of problems", () => {
  it("are readable by staff who may see the problem, not by others or members", async () => {
    const { id, version } = await cityProblemIn("rectifying", "文件可见性");
    const evidence = await upload(org.users.countyA);
    await as(org.users.countyA).problem.report({ id, version, text: "已整改", attachmentIds: [evidence] });
    const problemFile = await upload(org.users.cityStaff);
    const created = await as(org.users.cityStaff).problem.create(problemInput(org.countyA.id, { attachmentIds: [problemFile] }));
    const viewer = async (user: User) => (await createContext({ db: t.db, session: { userId: user.id, sessionId: randomUUID(), sessionVersion: 0 }, headers: new Headers() }).viewer())!;
    const can = async (user: User, file: number) => (await readableAttachment(t.db, await viewer(user), file)) !== null;
    for (const file of [evidence, problemFile]) {
      expect(await can(org.users.cityStaff, file)).toBe(true);
      expect(await can(org.users.cityLeader, file)).toBe(true);
      expect(await can(org.users.countyA2, file)).toBe(true);
      expect(await can(org.users.countyB, file)).toBe(false);
      expect(await can(org.users.liaisonA1, file)).toBe(false);
      expect(await can(org.users.memberA, file)).toBe(false);
      expect(await can(org.users.otherCityStaff, file)).toBe(false);
    }
    expect(created.id).toBeGreaterThan(0);
  });
});
