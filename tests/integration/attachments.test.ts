import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext, readableAttachment, type Viewer } from "@dm/api";
import { eq, sql } from "@dm/db";
import { attachments, type Committee, tasks, type User } from "@dm/db/schema";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createCommittee, createUser } from "./support/fixtures";
import { callerFor, expectTRPCError } from "./support/trpc";

/**
 * Who may download a file follows from what owns it (readableAttachment, used by
 * GET /api/attachments/[id]); binding a file to a record takes only the writer's own unbound
 * uploads (bindAttachments). Organisation:
 *
 *   city ─┬─ countyA ─── townA
 *         └─ countyB
 *   otherCity
 */
let t: TestDatabase;
let org: { city: Committee; countyA: Committee; countyB: Committee; townA: Committee; otherCity: Committee };
let u: { cityStaff: User; cityLeader: User; countyA: User; countyB: User; townA: User; otherCity: User };
const viewers = new Map<number, Viewer>();

async function viewerOf(user: User): Promise<Viewer> {
  let viewer = viewers.get(user.id);
  if (!viewer) {
    viewer = (await createContext({ db: t.db, session: { userId: user.id, sessionId: randomUUID(), sessionVersion: 0 }, headers: new Headers() }).viewer())!;
    viewers.set(user.id, viewer);
  }
  return viewer;
}

/** What POST /api/attachments records: a stored file, owned by nothing yet. */
async function upload(user: User, fileName = "现场照片.png"): Promise<number> {
  const [row] = await t.db
    .insert(attachments)
    .values({ storageKey: randomUUID(), fileName, mimeType: "image/png", size: 68, sha256: "0".repeat(64), uploadedBy: user.id })
    .returning({ id: attachments.id });
  return row!.id;
}

async function canRead(user: User, id: number): Promise<boolean> {
  const row = await readableAttachment(t.db, await viewerOf(user), id);
  if (row) expect(row.id).toBe(id);
  return row !== null;
}

async function ownerOf(id: number) {
  const [row] = await t.db.select({ ownerType: attachments.ownerType, ownerId: attachments.ownerId }).from(attachments).where(eq(attachments.id, id));
  return row;
}

let campaignId: number;
let taskId: number;
const files = {} as Record<"campaign" | "task" | "reportA" | "reportTown", number>;

beforeAll(async () => {
  t = await freshDatabase();
  const city = await createCommittee(t.db, { name: "株洲市政协", level: "city" });
  const countyA = await createCommittee(t.db, { name: "醴陵市政协", level: "county", parent: city, sortOrder: 1 });
  const countyB = await createCommittee(t.db, { name: "荷塘区政协", level: "county", parent: city, sortOrder: 2 });
  const townA = await createCommittee(t.db, { name: "左权镇", level: "township", parent: countyA });
  const otherCity = await createCommittee(t.db, { name: "湘潭市政协", level: "city" });
  org = { city, countyA, countyB, townA, otherCity };
  u = {
    cityStaff: await createUser(t.db, { username: "att_city", role: "city_staff", committeeId: city.id }),
    cityLeader: await createUser(t.db, { username: "att_leader", role: "city_leader", committeeId: city.id }),
    countyA: await createUser(t.db, { username: "att_a", role: "county_staff", committeeId: countyA.id }),
    countyB: await createUser(t.db, { username: "att_b", role: "county_staff", committeeId: countyB.id }),
    townA: await createUser(t.db, { username: "att_town", role: "township_liaison", committeeId: townA.id }),
    otherCity: await createUser(t.db, { username: "att_other", role: "city_staff", committeeId: otherCity.id }),
  };

  // A campaign with a document, and a task (with a file) sent to county A only.
  const city_ = callerFor(t.db, u.cityStaff.id);
  files.campaign = await upload(u.cityStaff, "实施方案.pdf");
  ({ id: campaignId } = await city_.campaign.create({
    title: "改善生态环境",
    year: 2023,
    topic: "生态环境",
    startDate: "2023-03-01",
    endDate: "2023-12-31",
    focusAreas: ["生态环保决策部署贯彻落实情况"],
    methods: ["调研式监督"],
    attachmentIds: [files.campaign],
  }));
  files.task = await upload(u.cityStaff, "任务清单.xlsx");
  ({ id: taskId } = await city_.task.create({
    campaignId,
    title: "湘江沿岸排污口整治情况监督",
    focusArea: "生态环保决策部署贯彻落实情况",
    method: "调研式监督",
    deadline: "2023-10-31",
    committeeIds: [countyA.id],
    attachmentIds: [files.task],
  }));

  // County A accepts, reports with a photo, and passes the task to its township, which reports too.
  const countyCaller = callerFor(t.db, u.countyA.id);
  const [assignment] = (await countyCaller.assignment.inbox({})).items;
  const accepted = await countyCaller.assignment.accept({ id: assignment!.id, version: assignment!.version });
  files.reportA = await upload(u.countyA, "整改照片.jpg");
  const reported = await countyCaller.assignment.reportProgress({ id: accepted.id, version: accepted.version, text: "已完成排查", percent: 40, attachmentIds: [files.reportA] });
  await countyCaller.assignment.passDown({ id: reported.id, version: reported.version, committeeIds: [townA.id] });
  const townCaller = callerFor(t.db, u.townA.id);
  const [sub] = (await townCaller.assignment.inbox({})).items;
  const subAccepted = await townCaller.assignment.accept({ id: sub!.id, version: sub!.version });
  files.reportTown = await upload(u.townA, "乡镇台账.docx");
  await townCaller.assignment.reportProgress({ id: subAccepted.id, version: subAccepted.version, text: "已上报台账", percent: 50, attachmentIds: [files.reportTown] });
});

afterAll(async () => {
  await t?.cleanup();
});

describe("readableAttachment", () => {
  it("binds the files to what they were sent with", async () => {
    expect(await ownerOf(files.campaign)).toEqual({ ownerType: "campaign", ownerId: campaignId });
    expect(await ownerOf(files.task)).toEqual({ ownerType: "task", ownerId: taskId });
    expect((await ownerOf(files.reportA))?.ownerType).toBe("assignment_event");
    expect((await ownerOf(files.reportTown))?.ownerType).toBe("assignment_event");
  });

  it("lets a county read its own report's files, and no other county", async () => {
    expect(await canRead(u.countyA, files.reportA)).toBe(true);
    expect(await canRead(u.countyB, files.reportA)).toBe(false);
  });

  it("lets the city read every county's and township's report files", async () => {
    expect(await canRead(u.cityStaff, files.reportA)).toBe(true);
    expect(await canRead(u.cityLeader, files.reportA)).toBe(true);
    expect(await canRead(u.cityStaff, files.reportTown)).toBe(true);
  });

  it("lets a county read its townships' report files; a township sees its own, not its county's", async () => {
    expect(await canRead(u.countyA, files.reportTown)).toBe(true);
    expect(await canRead(u.countyB, files.reportTown)).toBe(false);
    expect(await canRead(u.townA, files.reportTown)).toBe(true);
    expect(await canRead(u.townA, files.reportA)).toBe(false);
  });

  it("lets a county the task was sent to (and its township) read the task's files, not a county it was not sent to", async () => {
    expect(await canRead(u.countyA, files.task)).toBe(true);
    expect(await canRead(u.townA, files.task)).toBe(true);
    expect(await canRead(u.cityLeader, files.task)).toBe(true);
    expect(await canRead(u.countyB, files.task)).toBe(false);
    expect(await canRead(u.otherCity, files.task)).toBe(false);
  });

  it("lets everyone under the city read a campaign's documents, and no other city", async () => {
    for (const user of [u.cityStaff, u.countyA, u.countyB, u.townA]) expect(await canRead(user, files.campaign)).toBe(true);
    expect(await canRead(u.otherCity, files.campaign)).toBe(false);
  });

  it("lets only the uploader read an upload nothing owns yet, the city included", async () => {
    const id = await upload(u.countyA);
    expect(await canRead(u.countyA, id)).toBe(true);
    for (const user of [u.cityStaff, u.cityLeader, u.countyB, u.townA]) expect(await canRead(user, id)).toBe(false);
  });

  it("answers null for an id that does not exist, or is out of range", async () => {
    for (const id of [999_999, 0, -1, 2 ** 31, Number.NaN]) expect(await readableAttachment(t.db, await viewerOf(u.cityStaff), id)).toBeNull();
  });

  it("follows the task: once it is sent to county B too, county B reads its files", async () => {
    const [before] = await t.db.select({ version: tasks.version }).from(tasks).where(eq(tasks.id, taskId));
    const task = await callerFor(t.db, u.cityStaff.id).task.byId({ id: taskId });
    await callerFor(t.db, u.cityStaff.id).task.update({
      id: taskId,
      version: before!.version,
      data: { campaignId, title: task.title, focusArea: task.focusArea, method: task.method, deadline: task.deadline },
      addCommitteeIds: [org.countyB.id],
    });
    expect(await canRead(u.countyB, files.task)).toBe(true);
    // Its assignment does not open county A's reports to it.
    expect(await canRead(u.countyB, files.reportA)).toBe(false);
  });
});

describe("bindAttachments", () => {
  const input = () => ({
    campaignId,
    title: "工业园区污水处理设施运行情况",
    focusArea: "生态环保决策部署贯彻落实情况",
    method: "调研式监督",
    deadline: "2023-11-30",
    committeeIds: [org.countyA.id],
  });
  const taskCount = async () => (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from tasks`))[0]!.n;

  it("refuses another user's upload, and nothing is written", async () => {
    const theirs = await upload(u.cityLeader);
    const before = await taskCount();
    await expectTRPCError(callerFor(t.db, u.cityStaff.id).task.create({ ...input(), attachmentIds: [theirs] }), "BAD_REQUEST");
    expect(await taskCount()).toBe(before);
    expect(await ownerOf(theirs)).toEqual({ ownerType: null, ownerId: null });
    expect(await canRead(u.cityLeader, theirs)).toBe(true);
    expect(await canRead(u.cityStaff, theirs)).toBe(false);
  });

  it("refuses an upload already bound to something else, and nothing is written", async () => {
    const mine = await upload(u.cityStaff);
    const before = await taskCount();
    await expectTRPCError(callerFor(t.db, u.cityStaff.id).task.create({ ...input(), attachmentIds: [mine, files.task] }), "BAD_REQUEST");
    expect(await taskCount()).toBe(before);
    // The whole write failed: the caller's own upload was not bound either.
    expect(await ownerOf(mine)).toEqual({ ownerType: null, ownerId: null });
    expect(await ownerOf(files.task)).toEqual({ ownerType: "task", ownerId: taskId });
  });

  it("refuses a county reporting with another county's upload", async () => {
    const theirs = await upload(u.countyB);
    const countyCaller = callerFor(t.db, u.countyA.id);
    const [assignment] = (await countyCaller.assignment.inbox({})).items.filter((a) => a.taskId === taskId);
    await expectTRPCError(
      countyCaller.assignment.reportProgress({ id: assignment!.id, version: assignment!.version, text: "再次报告", percent: 60, attachmentIds: [theirs] }),
      "BAD_REQUEST",
    );
    expect(await ownerOf(theirs)).toEqual({ ownerType: null, ownerId: null });
    const [after] = (await countyCaller.assignment.inbox({})).items.filter((a) => a.taskId === taskId);
    expect(after!.version).toBe(assignment!.version);
  });

  it("binds the caller's own unbound uploads", async () => {
    const mine = await upload(u.cityStaff);
    const { id } = await callerFor(t.db, u.cityStaff.id).task.create({ ...input(), attachmentIds: [mine, mine] });
    expect(await ownerOf(mine)).toEqual({ ownerType: "task", ownerId: id });
  });
});
