import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, count, eq, inArray, sql } from "@dm/db";
import { assignmentEvents, assignments, attachments, auditEvents, notifications } from "@dm/db/schema";
import { type TestDatabase, freshDatabase } from "./support/db";
import { assignmentRow, createCampaign, createOrg, createTask, currentOf, driveAssignment, type Org, snapshot } from "./support/fixtures";
import { callerFor, type ErrorShape, expectTRPCError } from "./support/trpc";

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

const as = (user: { id: number }, locale?: "en") => callerFor(t.db, user.id, locale ? { locale } : {});

/** A new task sent by the city staff; returns its id and the assignment ids of each county. */
async function send(committeeIds: number[], title = "对洣水河排污治理情况进行踏察监督") {
  const { id, assignmentIds } = await createTask(t.db, org.users.cityStaff.id, campaignId, committeeIds, { title });
  return { taskId: id, a: assignmentIds.get(org.countyA.id)!, b: assignmentIds.get(org.countyB.id)! };
}

const countyADrive = () => ({ assignee: org.users.countyA.id, reviewer: org.users.cityStaff.id });

/** The call must fail with `code` and leave the assignment, its timeline, children, notifications and audit untouched. */
async function refused(assignmentId: number, call: () => Promise<unknown>, code: TRPCError["code"]): Promise<ErrorShape> {
  const before = await snapshot(t.db, assignmentId);
  const { shape } = await expectTRPCError(call(), code);
  expect(await snapshot(t.db, assignmentId)).toEqual(before);
  return shape;
}

async function timelineOf(assignmentId: number) {
  const rows = await t.db.select().from(assignmentEvents).where(eq(assignmentEvents.assignmentId, assignmentId)).orderBy(asc(assignmentEvents.id));
  return rows.map((e) => ({ type: e.type, from: e.fromStatus, to: e.toStatus, actor: e.actorUserId, comment: e.comment, percent: e.percent }));
}

async function notificationsOf(userId: number) {
  return t.db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(asc(notifications.id));
}

/** An uploaded, not yet bound file, as the upload route would leave it. */
async function upload(uploadedBy: number, fileName: string) {
  const [row] = await t.db
    .insert(attachments)
    .values({ storageKey: randomUUID(), fileName, mimeType: "image/jpeg", size: 2048, sha256: "a".repeat(64), uploadedBy })
    .returning();
  return row!;
}

describe("the life cycle of a county assignment", () => {
  let taskId: number, id: number;
  const reason = "整改台账不完整，请补充排污口整治前后对比照片";

  beforeAll(async () => {
    ({ taskId, a: id } = await send([org.countyA.id, org.countyB.id], "对湘江株洲段排污口整治进行踏察监督"));
  });

  it("starts 待签收: the county may only accept, the city may do nothing yet", async () => {
    const forCounty = await as(org.users.countyA).assignment.byId({ id });
    expect(forCounty).toMatchObject({ id, status: "sent", version: 1, percent: 0, committeeName: "荷塘区政协", issuerName: "株洲市政协", allowedActions: ["accept"] });
    expect(forCounty.events.map((e) => [e.type, e.actorName])).toEqual([["sent", "陈静"]]);
    expect((await as(org.users.cityStaff).assignment.byId({ id })).allowedActions).toEqual([]);
  });

  it("accept (签收): 已签收, the sender is told", async () => {
    const result = await as(org.users.countyA).assignment.accept({ id, version: 1 });
    expect(result).toEqual({ id, status: "accepted", version: 2, percent: 0 });
    expect(await assignmentRow(t.db, id)).toMatchObject({ status: "accepted", version: 2 });
    expect((await timelineOf(id)).at(-1)).toEqual({ type: "accepted", from: "sent", to: "accepted", actor: org.users.countyA.id, comment: "", percent: null });
    const told = (await notificationsOf(org.users.cityStaff.id)).filter((n) => n.kind === "assignment.accepted");
    expect(told.map((n) => ({ title: n.title, link: n.link }))).toEqual([{ title: "对湘江株洲段排污口整治进行踏察监督", link: `/tasks/${taskId}` }]);
    expect((await as(org.users.countyA2).assignment.byId({ id })).allowedActions).toEqual(["progress", "report", "passDown"]);
  });

  it("progress (报告进展): 进行中 with the percent, kept on the timeline", async () => {
    const result = await as(org.users.countyA2).assignment.reportProgress({ id, version: 2, text: "已完成沿江12个排污口排查", percent: 40 });
    expect(result).toEqual({ id, status: "in_progress", version: 3, percent: 40 });
    expect((await timelineOf(id)).at(-1)).toEqual({ type: "progress", from: "accepted", to: "in_progress", actor: org.users.countyA2.id, comment: "已完成沿江12个排污口排查", percent: 40 });
  });

  it("refuses a lower percent than the last report, and changes nothing", async () => {
    const shape = await refused(id, () => as(org.users.countyA).assignment.reportProgress({ id, version: 3, text: "倒退", percent: 30 }), "BAD_REQUEST");
    expect(shape.message).toBe("完成进度不能低于上次报告的 40%");
  });

  it("refuses a completion report below 100%, and changes nothing", async () => {
    const shape = await refused(id, () => as(org.users.countyA).assignment.reportProgress({ id, version: 3, text: "基本完成", percent: 90, complete: true }), "BAD_REQUEST");
    expect(shape.message).toBe("上报完成时进度应为 100%");
  });

  it("refuses someone else's upload on a report, and changes nothing", async () => {
    const theirs = await upload(org.users.countyB.id, "芦淞的照片.jpg");
    const shape = await refused(id, () => as(org.users.countyA).assignment.reportProgress({ id, version: 3, text: "附上照片", percent: 50, attachmentIds: [theirs.id] }), "BAD_REQUEST");
    expect(shape.message).toBe("附件不存在或已被使用");
    const [row] = await t.db.select().from(attachments).where(eq(attachments.id, theirs.id));
    expect(row).toMatchObject({ ownerType: null, ownerId: null });
  });

  it("report complete (上报完成) with a photo: 已上报 at 100%, the sender is told, the reviewer may approve or return", async () => {
    const photo = await upload(org.users.countyA.id, "排污口整治前后对比.jpg");
    const result = await as(org.users.countyA).assignment.reportProgress({ id, version: 3, text: "12个排污口已全部完成整治", percent: 100, complete: true, attachmentIds: [photo.id] });
    expect(result).toEqual({ id, status: "reported", version: 4, percent: 100 });
    const [event] = await t.db.select().from(assignmentEvents).where(and(eq(assignmentEvents.assignmentId, id), eq(assignmentEvents.type, "reported")));
    expect(event).toMatchObject({ fromStatus: "in_progress", toStatus: "reported", actorUserId: org.users.countyA.id, comment: "12个排污口已全部完成整治", percent: 100 });
    const [bound] = await t.db.select().from(attachments).where(eq(attachments.id, photo.id));
    expect(bound).toMatchObject({ ownerType: "assignment_event", ownerId: event!.id });

    const told = (await notificationsOf(org.users.cityStaff.id)).filter((n) => n.kind === "assignment.reported");
    expect(told.map((n) => n.link)).toEqual([`/tasks/${taskId}`]);

    const forCity = await as(org.users.cityLeader).assignment.byId({ id });
    expect(forCity.allowedActions).toEqual(["approve", "return"]);
    expect(forCity.events.at(-1)!.attachments.map((f) => f.fileName)).toEqual(["排污口整治前后对比.jpg"]);
    expect((await as(org.users.countyA).assignment.byId({ id })).allowedActions).toEqual([]);
  });

  it("return (退回) needs a reason", async () => {
    await refused(id, () => as(org.users.cityLeader).assignment.return({ id, version: 4, reason: "   " }), "BAD_REQUEST");
  });

  it("return (退回) with a reason: back to 进行中, the county's staff told, the timeline records who, when and why", async () => {
    const before = Date.now();
    const result = await as(org.users.cityLeader).assignment.return({ id, version: 4, reason });
    expect(result).toEqual({ id, status: "in_progress", version: 5, percent: 100 });
    const [event] = await t.db.select().from(assignmentEvents).where(and(eq(assignmentEvents.assignmentId, id), eq(assignmentEvents.type, "returned")));
    expect(event).toMatchObject({ fromStatus: "reported", toStatus: "in_progress", actorUserId: org.users.cityLeader.id, comment: reason });
    expect(event!.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(event!.at.getTime()).toBeLessThanOrEqual(Date.now() + 1000);

    for (const staff of [org.users.countyA, org.users.countyA2]) {
      const returned = (await notificationsOf(staff.id)).filter((n) => n.kind === "assignment.returned");
      expect(returned.map((n) => ({ title: n.title, link: n.link, readAt: n.readAt }))).toEqual([{ title: "对湘江株洲段排污口整治进行踏察监督", link: `/assignments/${id}`, readAt: null }]);
    }
    expect((await notificationsOf(org.users.countyB.id)).filter((n) => n.kind === "assignment.returned")).toEqual([]);
    expect((await notificationsOf(org.users.countyADisabled.id))).toEqual([]);

    const seen = await as(org.users.countyA).assignment.byId({ id });
    expect(seen.status).toBe("in_progress");
    expect(seen.events.at(-1)).toMatchObject({ type: "returned", actorName: "王建华", comment: reason });
    expect(seen.allowedActions).toEqual(["progress", "report", "passDown"]);
  });

  it("after a return, the next report may be lower; the one after may not fall below it", async () => {
    const result = await as(org.users.countyA).assignment.reportProgress({ id, version: 5, text: "按要求补充对比照片，重新核查", percent: 80 });
    expect(result).toEqual({ id, status: "in_progress", version: 6, percent: 80 });
    const shape = await refused(id, () => as(org.users.countyA).assignment.reportProgress({ id, version: 6, text: "再次倒退", percent: 70 }), "BAD_REQUEST");
    expect(shape.message).toBe("完成进度不能低于上次报告的 80%");
  });

  it("report again, then approve (审核办结): 已办结, never overdue", async () => {
    await as(org.users.countyA).assignment.reportProgress({ id, version: 6, text: "已补充全部材料", percent: 100, complete: true });
    const result = await as(org.users.cityStaff).assignment.approve({ id, version: 7, comment: "同意办结" });
    expect(result).toEqual({ id, status: "approved", version: 8, percent: 100 });
    const row = await assignmentRow(t.db, id);
    expect(row).toMatchObject({ status: "approved", version: 8, percent: 100 });
    expect(row.approvedAt).toBeInstanceOf(Date);
    const seen = await as(org.users.countyA).assignment.byId({ id });
    expect(seen).toMatchObject({ status: "approved", overdue: false, allowedActions: [] });
  });

  it("keeps every step on the timeline, in order, never overwritten", async () => {
    const { cityStaff, cityLeader, countyA, countyA2 } = org.users;
    expect(await timelineOf(id)).toEqual([
      { type: "sent", from: null, to: "sent", actor: cityStaff.id, comment: "", percent: null },
      { type: "accepted", from: "sent", to: "accepted", actor: countyA.id, comment: "", percent: null },
      { type: "progress", from: "accepted", to: "in_progress", actor: countyA2.id, comment: "已完成沿江12个排污口排查", percent: 40 },
      { type: "reported", from: "in_progress", to: "reported", actor: countyA.id, comment: "12个排污口已全部完成整治", percent: 100 },
      { type: "returned", from: "reported", to: "in_progress", actor: cityLeader.id, comment: reason, percent: null },
      { type: "progress", from: "in_progress", to: "in_progress", actor: countyA.id, comment: "按要求补充对比照片，重新核查", percent: 80 },
      { type: "reported", from: "in_progress", to: "reported", actor: countyA.id, comment: "已补充全部材料", percent: 100 },
      { type: "approved", from: "reported", to: "approved", actor: cityStaff.id, comment: "同意办结", percent: null },
    ]);
    const audits = await t.db.select({ action: auditEvents.action, actor: auditEvents.actorUserId }).from(auditEvents).where(and(eq(auditEvents.entityType, "assignment"), eq(auditEvents.entityId, String(id)))).orderBy(asc(auditEvents.id));
    expect(audits.map((a) => a.action)).toEqual([
      "assignment.accept",
      "assignment.progress",
      "assignment.report",
      "assignment.return",
      "assignment.progress",
      "assignment.report",
      "assignment.approve",
    ]);
  });

  it("shows the city the whole story on the task, the other county untouched", async () => {
    const detail = await as(org.users.cityStaff).task.byId({ id: taskId });
    const mine = detail.assignments.find((a) => a.id === id)!;
    expect(mine.events.map((e) => e.type)).toEqual(["sent", "accepted", "progress", "reported", "returned", "progress", "reported", "approved"]);
    expect(mine.events[3]!.attachments.map((f) => f.fileName)).toEqual(["排污口整治前后对比.jpg"]);
    const other = detail.assignments.find((a) => a.committeeName === "芦淞区政协")!;
    expect(other).toMatchObject({ status: "sent", version: 1, percent: 0 });
    expect(other.events.map((e) => e.type)).toEqual(["sent"]);
  });
});

describe("the percent rule around a return", () => {
  it("still allows the first report after a return to be lower when the county passed it down in between", async () => {
    const { a: id } = await send([org.countyA.id], "退回后转交再报告");
    let version = await driveAssignment(t.db, id, "reported", countyADrive());
    ({ version } = await as(org.users.cityStaff).assignment.return({ id, version, reason: "需要乡镇配合核查" }));
    ({ version } = await as(org.users.countyA).assignment.passDown({ id, version, committeeIds: [org.townA2.id] }));
    const result = await as(org.users.countyA).assignment.reportProgress({ id, version, text: "重新核查中", percent: 70 });
    expect(result).toMatchObject({ status: "in_progress", percent: 70 });
    const shape = await refused(id, () => as(org.users.countyA).assignment.reportProgress({ id, version: result.version, text: "再降", percent: 60 }), "BAD_REQUEST");
    expect(shape.message).toBe("完成进度不能低于上次报告的 70%");
  });

  it("does not allow a lower percent when the return came before an earlier report", async () => {
    const { a: id } = await send([org.countyA.id], "退回后已报告过");
    let version = await driveAssignment(t.db, id, "reported", countyADrive());
    ({ version } = await as(org.users.cityStaff).assignment.return({ id, version, reason: "补充材料" }));
    ({ version } = await as(org.users.countyA).assignment.reportProgress({ id, version, text: "补充中", percent: 90 }));
    ({ version } = await as(org.users.countyA).assignment.passDown({ id, version, committeeIds: [org.townA2.id] }));
    const shape = await refused(id, () => as(org.users.countyA).assignment.reportProgress({ id, version, text: "降低", percent: 80 }), "BAD_REQUEST");
    expect(shape.message).toBe("完成进度不能低于上次报告的 90%");
  });
});

describe("illegal transitions: BAD_REQUEST naming the current state, nothing changed", () => {
  const ids = { sent: 0, accepted: 0, inProgress: 0, reported: 0, approved: 0 };
  const versions = { sent: 1, accepted: 0, inProgress: 0, reported: 0, approved: 0 };

  beforeAll(async () => {
    ids.sent = (await send([org.countyA.id], "非法流转·待签收")).a;
    ids.accepted = (await send([org.countyA.id], "非法流转·已签收")).a;
    ids.inProgress = (await send([org.countyA.id], "非法流转·进行中")).a;
    ids.reported = (await send([org.countyA.id], "非法流转·已上报")).a;
    ids.approved = (await send([org.countyA.id], "非法流转·已办结")).a;
    versions.accepted = await driveAssignment(t.db, ids.accepted, "accepted", countyADrive());
    versions.inProgress = await driveAssignment(t.db, ids.inProgress, "in_progress", countyADrive());
    versions.reported = await driveAssignment(t.db, ids.reported, "reported", countyADrive());
    versions.approved = await driveAssignment(t.db, ids.approved, "approved", countyADrive());
  });

  it("approving what was not reported", async () => {
    const shape = await refused(ids.sent, () => as(org.users.cityStaff).assignment.approve({ id: ids.sent, version: 1 }), "BAD_REQUEST");
    expect(shape.message).toBe("当前状态为「待签收」，不能审核办结");
    expect(shape.message).toContain("待签收");
    const accepted = await refused(ids.accepted, () => as(org.users.cityLeader).assignment.approve({ id: ids.accepted, version: versions.accepted }), "BAD_REQUEST");
    expect(accepted.message).toBe("当前状态为「已签收」，不能审核办结");
    const inProgress = await refused(ids.inProgress, () => as(org.users.cityLeader).assignment.approve({ id: ids.inProgress, version: versions.inProgress }), "BAD_REQUEST");
    expect(inProgress.message).toBe("当前状态为「进行中」，不能审核办结");
  });

  it("reporting what was not accepted", async () => {
    const complete = await refused(ids.sent, () => as(org.users.countyA).assignment.reportProgress({ id: ids.sent, version: 1, text: "直接上报", percent: 100, complete: true }), "BAD_REQUEST");
    expect(complete.message).toBe("当前状态为「待签收」，不能上报完成");
    const progress = await refused(ids.sent, () => as(org.users.countyA).assignment.reportProgress({ id: ids.sent, version: 1, text: "未签收先报进展", percent: 10 }), "BAD_REQUEST");
    expect(progress.message).toBe("当前状态为「待签收」，不能报告进展");
  });

  it("accepting twice", async () => {
    const shape = await refused(ids.accepted, () => as(org.users.countyA2).assignment.accept({ id: ids.accepted, version: versions.accepted }), "BAD_REQUEST");
    expect(shape.message).toBe("当前状态为「已签收」，不能签收");
    const later = await refused(ids.reported, () => as(org.users.countyA).assignment.accept({ id: ids.reported, version: versions.reported }), "BAD_REQUEST");
    expect(later.message).toBe("当前状态为「已上报」，不能签收");
  });

  it("accepting twice from a stale page is a CONFLICT with the fresh state", async () => {
    const shape = await refused(ids.accepted, () => as(org.users.countyA2).assignment.accept({ id: ids.accepted, version: 1 }), "CONFLICT");
    expect(currentOf(shape)).toEqual({ status: "accepted", version: versions.accepted, percent: 0 });
    expect(shape.message).toBe("该任务已被他人处理，当前状态为「已签收」，请刷新后重试");
  });

  it("anything after approval", async () => {
    const progress = await refused(ids.approved, () => as(org.users.countyA).assignment.reportProgress({ id: ids.approved, version: versions.approved, text: "办结后补充", percent: 100 }), "BAD_REQUEST");
    expect(progress.message).toBe("当前状态为「已办结」，不能报告进展");
    const again = await refused(ids.approved, () => as(org.users.cityStaff).assignment.approve({ id: ids.approved, version: versions.approved }), "BAD_REQUEST");
    expect(again.message).toBe("当前状态为「已办结」，不能审核办结");
    const back = await refused(ids.approved, () => as(org.users.cityStaff).assignment.return({ id: ids.approved, version: versions.approved, reason: "重新办理" }), "BAD_REQUEST");
    expect(back.message).toBe("当前状态为「已办结」，不能退回");
    const down = await refused(ids.approved, () => as(org.users.countyA).assignment.passDown({ id: ids.approved, version: versions.approved, committeeIds: [org.townA1.id] }), "BAD_REQUEST");
    expect(down.message).toBe("当前状态为「已办结」，不能转交下级");
  });

  it("returning what is not reported, reporting what is already reported, passing down what is not accepted", async () => {
    const back = await refused(ids.inProgress, () => as(org.users.cityStaff).assignment.return({ id: ids.inProgress, version: versions.inProgress, reason: "退回" }), "BAD_REQUEST");
    expect(back.message).toBe("当前状态为「进行中」，不能退回");
    const twice = await refused(ids.reported, () => as(org.users.countyA).assignment.reportProgress({ id: ids.reported, version: versions.reported, text: "再报一次", percent: 100, complete: true }), "BAD_REQUEST");
    expect(twice.message).toBe("当前状态为「已上报」，不能上报完成");
    const down = await refused(ids.sent, () => as(org.users.countyA).assignment.passDown({ id: ids.sent, version: 1, committeeIds: [org.townA1.id] }), "BAD_REQUEST");
    expect(down.message).toBe("当前状态为「待签收」，不能转交下级");
  });

  it("names the state in English for en", async () => {
    const shape = await refused(ids.sent, () => as(org.users.cityStaff, "en").assignment.approve({ id: ids.sent, version: 1 }), "BAD_REQUEST");
    expect(shape.message).toBe("It is sent: you cannot approve it");
  });

  it("left every assignment where it was", async () => {
    const rows = await t.db.select({ id: assignments.id, status: assignments.status, version: assignments.version }).from(assignments).where(inArray(assignments.id, Object.values(ids))).orderBy(asc(assignments.id));
    expect(rows).toEqual([
      { id: ids.sent, status: "sent", version: 1 },
      { id: ids.accepted, status: "accepted", version: versions.accepted },
      { id: ids.inProgress, status: "in_progress", version: versions.inProgress },
      { id: ids.reported, status: "reported", version: versions.reported },
      { id: ids.approved, status: "approved", version: versions.approved },
    ]);
  });
});

describe("who may act on a county assignment: anyone else is refused and nothing changes", () => {
  let sentId: number, acceptedId: number, acceptedVersion: number, reportedId: number, reportedVersion: number;

  beforeAll(async () => {
    sentId = (await send([org.countyA.id], "权限·待签收")).a;
    acceptedId = (await send([org.countyA.id], "权限·已签收")).a;
    reportedId = (await send([org.countyA.id], "权限·已上报")).a;
    acceptedVersion = await driveAssignment(t.db, acceptedId, "accepted", countyADrive());
    reportedVersion = await driveAssignment(t.db, reportedId, "reported", countyADrive());
  });

  it("another county's staff: NOT_FOUND (out of scope), the same answer as for an id that does not exist", async () => {
    const shape = await refused(sentId, () => as(org.users.countyB).assignment.accept({ id: sentId, version: 1 }), "NOT_FOUND");
    await refused(acceptedId, () => as(org.users.countyB).assignment.reportProgress({ id: acceptedId, version: acceptedVersion, text: "越权上报", percent: 100, complete: true }), "NOT_FOUND");
    await refused(reportedId, () => as(org.users.countyB).assignment.approve({ id: reportedId, version: reportedVersion }), "NOT_FOUND");
    const missing = await expectTRPCError(as(org.users.countyB).assignment.accept({ id: 999_999, version: 1 }), "NOT_FOUND");
    expect(shape.message).toBe(missing.shape.message);
    expect(shape.message).toBe("未找到该记录，或您无权查看");
  });

  it("the city: FORBIDDEN to accept or report for the county", async () => {
    const shape = await refused(sentId, () => as(org.users.cityStaff).assignment.accept({ id: sentId, version: 1 }), "FORBIDDEN");
    expect(shape.message).toBe("您没有权限执行此操作");
    await refused(sentId, () => as(org.users.cityLeader).assignment.accept({ id: sentId, version: 1 }), "FORBIDDEN");
    await refused(acceptedId, () => as(org.users.cityLeader).assignment.reportProgress({ id: acceptedId, version: acceptedVersion, text: "代为上报", percent: 100, complete: true }), "FORBIDDEN");
    await refused(acceptedId, () => as(org.users.cityStaff).assignment.passDown({ id: acceptedId, version: acceptedVersion, committeeIds: [org.townA1.id] }), "FORBIDDEN");
  });

  it("the county's own staff: FORBIDDEN to approve or return their own report", async () => {
    await refused(reportedId, () => as(org.users.countyA).assignment.approve({ id: reportedId, version: reportedVersion }), "FORBIDDEN");
    await refused(reportedId, () => as(org.users.countyA2).assignment.return({ id: reportedId, version: reportedVersion, reason: "自己退回" }), "FORBIDDEN");
  });

  it("a township liaison of that county: NOT_FOUND (a township does not see its county's assignment)", async () => {
    await refused(sentId, () => as(org.users.liaisonA1).assignment.accept({ id: sentId, version: 1 }), "NOT_FOUND");
    await refused(reportedId, () => as(org.users.liaisonA1).assignment.approve({ id: reportedId, version: reportedVersion }), "NOT_FOUND");
  });

  it("members: FORBIDDEN, in scope or not (task work is for committee staff)", async () => {
    await refused(sentId, () => as(org.users.memberA).assignment.accept({ id: sentId, version: 1 }), "FORBIDDEN");
    await refused(reportedId, () => as(org.users.memberA).assignment.approve({ id: reportedId, version: reportedVersion }), "FORBIDDEN");
    await refused(reportedId, () => as(org.users.cityMember).assignment.approve({ id: reportedId, version: reportedVersion }), "FORBIDDEN");
    await refused(sentId, () => as(org.users.memberB).assignment.accept({ id: sentId, version: 1 }), "FORBIDDEN");
  });

  it("another city: NOT_FOUND", async () => {
    await refused(reportedId, () => as(org.users.otherCityStaff).assignment.approve({ id: reportedId, version: reportedVersion }), "NOT_FOUND");
    await refused(sentId, () => as(org.users.otherCountyStaff).assignment.accept({ id: sentId, version: 1 }), "NOT_FOUND");
  });

  it("signed out or disabled: UNAUTHORIZED", async () => {
    await refused(sentId, () => callerFor(t.db, null).assignment.accept({ id: sentId, version: 1 }), "UNAUTHORIZED");
    await refused(sentId, () => as(org.users.countyADisabled).assignment.accept({ id: sentId, version: 1 }), "UNAUTHORIZED");
  });

  it("left all three where they were", async () => {
    expect(await assignmentRow(t.db, sentId)).toMatchObject({ status: "sent", version: 1 });
    expect(await assignmentRow(t.db, acceptedId)).toMatchObject({ status: "accepted", version: acceptedVersion });
    expect(await assignmentRow(t.db, reportedId)).toMatchObject({ status: "reported", version: reportedVersion });
  });
});

describe("passing down to townships (转交)", () => {
  let taskId: number, parent: number, parentVersion: number, bId: number;
  const child = { a1: 0, a2: 0 };

  beforeAll(async () => {
    ({ taskId, a: parent, b: bId } = await send([org.countyA.id, org.countyB.id], "对仙庾岭周边林长制落实情况进行视察"));
    parentVersion = await driveAssignment(t.db, parent, "accepted", countyADrive());
  });

  it("refuses another county's township, the sibling county, or the city, and changes nothing", async () => {
    for (const committeeId of [org.townB1.id, org.countyB.id, org.city.id, org.countyA.id]) {
      const shape = await refused(parent, () => as(org.users.countyA).assignment.passDown({ id: parent, version: parentVersion, committeeIds: [org.townA1.id, committeeId] }), "BAD_REQUEST");
      expect(shape.message).toBe("只能转交本县市区所辖的乡镇（街道）");
    }
  });

  it("is not for the city, the other county, or a township to do", async () => {
    await refused(parent, () => as(org.users.cityStaff).assignment.passDown({ id: parent, version: parentVersion, committeeIds: [org.townA1.id] }), "FORBIDDEN");
    await refused(parent, () => as(org.users.countyB).assignment.passDown({ id: parent, version: parentVersion, committeeIds: [org.townA1.id] }), "NOT_FOUND");
    await refused(parent, () => as(org.users.liaisonA1).assignment.passDown({ id: parent, version: parentVersion, committeeIds: [org.townA1.id] }), "NOT_FOUND");
    await refused(parent, () => as(org.users.memberA).assignment.passDown({ id: parent, version: parentVersion, committeeIds: [org.townA1.id] }), "FORBIDDEN");
  });

  it("sends sub-assignments (issuer: the county, 待签收) to two townships and tells their liaisons", async () => {
    const result = await as(org.users.countyA).assignment.passDown({ id: parent, version: parentVersion, committeeIds: [org.townA1.id, org.townA2.id], deadline: "2035-05-31" });
    expect(result).toEqual({ id: parent, status: "accepted", version: parentVersion + 1, percent: 0 });
    parentVersion += 1;
    expect((await timelineOf(parent)).at(-1)).toEqual({ type: "passed_down", from: "accepted", to: "accepted", actor: org.users.countyA.id, comment: "月塘街道、仙庾镇", percent: null });

    const children = await t.db.select().from(assignments).where(eq(assignments.parentId, parent)).orderBy(asc(assignments.committeeId));
    expect(children.map((c) => ({ taskId: c.taskId, committeeId: c.committeeId, issuer: c.issuerCommitteeId, sentBy: c.sentBy, status: c.status, deadline: c.deadline, version: c.version }))).toEqual(
      [org.townA1.id, org.townA2.id].map((committeeId) => ({ taskId, committeeId, issuer: org.countyA.id, sentBy: org.users.countyA.id, status: "sent", deadline: "2035-05-31", version: 1 })),
    );
    child.a1 = children[0]!.id;
    child.a2 = children[1]!.id;
    expect(await timelineOf(child.a1)).toEqual([{ type: "sent", from: null, to: "sent", actor: org.users.countyA.id, comment: "", percent: null }]);

    for (const [liaison, id] of [[org.users.liaisonA1, child.a1], [org.users.liaisonA2, child.a2]] as const) {
      const notes = (await notificationsOf(liaison.id)).filter((n) => n.title === "对仙庾岭周边林长制落实情况进行视察");
      expect(notes.map((n) => ({ kind: n.kind, title: n.title, link: n.link }))).toEqual([{ kind: "assignment.sent", title: "对仙庾岭周边林长制落实情况进行视察", link: `/assignments/${id}` }]);
    }
    expect(await notificationsOf(org.users.liaisonB1.id)).toEqual([]);
  });

  it("refuses passing to a township that already has it", async () => {
    const shape = await refused(parent, () => as(org.users.countyA).assignment.passDown({ id: parent, version: parentVersion, committeeIds: [org.townA1.id] }), "BAD_REQUEST");
    expect(shape.message).toBe("已转交给所选的部分乡镇（街道）");
  });

  it("puts the sub-assignment in the township's inbox, and only there", async () => {
    // 月塘街道 has been sent nothing else in this file.
    const inbox = await as(org.users.liaisonA1).assignment.inbox({});
    expect(inbox.items.map((i) => ({ id: i.id, parentId: i.parentId, status: i.status, issuerName: i.issuerName }))).toEqual([{ id: child.a1, parentId: parent, status: "sent", issuerName: "荷塘区政协" }]);
    expect((await as(org.users.countyA).assignment.inbox({})).items.map((i) => i.id)).not.toContain(child.a1);
    expect((await as(org.users.liaisonA2).assignment.inbox({})).items.filter((i) => i.taskId === taskId).map((i) => i.id)).toEqual([child.a2]);
  });

  it("lets the township liaison accept and report; the county (who sent it) is told", async () => {
    const liaison = as(org.users.liaisonA1);
    await liaison.assignment.accept({ id: child.a1, version: 1 });
    const down = await refused(child.a1, () => liaison.assignment.passDown({ id: child.a1, version: 2, committeeIds: [org.townA2.id] }), "BAD_REQUEST");
    expect(down.message).toBe("只有县市区政协可以将任务转交乡镇（街道）");
    await liaison.assignment.reportProgress({ id: child.a1, version: 2, text: "已组织委员实地踏察", percent: 60 });
    const result = await liaison.assignment.reportProgress({ id: child.a1, version: 3, text: "踏察完成，问题已交办", percent: 100, complete: true });
    expect(result).toEqual({ id: child.a1, status: "reported", version: 4, percent: 100 });

    // The 'sent' from the city, then the township's news, each leading to the county's own assignment.
    const told = (await notificationsOf(org.users.countyA.id)).filter((n) => n.link === `/assignments/${parent}`);
    expect(told.map((n) => n.kind)).toEqual(["assignment.sent", "assignment.accepted", "assignment.reported"]);
    // The other staff of the county did not send it, and the city is not told about township work.
    expect((await notificationsOf(org.users.countyA2.id)).filter((n) => n.link === `/assignments/${parent}`).map((n) => n.kind)).toEqual(["assignment.sent"]);
    expect((await notificationsOf(org.users.cityStaff.id)).filter((n) => n.kind === "assignment.reported" && n.link === `/tasks/${taskId}`)).toEqual([]);
  });

  it("is reviewed by the county only: the liaison, the city, other townships and counties are refused", async () => {
    const version = 4;
    await refused(child.a1, () => as(org.users.liaisonA1).assignment.approve({ id: child.a1, version }), "FORBIDDEN");
    await refused(child.a1, () => as(org.users.cityStaff).assignment.approve({ id: child.a1, version }), "FORBIDDEN");
    await refused(child.a1, () => as(org.users.cityLeader).assignment.return({ id: child.a1, version, reason: "市里退回" }), "FORBIDDEN");
    await refused(child.a1, () => as(org.users.memberA).assignment.approve({ id: child.a1, version }), "FORBIDDEN");
    await refused(child.a1, () => as(org.users.liaisonA2).assignment.approve({ id: child.a1, version }), "NOT_FOUND");
    await refused(child.a1, () => as(org.users.countyB).assignment.approve({ id: child.a1, version }), "NOT_FOUND");
    await refused(child.a1, () => as(org.users.liaisonB1).assignment.approve({ id: child.a1, version }), "NOT_FOUND");
    await refused(child.a2, () => as(org.users.countyA).assignment.accept({ id: child.a2, version: 1 }), "FORBIDDEN");
    // The city may look at it, but has nothing to do there.
    const forCity = await as(org.users.cityStaff).assignment.byId({ id: child.a1 });
    expect(forCity).toMatchObject({ status: "reported", committeeName: "月塘街道", issuerName: "荷塘区政协", allowedActions: [] });
    expect((await as(org.users.countyA).assignment.byId({ id: child.a1 })).allowedActions).toEqual(["approve", "return"]);
  });

  it("lets the county approve it", async () => {
    const result = await as(org.users.countyA2).assignment.approve({ id: child.a1, version: 4, comment: "街道工作扎实" });
    expect(result).toEqual({ id: child.a1, status: "approved", version: 5, percent: 100 });
    expect((await timelineOf(child.a1)).at(-1)).toEqual({ type: "approved", from: "reported", to: "approved", actor: org.users.countyA2.id, comment: "街道工作扎实", percent: null });
  });

  it("rolls up: the county's assignment shows its townships' status", async () => {
    const seen = await as(org.users.countyA).assignment.byId({ id: parent });
    expect(seen).toMatchObject({ status: "accepted", version: parentVersion });
    expect(seen.children.map((c) => ({ id: c.id, committeeName: c.committeeName, status: c.status, percent: c.percent, overdue: c.overdue }))).toEqual([
      { id: child.a1, committeeName: "月塘街道", status: "approved", percent: 100, overdue: false },
      { id: child.a2, committeeName: "仙庾镇", status: "sent", percent: 0, overdue: false },
    ]);
    expect(seen.allowedActions).toEqual(["progress", "report", "passDown"]);
  });

  it("shows the city the county and township assignments on the task", async () => {
    const detail = await as(org.users.cityLeader).task.byId({ id: taskId });
    const rows = detail.assignments.map((a) => ({ id: a.id, parentId: a.parentId, name: a.committeeName, level: a.committeeLevel, status: a.status })).sort((x, y) => x.id - y.id);
    expect(rows).toEqual([
      { id: parent, parentId: null, name: "荷塘区政协", level: "county", status: "accepted" },
      { id: bId, parentId: null, name: "芦淞区政协", level: "county", status: "sent" },
      { id: child.a1, parentId: parent, name: "月塘街道", level: "township", status: "approved" },
      { id: child.a2, parentId: parent, name: "仙庾镇", level: "township", status: "sent" },
    ]);
    expect(detail.assignments.find((a) => a.id === child.a1)!.events.map((e) => e.type)).toEqual(["sent", "accepted", "progress", "reported", "approved"]);
  });

  it("shows the county its own and its townships', and the township only its own", async () => {
    const forCounty = await as(org.users.countyA).task.byId({ id: taskId });
    expect(forCounty.assignments.map((a) => a.id).sort((x, y) => x - y)).toEqual([parent, child.a1, child.a2]);
    const forTownship = await as(org.users.liaisonA1).task.byId({ id: taskId });
    expect(forTownship.assignments.map((a) => a.id)).toEqual([child.a1]);
    await expectTRPCError(as(org.users.liaisonA1).assignment.byId({ id: parent }), "NOT_FOUND");
    await expectTRPCError(as(org.users.liaisonA1).assignment.byId({ id: child.a2 }), "NOT_FOUND");
  });
});

describe("two reviewers at once", () => {
  async function reportedAssignment(title: string) {
    const { a } = await send([org.countyA.id], title);
    return { id: a, version: await driveAssignment(t.db, a, "reported", countyADrive()) };
  }

  async function eventsOfType(id: number, type: "approved" | "returned" | "accepted") {
    const [row] = await t.db.select({ n: count() }).from(assignmentEvents).where(and(eq(assignmentEvents.assignmentId, id), eq(assignmentEvents.type, type)));
    return row!.n;
  }

  it("city leader and city staff approve together: exactly one wins, the other gets CONFLICT with the fresh status", async () => {
    for (let round = 1; round <= 4; round++) {
      const { id, version } = await reportedAssignment(`并发审核${round}`);
      const results = await Promise.allSettled([
        as(org.users.cityLeader).assignment.approve({ id, version, comment: "领导审核" }),
        as(org.users.cityStaff).assignment.approve({ id, version, comment: "干部审核" }),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((won[0] as PromiseFulfilledResult<{ status: string; version: number }>).value).toMatchObject({ status: "approved", version: version + 1 });
      const { shape } = await expectTRPCError(Promise.reject(lost[0]!.reason), "CONFLICT");
      expect(currentOf(shape)).toEqual({ status: "approved", version: version + 1, percent: 100 });
      expect(shape.message).toBe("该任务已被他人处理，当前状态为「已办结」，请刷新后重试");
      expect(await eventsOfType(id, "approved")).toBe(1);
      expect(await assignmentRow(t.db, id)).toMatchObject({ status: "approved", version: version + 1 });
      const audits = await t.db.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.action, "assignment.approve"), eq(auditEvents.entityId, String(id))));
      expect(audits[0]!.n).toBe(1);
    }
  });

  it("approve and return together: one wins; a losing return leaves no notification behind", async () => {
    for (let round = 1; round <= 3; round++) {
      const { id, version } = await reportedAssignment(`审核与退回${round}`);
      const notesBefore = (await t.db.select({ n: count() }).from(notifications))[0]!.n;
      const [approve, back] = await Promise.allSettled([
        as(org.users.cityStaff).assignment.approve({ id, version }),
        as(org.users.cityLeader).assignment.return({ id, version, reason: "材料不全" }),
      ]);
      expect([approve.status, back.status].sort()).toEqual(["fulfilled", "rejected"]);
      const row = await assignmentRow(t.db, id);
      const returnedNotes = await t.db.select({ n: count() }).from(notifications).where(and(eq(notifications.kind, "assignment.returned"), eq(notifications.link, `/assignments/${id}`)));
      const notesAfter = (await t.db.select({ n: count() }).from(notifications))[0]!.n;
      const loser = (approve.status === "rejected" ? approve : back) as PromiseRejectedResult;
      const { shape } = await expectTRPCError(Promise.reject(loser.reason), "CONFLICT");
      expect(currentOf(shape)).toEqual({ status: row.status, version: version + 1, percent: 100 });
      if (approve.status === "fulfilled") {
        expect(row.status).toBe("approved");
        expect(await eventsOfType(id, "returned")).toBe(0);
        expect(returnedNotes[0]!.n).toBe(0);
        expect(notesAfter).toBe(notesBefore);
      } else {
        expect(row.status).toBe("in_progress");
        expect(await eventsOfType(id, "approved")).toBe(0);
        // Both active staff of 荷塘区.
        expect(returnedNotes[0]!.n).toBe(2);
        expect(notesAfter).toBe(notesBefore + 2);
      }
    }
  });

  it("two staff of the county accept together: one wins", async () => {
    const { a: id } = await send([org.countyA.id], "并发签收");
    const results = await Promise.allSettled([as(org.users.countyA).assignment.accept({ id, version: 1 }), as(org.users.countyA2).assignment.accept({ id, version: 1 })]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
    const { shape } = await expectTRPCError(Promise.reject(lost.reason), "CONFLICT");
    expect(currentOf(shape)).toEqual({ status: "accepted", version: 2, percent: 0 });
    expect(await eventsOfType(id, "accepted")).toBe(1);
    // The sender heard of it once.
    const told = await t.db.select({ n: count() }).from(notifications).where(and(eq(notifications.kind, "assignment.accepted"), eq(notifications.title, "并发签收")));
    expect(told[0]!.n).toBe(1);
  });

  it("loses cleanly when the other reviewer commits while this one waits on the row", async () => {
    const { id, version } = await reportedAssignment("行锁等待");
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    // The other reviewer's transaction: it has approved, holds the row, and has not committed yet.
    const other = t.db.transaction(async (tx) => {
      await tx.update(assignments).set({ status: "approved", version: sql`${assignments.version} + 1`, approvedAt: new Date() }).where(eq(assignments.id, id));
      await tx.insert(assignmentEvents).values({ assignmentId: id, type: "approved", actorUserId: org.users.cityLeader.id, fromStatus: "reported", toStatus: "approved" });
      locked();
      await held;
    });
    await lockTaken;
    // This one reads the committed row (still 已上报, same version), so it gets as far as its UPDATE and waits.
    const attempt = as(org.users.cityStaff).assignment.approve({ id, version, comment: "晚了一步" });
    const settled = attempt.then(
      () => "ok",
      (error: unknown) => error,
    );
    for (let i = 0; i < 200; i++) {
      const waiting = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
      if (waiting[0]!.n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    release();
    await other;
    const outcome = await settled;
    expect(outcome).toBeInstanceOf(TRPCError);
    const { shape } = await expectTRPCError(Promise.reject(outcome), "CONFLICT");
    expect(currentOf(shape)).toEqual({ status: "approved", version: version + 1, percent: 100 });
    expect(await eventsOfType(id, "approved")).toBe(1);
    const [event] = await t.db.select().from(assignmentEvents).where(and(eq(assignmentEvents.assignmentId, id), eq(assignmentEvents.type, "approved")));
    expect(event!.actorUserId).toBe(org.users.cityLeader.id);
  });

  it("a stale version is a CONFLICT carrying the current state, and changes nothing", async () => {
    const { id, version } = await reportedAssignment("过期版本");
    const shape = await refused(id, () => as(org.users.cityStaff).assignment.approve({ id, version: version - 1 }), "CONFLICT");
    expect(currentOf(shape)).toEqual({ status: "reported", version, percent: 100 });
    expect(shape.message).toBe("该任务已被他人处理，当前状态为「已上报」，请刷新后重试");
    expect(shape.data.httpStatus).toBe(409);
    const ahead = await refused(id, () => as(org.users.cityStaff).assignment.approve({ id, version: version + 1 }), "CONFLICT");
    expect(currentOf(ahead)).toEqual({ status: "reported", version, percent: 100 });
  });
});

describe("a county never sees another county's assignments", () => {
  let onlyA: { taskId: number; a: number }, both: { taskId: number; a: number; b: number };
  let childA1: number;
  const secret = "荷塘区内部进展：涉及企业名单";

  beforeAll(async () => {
    onlyA = await send([org.countyA.id], "只发荷塘的任务");
    both = await send([org.countyA.id, org.countyB.id], "两区共同的任务");
    const photo = await upload(org.users.countyA.id, "荷塘现场照片.jpg");
    const caller = as(org.users.countyA);
    await caller.assignment.accept({ id: both.a, version: 1 });
    await caller.assignment.reportProgress({ id: both.a, version: 2, text: secret, percent: 30, attachmentIds: [photo.id] });
    await caller.assignment.passDown({ id: both.a, version: 3, committeeIds: [org.townA1.id] });
    childA1 = (await t.db.select({ id: assignments.id }).from(assignments).where(eq(assignments.parentId, both.a)))[0]!.id;
    await caller.assignment.accept({ id: onlyA.a, version: 1 });
  });

  it("not in the inbox, whatever the filters", async () => {
    const b = as(org.users.countyB);
    for (const input of [{}, { status: "sent" as const }, { status: "in_progress" as const }, { search: "荷塘" }, { search: "任务" }, { overdue: false }]) {
      const inbox = await b.assignment.inbox(input);
      for (const item of inbox.items) expect(item.committeeId).toBe(org.countyB.id);
      expect(inbox.items.map((i) => i.id)).not.toContain(both.a);
      expect(inbox.items.map((i) => i.id)).not.toContain(onlyA.a);
    }
    const all = await b.assignment.inbox({ search: "任务" });
    expect(all.items.map((i) => i.id)).toEqual([both.b]);
    expect(all.total).toBe(1);
  });

  it("not by id: NOT_FOUND for the county's and its township's assignments", async () => {
    for (const user of [org.users.countyB, org.users.liaisonB1]) {
      for (const id of [onlyA.a, both.a, childA1]) {
        const { shape, error } = await expectTRPCError(as(user).assignment.byId({ id }), "NOT_FOUND");
        expect(JSON.stringify({ shape, message: error.message })).not.toContain("荷塘");
      }
    }
  });

  it("not through the task: a task sent only to county A does not exist for county B", async () => {
    for (const user of [org.users.countyB, org.users.liaisonB1, org.users.liaisonA2, org.users.otherCityStaff]) {
      await expectTRPCError(as(user).task.byId({ id: onlyA.taskId }), "NOT_FOUND");
    }
  });

  it("a task sent to both shows county B only its own assignment and timeline", async () => {
    const detail = await as(org.users.countyB).task.byId({ id: both.taskId });
    expect(detail.assignments.map((a) => ({ id: a.id, committeeName: a.committeeName, events: a.events.map((e) => e.type) }))).toEqual([
      { id: both.b, committeeName: "芦淞区政协", events: ["sent"] },
    ]);
    expect(detail.canEdit).toBe(false);
    const everything = JSON.stringify(detail);
    for (const hidden of ["荷塘区政协", "月塘街道", secret, "荷塘现场照片.jpg", "刘洋"]) expect(everything).not.toContain(hidden);
  });

  it("while county A sees its own and its township's, not county B's", async () => {
    const detail = await as(org.users.countyA).task.byId({ id: both.taskId });
    expect(detail.assignments.map((a) => a.id).sort((x, y) => x - y)).toEqual([both.a, childA1].sort((x, y) => x - y));
    const own = detail.assignments.find((a) => a.id === both.a)!;
    expect(own.events.map((e) => e.type)).toEqual(["sent", "accepted", "progress", "passed_down"]);
    expect(own.events[2]).toMatchObject({ comment: secret });
    expect(own.events[2]!.attachments.map((f) => f.fileName)).toEqual(["荷塘现场照片.jpg"]);
    expect(JSON.stringify(detail)).not.toContain("芦淞区政协");
  });

  it("the task list is the city's: FORBIDDEN for county staff", async () => {
    await expectTRPCError(as(org.users.countyA).task.list({}), "FORBIDDEN");
    await expectTRPCError(as(org.users.countyB).task.list({ committeeId: org.countyA.id }), "FORBIDDEN");
  });
});

describe("members do no task work", () => {
  it("a member gets FORBIDDEN for the inbox, an assignment of their own committee and its task", async () => {
    const { id: taskId, assignmentIds } = await createTask(t.db, org.users.cityStaff.id, campaignId, [org.countyA.id], { title: "委员不可见的任务" });
    const member = as(org.users.memberA);
    await expectTRPCError(member.assignment.inbox({}), "FORBIDDEN");
    await expectTRPCError(member.assignment.byId({ id: assignmentIds.get(org.countyA.id)! }), "FORBIDDEN");
    await expectTRPCError(member.task.byId({ id: taskId }), "FORBIDDEN");
  });
});

describe("the actions a page may offer come from the server", () => {
  it("task.byId lists approve and return for the city on a reported county assignment, nothing on one still sent", async () => {
    const { taskId, a, b } = await send([org.countyA.id, org.countyB.id], "按钮由服务端决定");
    await driveAssignment(t.db, a, "reported", countyADrive());
    const task = await as(org.users.cityStaff).task.byId({ id: taskId });
    expect(task.assignments.find((x) => x.id === a)!.allowedActions.sort()).toEqual(["approve", "return"]);
    expect(task.assignments.find((x) => x.id === b)!.allowedActions).toEqual([]);
    // The county sees its own row with what it may do: nothing to review on its own report.
    const own = await as(org.users.countyA).task.byId({ id: taskId });
    expect(own.assignments.map((x) => [x.id, x.allowedActions])).toEqual([[a, []]]);
  });
});

describe("assignment.inboxCounts", () => {
  it("counts the caller's assignments by status and the reports waiting for the caller's review", async () => {
    const before = await as(org.users.countyA).assignment.inboxCounts();
    const cityBefore = await as(org.users.cityStaff).assignment.inboxCounts();
    const { a } = await send([org.countyA.id], "计数用的任务");
    const sent = await as(org.users.countyA).assignment.inboxCounts();
    expect(sent.byStatus.sent ?? 0).toBe((before.byStatus.sent ?? 0) + 1);
    expect(sent.total).toBe(before.total + 1);
    await driveAssignment(t.db, a, "reported", countyADrive());
    expect((await as(org.users.cityStaff).assignment.inboxCounts()).toReview).toBe(cityBefore.toReview + 1);
    // Another county's counts do not move.
    const other = await as(org.users.countyB).assignment.inboxCounts();
    expect(other.total).toBe((await as(org.users.countyB).assignment.inbox({})).total);
  });
});

describe("two county staff passing the same assignment down at once", () => {
  it("exactly one wins; the other gets CONFLICT and no township gets it twice", async () => {
    const { a } = await send([org.countyA.id], "同时转交");
    const version = await driveAssignment(t.db, a, "accepted", countyADrive());
    const results = await Promise.allSettled([
      as(org.users.countyA).assignment.passDown({ id: a, version, committeeIds: [org.townA1.id] }),
      as(org.users.countyA2).assignment.passDown({ id: a, version, committeeIds: [org.townA1.id] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
    expect(rejected.reason).toMatchObject({ code: "CONFLICT" });
    const children = await t.db.select().from(assignments).where(eq(assignments.parentId, a));
    expect(children.map((c) => c.committeeId)).toEqual([org.townA1.id]);
  });
});
