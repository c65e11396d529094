import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext, readableAttachment } from "@dm/api";
import { asc, count, eq } from "@dm/db";
import { attachments, auditEvents, departments, groupMembers, notifications, opinions, supervisionGroups, visits, type User } from "@dm/db/schema";
import { type TestDatabase, freshDatabase } from "./support/db";
import { chinaDate, createGroupOrg, type GroupOrg, groupInput, uploadPhoto } from "./support/group";
import { currentOf } from "./support/fixtures";
import { callerFor, expectTRPCError } from "./support/trpc";

/**
 * Dispatched supervision against PostgreSQL: the department register, dispatching and editing
 * groups and supervisors, visits and opinions by the group's own members, the department's reply
 * and the adoption rate, and who sees what. County A is 荷塘区 with township 月塘街道; county B
 * 芦淞区 is its sibling.
 */
let t: TestDatabase;
let org: GroupOrg;
const as = (user: User) => callerFor(t.db, user.id);

beforeAll(async () => {
  t = await freshDatabase();
  org = await createGroupOrg(t.db);
});

afterAll(async () => {
  await t?.cleanup();
});

async function totals() {
  const [[g], [gm], [v], [o], [a]] = await Promise.all([
    t.db.select({ n: count() }).from(supervisionGroups),
    t.db.select({ n: count() }).from(groupMembers),
    t.db.select({ n: count() }).from(visits),
    t.db.select({ n: count() }).from(opinions),
    t.db.select({ n: count() }).from(auditEvents),
  ]);
  return { groups: g!.n, members: gm!.n, visits: v!.n, opinions: o!.n, audits: a!.n };
}

/** A county A group led by member a with b as member: the usual subject of a test. */
async function dispatchA(overrides: Parameters<typeof groupInput>[2] = {}) {
  const { id } = await as(org.users.countyA).group.create(
    groupInput(org.dept.a1, [
      { memberId: org.m.a.id, role: "leader" },
      { memberId: org.m.b.id, role: "member" },
    ], overrides),
  );
  return id;
}

describe("the department register", () => {
  it("lists a committee's own departments; names are unique per committee, not across committees", async () => {
    const list = await as(org.users.countyA).department.list({});
    expect(list.committee.name).toBe("荷塘区政协");
    expect(list.items.map((d) => d.name)).toEqual(["生态环境局", "水利局"]);
    // 芦淞区 and the city have their own 生态环境局.
    expect((await as(org.users.countyB).department.list({})).items.map((d) => d.name)).toEqual(["生态环境局"]);
  });

  it("refuses a duplicate name with a message on the name field, and writes nothing", async () => {
    const before = await t.db.select({ n: count() }).from(departments);
    const { shape } = await expectTRPCError(as(org.users.countyA).department.create({ name: " 生态环境局 " }), "BAD_REQUEST");
    expect(shape.data.fieldErrors).toEqual({ name: ["本级已有同名的职能部门"] });
    const { shape: renamed } = await expectTRPCError(as(org.users.countyA).department.rename({ id: org.dept.a2, name: "生态环境局" }), "BAD_REQUEST");
    expect(renamed.data.fieldErrors).toEqual({ name: ["本级已有同名的职能部门"] });
    expect(await t.db.select({ n: count() }).from(departments)).toEqual(before);
  });

  it("renames, deactivates and reactivates, with an audit event each", async () => {
    const caller = as(org.users.countyA);
    const { id } = await caller.department.create({ name: "农业农村局" });
    await caller.department.rename({ id, name: "农业农村和水利局" });
    await caller.department.setActive({ id, active: false });
    let row = (await caller.department.list({})).items.find((d) => d.id === id)!;
    expect(row).toMatchObject({ name: "农业农村和水利局", active: false });
    expect((await caller.department.list({ includeInactive: false })).items.some((d) => d.id === id)).toBe(false);
    await caller.department.setActive({ id, active: true });
    row = (await caller.department.list({})).items.find((d) => d.id === id)!;
    expect(row.active).toBe(true);
    const audits = await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, String(id))).orderBy(asc(auditEvents.id));
    expect(audits.map((a) => a.action)).toEqual(["department.create", "department.rename", "department.deactivate", "department.activate"]);
  });

  it("is kept by the committee itself: the city may read a county's register but not change it; a sibling cannot see it", async () => {
    expect((await as(org.users.cityStaff).department.list({ committeeId: org.countyA.id })).items.length).toBeGreaterThan(0);
    await expectTRPCError(as(org.users.cityStaff).department.rename({ id: org.dept.a1, name: "改名" }), "FORBIDDEN");
    await expectTRPCError(as(org.users.countyB).department.rename({ id: org.dept.a1, name: "改名" }), "NOT_FOUND");
    await expectTRPCError(as(org.users.countyB).department.list({ committeeId: org.countyA.id }), "NOT_FOUND");
    await expectTRPCError(as(org.users.memberA).department.list({}), "FORBIDDEN");
    await expectTRPCError(as(org.users.cityLeader).department.create({ name: "住房和城乡建设局" }), "FORBIDDEN");
  });
});

describe("dispatching a group", () => {
  it("dispatches a group with one leader and members from the subtree, tells them, and audits it", async () => {
    const input = groupInput(org.dept.a1, [
      { memberId: org.m.a.id, role: "leader" },
      { memberId: org.m.b.id, role: "deputy" },
      { memberId: org.m.t1.id, role: "liaison" },
    ]);
    const { id } = await as(org.users.countyA).group.create(input);
    const [row] = await t.db.select().from(supervisionGroups).where(eq(supervisionGroups.id, id));
    expect(row).toMatchObject({ committeeId: org.countyA.id, departmentId: org.dept.a1, kind: "group", name: input.name, termStart: input.termStart, termEnd: input.termEnd, version: 1, createdBy: org.users.countyA.id });
    const detail = await as(org.users.countyA).group.byId({ id });
    expect(detail.members.map((m) => [m.name, m.role])).toEqual([
      ["荷塘委员甲", "leader"],
      ["荷塘委员丁", "deputy"],
      ["月塘委员己", "liaison"],
    ]);
    expect(detail).toMatchObject({ status: "active", departmentName: "生态环境局", committeeName: "荷塘区政协", can: { manage: true, reply: true, serve: false } });
    const registers = (await as(org.users.countyA).department.list({})).items;
    expect(registers.find((d) => d.id === org.dept.a1)).toMatchObject({ groups: 1, activeGroups: 1 });
    expect(registers.find((d) => d.id === org.dept.a2)).toMatchObject({ groups: 0, activeGroups: 0 });
    const told = await t.db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.kind, "group.appointed"));
    expect(told.map((n) => n.userId).sort()).toEqual([org.m.a.user.id, org.m.b.user.id, org.m.t1.user.id].sort());
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "group.create"));
    expect(audit).toMatchObject({ actorUserId: org.users.countyA.id, entityType: "supervision_group", entityId: String(id) });
  });

  it("appoints an individual supervisor: one member, role 民主监督员", async () => {
    const { id } = await as(org.users.countyA).group.create(groupInput(org.dept.a2, [{ memberId: org.m.c.id, role: "supervisor" }], { kind: "individual", name: "派驻水利局民主监督员" }));
    const detail = await as(org.users.countyA).group.byId({ id });
    expect(detail).toMatchObject({ kind: "individual", members: [{ name: "荷塘委员戊", role: "supervisor" }] });
  });

  it("refuses a bad roster, someone else's department or member, or a term that ends before it starts, per field, writing nothing", async () => {
    const before = await totals();
    const countyA = as(org.users.countyA);
    const cases: [Parameters<typeof countyA.group.create>[0], Record<string, string[]>][] = [
      [groupInput(org.dept.a1, [{ memberId: org.m.a.id, role: "member" }]), { members: ["监督小组须有且只有一名组长"] }],
      [groupInput(org.dept.a1, [{ memberId: org.m.a.id, role: "leader" }, { memberId: org.m.b.id, role: "leader" }]), { members: ["监督小组须有且只有一名组长"] }],
      [groupInput(org.dept.a1, [{ memberId: org.m.a.id, role: "leader" }, { memberId: org.m.a.id, role: "member" }]), { members: ["同一位委员不能重复列入"] }],
      [groupInput(org.dept.a1, [{ memberId: org.m.a.id, role: "leader" }, { memberId: org.m.countyB.id, role: "member" }]), { members: ["成员须为本级及下级政协的在册委员"] }],
      [groupInput(org.dept.b1, [{ memberId: org.m.a.id, role: "leader" }]), { departmentId: ["请从本级政协的职能部门名册中选择"] }],
      [groupInput(org.dept.a1, [{ memberId: org.m.a.id, role: "leader" }], { termStart: "2026-06-01", termEnd: "2026-05-31" }), { termEnd: ["任期结束日期不能早于开始日期"] }],
      [groupInput(org.dept.a1, [{ memberId: org.m.a.id, role: "leader" }], { kind: "individual" }), { members: ["个人派驻只能有一名委员，角色为民主监督员"] }],
      [groupInput(org.dept.a1, [{ memberId: org.m.a.id, role: "leader" }, { memberId: org.m.b.id, role: "supervisor" }]), { members: ["“民主监督员”角色只用于个人派驻，小组成员请选择组长、副组长、成员或联络员"] }],
      [groupInput(org.dept.a1, [{ memberId: org.m.a.id, role: "leader" }], { name: "" }), { name: ["至少需要 2 个字符"] }],
    ];
    for (const [input, fieldErrors] of cases) {
      const { shape } = await expectTRPCError(countyA.group.create(input), "BAD_REQUEST");
      expect(shape.data.fieldErrors, JSON.stringify(input)).toEqual(fieldErrors);
    }
    // The city's own member is outside the county's subtree.
    const { shape } = await expectTRPCError(countyA.group.create(groupInput(org.dept.a1, [{ memberId: org.users.cityMember.memberId!, role: "leader" }])), "BAD_REQUEST");
    expect(shape.data.fieldErrors).toEqual({ members: ["成员须为本级及下级政协的在册委员"] });
    expect(await totals()).toEqual(before);
  });

  it("does not dispatch to a deactivated department, and only staff who keep records may dispatch", async () => {
    const { id: dept } = await as(org.users.countyA).department.create({ name: "林业局" });
    await as(org.users.countyA).department.setActive({ id: dept, active: false });
    const { shape } = await expectTRPCError(as(org.users.countyA).group.create(groupInput(dept, [{ memberId: org.m.a.id, role: "leader" }])), "BAD_REQUEST");
    expect(shape.data.fieldErrors).toEqual({ departmentId: ["该职能部门已停用，不能再派驻"] });
    for (const user of [org.users.cityLeader, org.users.memberA]) {
      await expectTRPCError(as(user).group.create(groupInput(org.dept.a1, [{ memberId: org.m.a.id, role: "leader" }])), "FORBIDDEN");
    }
  });
});

describe("editing a group", () => {
  it("edits at the version read; a second edit at the old version gets CONFLICT with the group as it is", async () => {
    const id = await dispatchA();
    const countyA = as(org.users.countyA);
    const data = { departmentId: org.dept.a1, name: "派驻生态环境局监督小组（调整）", termStart: chinaDate(-60), termEnd: chinaDate(200), members: [{ memberId: org.m.b.id, role: "leader" as const }, { memberId: org.m.c.id, role: "member" as const }] };
    expect(await countyA.group.update({ id, version: 1, data })).toEqual({ id, version: 2 });
    const detail = await countyA.group.byId({ id });
    expect(detail).toMatchObject({ name: data.name, termEnd: data.termEnd, version: 2 });
    expect(detail.members.map((m) => [m.name, m.role])).toEqual([["荷塘委员丁", "leader"], ["荷塘委员戊", "member"]]);
    // Only the member new to the group is told.
    const told = await t.db.select({ userId: notifications.userId, link: notifications.link }).from(notifications).where(eq(notifications.link, `/groups/${id}`));
    expect(told.filter((n) => n.userId === org.m.c.user.id)).toHaveLength(1);

    const before = await totals();
    const { shape } = await expectTRPCError(countyA.group.update({ id, version: 1, data: { ...data, name: "另一人的修改" } }), "CONFLICT");
    expect(shape.message).toBe("该小组已被他人修改，请刷新后重试");
    expect(currentOf(shape)).toMatchObject({ version: 2, name: data.name });
    expect(await totals()).toEqual(before);
  });

  it("is the dispatching committee's alone: the city gets FORBIDDEN, a sibling county NOT_FOUND", async () => {
    const id = await dispatchA();
    const data = { departmentId: org.dept.a1, name: "改名", termStart: chinaDate(-60), termEnd: chinaDate(300), members: [{ memberId: org.m.a.id, role: "leader" as const }] };
    await expectTRPCError(as(org.users.cityStaff).group.update({ id, version: 1, data }), "FORBIDDEN");
    await expectTRPCError(as(org.users.countyB).group.update({ id, version: 1, data }), "NOT_FOUND");
    await expectTRPCError(as(org.users.countyB).group.endTerm({ id, version: 1 }), "NOT_FOUND");
  });

  it("keeps the department and the term around what was recorded", async () => {
    const id = await dispatchA();
    await as(org.m.a.user).group.recordVisit({ groupId: id, date: chinaDate(-10), form: "visit", summary: "走访生态环境局执法支队" });
    const countyA = as(org.users.countyA);
    const base = { departmentId: org.dept.a1, name: "派驻生态环境局民主监督小组", termStart: chinaDate(-60), termEnd: chinaDate(300), members: [{ memberId: org.m.a.id, role: "leader" as const }] };
    let shape = (await expectTRPCError(countyA.group.update({ id, version: 1, data: { ...base, departmentId: org.dept.a2 } }), "BAD_REQUEST")).shape;
    expect(shape.data.fieldErrors).toEqual({ departmentId: ["已有走访、意见建议或评议记录，不能更换派驻部门"] });
    shape = (await expectTRPCError(countyA.group.update({ id, version: 1, data: { ...base, termStart: chinaDate(-5) } }), "BAD_REQUEST")).shape;
    expect(shape.data.fieldErrors).toEqual({ termStart: ["任期须覆盖已记录的走访和意见建议的日期"] });
  });

  it("ends a term early (today by default), not before the last record, and only once", async () => {
    const id = await dispatchA();
    await as(org.m.a.user).group.recordVisit({ groupId: id, date: chinaDate(-3), form: "symposium", summary: "参加部门座谈会，听取整改情况" });
    const countyA = as(org.users.countyA);
    const { shape } = await expectTRPCError(countyA.group.endTerm({ id, version: 1, endDate: chinaDate(-4) }), "BAD_REQUEST");
    expect(shape.data.fieldErrors).toEqual({ endDate: ["任期须覆盖已记录的走访和意见建议的日期"] });
    const { shape: future } = await expectTRPCError(countyA.group.endTerm({ id, version: 1, endDate: chinaDate(3) }), "BAD_REQUEST");
    expect(future.data.fieldErrors).toEqual({ endDate: ["日期不能晚于今天"] });
    expect(await countyA.group.endTerm({ id, version: 1 })).toEqual({ id, version: 2, termEnd: chinaDate() });
    await expectTRPCError(countyA.group.endTerm({ id, version: 1 }), "CONFLICT");
    // Ended yesterday: the term is over.
    const id2 = await dispatchA();
    await countyA.group.endTerm({ id: id2, version: 1, endDate: chinaDate(-1) });
    expect((await countyA.group.byId({ id: id2 })).status).toBe("ended");
    const { shape: again } = await expectTRPCError(countyA.group.endTerm({ id: id2, version: 2 }), "BAD_REQUEST");
    expect(again.message).toBe("该任期已结束");
  });
});

describe("visits and opinions by the group's members", () => {
  let groupId: number;
  beforeAll(async () => {
    groupId = await dispatchA();
  });

  it("lets a member record a visit with photos; the photos can be read by the group and the staff in scope only", async () => {
    const photo = await uploadPhoto(t.db, org.m.a.user);
    const { id } = await as(org.m.a.user).group.recordVisit({ groupId, date: chinaDate(-2), form: "unannounced", summary: "暗访渌江沿岸排污口，发现一处疑似偷排", attachmentIds: [photo] });
    const [stored] = await t.db.select().from(attachments).where(eq(attachments.id, photo));
    expect(stored).toMatchObject({ ownerType: "visit", ownerId: id });
    const detail = await as(org.m.b.user).group.byId({ id: groupId });
    expect(detail.visits[0]).toMatchObject({ id, form: "unannounced", recordedBy: "荷塘委员甲", photos: [{ id: photo, fileName: "走访照片.jpg" }] });
    expect(detail).toMatchObject({ myRole: "member", can: { manage: false, reply: false, serve: true, raiseProblem: false } });

    const canRead = async (user: User) => {
      const viewer = (await createContext({ db: t.db, session: { userId: user.id, sessionId: randomUUID(), sessionVersion: 0 }, headers: new Headers() }).viewer())!;
      return (await readableAttachment(t.db, viewer, photo)) !== null;
    };
    expect(await canRead(org.m.a.user)).toBe(true);
    expect(await canRead(org.m.b.user)).toBe(true);
    expect(await canRead(org.users.countyA)).toBe(true);
    expect(await canRead(org.users.cityStaff)).toBe(true);
    expect(await canRead(org.m.c.user)).toBe(false);
    expect(await canRead(org.users.countyB)).toBe(false);
    expect(await canRead(org.users.liaisonA1)).toBe(false);
  });

  it("refuses a visit dated in the future or outside the term, per field", async () => {
    const before = await totals();
    const member = as(org.m.a.user);
    let { shape } = await expectTRPCError(member.group.recordVisit({ groupId, date: chinaDate(1), form: "visit", summary: "明天的走访记录" }), "BAD_REQUEST");
    expect(shape.data.fieldErrors).toEqual({ date: ["日期不能晚于今天"] });
    ({ shape } = await expectTRPCError(member.group.recordVisit({ groupId, date: chinaDate(-61), form: "visit", summary: "任期开始前的走访" }), "BAD_REQUEST"));
    expect(shape.data.fieldErrors).toEqual({ date: ["日期须在小组任期之内"] });
    ({ shape } = await expectTRPCError(member.group.recordVisit({ groupId, date: chinaDate(-1), form: "visit", summary: "" }), "BAD_REQUEST"));
    expect(Object.keys(shape.data.fieldErrors!)).toEqual(["summary"]);
    expect(await totals()).toEqual(before);
  });

  it("lets only the group's members record: another member gets NOT_FOUND, staff FORBIDDEN", async () => {
    const before = await totals();
    await expectTRPCError(as(org.m.c.user).group.recordVisit({ groupId, date: chinaDate(-1), form: "visit", summary: "不是本组成员的记录" }), "NOT_FOUND");
    await expectTRPCError(as(org.m.countyB.user).group.raiseOpinion({ groupId, title: "不是本组成员", content: "不是本组成员提出的意见建议", raisedOn: chinaDate() }), "NOT_FOUND");
    await expectTRPCError(as(org.users.countyA).group.recordVisit({ groupId, date: chinaDate(-1), form: "visit", summary: "工作人员代记录" }), "FORBIDDEN");
    await expectTRPCError(as(org.m.c.user).group.byId({ id: groupId }), "NOT_FOUND");
    expect(await totals()).toEqual(before);
  });

  it("lets a member raise an opinion from one of the group's visits, and tells the dispatching committee's staff", async () => {
    const { id: visitId } = await as(org.m.b.user).group.recordVisit({ groupId, date: chinaDate(-1), form: "document_review", summary: "查阅2026年环境执法台账" });
    const { id } = await as(org.m.b.user).group.raiseOpinion({ groupId, visitId, title: "建立排污口动态台账", content: "建议对渌江沿岸排污口实行一口一档动态管理，每月更新。", raisedOn: chinaDate() });
    const [row] = await t.db.select().from(opinions).where(eq(opinions.id, id));
    expect(row).toMatchObject({ groupId, visitId, raisedBy: org.m.b.user.id, adoption: null, repliedOn: null, version: 1 });
    const told = await t.db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.kind, "opinion.raised"));
    expect(told.map((n) => n.userId).sort()).toEqual([org.users.countyA.id, org.users.countyA2.id].sort());

    // From another group's visit, or before the visit it came from: refused on the field.
    const other = await dispatchA();
    const { id: otherVisit } = await as(org.m.a.user).group.recordVisit({ groupId: other, date: chinaDate(-1), form: "visit", summary: "另一小组的走访" });
    let { shape } = await expectTRPCError(as(org.m.b.user).group.raiseOpinion({ groupId, visitId: otherVisit, title: "来自别组走访", content: "来自另一小组走访的意见建议", raisedOn: chinaDate() }), "BAD_REQUEST");
    expect(shape.data.fieldErrors).toEqual({ visitId: ["所选走访不属于本小组"] });
    ({ shape } = await expectTRPCError(as(org.m.b.user).group.raiseOpinion({ groupId, visitId, title: "早于走访提出", content: "提出日期早于走访日期的意见建议", raisedOn: chinaDate(-2) }), "BAD_REQUEST"));
    expect(shape.data.fieldErrors).toEqual({ raisedOn: ["提出日期不能早于所选走访的日期"] });
  });
});

describe("the department's reply and the adoption rate", () => {
  let groupId: number;
  const raise = async (title: string) =>
    (await as(org.m.a.user).group.raiseOpinion({ groupId, title, content: `${title}：具体意见建议内容`, raisedOn: chinaDate(-5) })).id;

  beforeAll(async () => {
    groupId = await dispatchA({ departmentId: org.dept.a2, name: "派驻水利局民主监督小组" });
  });

  it("records replies in each adoption state; rate = (adopted + partly adopted) / answered, per group and per department", async () => {
    const ids = [await raise("加强水源地保护"), await raise("整治河道采砂"), await raise("公开水质监测数据"), await raise("增设水质自动监测站")];
    const staff = as(org.users.countyA);
    expect((await staff.group.byId({ id: groupId })).adoption).toEqual({ adopted: 0, partlyAdopted: 0, notAdopted: 0, unanswered: 4, total: 4, rate: null });

    await staff.group.replyOpinion({ id: ids[0]!, version: 1, reply: "已纳入年度工作计划并实施", repliedOn: chinaDate(-1), adoption: "adopted" });
    await staff.group.replyOpinion({ id: ids[1]!, version: 1, reply: "部分河段已开展整治", repliedOn: chinaDate(), adoption: "partly_adopted" });
    await staff.group.replyOpinion({ id: ids[2]!, version: 1, reply: "涉及上级事权，暂不具备条件", repliedOn: chinaDate(-5), adoption: "not_adopted" });

    const detail = await staff.group.byId({ id: groupId });
    expect(detail.adoption).toEqual({ adopted: 1, partlyAdopted: 1, notAdopted: 1, unanswered: 1, total: 4, rate: 2 / 3 });
    expect(detail.opinions.find((o) => o.id === ids[0])).toMatchObject({ reply: "已纳入年度工作计划并实施", repliedOn: chinaDate(-1), adoption: "adopted", version: 2 });

    const listed = (await staff.group.list({ search: "水利局" })).items.find((g) => g.id === groupId)!;
    expect(listed).toMatchObject({ opinionCount: 4, answered: 3, adoptedOrPartly: 2, adoptionRate: 2 / 3 });
    const dept = (await staff.department.list({})).items.find((d) => d.id === org.dept.a2)!;
    expect(dept.opinions).toMatchObject({ adopted: 1, partlyAdopted: 1, notAdopted: 1, unanswered: 1, rate: 2 / 3 });

    // The raiser is told; a correction at the version read changes the rate.
    const told = await t.db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.kind, "opinion.replied"));
    expect(told.filter((n) => n.userId === org.m.a.user.id)).toHaveLength(3);
    await staff.group.replyOpinion({ id: ids[2]!, version: 2, reply: "经研究，部分采纳", repliedOn: chinaDate(), adoption: "partly_adopted" });
    expect((await staff.group.byId({ id: groupId })).adoption.rate).toBe(1);
  });

  it("refuses a reply dated before the opinion or after today, per field; a stale version gets CONFLICT", async () => {
    const id = await raise("规范取水许可管理");
    const staff = as(org.users.countyA);
    let { shape } = await expectTRPCError(staff.group.replyOpinion({ id, version: 1, reply: "已答复", repliedOn: chinaDate(-6), adoption: "adopted" }), "BAD_REQUEST");
    expect(shape.data.fieldErrors).toEqual({ repliedOn: ["答复日期不能早于意见建议的提出日期"] });
    ({ shape } = await expectTRPCError(staff.group.replyOpinion({ id, version: 1, reply: "已答复", repliedOn: chinaDate(1), adoption: "adopted" }), "BAD_REQUEST"));
    expect(shape.data.fieldErrors).toEqual({ repliedOn: ["日期不能晚于今天"] });
    ({ shape } = await expectTRPCError(staff.group.replyOpinion({ id, version: 1, reply: "已答复", repliedOn: chinaDate(), adoption: "maybe" as never }), "BAD_REQUEST"));
    expect(Object.keys(shape.data.fieldErrors!)).toEqual(["adoption"]);

    await as(org.users.countyA2).group.replyOpinion({ id, version: 1, reply: "已采纳", repliedOn: chinaDate(), adoption: "adopted" });
    ({ shape } = await expectTRPCError(staff.group.replyOpinion({ id, version: 1, reply: "未采纳", repliedOn: chinaDate(), adoption: "not_adopted" }), "CONFLICT"));
    expect(currentOf(shape)).toMatchObject({ version: 2, adoption: "adopted", reply: "已采纳" });
    const [row] = await t.db.select().from(opinions).where(eq(opinions.id, id));
    expect(row).toMatchObject({ adoption: "adopted", version: 2 });
  });

  it("is recorded by the dispatching committee's staff only", async () => {
    const id = await raise("推进污水管网建设");
    const input = { id, version: 1, reply: "已答复", repliedOn: chinaDate(), adoption: "adopted" as const };
    await expectTRPCError(as(org.users.cityStaff).group.replyOpinion(input), "FORBIDDEN");
    await expectTRPCError(as(org.users.countyB).group.replyOpinion(input), "NOT_FOUND");
    await expectTRPCError(as(org.m.a.user).group.replyOpinion(input), "FORBIDDEN");
    const [row] = await t.db.select().from(opinions).where(eq(opinions.id, id));
    expect(row).toMatchObject({ adoption: null, version: 1 });
  });
});

describe("scope", () => {
  let countyAGroup: number, townGroup: number, countyBGroup: number, cityGroup: number;
  beforeAll(async () => {
    countyAGroup = await dispatchA({ name: "范围测试荷塘小组" });
    const { id: townDept } = await as(org.users.liaisonA1).department.create({ name: "月塘街道城管办" });
    townGroup = (await as(org.users.liaisonA1).group.create(groupInput(townDept, [{ memberId: org.m.t1.id, role: "supervisor" }], { kind: "individual", name: "范围测试月塘监督员" }))).id;
    countyBGroup = (await as(org.users.countyB).group.create(groupInput(org.dept.b1, [{ memberId: org.m.countyB.id, role: "leader" }], { name: "范围测试芦淞小组" }))).id;
    cityGroup = (await as(org.users.cityStaff).group.create(groupInput(org.dept.city1, [{ memberId: org.m.a.id, role: "leader" }, { memberId: org.users.cityMember.memberId!, role: "member" }], { name: "范围测试市级小组" }))).id;
  });

  const names = async (user: User) => (await as(user).group.list({ search: "范围测试" })).items.map((g) => g.name).sort();

  it("shows a county its own and its townships' groups, the city everything below it, a township its own", async () => {
    expect(await names(org.users.countyA)).toEqual(["范围测试月塘监督员", "范围测试荷塘小组"].sort());
    expect(await names(org.users.cityStaff)).toEqual(["范围测试市级小组", "范围测试月塘监督员", "范围测试芦淞小组", "范围测试荷塘小组"].sort());
    expect(await names(org.users.liaisonA1)).toEqual(["范围测试月塘监督员"]);
    expect(await names(org.users.countyB)).toEqual(["范围测试芦淞小组"]);
    expect(await names(org.users.otherCountyStaff)).toEqual([]);
  });

  it("answers a sibling county's group by id with NOT_FOUND", async () => {
    await expectTRPCError(as(org.users.countyA).group.byId({ id: countyBGroup }), "NOT_FOUND");
    await expectTRPCError(as(org.users.countyB).group.byId({ id: countyAGroup }), "NOT_FOUND");
    await expectTRPCError(as(org.users.countyA).group.byId({ id: cityGroup }), "NOT_FOUND");
    await expectTRPCError(as(org.users.otherCityStaff).group.byId({ id: countyAGroup }), "NOT_FOUND");
    expect((await as(org.users.cityLeader).group.byId({ id: townGroup })).can).toEqual({ manage: false, reply: false, serve: false, raiseProblem: true });
  });

  it("shows a member only the groups they sit in, wherever the dispatching committee is", async () => {
    // Member a sits in the city's group too; member t1 only in the township's.
    expect(await names(org.m.a.user)).toEqual(["范围测试市级小组", "范围测试荷塘小组"].sort());
    expect(await names(org.m.t1.user)).toEqual(["范围测试月塘监督员"]);
    expect(await names(org.m.c.user)).toEqual([]);
    const mine = (await as(org.m.a.user).group.list({ search: "范围测试市级" })).items[0]!;
    expect(mine).toMatchObject({ myRole: "leader", committeeName: "株洲市政协" });
    await expectTRPCError(as(org.m.a.user).group.byId({ id: countyBGroup }), "NOT_FOUND");
  });

  it("filters by department, term status and kind, and pages", async () => {
    const staff = as(org.users.countyA);
    expect((await staff.group.list({ departmentId: org.dept.a2 })).items.every((g) => g.departmentId === org.dept.a2)).toBe(true);
    expect((await staff.group.list({ kind: "individual", search: "范围测试" })).items.map((g) => g.name)).toEqual(["范围测试月塘监督员"]);
    const ended = await staff.group.list({ status: "ended" });
    expect(ended.items.length).toBeGreaterThan(0);
    expect(ended.items.every((g) => g.status === "ended")).toBe(true);
    expect((await staff.group.list({ status: "upcoming" })).total).toBe(0);
    const all = await staff.group.list({});
    const page2 = await staff.group.list({ page: 2 });
    expect(all.total).toBeGreaterThan(0);
    expect(page2.items.length).toBe(Math.max(0, Math.min(all.pageSize, all.total - all.pageSize)));
    // Members' names are searchable.
    expect((await staff.group.list({ search: "月塘委员己" })).items.map((g) => g.name)).toContain("范围测试月塘监督员");
  });
});
