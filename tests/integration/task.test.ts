import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, count, DEFAULT_FOCUS_AREAS, DEFAULT_METHODS, eq, inArray } from "@dm/db";
import { assignmentEvents, assignments, auditEvents, notifications, tasks } from "@dm/db/schema";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createCampaign, createOrg, createTask, currentOf, driveAssignment, FUTURE_DEADLINE, type Org, PAST_DEADLINE, taskInput } from "./support/fixtures";
import { callerFor, expectTRPCError } from "./support/trpc";

let t: TestDatabase;
let org: Org;
let campaignId: number;

beforeAll(async () => {
  t = await freshDatabase();
  org = await createOrg(t.db);
  campaignId = await createCampaign(t.db, org.users.cityStaff.id);
});

afterAll(async () => {
  await t?.cleanup();
});

/** Row counts of everything creating a task writes. */
async function totals() {
  const n = async (table: typeof tasks | typeof assignments | typeof assignmentEvents | typeof notifications | typeof auditEvents) => (await t.db.select({ n: count() }).from(table))[0]!.n;
  return { tasks: await n(tasks), assignments: await n(assignments), events: await n(assignmentEvents), notifications: await n(notifications), audits: await n(auditEvents) };
}

describe("task.create: who may", () => {
  it("is FORBIDDEN for county staff, township liaisons and members, and writes no task, assignment or notification", async () => {
    const before = await totals();
    for (const user of [org.users.countyA, org.users.countyB, org.users.liaisonA1, org.users.memberA, org.users.cityMember]) {
      const { shape } = await expectTRPCError(callerFor(t.db, user.id).task.create(taskInput(campaignId, [org.countyA.id])), "FORBIDDEN");
      expect(shape.message).toBe("您没有权限执行此操作");
    }
    expect(await totals()).toEqual(before);
  });

  it("is NOT_FOUND for another city's staff (the campaign is not theirs to see), and writes nothing", async () => {
    const before = await totals();
    await expectTRPCError(callerFor(t.db, org.users.otherCityStaff.id).task.create(taskInput(campaignId, [org.otherCounty.id])), "NOT_FOUND");
    expect(await totals()).toEqual(before);
  });

  it("is UNAUTHORIZED when signed out", async () => {
    await expectTRPCError(callerFor(t.db, null).task.create(taskInput(campaignId, [org.countyA.id])), "UNAUTHORIZED");
  });
});

describe("task.create: what it checks", () => {
  const refusals: [string, () => ReturnType<typeof taskInput>, string][] = [
    ["a focus area not in the campaign", () => taskInput(campaignId, [org.countyA.id], { focusArea: "不在本专项的内容" }), "请从本专项的监督内容中选择"],
    ["a method not in the campaign", () => taskInput(campaignId, [org.countyA.id], { method: "暗访式监督" }), "请从本专项的监督方式中选择"],
    ["a deadline before the campaign starts", () => taskInput(campaignId, [org.countyA.id], { deadline: "2023-02-28" }), "截止日期应在专项起止日期之内"],
    ["a deadline after the campaign ends", () => taskInput(campaignId, [org.countyA.id], { deadline: "2036-01-01" }), "截止日期应在专项起止日期之内"],
    ["a township", () => taskInput(campaignId, [org.townA1.id]), "任务只能下发给县市区政协"],
    ["a county and a township", () => taskInput(campaignId, [org.countyA.id, org.townB1.id]), "任务只能下发给县市区政协"],
    ["another city's county", () => taskInput(campaignId, [org.countyA.id, org.otherCounty.id]), "任务只能下发给县市区政协"],
    ["the city itself", () => taskInput(campaignId, [org.city.id]), "任务只能下发给县市区政协"],
    ["a committee that does not exist", () => taskInput(campaignId, [999_999]), "任务只能下发给县市区政协"],
    ["a responsible leader who is not a chair-meeting member", () => taskInput(campaignId, [org.countyA.id], { responsibleLeaderId: org.users.cityStaff.id }), "联系县市区的须为主席会议成员"],
  ];

  it.each(refusals)("refuses %s with BAD_REQUEST in Chinese, and writes nothing", async (_what, input, message) => {
    const before = await totals();
    const { shape } = await expectTRPCError(callerFor(t.db, org.users.cityStaff.id).task.create(input()), "BAD_REQUEST");
    expect(shape.message).toBe(message);
    expect(await totals()).toEqual(before);
  });

  it("words the refusal in English for en", async () => {
    const { shape } = await expectTRPCError(
      callerFor(t.db, org.users.cityStaff.id, { locale: "en" }).task.create(taskInput(campaignId, [org.countyA.id], { focusArea: "不在本专项的内容" })),
      "BAD_REQUEST",
    );
    expect(shape.message).toBe("Choose one of the campaign's focus areas");
  });

  it("needs at least one county", async () => {
    const { shape } = await expectTRPCError(callerFor(t.db, org.users.cityStaff.id).task.create(taskInput(campaignId, [])), "BAD_REQUEST");
    expect(Object.keys(shape.data.fieldErrors ?? {})).toEqual(["committeeIds"]);
  });
});

describe("task.create: sending", () => {
  it("creates one 待签收 assignment per county with its 'sent' event, tells each county's staff, and audits", async () => {
    const before = await totals();
    const { cityStaff, cityLeader, countyA, countyA2, countyB } = org.users;
    const { id } = await callerFor(t.db, cityStaff.id).task.create(
      taskInput(campaignId, [org.countyA.id, org.countyB.id, org.countyA.id], {
        title: "对河长制、田长制、林长制贯彻实施情况进行专项视察",
        deadline: "2024-09-30",
        responsibleLeaderId: cityLeader.id,
      }),
    );
    const [task] = await t.db.select().from(tasks).where(eq(tasks.id, id));
    expect(task).toMatchObject({
      campaignId,
      committeeId: org.city.id,
      title: "对河长制、田长制、林长制贯彻实施情况进行专项视察",
      focusArea: DEFAULT_FOCUS_AREAS[1],
      method: DEFAULT_METHODS[0],
      deadline: "2024-09-30",
      responsibleLeaderId: cityLeader.id,
      createdBy: cityStaff.id,
      version: 1,
    });

    const rows = await t.db.select().from(assignments).where(eq(assignments.taskId, id)).orderBy(asc(assignments.committeeId));
    expect(rows.map((a) => ({ committeeId: a.committeeId, issuer: a.issuerCommitteeId, parentId: a.parentId, sentBy: a.sentBy, status: a.status, deadline: a.deadline, percent: a.percent, version: a.version }))).toEqual(
      [org.countyA.id, org.countyB.id].map((committeeId) => ({ committeeId, issuer: org.city.id, parentId: null, sentBy: cityStaff.id, status: "sent", deadline: "2024-09-30", percent: 0, version: 1 })),
    );

    const events = await t.db.select().from(assignmentEvents).where(inArray(assignmentEvents.assignmentId, rows.map((a) => a.id))).orderBy(asc(assignmentEvents.assignmentId));
    expect(events.map((e) => ({ assignmentId: e.assignmentId, type: e.type, actor: e.actorUserId, from: e.fromStatus, to: e.toStatus }))).toEqual(
      rows.map((a) => ({ assignmentId: a.id, type: "sent", actor: cityStaff.id, from: null, to: "sent" })),
    );

    const notes = await t.db.select().from(notifications).where(eq(notifications.title, "对河长制、田长制、林长制贯彻实施情况进行专项视察")).orderBy(asc(notifications.userId));
    const idOf = new Map(rows.map((a) => [a.committeeId, a.id]));
    // Both active staff of 荷塘区 and the one of 芦淞区; not the disabled account, the city, the townships or the members.
    expect(notes.map((n) => ({ userId: n.userId, kind: n.kind, link: n.link, readAt: n.readAt }))).toEqual([
      { userId: countyA.id, kind: "assignment.sent", link: `/assignments/${idOf.get(org.countyA.id)}`, readAt: null },
      { userId: countyA2.id, kind: "assignment.sent", link: `/assignments/${idOf.get(org.countyA.id)}`, readAt: null },
      { userId: countyB.id, kind: "assignment.sent", link: `/assignments/${idOf.get(org.countyB.id)}`, readAt: null },
    ]);

    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "task.create")).orderBy(asc(auditEvents.id));
    expect(audit).toMatchObject({ entityType: "task", entityId: String(id), actorUserId: cityStaff.id });

    const after = await totals();
    expect(after).toEqual({ tasks: before.tasks + 1, assignments: before.assignments + 2, events: before.events + 2, notifications: before.notifications + 3, audits: before.audits + 1 });
  });

  it("lets a city leader send a task too", async () => {
    const { id, assignmentIds } = await createTask(t.db, org.users.cityLeader.id, campaignId, [org.countyB.id], { title: "对清水塘老工业区生态修复情况进行调研" });
    expect([...assignmentIds.keys()]).toEqual([org.countyB.id]);
    const [task] = await t.db.select({ createdBy: tasks.createdBy }).from(tasks).where(eq(tasks.id, id));
    expect(task!.createdBy).toBe(org.users.cityLeader.id);
  });

  it("shows the city the task with every county's progress and timeline", async () => {
    const { id, assignmentIds } = await createTask(t.db, org.users.cityStaff.id, campaignId, [org.countyA.id, org.countyB.id], { title: "对湘江干流岸线整治进行视察", responsibleLeaderId: org.users.cityLeader.id });
    const detail = await callerFor(t.db, org.users.cityLeader.id).task.byId({ id });
    expect(detail).toMatchObject({ id, title: "对湘江干流岸线整治进行视察", campaignTitle: "2023年改善生态环境专项民主监督", responsibleLeaderName: "王建华", canEdit: true });
    expect(detail.assignments.map((a) => ({ id: a.id, committeeName: a.committeeName, status: a.status, overdue: a.overdue, events: a.events.map((e) => [e.type, e.actorName]) }))).toEqual([
      { id: assignmentIds.get(org.countyA.id), committeeName: "荷塘区政协", status: "sent", overdue: false, events: [["sent", "陈静"]] },
      { id: assignmentIds.get(org.countyB.id), committeeName: "芦淞区政协", status: "sent", overdue: false, events: [["sent", "陈静"]] },
    ]);
    const forCounty = await callerFor(t.db, org.users.countyA.id).task.byId({ id });
    expect(forCounty.canEdit).toBe(false);
  });
});

describe("task.update", () => {
  it("edits with the version it read, sends to a further county, and refuses a stale version", async () => {
    const { id, assignmentIds } = await createTask(t.db, org.users.cityStaff.id, campaignId, [org.countyA.id], { title: "对渌江水质保护进行调研" });
    const staff = callerFor(t.db, org.users.cityStaff.id);
    const data = { ...taskInput(campaignId, []), title: "对渌江水质保护进行专题调研" };
    expect(await staff.task.update({ id, version: 1, data, addCommitteeIds: [org.countyB.id] })).toEqual({ id, version: 2 });
    const rows = await t.db.select({ committeeId: assignments.committeeId, status: assignments.status }).from(assignments).where(eq(assignments.taskId, id)).orderBy(asc(assignments.committeeId));
    expect(rows).toEqual([
      { committeeId: org.countyA.id, status: "sent" },
      { committeeId: org.countyB.id, status: "sent" },
    ]);
    expect(assignmentIds.size).toBe(1);
    // 荷塘区 heard of it when it was created; 芦淞区 when it was added, under the new title.
    const toA = await t.db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.title, "对渌江水质保护进行调研"));
    expect(toA.map((n) => n.userId).sort()).toEqual([org.users.countyA.id, org.users.countyA2.id].sort());
    const toB = await t.db.select({ userId: notifications.userId, kind: notifications.kind }).from(notifications).where(eq(notifications.title, "对渌江水质保护进行专题调研"));
    expect(toB).toEqual([{ userId: org.users.countyB.id, kind: "assignment.sent" }]);

    const before = await t.db.select().from(tasks).where(eq(tasks.id, id));
    const { shape } = await expectTRPCError(staff.task.update({ id, version: 1, data: { ...data, title: "过期的修改" } }), "CONFLICT");
    expect(shape.message).toBe("该任务已被他人修改，请刷新后重试");
    expect(currentOf(shape)).toEqual({ version: 2 });
    expect(await t.db.select().from(tasks).where(eq(tasks.id, id))).toEqual(before);
    await expectTRPCError(callerFor(t.db, org.users.countyA.id).task.update({ id, version: 2, data }), "FORBIDDEN");
  });
});

describe("task.list for the city", () => {
  let listCampaign: number, otherCampaign: number;
  const ids: Record<"t1" | "t2" | "t3" | "t4" | "t5", number> = { t1: 0, t2: 0, t3: 0, t4: 0, t5: 0 };
  const [FA0, FA1, FA2] = DEFAULT_FOCUS_AREAS;

  beforeAll(async () => {
    const staff = org.users.cityStaff.id;
    listCampaign = await createCampaign(t.db, staff, { title: "列表专项", year: 2027 });
    otherCampaign = await createCampaign(t.db, staff, { title: "另一专项", year: 2028 });
    const a = { assignee: org.users.countyA.id, reviewer: org.users.cityLeader.id };
    const b = { assignee: org.users.countyB.id, reviewer: org.users.cityLeader.id };

    // t1: both counties, A approved, B reported.
    const t1 = await createTask(t.db, staff, listCampaign, [org.countyA.id, org.countyB.id], { title: "湘江岸线整治视察", focusArea: FA0 });
    await driveAssignment(t.db, t1.assignmentIds.get(org.countyA.id)!, "approved", a);
    await driveAssignment(t.db, t1.assignmentIds.get(org.countyB.id)!, "reported", b);
    // t2: A only, past its deadline and still 待签收: overdue.
    const t2 = await createTask(t.db, staff, listCampaign, [org.countyA.id], { title: "洣水河排污踏察", focusArea: FA1, deadline: PAST_DEADLINE });
    // t3: B only, past its deadline but approved: not overdue.
    const t3 = await createTask(t.db, staff, listCampaign, [org.countyB.id], { title: "渌江水质调研", focusArea: FA1, deadline: PAST_DEADLINE });
    await driveAssignment(t.db, t3.assignmentIds.get(org.countyB.id)!, "approved", b);
    // t4: both, A accepted (and passed down to a township that has not signed), B in progress.
    const t4 = await createTask(t.db, staff, listCampaign, [org.countyA.id, org.countyB.id], { title: "白石港 100% 清淤", focusArea: FA2, deadline: FUTURE_DEADLINE });
    const t4a = t4.assignmentIds.get(org.countyA.id)!;
    const version = await driveAssignment(t.db, t4a, "accepted", a);
    await callerFor(t.db, org.users.countyA.id).assignment.passDown({ id: t4a, version, committeeIds: [org.townA1.id] });
    await driveAssignment(t.db, t4.assignmentIds.get(org.countyB.id)!, "in_progress", b);
    // t5: another campaign, A only, overdue.
    const t5 = await createTask(t.db, staff, otherCampaign, [org.countyA.id], { title: "枫溪港治理", focusArea: FA0, deadline: PAST_DEADLINE });
    Object.assign(ids, { t1: t1.id, t2: t2.id, t3: t3.id, t4: t4.id, t5: t5.id });
  });

  const list = (input: Parameters<ReturnType<typeof callerFor>["task"]["list"]>[0]) => callerFor(t.db, org.users.cityStaff.id).task.list(input);
  const idsOf = async (input: Parameters<typeof list>[0]) => (await list(input)).items.map((i) => i.id);

  it("filters by campaign, newest first, with the total", async () => {
    const result = await list({ campaignId: listCampaign });
    expect(result.items.map((i) => i.id)).toEqual([ids.t4, ids.t3, ids.t2, ids.t1]);
    expect(result).toMatchObject({ total: 4, page: 1, pageSize: 20 });
    expect(await idsOf({ campaignId: otherCampaign })).toEqual([ids.t5]);
  });

  it("counts each task's county assignments by status (townships not counted), with overdue", async () => {
    const items = new Map((await list({ campaignId: listCampaign })).items.map((i) => [i.id, i]));
    expect(items.get(ids.t1)).toMatchObject({ byStatus: { approved: 1, reported: 1 }, total: 2, overdue: 0, title: "湘江岸线整治视察", focusArea: FA0 });
    expect(items.get(ids.t2)).toMatchObject({ byStatus: { sent: 1 }, total: 1, overdue: 1, deadline: PAST_DEADLINE });
    expect(items.get(ids.t3)).toMatchObject({ byStatus: { approved: 1 }, total: 1, overdue: 0 });
    expect(items.get(ids.t4)).toMatchObject({ byStatus: { accepted: 1, in_progress: 1 }, total: 2, overdue: 0 });
    expect(Object.keys(items.get(ids.t4)!.byStatus).sort()).toEqual(["accepted", "in_progress"]);
  });

  it("filters by status of a county assignment (not a township's)", async () => {
    expect(await idsOf({ campaignId: listCampaign, status: "approved" })).toEqual([ids.t3, ids.t1]);
    expect(await idsOf({ campaignId: listCampaign, status: "reported" })).toEqual([ids.t1]);
    expect(await idsOf({ campaignId: listCampaign, status: "in_progress" })).toEqual([ids.t4]);
    expect(await idsOf({ campaignId: listCampaign, status: "accepted" })).toEqual([ids.t4]);
    // t4's township sub-assignment is 待签收, but the filter looks at county assignments only.
    expect(await idsOf({ campaignId: listCampaign, status: "sent" })).toEqual([ids.t2]);
  });

  it("filters by county, and by status and county on the same assignment", async () => {
    expect(await idsOf({ campaignId: listCampaign, committeeId: org.countyA.id })).toEqual([ids.t4, ids.t2, ids.t1]);
    expect(await idsOf({ campaignId: listCampaign, committeeId: org.countyB.id })).toEqual([ids.t4, ids.t3, ids.t1]);
    expect(await idsOf({ campaignId: listCampaign, committeeId: org.countyB.id, status: "approved" })).toEqual([ids.t3]);
    expect(await idsOf({ campaignId: listCampaign, committeeId: org.countyA.id, status: "approved" })).toEqual([ids.t1]);
    // A township is never a county assignment of the city's list.
    expect(await idsOf({ campaignId: listCampaign, committeeId: org.townA1.id })).toEqual([]);
  });

  it("filters by focus area", async () => {
    expect(await idsOf({ campaignId: listCampaign, focusArea: FA1 })).toEqual([ids.t3, ids.t2]);
    expect(await idsOf({ campaignId: listCampaign, focusArea: FA2 })).toEqual([ids.t4]);
    expect(await idsOf({ campaignId: listCampaign, focusArea: DEFAULT_FOCUS_AREAS[5] })).toEqual([]);
  });

  it("filters overdue: deadline passed and not approved", async () => {
    expect(await idsOf({ campaignId: listCampaign, overdue: true })).toEqual([ids.t2]);
    const all = await idsOf({ overdue: true });
    expect(all).toContain(ids.t5);
    expect(all).toContain(ids.t2);
    expect(all).not.toContain(ids.t3);
    expect(all).not.toContain(ids.t1);
  });

  it("flags overdue the same way in the county's inbox and on the task", async () => {
    const inbox = await callerFor(t.db, org.users.countyA.id).assignment.inbox({ overdue: true });
    const overdueTasks = inbox.items.map((i) => i.taskId);
    expect(overdueTasks).toContain(ids.t2);
    expect(overdueTasks).toContain(ids.t5);
    for (const id of [ids.t1, ids.t3, ids.t4]) expect(overdueTasks).not.toContain(id);
    for (const item of inbox.items) {
      expect(item.overdue).toBe(true);
      expect(item.status).not.toBe("approved");
      expect(item.deadline < FUTURE_DEADLINE).toBe(true);
    }
    const all = await callerFor(t.db, org.users.countyA.id).assignment.inbox({ search: "湘江岸线" });
    expect(all.items.map((i) => ({ taskId: i.taskId, status: i.status, overdue: i.overdue }))).toEqual([{ taskId: ids.t1, status: "approved", overdue: false }]);
    const t3 = await callerFor(t.db, org.users.cityStaff.id).task.byId({ id: ids.t3 });
    expect(t3.assignments.map((a) => ({ status: a.status, deadline: a.deadline, overdue: a.overdue }))).toEqual([{ status: "approved", deadline: PAST_DEADLINE, overdue: false }]);
    const t2 = await callerFor(t.db, org.users.countyA.id).task.byId({ id: ids.t2 });
    expect(t2.assignments.map((a) => ({ status: a.status, overdue: a.overdue }))).toEqual([{ status: "sent", overdue: true }]);
  });

  it("searches titles, treating % literally", async () => {
    expect(await idsOf({ campaignId: listCampaign, search: "洣水" })).toEqual([ids.t2]);
    expect(await idsOf({ campaignId: listCampaign, search: "水" })).toEqual([ids.t3, ids.t2]);
    expect(await idsOf({ campaignId: listCampaign, search: "100%" })).toEqual([ids.t4]);
    expect(await idsOf({ campaignId: listCampaign, search: "%" })).toEqual([ids.t4]);
    expect(await idsOf({ campaignId: listCampaign, search: "_" })).toEqual([]);
    expect(await idsOf({ search: "枫溪港" })).toEqual([ids.t5]);
  });

  it("combines filters", async () => {
    expect(await idsOf({ campaignId: listCampaign, focusArea: FA1, status: "approved" })).toEqual([ids.t3]);
    expect(await idsOf({ campaignId: listCampaign, focusArea: FA1, overdue: true, committeeId: org.countyB.id })).toEqual([]);
    expect(await idsOf({ campaignId: otherCampaign, search: "湘江" })).toEqual([]);
  });

  it("pages 20 at a time with a stable total", async () => {
    const pagingCampaign = await createCampaign(t.db, org.users.cityStaff.id, { title: "翻页专项", year: 2029 });
    // Written directly: paging is about the list, not about sending (tested above).
    const rows = await t.db
      .insert(tasks)
      .values(
        Array.from({ length: 23 }, (_, i) => ({
          campaignId: pagingCampaign,
          committeeId: org.city.id,
          title: `翻页任务${String(i + 1).padStart(2, "0")}`,
          focusArea: FA0,
          method: DEFAULT_METHODS[0],
          deadline: FUTURE_DEADLINE,
          createdBy: org.users.cityStaff.id,
        })),
      )
      .returning({ id: tasks.id });
    const created = rows.map((r) => r.id).sort((x, y) => x - y);
    const page1 = await list({ campaignId: pagingCampaign });
    const page2 = await list({ campaignId: pagingCampaign, page: 2 });
    const page3 = await list({ campaignId: pagingCampaign, page: 3 });
    expect([page1.total, page2.total, page3.total]).toEqual([23, 23, 23]);
    expect(page1.items).toHaveLength(20);
    expect(page2.items).toHaveLength(3);
    expect(page3.items).toEqual([]);
    expect([...page1.items, ...page2.items].map((i) => i.id)).toEqual([...created].reverse());
    const search = await list({ campaignId: pagingCampaign, search: "翻页任务0", page: 1 });
    expect(search.total).toBe(9);
  });

  it("is FORBIDDEN for county staff, township liaisons and members", async () => {
    for (const user of [org.users.countyA, org.users.liaisonA1, org.users.memberA, org.users.cityMember]) {
      await expectTRPCError(callerFor(t.db, user.id).task.list({}), "FORBIDDEN");
    }
  });

  it("shows another city none of these tasks", async () => {
    const result = await callerFor(t.db, org.users.otherCityStaff.id).task.list({});
    expect(result).toMatchObject({ items: [], total: 0 });
  });
});
