import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ActivityStatus, type Adoption, type AssignmentStatus, type AttendanceStatus, type ProblemStatus, rebuildParticipation } from "@dm/db";
import { activities, assignments, monthlyReports, opinions, problems, registrations, supervisionGroups, tasks } from "@dm/db/schema";
import { isOverdue } from "@dm/api/domain/assignment";
import { chinaToday } from "@dm/api/domain/china-time";
import { isProblemOverdue } from "@dm/api/domain/problem";
import { assignmentOverdue, problemOverdue } from "@dm/api/domain/overdue-sql";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createCampaign, createMember } from "./support/fixtures";
import { createGroupOrg, type GroupOrg } from "./support/group";
import { callerFor, expectTRPCError } from "./support/trpc";

/**
 * The dashboard and the briefing on fixture data whose every figure is known: a 2024 campaign
 * (long over, so no figure depends on today) over the organisation of support/fixtures.ts:
 *
 *   株洲市政协 ─┬─ 荷塘区政协 (countyA) ─┬─ 月塘街道 (townA1)
 *              │                         └─ 仙庾镇 (townA2)
 *              └─ 芦淞区政协 (countyB) ─── 白关镇 (townB1)
 *   湘潭市政协 (otherCity) ─── 雨湖区政协 (otherCounty): never counted from 株洲
 */

let t: TestDatabase;
let org: GroupOrg;
let campaignId: number;
let otherCampaignId: number;

const at = (local: string) => new Date(`${local}+08:00`);

async function task(campaign: number, title: string) {
  const [row] = await t.db
    .insert(tasks)
    .values({ campaignId: campaign, committeeId: org.city.id, title, focusArea: "生态环保决策部署贯彻落实情况", method: "调研式监督", deadline: "2024-06-30", createdBy: org.users.cityStaff.id })
    .returning({ id: tasks.id });
  return row!.id;
}

async function assignment(taskId: number, committeeId: number, issuerCommitteeId: number, status: AssignmentStatus, deadline: string, approvedAt?: string) {
  await t.db.insert(assignments).values({ taskId, committeeId, issuerCommitteeId, sentBy: org.users.cityStaff.id, status, deadline, approvedAt: approvedAt ? at(approvedAt) : null });
}

async function activity(committeeId: number, startsAt: string, opts: { status?: ActivityStatus; campaign?: number; title?: string } = {}) {
  const start = at(startsAt);
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

async function attend(activityId: number, memberId: number, attendance: AttendanceStatus, status: "registered" | "cancelled" = "registered") {
  await t.db.insert(registrations).values({ activityId, memberId, status, queuePosition: 1, attendance });
}

async function problem(committeeId: number, title: string, status: ProblemStatus, created: string, opts: { deadline?: string; closed?: string } = {}) {
  await t.db.insert(problems).values({
    title,
    description: title,
    category: "water",
    location: "渌江",
    committeeId,
    raisingCommitteeId: org.city.id,
    status,
    source: "direct",
    deadline: opts.deadline ?? null,
    closedAt: opts.closed ? at(opts.closed) : null,
    createdAt: at(created),
  });
}

async function group(committeeId: number, departmentId: number) {
  const [row] = await t.db
    .insert(supervisionGroups)
    .values({ committeeId, departmentId, name: "派驻民主监督小组", termStart: "2024-01-01", termEnd: "2025-12-31", createdBy: org.users.cityStaff.id })
    .returning({ id: supervisionGroups.id });
  return row!.id;
}

async function opinion(groupId: number, raisedOn: string, adoption: Adoption | null) {
  await t.db.insert(opinions).values({ groupId, title: "意见", content: "意见内容", raisedOn, raisedBy: org.users.cityStaff.id, adoption, repliedOn: adoption ? raisedOn : null });
}

async function report(committeeId: number, month: string, submittedAt: string | null) {
  await t.db.insert(monthlyReports).values({
    campaignId,
    committeeId,
    month: `${month}-01`,
    status: submittedAt ? "submitted" : "draft",
    submittedAt: submittedAt ? at(submittedAt) : null,
    createdBy: org.users.countyA.id,
  });
}

beforeAll(async () => {
  t = await freshDatabase();
  org = await createGroupOrg(t.db);
  const { city, countyA, countyB, townA1, townA2, otherCounty } = org;
  campaignId = await createCampaign(t.db, org.users.cityStaff.id, { title: "2024年改善生态环境专项民主监督", year: 2024, startDate: "2024-03-01", endDate: "2024-12-31" });
  otherCampaignId = await createCampaign(t.db, org.users.cityStaff.id, { title: "另一专项", year: 2024, startDate: "2024-01-01", endDate: "2024-12-31" });

  // Tasks: 荷塘区 approved in April; 芦淞区 in progress past its deadline (overdue); 月塘街道's
  // pass-down sent, not due until 2035; a second task reported by 仙庾镇 (overdue: not approved).
  const t1 = await task(campaignId, "湘江沿岸调研");
  await assignment(t1, countyA.id, city.id, "approved", "2024-06-30", "2024-04-20T10:00:00");
  await assignment(t1, countyB.id, city.id, "in_progress", "2024-06-30");
  await assignment(t1, townA1.id, countyA.id, "sent", "2035-06-30");
  const t2 = await task(campaignId, "渌江流域调研");
  await assignment(t2, townA2.id, countyA.id, "reported", "2024-05-31");
  // Another campaign's task and another city's: never counted.
  await assignment(await task(otherCampaignId, "另一专项任务"), countyA.id, city.id, "sent", "2024-06-30");
  await assignment(t1, otherCounty.id, org.otherCity.id, "sent", "2024-06-30");

  // Activities (held unless said): April: the city, 荷塘区 (on 30 April 23:30 in Shanghai), 月塘街道;
  // May: 仙庾镇 (on 1 May 00:00), 芦淞区. Not counted: planned, another campaign, another city.
  const cityApril = await activity(city.id, "2024-04-10T09:00:00", { title: "市政协四月视察" });
  const countyAApril = await activity(countyA.id, "2024-04-30T23:30:00", { title: "荷塘区四月踏察" });
  const townA1April = await activity(townA1.id, "2024-04-15T09:00:00", { title: "月塘街道板凳会" });
  await activity(townA2.id, "2024-05-01T00:00:00", { title: "仙庾镇五月调研" });
  const countyBMay = await activity(countyB.id, "2024-05-15T09:00:00", { title: "芦淞区五月踏察" });
  await activity(countyA.id, "2024-04-25T09:00:00", { status: "planned", title: "荷塘区计划中" });
  await activity(countyB.id, "2024-04-25T09:00:00", { campaign: otherCampaignId, title: "芦淞区另一专项" });
  await activity(otherCounty.id, "2024-04-25T09:00:00", { title: "雨湖区四月" });

  // Members in 株洲 (active): city 1, 荷塘区 3, 月塘街道 1, 芦淞区 2 = 7. Attended (present or
  // late, not cancelled): 荷塘委员甲 (present, April), 月塘委员己 (late, April), the city member
  // (present at 荷塘区's). Not: 荷塘委员丁 absent, 荷塘委员戊 cancelled, 芦淞区's excused; an
  // inactive member's attendance does not make a participant either.
  const inactive = await createMember(t.db, { committeeId: countyA.id, name: "已离任委员", active: false });
  await attend(countyAApril, org.m.a.id, "present");
  await attend(countyAApril, org.m.b.id, "absent");
  await attend(countyAApril, org.m.c.id, "present", "cancelled");
  await attend(countyAApril, org.users.cityMember.memberId!, "present");
  await attend(townA1April, org.m.t1.id, "late");
  await attend(countyBMay, org.m.countyB.id, "excused");
  await attend(cityApril, inactive.id, "present");
  // Written straight into the tables, not through the procedures that keep the participation
  // summary (dashboard-participation.test.ts tests those): summed here as the demo seed does.
  await rebuildParticipation(t.db);

  // Reports for April (due 5 May): 荷塘区 on time, 月塘街道 late, 仙庾镇 a draft (missing),
  // 芦淞区 and 白关镇 none (missing). May: only 芦淞区 (on time).
  await report(countyA.id, "2024-04", "2024-05-03T10:00:00");
  await report(townA1.id, "2024-04", "2024-05-08T10:00:00");
  await report(townA2.id, "2024-04", null);
  await t.db.insert(monthlyReports).values({ campaignId, committeeId: countyB.id, month: "2024-05-01", status: "submitted", submittedAt: at("2024-06-02T10:00:00"), createdBy: org.users.countyB.id });

  // Problems found in the campaign: 荷塘区 closed in April; 月塘街道 rectifying past its deadline
  // (overdue); 芦淞区 pending without a deadline; 白关镇 awaiting verification past its deadline
  // (not overdue: it waits on the verifier). Not counted: found before the campaign, another city.
  await problem(countyA.id, "荷塘区排污口", "closed", "2024-04-02T09:00:00", { deadline: "2024-04-30", closed: "2024-04-20T16:00:00" });
  await problem(townA1.id, "月塘街道黑臭水体", "rectifying", "2024-04-05T09:00:00", { deadline: "2024-05-01" });
  await problem(countyB.id, "芦淞区油烟", "pending", "2024-05-02T09:00:00");
  await problem(org.townB1.id, "白关镇垃圾", "awaiting_verification", "2024-05-03T09:00:00", { deadline: "2024-05-10" });
  await problem(countyA.id, "荷塘区旧问题", "rectifying", "2024-02-28T09:00:00", { deadline: "2024-03-10" });
  await problem(otherCounty.id, "雨湖区问题", "pending", "2024-04-02T09:00:00");

  // Opinions: 荷塘区's group: adopted (April), partly (April), not adopted (May), unanswered (May);
  // the city's group: adopted (June). Not counted: raised after the campaign.
  const groupA = await group(countyA.id, org.dept.a1);
  await opinion(groupA, "2024-04-03", "adopted");
  await opinion(groupA, "2024-04-10", "partly_adopted");
  await opinion(groupA, "2024-05-01", "not_adopted");
  await opinion(groupA, "2024-05-02", null);
  await opinion(await group(city.id, org.dept.city1), "2024-06-01", "adopted");
  await opinion(groupA, "2025-01-01", "adopted");
});

afterAll(async () => {
  await t?.cleanup();
});

describe("dashboard.overview", () => {
  it("gives the city the whole city's figures for April with a per-county breakdown", async () => {
    const d = await callerFor(t.db, org.users.cityLeader.id).dashboard.overview({ campaignId, month: "2024-04" });
    expect(d.committee.name).toBe("株洲市政协");
    expect(d.month).toBe("2024-04");
    const c = d.total;
    expect([c.tasks, c.tasksSent, c.tasksInProgress, c.tasksReported, c.tasksApproved, c.tasksOverdue, c.tasksApprovedInMonth]).toEqual([4, 1, 1, 1, 1, 2, 1]);
    expect([c.activities, c.activitiesInMonth]).toEqual([5, 3]);
    expect([c.members, c.participants, c.participantsInMonth]).toEqual([7, 3, 3]);
    expect([c.reportsSubmitted, c.reportsLate, c.reportsMissing, c.reportsPending]).toEqual([1, 1, 3, 0]);
    expect([c.problems, c.problemsClosed, c.problemsOverdue, c.problemsInMonth, c.problemsClosedInMonth]).toEqual([4, 1, 1, 2, 1]);
    expect([c.opinions, c.opinionsAdopted, c.opinionsPartlyAdopted, c.opinionsNotAdopted, c.opinionsInMonth]).toEqual([5, 2, 1, 1, 2]);
    expect(d.rates).toEqual({ participation: 42.9, closure: 25, adoption: 75 });
    // Both counties held something in April (芦淞区 not: only in May).
    expect(d.coverage).toEqual({ covered: 1, of: 2, percent: 50 });

    expect(d.rows.map((r) => [r.name, r.kind, r.counts.tasks, r.counts.activities, r.counts.members, r.counts.participants, r.counts.reportsMissing, r.counts.problems, r.counts.opinions, r.covered])).toEqual([
      ["株洲市政协", "own", 0, 1, 1, 1, 0, 0, 1, true],
      ["荷塘区政协", "subtree", 3, 3, 4, 2, 1, 2, 4, true],
      ["芦淞区政协", "subtree", 1, 1, 2, 0, 2, 2, 0, false],
    ]);
    expect(d.rows[1]!.rates).toEqual({ participation: 50, closure: 50, adoption: 66.7 });
    expect(d.rows[2]!.rates).toEqual({ participation: 0, closure: 0, adoption: null });
  });

  it("draws the trend month by month over the campaign", async () => {
    const d = await callerFor(t.db, org.users.cityStaff.id).dashboard.overview({ campaignId, month: "2024-04" });
    expect(d.trend.map((p) => p.month)).toEqual(["2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"]);
    const pick = (month: string) => {
      const p = d.trend.find((x) => x.month === month)!;
      return [p.activities, p.problemsFound, p.problemsClosed, p.tasksApproved, p.opinions, p.reportsMissing];
    };
    // March: no reports at all from 5 committees; April: 3 missing; May: 4 (芦淞区 reported).
    expect(pick("2024-03")).toEqual([0, 0, 0, 0, 0, 5]);
    expect(pick("2024-04")).toEqual([3, 2, 1, 1, 2, 3]);
    expect(pick("2024-05")).toEqual([2, 2, 0, 0, 2, 4]);
    expect(pick("2024-06")).toEqual([0, 0, 0, 0, 1, 5]);
  });

  it("gives a county its own subtree by township and never a sibling's figures", async () => {
    const d = await callerFor(t.db, org.users.countyA.id).dashboard.overview({ campaignId, month: "2024-04" });
    expect(d.committee.name).toBe("荷塘区政协");
    expect(d.rows.map((r) => [r.name, r.kind, r.counts.tasks, r.counts.tasksOverdue, r.counts.activitiesInMonth, r.counts.members, r.counts.participants, r.counts.problems, r.counts.problemsOverdue])).toEqual([
      ["荷塘区政协", "own", 1, 0, 1, 3, 1, 1, 0],
      ["月塘街道", "subtree", 1, 0, 1, 1, 1, 1, 1],
      ["仙庾镇", "subtree", 1, 1, 0, 0, 0, 0, 0],
    ]);
    expect(d.total.tasks).toBe(3);
    expect(d.total.reportsMissing).toBe(1);
    expect(d.total.opinions).toBe(4);
    expect(d.coverage).toEqual({ covered: 1, of: 2, percent: 50 });
    expect(JSON.stringify(d)).not.toContain("芦淞区");
  });

  it("opens on the campaign's last month once it is over, and refuses a month outside it", async () => {
    const caller = callerFor(t.db, org.users.cityLeader.id);
    expect((await caller.dashboard.overview({ campaignId })).month).toBe("2024-12");
    const { shape } = await expectTRPCError(caller.dashboard.overview({ campaignId, month: "2025-01" }), "BAD_REQUEST");
    expect(shape.message).toBe("2025-01不在本专项的起止月份内");
  });

  it("is for staff: a member may not read it", async () => {
    await expectTRPCError(callerFor(t.db, org.users.memberA.id).dashboard.overview({ campaignId }), "FORBIDDEN");
  });
});

describe("dashboard.briefing", () => {
  it("briefs a county's month: activities, children's reports, problems, tasks", async () => {
    const b = await callerFor(t.db, org.users.cityStaff.id).dashboard.briefing({ campaignId, committeeId: org.countyA.id, month: "2024-04" });
    expect(b.committee.name).toBe("荷塘区政协");
    expect(b.activities.map((a) => [a.title, a.committeeName, a.attendees])).toEqual([
      ["月塘街道板凳会", "月塘街道", 1],
      ["荷塘区四月踏察", "荷塘区政协", 2],
    ]);
    expect(b.reports).toEqual([
      { committeeId: org.townA1.id, name: "月塘街道", state: "late" },
      { committeeId: org.townA2.id, name: "仙庾镇", state: "missing" },
      { committeeId: org.countyA.id, name: "荷塘区政协", state: "submitted" },
    ]);
    expect(b.problemsFound.map((p) => p.title)).toEqual(["荷塘区排污口", "月塘街道黑臭水体"]);
    expect(b.problemsClosed.map((p) => p.title)).toEqual(["荷塘区排污口"]);
    expect(b.tasksApproved.map((a) => [a.title, a.committeeName])).toEqual([["湘江沿岸调研", "荷塘区政协"]]);
    expect(b.tasksOverdue.map((a) => [a.title, a.committeeName])).toEqual([["渌江流域调研", "仙庾镇"]]);
    expect(b.total.activitiesInMonth).toBe(2);
  });

  it("lets a county brief itself and its townships, and nothing else (NOT_FOUND)", async () => {
    const county = callerFor(t.db, org.users.countyA.id);
    expect((await county.dashboard.briefing({ campaignId, committeeId: org.townA1.id, month: "2024-04" })).committee.name).toBe("月塘街道");
    await expectTRPCError(county.dashboard.briefing({ campaignId, committeeId: org.countyB.id, month: "2024-04" }), "NOT_FOUND");
    await expectTRPCError(county.dashboard.briefing({ campaignId, committeeId: org.city.id, month: "2024-04" }), "NOT_FOUND");
    await expectTRPCError(callerFor(t.db, org.users.cityStaff.id).dashboard.briefing({ campaignId, committeeId: org.otherCounty.id, month: "2024-04" }), "NOT_FOUND");
  });
});

describe("the overdue rules in SQL", () => {
  it("say what isOverdue and isProblemOverdue say, row by row", async () => {
    const today = chinaToday();
    const a = await t.db.select({ deadline: assignments.deadline, status: assignments.status, sql: assignmentOverdue(today).mapWith(Boolean) }).from(assignments);
    for (const row of a) expect(row.sql, JSON.stringify(row)).toBe(isOverdue(row, today));
    const p = await t.db.select({ deadline: problems.deadline, status: problems.status, sql: problemOverdue(today).mapWith(Boolean) }).from(problems);
    // SQL's null (no deadline) is "not overdue".
    for (const row of p) expect(row.sql === true, JSON.stringify(row)).toBe(isProblemOverdue(row, today));
    expect(a.some((r) => r.sql)).toBe(true);
    expect(p.some((r) => r.sql)).toBe(true);
  });
});
