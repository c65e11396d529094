import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActivityStatus } from "@dm/db";
import { activities } from "@dm/db/schema";
import { addMonths, cellsOf, gapsOf, shanghaiMonth } from "@dm/api/domain/coverage";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createCampaign, createCommittee, createOrg, type Org } from "./support/fixtures";
import { callerFor, expectTRPCError } from "./support/trpc";

let t: TestDatabase;
let org: Org;
let campaignId: number;
let otherCampaignId: number;

/** A supervision activity starting at `startsAt` (an ISO instant), held unless said otherwise. */
async function activity(committeeId: number, startsAt: string, opts: { status?: ActivityStatus; campaign?: number; title?: string } = {}) {
  const start = new Date(startsAt);
  const [row] = await t.db
    .insert(activities)
    .values({
      committeeId,
      campaignId: opts.campaign ?? campaignId,
      type: "field_inspection",
      title: opts.title ?? `活动 ${startsAt}`,
      startsAt: start,
      endsAt: new Date(start.getTime() + 3 * 3_600_000),
      place: "渌江沿岸",
      organizer: "办公室",
      signupDeadline: start,
      audience: "subtree",
      status: opts.status ?? "held",
      checkInSecret: "test-secret",
      createdBy: org.users.cityStaff.id,
    })
    .returning({ id: activities.id });
  return row!.id;
}

beforeAll(async () => {
  t = await freshDatabase();
  org = await createOrg(t.db);
  campaignId = await createCampaign(t.db, org.users.cityStaff.id, { title: "2024年改善生态环境专项民主监督", year: 2024, startDate: "2024-03-01", endDate: "2024-12-31" });
  otherCampaignId = await createCampaign(t.db, org.users.cityStaff.id, { title: "另一专项", year: 2024, startDate: "2024-01-01", endDate: "2024-12-31" });
  const { city, countyA, countyB, townA1, townA2, otherCity } = org;
  // March 2024 in Shanghai ends at 2024-03-31T16:00Z.
  await activity(city.id, "2024-03-10T01:00:00Z", { title: "市政协三月视察" });
  await activity(countyA.id, "2024-03-31T15:59:00Z", { title: "荷塘区三月最后一分钟" }); // 23:59 on 31 March
  await activity(countyA.id, "2024-03-31T16:00:00Z", { title: "荷塘区四月第一分钟" }); // 00:00 on 1 April
  await activity(townA1.id, "2024-04-12T01:00:00Z", { title: "月塘街道板凳会" });
  await activity(townA2.id, "2024-04-20T01:00:00Z", { title: "仙庾镇屋场会" });
  await activity(townA2.id, "2024-05-20T01:00:00Z", { title: "仙庾镇五月调研" });
  // Not held: not counted.
  await activity(countyA.id, "2024-05-02T01:00:00Z", { status: "planned", title: "荷塘区计划中" });
  await activity(countyA.id, "2024-05-03T01:00:00Z", { status: "cancelled", title: "荷塘区已取消" });
  await activity(countyB.id, "2024-05-15T01:00:00Z", { title: "芦淞区五月踏察" });
  // Another campaign: counted for the year, not for the campaign.
  await activity(countyB.id, "2024-06-15T01:00:00Z", { campaign: otherCampaignId, title: "芦淞区另一专项" });
  // Outside the year in Shanghai (1 January 2025 00:00 there), and inside it (1 January 2024 00:00).
  await activity(countyB.id, "2024-12-31T16:00:00Z", { title: "芦淞区跨年" });
  await activity(countyB.id, "2023-12-31T16:00:00Z", { title: "芦淞区元旦" });
  // Another city: never seen from 株洲.
  await activity(otherCity.id, "2024-04-01T01:00:00Z", { title: "湘潭市活动" });
});

afterAll(async () => {
  await t?.cleanup();
});

const MAR = 2; // column of 2024-03 in a year's twelve months

describe("coverage.matrix", () => {
  it("gives the city its own row and one per county with townships rolled in, counting held activities by Shanghai month", async () => {
    const m = await callerFor(t.db, org.users.cityLeader.id).coverage.matrix({ year: 2024 });
    expect(m.months.map((x) => x.month)).toEqual(["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"]);
    expect(m.months.every((x) => x.phase === "past")).toBe(true);
    expect(m.rows.map((r) => [r.name, r.kind, r.counts.slice(0, 6)])).toEqual([
      ["株洲市政协", "own", [0, 0, 1, 0, 0, 0]],
      ["荷塘区政协", "subtree", [0, 0, 1, 3, 1, 0]],
      ["芦淞区政协", "subtree", [1, 0, 0, 0, 1, 1]],
    ]);
    const hetang = m.rows[1]!;
    expect(cellsOf(hetang.counts, m.months).slice(0, 6)).toEqual(["gap", "gap", "held", "held", "held", "gap"]);
    expect(gapsOf(hetang.counts, m.months)).toBe(9);
    // The county's breakdown: its own row, then each township.
    expect(hetang.children!.map((r) => [r.name, r.kind, r.counts.slice(2, 5)])).toEqual([
      ["荷塘区政协", "own", [1, 1, 0]],
      ["月塘街道", "own", [0, 1, 0]],
      ["仙庾镇", "own", [0, 1, 1]],
    ]);
    // 芦淞区 has a township with nothing: still a breakdown, and 2025's first minute is not 2024.
    expect(m.rows[2]!.children!.map((r) => r.name)).toEqual(["芦淞区政协", "白关镇"]);
    expect(m.total.reduce((a, b) => a + b, 0)).toBe(9);
  });

  it("counts only the campaign's activities over the campaign's months", async () => {
    const m = await callerFor(t.db, org.users.cityStaff.id).coverage.matrix({ campaignId });
    expect(m.campaign).toMatchObject({ id: campaignId, title: "2024年改善生态环境专项民主监督" });
    expect(m.months.map((x) => x.month)).toEqual(["2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"]);
    expect(m.rows.map((r) => r.counts.slice(0, 4))).toEqual([
      [1, 0, 0, 0],
      [1, 3, 1, 0],
      [0, 0, 1, 0], // the June activity belongs to another campaign; January lies before this one
    ]);
  });

  it("gives a county its own row and one per township, and nothing of another county", async () => {
    const m = await callerFor(t.db, org.users.countyA.id).coverage.matrix({ year: 2024 });
    expect(m.scopeLevel).toBe("county");
    expect(m.rows.map((r) => [r.name, r.kind, r.counts.slice(MAR, MAR + 3), r.children])).toEqual([
      ["荷塘区政协", "own", [1, 1, 0], undefined],
      ["月塘街道", "own", [0, 1, 0], undefined],
      ["仙庾镇", "own", [0, 1, 1], undefined],
    ]);
    expect(m.total.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it("gives a township liaison its own row only", async () => {
    const m = await callerFor(t.db, org.users.liaisonA2.id).coverage.matrix({ year: 2024 });
    expect(m.rows.map((r) => [r.name, r.counts.slice(MAR, MAR + 3)])).toEqual([["仙庾镇", [0, 1, 1]]]);
  });

  it("shows months not yet begun as such, not as gaps", async () => {
    const now = shanghaiMonth(new Date());
    const next = addMonths(now, 1);
    const year = Number(next.slice(0, 4));
    const m = await callerFor(t.db, org.users.countyA.id).coverage.matrix({ year });
    const i = m.months.findIndex((x) => x.month === next);
    if (i >= 0) {
      expect(m.months[i]!.phase).toBe("future");
      expect(cellsOf(m.rows[0]!.counts, m.months)[i]).toBe("future");
    }
    const j = m.months.findIndex((x) => x.month === now);
    if (j >= 0) expect(cellsOf(m.rows[0]!.counts, m.months)[j]).toBe("open");
    expect(gapsOf(m.rows[0]!.counts, m.months)).toBe(m.months.filter((x) => x.phase === "past").length);
  });

  it("keeps another city's committees and campaigns out", async () => {
    const m = await callerFor(t.db, org.users.otherCityStaff.id).coverage.matrix({ year: 2024 });
    expect(m.rows.map((r) => [r.name, r.counts[3]])).toEqual([
      ["湘潭市政协", 1],
      ["雨湖区政协", 0],
    ]);
    await expectTRPCError(callerFor(t.db, org.users.otherCityStaff.id).coverage.matrix({ campaignId }), "NOT_FOUND");
  });

  it("is for staff only, and needs one campaign or one year", async () => {
    await expectTRPCError(callerFor(t.db, org.users.memberA.id).coverage.matrix({ year: 2024 }), "FORBIDDEN");
    await expectTRPCError(callerFor(t.db, null).coverage.matrix({ year: 2024 }), "UNAUTHORIZED");
    const { shape } = await expectTRPCError(callerFor(t.db, org.users.cityStaff.id).coverage.matrix({}), "BAD_REQUEST");
    expect(shape.data.fieldErrors?.[""]).toEqual(["请选择一个专项或一个年度"]);
    await expectTRPCError(callerFor(t.db, org.users.cityStaff.id).coverage.matrix({ campaignId, year: 2024 }), "BAD_REQUEST");
  });

  it("answers from grouped queries, not one per committee", async () => {
    // Fifty more townships under 芦淞区 change the rows' size, not the number of statements.
    const statements: string[] = [];
    const client = t.db.$client as unknown as { options: { debug?: (conn: number, query: string) => void } };
    for (let i = 0; i < 50; i++) await createCommittee(t.db, { name: `测试镇${i}`, level: "township", parent: org.countyB, sortOrder: 10 + i });
    client.options.debug = (_conn, query) => statements.push(query);
    try {
      const m = await callerFor(t.db, org.users.cityStaff.id).coverage.matrix({ campaignId });
      expect(m.rows[2]!.children).toHaveLength(52);
    } finally {
      client.options.debug = undefined;
    }
    // The viewer, the campaign, the committees in scope and the grouped counts.
    expect(statements.length).toBeLessThanOrEqual(4);
    expect(statements.some((q) => /group by/i.test(q))).toBe(true);
  });
});

describe("coverage.cell", () => {
  it("lists a county's activities with its townships', with their organisers", async () => {
    const cell = await callerFor(t.db, org.users.cityLeader.id).coverage.cell({ year: 2024, committeeId: org.countyA.id, month: "2024-04", subtree: true });
    expect(cell.committee.name).toBe("荷塘区政协");
    expect(cell.items.map((a) => [a.title, a.committeeName, a.type, a.place])).toEqual([
      ["荷塘区四月第一分钟", "荷塘区政协", "field_inspection", "渌江沿岸"],
      ["月塘街道板凳会", "月塘街道", "field_inspection", "渌江沿岸"],
      ["仙庾镇屋场会", "仙庾镇", "field_inspection", "渌江沿岸"],
    ]);
  });

  it("lists a committee's own activities only, held ones only, in the Shanghai month", async () => {
    const caller = callerFor(t.db, org.users.countyA.id);
    const april = await caller.coverage.cell({ campaignId, committeeId: org.countyA.id, month: "2024-04" });
    expect(april.items.map((a) => a.title)).toEqual(["荷塘区四月第一分钟"]);
    const march = await caller.coverage.cell({ campaignId, committeeId: org.countyA.id, month: "2024-03" });
    expect(march.items.map((a) => a.title)).toEqual(["荷塘区三月最后一分钟"]);
    const may = await caller.coverage.cell({ campaignId, committeeId: org.countyA.id, month: "2024-05" });
    expect(may.items).toEqual([]);
  });

  it("answers NOT_FOUND for a committee outside the caller's scope", async () => {
    await expectTRPCError(callerFor(t.db, org.users.countyA.id).coverage.cell({ year: 2024, committeeId: org.countyB.id, month: "2024-05" }), "NOT_FOUND");
    await expectTRPCError(callerFor(t.db, org.users.liaisonA1.id).coverage.cell({ year: 2024, committeeId: org.townA2.id, month: "2024-04" }), "NOT_FOUND");
    await expectTRPCError(callerFor(t.db, org.users.otherCityStaff.id).coverage.cell({ year: 2024, committeeId: org.countyA.id, month: "2024-04", subtree: true }), "NOT_FOUND");
  });

  it("refuses a malformed month", async () => {
    const { shape } = await expectTRPCError(callerFor(t.db, org.users.cityStaff.id).coverage.cell({ year: 2024, committeeId: org.countyA.id, month: "2024-13" }), "BAD_REQUEST");
    expect(shape.data.fieldErrors?.month).toEqual(["格式不正确"]);
  });
});
