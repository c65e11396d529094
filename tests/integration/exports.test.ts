import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activitiesExport } from "@dm/api/exports/activities";
import { coverageExport } from "@dm/api/exports/coverage";
import { monthlyReportsExport } from "@dm/api/exports/monthly-reports";
import { pointsExport } from "@dm/api/exports/points";
import { tasksExport } from "@dm/api/exports/tasks";
import { type ActivityStatus, eq } from "@dm/db";
import { activities, activityFindings, assignments, monthlyReports, registrations } from "@dm/db/schema";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createCampaign, createMember, createOrg, createTask, driveAssignment, FUTURE_DEADLINE, type Org, PAST_DEADLINE } from "./support/fixtures";
import { callerFor, expectTRPCError } from "./support/trpc";

/**
 * Each export built for a caller, read back from the .xlsx with exceljs: headers, rows, values,
 * the caller's scope, and text that looks like a formula staying text.
 */

let t: TestDatabase;
let org: Org;
let campaignId: number;
const ids: Record<string, number> = {};

async function activity(key: string, committeeId: number, startsAt: string, status: ActivityStatus = "held") {
  const start = new Date(startsAt);
  const [row] = await t.db
    .insert(activities)
    .values({
      committeeId,
      campaignId,
      type: "field_inspection",
      title: key,
      startsAt: start,
      endsAt: new Date(start.getTime() + 3 * 3_600_000),
      place: "渌江沿岸",
      organizer: "办公室",
      signupDeadline: start,
      audience: "subtree",
      status,
      checkInSecret: `secret-${key}`,
      createdBy: org.users.cityStaff.id,
    })
    .returning({ id: activities.id });
  ids[key] = row!.id;
}

interface Sheet {
  header: string[];
  rows: Record<string, unknown>[];
  sheet: ExcelJS.Worksheet;
}

/** The sheets of a workbook by name: the header row, then each row keyed by header. */
async function read(bytes: Uint8Array): Promise<Record<string, Sheet>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return Object.fromEntries(
    workbook.worksheets.map((sheet) => {
      const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      const rows: Record<string, unknown>[] = [];
      for (let r = 2; r <= sheet.rowCount; r++) {
        const values = sheet.getRow(r).values as unknown[];
        rows.push(Object.fromEntries(header.map((h, i) => [h, values[i + 1] ?? null])));
      }
      return [sheet.name, { header, rows, sheet }];
    }),
  );
}

const as = (userId: number) => callerFor(t.db, userId);
const iso = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 16) : value);

beforeAll(async () => {
  t = await freshDatabase();
  org = await createOrg(t.db);
  campaignId = await createCampaign(t.db, org.users.cityStaff.id, { title: "2024年改善生态环境专项民主监督", year: 2024, startDate: "2024-03-01", endDate: "2024-12-31" });
  const actors = { reviewer: org.users.cityStaff.id };

  // Tasks: one to both counties (荷塘区 passes it down to 月塘街道), one overdue to 芦淞区 only,
  // and one whose title a user typed as a formula.
  const river = await createTask(t.db, org.users.cityStaff.id, campaignId, [org.countyA.id, org.countyB.id], { title: "洣水河排污口踏察", deadline: "2024-10-31" });
  ids.riverA = river.assignmentIds.get(org.countyA.id)!;
  ids.riverB = river.assignmentIds.get(org.countyB.id)!;
  await driveAssignment(t.db, ids.riverA, "approved", { assignee: org.users.countyA.id, ...actors });
  await driveAssignment(t.db, ids.riverB, "in_progress", { assignee: org.users.countyB.id, ...actors });
  const late = await createTask(t.db, org.users.cityStaff.id, campaignId, [org.countyB.id], { title: "芦淞区扬尘治理督办", deadline: "2024-06-30" });
  await createTask(t.db, org.users.cityStaff.id, campaignId, [org.countyA.id], { title: "=HYPERLINK(\"http://evil\",\"点我\")", deadline: "2024-09-30" });
  // The campaign lies in the past: every deadline but the late task's is moved to the future.
  await t.db.update(assignments).set({ deadline: FUTURE_DEADLINE });
  await t.db.update(assignments).set({ deadline: PAST_DEADLINE }).where(eq(assignments.id, late.assignmentIds.get(org.countyB.id)!));
  const a = await as(org.users.countyA.id).assignment.byId({ id: ids.riverA });
  expect(a.status).toBe("approved");

  // Activities in 2024: 荷塘区 in March and (月塘街道) April, 芦淞区 in May; a planned one in 荷塘区.
  await activity("荷塘区三月踏察", org.countyA.id, "2024-03-10T01:00:00Z");
  await activity("月塘街道四月板凳会", org.townA1.id, "2024-04-12T01:00:00Z");
  await activity("芦淞区五月踏察", org.countyB.id, "2024-05-15T01:00:00Z");
  await activity("+荷塘区计划中", org.countyA.id, "2024-11-02T01:00:00Z", "planned");
  const memberA = org.users.memberA.memberId!;
  const extra = await createMember(t.db, { committeeId: org.countyA.id, name: "@包建国" });
  ids.extra = extra.id;
  await t.db.insert(registrations).values([
    { activityId: ids["荷塘区三月踏察"]!, memberId: memberA, status: "registered", queuePosition: 1, attendance: "present", checkedInAt: new Date("2024-03-10T01:05:00Z"), checkInMethod: "qr" },
    { activityId: ids["荷塘区三月踏察"]!, memberId: extra.id, status: "registered", queuePosition: 2, attendance: "excused", attendanceNote: "=出差" },
    { activityId: ids["芦淞区五月踏察"]!, memberId: org.users.memberB.memberId!, status: "registered", queuePosition: 1, attendance: "late", checkedInAt: new Date("2024-05-15T01:40:00Z"), checkInMethod: "manual" },
  ]);
  await t.db.insert(activityFindings).values({ activityId: ids["荷塘区三月踏察"]!, memberId: memberA, text: "排污口夜间排放" });

  // Monthly reports for March 2024: 荷塘区 on time, 月塘街道 late, the rest missing.
  await t.db.insert(monthlyReports).values([
    { campaignId, committeeId: org.countyA.id, month: "2024-03-01", status: "submitted", submittedAt: new Date("2024-04-03T02:00:00Z"), activitiesHeld: 1, createdBy: org.users.countyA.id, submittedBy: org.users.countyA.id },
    { campaignId, committeeId: org.townA1.id, month: "2024-03-01", status: "submitted", submittedAt: new Date("2024-04-20T02:00:00Z"), activitiesHeld: 0, createdBy: org.users.liaisonA1.id, submittedBy: org.users.liaisonA1.id },
  ]);
});

afterAll(async () => {
  await t?.cleanup();
});

describe("the tasks export", () => {
  it("holds one row per assignment, townships under their county, with Chinese states and dates", async () => {
    // 荷塘区 passes the formula-titled task down to 月塘街道 (the sub-assignment is a row of its own).
    const formulaTask = (await as(org.users.cityStaff.id).task.list({ search: "HYPERLINK" })).items[0]!;
    const detail = await as(org.users.cityStaff.id).task.byId({ id: formulaTask.id });
    const countyA = detail.assignments.find((x) => x.committeeId === org.countyA.id)!;
    const accepted = await as(org.users.countyA.id).assignment.accept({ id: countyA.id, version: countyA.version });
    await as(org.users.countyA.id).assignment.passDown({ id: countyA.id, version: accepted.version, committeeIds: [org.townA1.id] });

    const { name, bytes } = await tasksExport(as(org.users.cityStaff.id), {});
    expect(name).toBe("监督任务");
    const book = await read(bytes);
    expect(Object.keys(book)).toEqual(["任务办理情况", "导出说明"]);
    const sheet = book["任务办理情况"]!;
    expect(sheet.header).toEqual([
      "任务编号", "任务名称", "所属专项", "监督内容", "监督方式", "任务截止日期", "承办单位", "层级", "交办单位", "办理状态", "完成进度", "办理期限", "是否逾期", "下发时间", "签收时间", "上报时间", "办结时间",
    ]);
    expect(sheet.rows.map((r) => [r["任务名称"], r["承办单位"], r["层级"], r["办理状态"], r["是否逾期"]])).toEqual([
      ["=HYPERLINK(\"http://evil\",\"点我\")", "荷塘区政协", "县市区", "已签收", "否"],
      ["=HYPERLINK(\"http://evil\",\"点我\")", "月塘街道", "乡镇（街道）", "待签收", "否"],
      ["芦淞区扬尘治理督办", "芦淞区政协", "县市区", "待签收", "是"],
      ["洣水河排污口踏察", "荷塘区政协", "县市区", "已办结", "否"],
      ["洣水河排污口踏察", "芦淞区政协", "县市区", "进行中", "否"],
    ]);
    const approved = sheet.rows[3]!;
    expect(approved).toMatchObject({ 所属专项: "2024年改善生态环境专项民主监督", 交办单位: "株洲市政协", 完成进度: 100 });
    expect(iso(approved["任务截止日期"])).toBe("2024-10-31T00:00");
    for (const column of ["下发时间", "签收时间", "上报时间", "办结时间"]) expect(approved[column]).toBeInstanceOf(Date);
    expect(sheet.rows[4]!["办结时间"]).toBeNull();
    expect(sheet.rows[1]!["交办单位"]).toBe("荷塘区政协");

    // The formula typed as a title is a text cell, not a formula.
    const cell = sheet.sheet.getRow(2).getCell(2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
  });

  it("takes the task list's filters and refuses counties (the list is the city's)", async () => {
    const city = as(org.users.cityLeader.id);
    const overdue = (await read((await tasksExport(city, { overdue: true })).bytes))["任务办理情况"]!;
    expect(overdue.rows.map((r) => [r["任务名称"], r["承办单位"]])).toEqual([["芦淞区扬尘治理督办", "芦淞区政协"]]);
    // A county filter keeps that county's assignments (and their townships') only.
    const hetang = (await read((await tasksExport(city, { committeeId: org.countyA.id })).bytes))["任务办理情况"]!;
    expect(new Set(hetang.rows.map((r) => r["承办单位"]))).toEqual(new Set(["荷塘区政协", "月塘街道"]));
    const about = (await read((await tasksExport(city, { committeeId: org.countyA.id, search: "洣水河" })).bytes))["导出说明"]!;
    expect(about.sheet.getRow(2).getCell(2).value).toBe("县市区：荷塘区政协；任务名称包含：洣水河");
    await expectTRPCError(tasksExport(as(org.users.countyA.id), {}), "FORBIDDEN");
    await expectTRPCError(tasksExport(as(org.users.otherCountyStaff.id), {}), "FORBIDDEN");
  });
});

describe("the activities export", () => {
  it("lists the activities with their counts and a sheet of registrations with attendance", async () => {
    const book = await read((await activitiesExport(as(org.users.cityStaff.id), {})).bytes);
    expect(Object.keys(book)).toEqual(["活动", "报名及出勤", "导出说明"]);
    const list = book["活动"]!;
    expect(list.rows.map((r) => [r["活动名称"], r["组织单位"], r["状态"], r["已报名"], r["到场"], r["请假"]])).toEqual([
      ["+荷塘区计划中", "荷塘区政协", "计划中", 0, 0, 0],
      ["芦淞区五月踏察", "芦淞区政协", "已举办", 1, 1, 0],
      ["月塘街道四月板凳会", "月塘街道", "已举办", 0, 0, 0],
      ["荷塘区三月踏察", "荷塘区政协", "已举办", 2, 1, 1],
    ]);
    expect(list.rows[1]).toMatchObject({ 活动形式: "踏察", 地点: "渌江沿岸", 所属专项: "2024年改善生态环境专项民主监督" });
    // 09:00 in China.
    expect(iso(list.rows[1]!["开始时间"])).toBe("2024-05-15T09:00");
    const regs = book["报名及出勤"]!;
    expect(regs.header).toEqual(["活动编号", "活动名称", "活动时间", "委员", "界别", "所属组织", "报名状态", "报名时间", "出勤", "签到时间", "签到方式", "备注"]);
    expect(regs.rows.map((r) => [r["活动名称"], r["委员"], r["所属组织"], r["出勤"], r["签到方式"], r["备注"]])).toEqual([
      ["芦淞区五月踏察", "芦淞委员乙", "芦淞区政协", "迟到", "工作人员登记", null],
      ["荷塘区三月踏察", "荷塘委员甲", "荷塘区政协", "出席", "扫码签到", null],
      ["荷塘区三月踏察", "@包建国", "荷塘区政协", "请假", null, "=出差"],
    ]);
    expect(iso(regs.rows[1]!["签到时间"])).toBe("2024-03-10T09:05");
    // Text that starts like a formula stays text.
    for (const [sheet, row, col] of [[list, 2, 2], [regs, 4, 4], [regs, 4, 12]] as const) {
      const cell = sheet.sheet.getRow(row).getCell(col);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt).toBe("@");
    }
  });

  it("keeps a county to its own subtree and takes the list's filters", async () => {
    const hetang = await read((await activitiesExport(as(org.users.countyA.id), {})).bytes);
    expect(hetang["活动"]!.rows.map((r) => r["活动名称"])).toEqual(["+荷塘区计划中", "月塘街道四月板凳会", "荷塘区三月踏察"]);
    expect(hetang["报名及出勤"]!.rows.some((r) => String(r["活动名称"]).includes("芦淞"))).toBe(false);
    const held = await read((await activitiesExport(as(org.users.countyA.id), { status: "held", month: "2024-03" })).bytes);
    expect(held["活动"]!.rows.map((r) => r["活动名称"])).toEqual(["荷塘区三月踏察"]);
    await expectTRPCError(activitiesExport(as(org.users.memberA.id), {}), "FORBIDDEN");
  });
});

describe("the coverage export", () => {
  it("writes the matrix as the page shows it, with totals and gaps marked", async () => {
    const book = await read((await coverageExport(as(org.users.cityLeader.id), { campaignId })).bytes);
    const sheet = book["活动覆盖"]!;
    const months = ["2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"];
    expect(sheet.header).toEqual(["组织", "层级", "口径", ...months, "合计", "缺月"]);
    const line = (r: Record<string, unknown>) => [r["组织"], r["口径"], ...months.slice(0, 3).map((m) => r[m]), r["合计"], r["缺月"]];
    expect(sheet.rows.map(line)).toEqual([
      ["株洲市政协", "本级", 0, 0, 0, 0, 10],
      ["荷塘区政协", "含乡镇（街道）", 1, 1, 0, 2, 8],
      ["荷塘区政协", "本级", 1, 0, 0, 1, 9],
      ["月塘街道", "本级", 0, 1, 0, 1, 9],
      ["仙庾镇", "本级", 0, 0, 0, 0, 10],
      ["芦淞区政协", "含乡镇（街道）", 0, 0, 1, 1, 9],
      ["芦淞区政协", "本级", 0, 0, 1, 1, 9],
      ["白关镇", "本级", 0, 0, 0, 0, 10],
      ["合计", null, 1, 1, 1, 3, null],
    ]);
    // A gap (荷塘区, May) is filled red; a month with activities is not.
    const hetang = sheet.sheet.getRow(3);
    const may = sheet.header.indexOf("2024-05") + 1;
    expect((hetang.getCell(may).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFEE2E2");
    expect((hetang.getCell(may - 2).fill as ExcelJS.FillPattern).fgColor?.argb).not.toBe("FFFEE2E2");
    // A county's breakdown is indented under it.
    expect(sheet.sheet.getRow(4).getCell(1).alignment?.indent).toBe(2);
    expect(hetang.getCell(1).alignment?.indent).toBeUndefined();
  });

  it("shows a county only itself and its townships", async () => {
    const sheet = (await read((await coverageExport(as(org.users.countyB.id), { year: 2024 })).bytes))["活动覆盖"]!;
    expect(sheet.rows.map((r) => r["组织"])).toEqual(["芦淞区政协", "白关镇", "合计"]);
    expect(sheet.rows.at(-1)!["合计"]).toBe(1);
    // Months not yet begun are left empty, as the page shows a dash.
    const future = (await read((await coverageExport(as(org.users.countyB.id), { year: 2099 })).bytes))["活动覆盖"]!;
    expect(future.rows[0]!["2099-01"]).toBeNull();
    expect(future.rows[0]!["缺月"]).toBe(0);
    await expectTRPCError(coverageExport(as(org.users.memberA.id), { year: 2024 }), "FORBIDDEN");
  });
});

describe("the monthly-report status export", () => {
  it("lists every county and township in scope with its state in Chinese", async () => {
    const { name, bytes } = await monthlyReportsExport(as(org.users.cityStaff.id), { campaignId, month: "2024-03" });
    expect(name).toBe("月报情况-2024-03");
    const sheet = (await read(bytes))["月报情况 2024-03"]!;
    expect(sheet.header).toEqual(["组织", "层级", "所属县市区", "状态", "提交时间", "截止日期", "有未提交草稿", "月内活动次数"]);
    expect(sheet.rows.map((r) => [r["组织"], r["所属县市区"], r["状态"]])).toEqual([
      ["荷塘区政协", "荷塘区政协", "已提交"],
      ["月塘街道", "荷塘区政协", "逾期提交"],
      ["仙庾镇", "荷塘区政协", "未提交"],
      ["芦淞区政协", "芦淞区政协", "未提交"],
      ["白关镇", "芦淞区政协", "未提交"],
    ]);
    expect(iso(sheet.rows[0]!["提交时间"])).toBe("2024-04-03T10:00");
    expect(iso(sheet.rows[0]!["截止日期"])).toBe("2024-04-05T00:00");
    expect(sheet.rows[0]!["月内活动次数"]).toBe(1);
  });

  it("keeps a county to its own townships", async () => {
    const sheet = (await read((await monthlyReportsExport(as(org.users.countyB.id), { campaignId, month: "2024-03" })).bytes))["月报情况 2024-03"]!;
    expect(sheet.rows.map((r) => r["组织"])).toEqual(["芦淞区政协", "白关镇"]);
  });
});

describe("the points export", () => {
  it("ranks every member of the scope with the counts behind the points", async () => {
    const { name, bytes } = await pointsExport(as(org.users.cityStaff.id), { year: 2024 });
    expect(name).toBe("委员积分排名-2024年");
    const book = await read(bytes);
    const sheet = book["积分排名 2024"]!;
    expect(sheet.header).toEqual(["名次", "委员", "界别", "所属组织", "出席次数", "迟到次数", "缺席次数", "请假次数", "履职发现次数", "积分"]);
    // Default rules: present 5, late 3, finding 2.
    expect(sheet.rows.slice(0, 2).map((r) => [r["名次"], r["委员"], r["出席次数"], r["迟到次数"], r["履职发现次数"], r["积分"]])).toEqual([
      [1, "荷塘委员甲", 1, 0, 1, 7],
      [2, "芦淞委员乙", 0, 1, 0, 3],
    ]);
    expect(sheet.rows.map((r) => r["委员"])).toContain("市委员丙");
    const about = book["导出说明"]!;
    expect(String(about.sheet.getRow(2).getCell(2).value)).toContain("积分规则：出席 5 分");
  });

  it("keeps a county to its own members, also when asking for another county", async () => {
    const lusong = as(org.users.countyB.id);
    const own = (await read((await pointsExport(lusong, { year: 2024 })).bytes))["积分排名 2024"]!;
    expect(own.rows.map((r) => r["委员"])).toEqual(["芦淞委员乙"]);
    const other = (await read((await pointsExport(lusong, { year: 2024, committeeId: org.countyA.id })).bytes))["积分排名 2024"]!;
    expect(other.rows).toEqual([]);
    await expectTRPCError(pointsExport(as(org.users.memberA.id), { year: 2024 }), "FORBIDDEN");
  });
});
