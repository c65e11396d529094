import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "@dm/db";
import { activities, auditEvents, campaigns, committees, monthlyReports } from "@dm/db/schema";
import { seedDemo } from "@dm/db/seed";
import { addMonths, monthsBetween, monthStart, shanghaiMonth } from "@dm/api/domain/coverage";
import { reportState } from "@dm/api/domain/monthly-report";
import type { MonthlyReportSubmitInput } from "@dm/api/schemas/monthly-report";
import { type TestDatabase, freshDatabase } from "./support/db";
import { campaignInput, createCampaign, createOrg, currentOf, type Org } from "./support/fixtures";
import { callerFor, expectTRPCError } from "./support/trpc";

let t: TestDatabase;
let org: Org;
/** 2023-03 … 2035-12, reports due by the 5th. */
let campaignId: number;

const now = new Date();
const current = shanghaiMonth(now);
const previous = addMonths(current, -1);
const next = addMonths(current, 1);

async function activity(committeeId: number, startsAt: Date, title: string, opts: { status?: "held" | "planned"; campaign?: number } = {}) {
  await t.db.insert(activities).values({
    committeeId,
    campaignId: opts.campaign ?? campaignId,
    type: "symposium",
    title,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3_600_000),
    place: "政协会议室",
    organizer: "办公室",
    signupDeadline: startsAt,
    audience: "committee",
    status: opts.status ?? "held",
    checkInSecret: "test-secret",
    createdBy: org.users.cityStaff.id,
  });
}

const draft = (overrides: Partial<MonthlyReportSubmitInput> = {}): MonthlyReportSubmitInput => ({
  campaignId,
  month: previous,
  version: null,
  summary: "本月围绕渌江排污口整治开展监督",
  activitiesHeld: 2,
  activitySummary: "1. 踏察\n2. 座谈",
  problems: "部分排污口标识不清",
  nextPlan: "下月开展回头看",
  ...overrides,
});

async function reportRow(committeeId: number, month: string, campaign = campaignId) {
  const [row] = await t.db
    .select()
    .from(monthlyReports)
    .where(and(eq(monthlyReports.campaignId, campaign), eq(monthlyReports.committeeId, committeeId), eq(monthlyReports.month, `${month}-01`)));
  return row;
}

async function auditCount() {
  const [row] = await t.db.select({ n: count() }).from(auditEvents);
  return row!.n;
}

beforeAll(async () => {
  t = await freshDatabase();
  org = await createOrg(t.db);
  campaignId = await createCampaign(t.db, org.users.cityStaff.id);
  const start = monthStart(previous).getTime();
  // The county's own held activities last month: the first minute of the month and a later day.
  await activity(org.countyA.id, new Date(start + 9 * 86_400_000), "荷塘区入河排污口踏察");
  await activity(org.countyA.id, new Date(start), "荷塘区月初第一分钟座谈");
  // Not the county's own, not held, not this month, or not this campaign: not pre-filled.
  await activity(org.townA1.id, new Date(start + 3 * 86_400_000), "月塘街道板凳会");
  await activity(org.countyA.id, new Date(start + 5 * 86_400_000), "荷塘区计划中的活动", { status: "planned" });
  await activity(org.countyA.id, new Date(start - 60_000), "荷塘区上上月最后一分钟");
});

afterAll(async () => {
  await t?.cleanup();
});

describe("monthlyReport.own", () => {
  it("pre-fills the count and a line per own held activity of the month", async () => {
    const own = await callerFor(t.db, org.users.countyA.id).monthlyReport.own({ campaignId, month: previous });
    expect(own.report).toBeNull();
    expect(own.committeeName).toBe("荷塘区政协");
    expect(own.activities.map((a) => a.title)).toEqual(["荷塘区月初第一分钟座谈", "荷塘区入河排污口踏察"]);
    expect(own.prefill.activitiesHeld).toBe(2);
    const m = Number(previous.slice(5));
    expect(own.prefill.activitySummary).toBe(`1. ${m}月1日 荷塘区月初第一分钟座谈（政协会议室）\n2. ${m}月10日 荷塘区入河排污口踏察（政协会议室）`);
    expect(own.dueDate).toBe(`${current}-05`);
    expect(own.state).toBe(reportState({ month: previous, dueDay: 5, submittedAt: null, now: new Date() }));
  });

  it("refuses a month not yet begun and a month outside the campaign", async () => {
    const caller = callerFor(t.db, org.users.countyA.id);
    const { shape } = await expectTRPCError(caller.monthlyReport.own({ campaignId, month: next }), "BAD_REQUEST");
    expect(shape.message).toBe(`${next}尚未开始，不能填报`);
    await expectTRPCError(caller.monthlyReport.own({ campaignId, month: "2023-02" }), "BAD_REQUEST");
  });

  it("is for county staff and township liaisons", async () => {
    for (const user of [org.users.cityStaff, org.users.cityLeader, org.users.memberA]) {
      await expectTRPCError(callerFor(t.db, user.id).monthlyReport.own({ campaignId, month: previous }), "FORBIDDEN");
    }
  });
});

describe("monthlyReport.saveDraft and submit", () => {
  it("saves a draft, updates it at its version, and refuses a stale version with CONFLICT", async () => {
    const caller = callerFor(t.db, org.users.countyA.id);
    const first = await caller.monthlyReport.saveDraft(draft());
    expect(first).toMatchObject({ status: "draft", version: 1, submittedAt: null });
    const second = await caller.monthlyReport.saveDraft(draft({ version: 1, summary: "第二稿" }));
    expect(second.version).toBe(2);

    const audits = await auditCount();
    const { shape } = await expectTRPCError(callerFor(t.db, org.users.countyA2.id).monthlyReport.saveDraft(draft({ version: 1, summary: "旧版本上的修改" })), "CONFLICT");
    expect(shape.message).toBe("该月报已被他人修改（当前为草稿），请刷新后重试");
    expect(currentOf(shape)).toEqual({ status: "draft", version: 2 });
    // A second "first save" of the same month is stale too.
    await expectTRPCError(caller.monthlyReport.saveDraft(draft({ summary: "另一个第一稿" })), "CONFLICT");
    expect(await auditCount()).toBe(audits);

    const row = await reportRow(org.countyA.id, previous);
    expect(row).toMatchObject({ summary: "第二稿", status: "draft", version: 2, createdBy: org.users.countyA.id, activitiesHeld: 2 });
    const own = await caller.monthlyReport.own({ campaignId, month: previous });
    expect(own.report).toMatchObject({ id: first.id, summary: "第二稿", version: 2 });
  });

  it("needs the summary and next month's plan to submit, and changes nothing otherwise", async () => {
    const before = await reportRow(org.countyA.id, previous);
    const { shape } = await expectTRPCError(callerFor(t.db, org.users.countyA.id).monthlyReport.submit(draft({ version: 2, summary: "  ", nextPlan: "" })), "BAD_REQUEST");
    expect(shape.data.fieldErrors).toEqual({ summary: ["此项为必填项"], nextPlan: ["此项为必填项"] });
    const { shape: count } = await expectTRPCError(callerFor(t.db, org.users.countyA.id).monthlyReport.saveDraft(draft({ version: 2, activitiesHeld: -1 })), "BAD_REQUEST");
    expect(count.data.fieldErrors?.activitiesHeld).toEqual(["不能小于 0"]);
    expect(await reportRow(org.countyA.id, previous)).toEqual(before);
  });

  it("submits at the version read; afterwards the report is read-only", async () => {
    const caller = callerFor(t.db, org.users.countyA.id);
    const done = await caller.monthlyReport.submit(draft({ version: 2, summary: "定稿", activitiesHeld: 3 }));
    expect(done).toMatchObject({ status: "submitted", version: 3 });
    expect(done.state).toBe(reportState({ month: previous, dueDay: 5, submittedAt: done.submittedAt, now: new Date() }));
    const row = await reportRow(org.countyA.id, previous);
    expect(row).toMatchObject({ status: "submitted", summary: "定稿", activitiesHeld: 3, submittedBy: org.users.countyA.id });
    expect(row!.submittedAt).toBeInstanceOf(Date);
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "monthlyReport.submit"), eq(auditEvents.entityId, String(row!.id))));
    expect(audit).toMatchObject({ entityType: "monthlyReport", actorUserId: org.users.countyA.id });

    const { shape } = await expectTRPCError(caller.monthlyReport.saveDraft(draft({ version: 3 })), "BAD_REQUEST");
    expect(shape.message).toMatch(/^该月报已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 提交，不能再修改$/);
    await expectTRPCError(caller.monthlyReport.submit(draft({ version: 3 })), "BAD_REQUEST");
    const { shape: stale } = await expectTRPCError(caller.monthlyReport.submit(draft({ version: 2 })), "CONFLICT");
    expect(currentOf(stale)).toEqual({ status: "submitted", version: 3 });
    expect(await reportRow(org.countyA.id, previous)).toEqual(row);
  });

  it("lets a liaison write its own township's report, never another committee's", async () => {
    const done = await callerFor(t.db, org.users.liaisonA1.id).monthlyReport.submit(draft({ summary: "月塘街道本月小结" }));
    expect((await reportRow(org.townA1.id, previous))?.id).toBe(done.id);
    expect(await reportRow(org.countyA.id, previous)).toMatchObject({ summary: "定稿" });
  });

  it("refuses months not begun or outside the campaign, and callers who do not write reports", async () => {
    const caller = callerFor(t.db, org.users.countyB.id);
    await expectTRPCError(caller.monthlyReport.saveDraft(draft({ month: next })), "BAD_REQUEST");
    await expectTRPCError(caller.monthlyReport.submit(draft({ month: "2036-01" })), "BAD_REQUEST");
    for (const user of [org.users.cityStaff, org.users.cityLeader, org.users.memberB]) {
      await expectTRPCError(callerFor(t.db, user.id).monthlyReport.saveDraft(draft()), "FORBIDDEN");
    }
    await expectTRPCError(callerFor(t.db, org.users.otherCountyStaff.id).monthlyReport.saveDraft(draft()), "NOT_FOUND");
    expect(await reportRow(org.countyB.id, previous)).toBeUndefined();
    expect(await reportRow(org.otherCounty.id, previous)).toBeUndefined();
  });

  it("lets one of two simultaneous first saves in and gives the other CONFLICT", async () => {
    const results = await Promise.allSettled([
      callerFor(t.db, org.users.liaisonA2.id).monthlyReport.saveDraft(draft({ month: current, summary: "甲" })),
      callerFor(t.db, org.users.liaisonA2.id).monthlyReport.saveDraft(draft({ month: current, summary: "乙" })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as { code: string }).code).toBe("CONFLICT");
  });

  it("lists the committee's begun months, newest first, with their state and activities", async () => {
    const list = await callerFor(t.db, org.users.countyA.id).monthlyReport.ownList({ campaignId });
    expect(list.months[0]).toMatchObject({ month: current, reportStatus: null, state: "pending" });
    expect(list.months[1]).toMatchObject({ month: previous, reportStatus: "submitted", activitiesHeld: 2 });
    expect(list.months.at(-1)!.month).toBe("2023-03");
    expect(list.months.some((m) => m.month === next)).toBe(false);
  });
});

describe("monthlyReport.status", () => {
  /** May 2024, due 5 June: submitted in time, late, a draft only, nothing. */
  beforeAll(async () => {
    const base = { campaignId, month: "2024-05-01", summary: "小结", nextPlan: "计划", createdBy: org.users.countyA.id };
    await t.db.insert(monthlyReports).values([
      { ...base, committeeId: org.countyA.id, status: "submitted", submittedAt: new Date("2024-06-05T15:59:59Z"), submittedBy: org.users.countyA.id, activitiesHeld: 4 },
      { ...base, committeeId: org.townA1.id, status: "submitted", submittedAt: new Date("2024-06-05T16:00:00Z"), submittedBy: org.users.liaisonA1.id },
      { ...base, committeeId: org.townA2.id, status: "draft" },
    ]);
  });

  it("classifies every county and township in the city's scope against the deadline", async () => {
    const s = await callerFor(t.db, org.users.cityLeader.id).monthlyReport.status({ campaignId, month: "2024-05" });
    expect(s.dueDate).toBe("2024-06-05");
    expect(s.items.map((i) => [i.name, i.state, i.hasDraft, i.reportId !== null])).toEqual([
      ["荷塘区政协", "submitted", false, true],
      ["月塘街道", "late", false, true],
      ["仙庾镇", "missing", true, false],
      ["芦淞区政协", "missing", false, false],
      ["白关镇", "missing", false, false],
    ]);
    expect(s.items[0]!.activitiesHeld).toBe(4);
    expect(s.counts).toEqual({ submitted: 1, late: 1, missing: 3, pending: 0 });
  });

  it("follows the campaign's due day", async () => {
    await t.db.update(campaigns).set({ reportDueDay: 6 }).where(eq(campaigns.id, campaignId));
    try {
      const s = await callerFor(t.db, org.users.cityStaff.id).monthlyReport.status({ campaignId, month: "2024-05" });
      expect(s.items.map((i) => i.state)).toEqual(["submitted", "submitted", "missing", "missing", "missing"]);
    } finally {
      await t.db.update(campaigns).set({ reportDueDay: 5 }).where(eq(campaigns.id, campaignId));
    }
  });

  it("shows a county itself and its townships, a liaison itself", async () => {
    const county = await callerFor(t.db, org.users.countyA.id).monthlyReport.status({ campaignId, month: "2024-05" });
    expect(county.items.map((i) => i.name)).toEqual(["荷塘区政协", "月塘街道", "仙庾镇"]);
    expect(county.counts).toEqual({ submitted: 1, late: 1, missing: 1, pending: 0 });
    const liaison = await callerFor(t.db, org.users.liaisonB1.id).monthlyReport.status({ campaignId, month: "2024-05" });
    expect(liaison.items.map((i) => [i.name, i.state])).toEqual([["白关镇", "missing"]]);
  });

  it("is pending while the deadline has not passed", async () => {
    const s = await callerFor(t.db, org.users.countyB.id).monthlyReport.status({ campaignId, month: current });
    expect(s.items.map((i) => i.state)).toEqual(["pending", "pending"]);
    expect(s.phase).toBe("current");
  });

  it("refuses a month outside the campaign and non-staff", async () => {
    await expectTRPCError(callerFor(t.db, org.users.cityStaff.id).monthlyReport.status({ campaignId, month: "2036-01" }), "BAD_REQUEST");
    await expectTRPCError(callerFor(t.db, org.users.memberA.id).monthlyReport.status({ campaignId, month: "2024-05" }), "FORBIDDEN");
  });
});

describe("monthlyReport.byId", () => {
  const idOf = async (committeeId: number, month: string) => (await reportRow(committeeId, month))!.id;

  it("opens a submitted report for the city and for its county, with the month's activities", async () => {
    const id = await idOf(org.countyA.id, previous);
    const report = await callerFor(t.db, org.users.cityLeader.id).monthlyReport.byId({ id });
    expect(report).toMatchObject({ committeeName: "荷塘区政协", summary: "定稿", status: "submitted", month: previous, mine: false, submittedByName: "刘洋" });
    expect(report.activities.map((a) => a.title)).toEqual(["荷塘区月初第一分钟座谈", "荷塘区入河排污口踏察"]);
    const own = await callerFor(t.db, org.users.countyA2.id).monthlyReport.byId({ id });
    expect(own.mine).toBe(true);
    const township = await callerFor(t.db, org.users.countyA.id).monthlyReport.byId({ id: await idOf(org.townA1.id, previous) });
    expect(township.committeeName).toBe("月塘街道");
  });

  it("answers NOT_FOUND for another county's report and for someone else's draft", async () => {
    const countyAReport = await idOf(org.countyA.id, previous);
    await expectTRPCError(callerFor(t.db, org.users.countyB.id).monthlyReport.byId({ id: countyAReport }), "NOT_FOUND");
    await expectTRPCError(callerFor(t.db, org.users.liaisonA1.id).monthlyReport.byId({ id: countyAReport }), "NOT_FOUND");
    await expectTRPCError(callerFor(t.db, org.users.otherCityStaff.id).monthlyReport.byId({ id: countyAReport }), "NOT_FOUND");
    const draftId = await idOf(org.townA2.id, "2024-05");
    await expectTRPCError(callerFor(t.db, org.users.countyA.id).monthlyReport.byId({ id: draftId }), "NOT_FOUND");
    await expectTRPCError(callerFor(t.db, org.users.cityLeader.id).monthlyReport.byId({ id: draftId }), "NOT_FOUND");
    expect((await callerFor(t.db, org.users.liaisonA2.id).monthlyReport.byId({ id: draftId })).mine).toBe(true);
  });
});

describe("campaign report due day", () => {
  it("defaults to the 5th and takes 1 to 28", async () => {
    const [row] = await t.db.select({ d: campaigns.reportDueDay }).from(campaigns).where(eq(campaigns.id, campaignId));
    expect(row!.d).toBe(5);
    const id = await createCampaign(t.db, org.users.cityStaff.id, { reportDueDay: 28 });
    const detail = await callerFor(t.db, org.users.cityStaff.id).campaign.byId({ id });
    expect(detail.reportDueDay).toBe(28);
    const updated = await callerFor(t.db, org.users.cityStaff.id).campaign.update({ id, version: 1, data: campaignInput({ reportDueDay: 1 }) });
    expect(updated.version).toBe(2);
    expect((await callerFor(t.db, org.users.cityStaff.id).campaign.byId({ id })).reportDueDay).toBe(1);
  });

  it("refuses 0, 29 and fractions with a clear per-field message", async () => {
    for (const reportDueDay of [0, 29, 31]) {
      const { shape } = await expectTRPCError(callerFor(t.db, org.users.cityStaff.id).campaign.create(campaignInput({ reportDueDay })), "BAD_REQUEST");
      expect(shape.data.fieldErrors?.reportDueDay).toEqual(["月报截止日须为 1 至 28 之间的整数"]);
    }
    const { shape } = await expectTRPCError(callerFor(t.db, org.users.cityStaff.id, { locale: "en" }).campaign.create(campaignInput({ reportDueDay: 29 })), "BAD_REQUEST");
    expect(shape.data.fieldErrors?.reportDueDay).toEqual(["The report due day must be a whole number from 1 to 28"]);
    await expectTRPCError(callerFor(t.db, org.users.cityStaff.id).campaign.create(campaignInput({ reportDueDay: 5.5 })), "BAD_REQUEST");
  });
});

describe("the demo monthly reports", () => {
  it("cover the ended months with every state, leave 渌口区's last month open, and are seeded once", async () => {
    const demo = await freshDatabase();
    try {
      await seedDemo(demo.db, "unused-hash");
      const rows = await demo.db
        .select({ shortName: committees.shortName, month: monthlyReports.month, status: monthlyReports.status, submittedAt: monthlyReports.submittedAt, activitiesHeld: monthlyReports.activitiesHeld })
        .from(monthlyReports)
        .innerJoin(committees, eq(committees.id, monthlyReports.committeeId));
      const [campaign] = await demo.db.select().from(campaigns).where(eq(campaigns.year, 2026));
      const ended = monthsBetween(campaign!.startDate, campaign!.endDate).filter((m) => m < current);
      if (ended.length === 0) return expect(rows).toEqual([]);
      expect(rows.every((r) => ended.includes(r.month.slice(0, 7)))).toBe(true);
      expect(rows.every((r) => r.submittedAt === null || r.submittedAt <= new Date())).toBe(true);
      const last = ended.at(-1)!;
      expect(rows.filter((r) => r.month.slice(0, 7) === last && ["渌口区", "天元区"].includes(r.shortName))).toEqual([]);
      expect(new Set(rows.map((r) => r.shortName))).toEqual(new Set(["荷塘区", "芦淞区", "石峰区", "天元区", "渌口区", "醴陵市", "攸县", "茶陵县", "炎陵县", "左权镇", "浦口镇", "白兔潭镇"]));
      if (ended.length >= 3) {
        const states = new Set(rows.map((r) => (r.status === "draft" ? "draft" : reportState({ month: r.month.slice(0, 7), dueDay: campaign!.reportDueDay, submittedAt: r.submittedAt, now: new Date() }))));
        expect([...states].sort()).toEqual(["draft", "late", "submitted"]);
        // Some county-months have no report at all: missing.
        expect(rows.length).toBeLessThan(12 * ended.length);
      }
      // The pre-filled count agrees with the activity records.
      const liling = rows.find((r) => r.shortName === "左权镇" && r.month === "2026-04-01");
      if (liling) expect(liling.activitiesHeld).toBe(1);
      expect(await seedDemo(demo.db, "unused-hash")).toEqual({ seeded: false });
      const [again] = await demo.db.select({ n: count() }).from(monthlyReports);
      expect(again!.n).toBe(rows.length);
    } finally {
      await demo.cleanup();
    }
  });
});
