import { TRPCError } from "@trpc/server";
import { getFormattedErrorShape } from "@trpc/server/unstable-core-do-not-import";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter, type Locale, localizeZodError } from "@dm/api";
import { newTipCode } from "@dm/api/domain/tip";
import { DEFAULT_FOCUS_AREAS, type Db, eq } from "@dm/db";
import { ACTIVITY_TYPES, VISIT_FORMS } from "@dm/db/enums";
import { notifications, tips } from "@dm/db/schema";
import { activityFields, memberFields } from "./support/authz";
import { freshDatabase, type TestDatabase } from "./support/db";
import { assignmentRow, campaignInput, createCampaign, createTask, createUser, nextPhone, taskInput, TEST_PASSWORD } from "./support/fixtures";
import { chinaDate, createGroupOrg, type GroupOrg, groupInput, THIS_YEAR, uploadPhoto } from "./support/group";
import {
  applyMutation,
  changedTables,
  databaseFingerprint,
  describeMutation,
  type FieldRules,
  fieldsOf,
  fromCatalogue,
  hashOf,
  hostileSeed,
  kindOf,
  mustRefuse,
  type Mutation,
  mutationOf,
  namesField,
  type Path,
  pathKey,
  pathPattern,
  prototypePolluted,
  refusedValuesFor,
  rootCause,
  storedVerbatim,
} from "./support/hostile";
import { type ErrorShape, callerFor } from "./support/trpc";

/*
 * Hostile input to every tRPC procedure. Each procedure has a spec below: a caller who may call
 * it and a valid input (fresh rows where the call consumes them). Properties mutate one field at
 * a time with hostile values (huge, control characters, broken UTF-16, SQL and HTML fragments,
 * wrong types, impossible numbers and dates, huge arrays, extra and prototype-polluting keys), or
 * replace the whole input with junk, and assert: never an INTERNAL_SERVER_ERROR; a refusal is a
 * localized catalogue message, per field when the input was at fault, and writes nothing; text
 * accepted into a stored field is stored exactly. A procedure without a spec fails the first test.
 */

type Caller = ReturnType<typeof callerFor>;
type UserKey = keyof GroupOrg["users"];

interface Fixture {
  db: Db;
  org: GroupOrg;
  campaignId: number;
  taskId: number;
  /** County A's assignment of `taskId`, as sent. */
  assignmentId: number;
  /** Inspections of county A, open to its members: one in ten days, one started ten minutes ago (memberA signed up). */
  activityId: number;
  startedActivityId: number;
  /** County A's group at 生态环境局: memberA (m.a) leads it. */
  groupId: number;
  criterionId: number;
  problemId: number;
  tip: { id: number; code: string };
  reportId: number;
  notificationId: number;
  fresh: Fresh;
}

interface Spec extends FieldRules {
  /** Who calls: a user allowed to, signed out for public procedures, or a fresh user made per run. */
  as: UserKey | "signedOut" | ((fx: Fixture) => Promise<number>);
  /**
   * A valid input; made anew after an accepted call (which may have used its rows up: a state
   * transition, a unique phone, a version). Left out: the procedure takes no input.
   */
  input?: (fx: Fixture) => unknown;
  /** Text fields kept as typed ("*" for any array index): accepted text must be found stored exactly. */
  stores?: string[];
  /** Stored text kept only in the audit trail (and in notifications). */
  auditOnly?: string[];
  /** The valid input must be made anew for every run (it goes stale: a check-in code). */
  fresh?: boolean;
  /** Runs of the property (fewer where the call hashes a password). */
  runs?: number;
}

const runs = (n: number) => Number(process.env.HOSTILE_RUNS ?? n);
const RUNS = runs(16);
const SLOW_RUNS = runs(8);
/** Junk for a procedure that takes no input: it is ignored, a few runs show it. */
const NO_INPUT_RUNS = runs(4);

const month = (back: number) => {
  const d = new Date(`${chinaDate().slice(0, 7)}-15T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - back);
  return d.toISOString().slice(0, 7);
};
const LAST_MONTH = month(1);
const hour = 3_600_000;
const fromNow = (ms: number) => new Date(Date.now() + ms);

/** Builders of rows a run consumes (a state transition, a unique phone, a version). */
function freshBuilders(db: Db, org: GroupOrg, campaignId: () => number) {
  const as = (user: UserKey) => callerFor(db, org.users[user].id);
  const county = () => as("countyA");
  let counter = 0;
  const unique = (text: string) => `${text}${++counter}`;
  const problem = async (state: "pending" | "rectifying" | "reported" | "closed" | "lookback") => {
    const c = county();
    let version = 1;
    const { id } = await c.problem.create({ title: unique("洣水河排污口"), description: "沿河排污口未封堵", category: "water", location: "洣水河沿岸", committeeId: org.countyA.id });
    if (state === "pending") return { id, version };
    ({ version } = await c.problem.assign({ id, version, plan: "三个月内完成截污纳管", departmentId: org.dept.a1, deadline: chinaDate(60) }));
    if (state === "rectifying") return { id, version };
    ({ version } = await c.problem.report({ id, version, text: "排污口已封堵", attachmentIds: [await uploadPhoto(db, org.users.countyA)] }));
    if (state === "reported") return { id, version };
    ({ version } = await c.problem.verify({ id, version }));
    if (state === "closed") return { id, version };
    ({ version } = await c.problem.scheduleLookback({ id, version, date: chinaDate(30) }));
    return { id, version };
  };
  const assignment = async (state: "sent" | "accepted" | "reported") => {
    const task = await createTask(db, org.users.cityStaff.id, campaignId(), [org.countyA.id], { title: unique("踏察洣水河") });
    const id = task.assignmentIds.get(org.countyA.id)!;
    let { version } = await assignmentRow(db, id);
    if (state === "sent") return { id, version, taskId: task.id };
    ({ version } = await county().assignment.accept({ id, version }));
    if (state === "accepted") return { id, version, taskId: task.id };
    ({ version } = await county().assignment.reportProgress({ id, version, text: "已全部完成", percent: 100, complete: true }));
    return { id, version, taskId: task.id };
  };
  return {
    unique,
    member: async () => county().member.create(memberFields(unique("委员"), org.countyA.id)),
    problem,
    assignment,
    activity: async (startsIn = 10 * 24 * hour) => {
      const fields = { ...activityFields(unique("洣水河踏察"), campaignId()), startsAt: fromNow(startsIn), endsAt: fromNow(startsIn + 2 * hour), signupDeadline: fromNow(startsIn + hour) };
      const { id } = await county().activity.create(fields);
      return { id, version: 1, fields };
    },
    department: async () => county().department.create({ name: unique("水利局") }),
    group: async () => {
      const { id: departmentId } = await county().department.create({ name: unique("林业局") });
      const { id } = await county().group.create(groupInput(departmentId, [{ memberId: org.m.c.id, role: "leader" }], { name: unique("派驻林业局监督小组") }));
      return { id, version: 1, departmentId };
    },
    opinion: async (groupId: number) => {
      const { id } = await as("memberA").group.raiseOpinion({ groupId, title: unique("排污口整改"), content: "建议尽快封堵沿河排污口并公示进度", raisedOn: chinaDate() });
      return { id, version: 1 };
    },
    criterion: async () => county().appraisal.addCriterion({ year: THIS_YEAR, name: unique("公开透明"), maxScore: 10 }),
    tip: async () => {
      const [row] = await db.insert(tips).values({ code: newTipCode(), content: "河边有人偷排污水", location: "洣水河大桥下", committeeId: org.countyA.id, ipHash: "hostile" }).returning();
      return { id: row!.id, version: row!.version };
    },
    campaign: async () => createCampaign(db, org.users.cityStaff.id, { title: unique("生态环境专项民主监督") }),
  };
}
type Fresh = ReturnType<typeof freshBuilders>;

/** An .xlsx roster with one valid row, base64-encoded as the import form sends it. */
async function rosterFile(): Promise<string> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("委员名册");
  sheet.addRow(["姓名", "性别", "界别", "政治面貌", "委员层级", "手机号", "工作单位及职务", "所属组织"]);
  sheet.addRow(["易建平", "男", "民盟", "民盟盟员", "县市区政协委员", nextPhone(), "荷塘区人民医院 副院长", "荷塘区政协"]);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
}

const problemFieldsOf = (fx: Fixture) => ({
  title: "洣水河排污口未封堵",
  description: "沿河两处排污口仍在排放",
  category: "water",
  location: "洣水河大桥下游 200 米",
  latitude: 27.85,
  longitude: 113.15,
  committeeId: fx.org.countyA.id,
  departmentId: fx.org.dept.a1,
  deadline: chinaDate(30),
  attachmentIds: [],
});
const listFilters = (fx: Fixture) => ({ status: "pending", category: "water", committeeId: fx.org.countyA.id, departmentId: fx.org.dept.a1, overdue: false, search: "排污" });
const activityList = (fx: Fixture) => ({ search: "踏察", campaignId: fx.campaignId, month: chinaDate().slice(0, 7), status: "planned", type: ACTIVITY_TYPES[0] });
const roster = (fx: Fixture) => ({ search: "委员", committeeId: fx.org.countyA.id, sector: "无党派人士", level: "county", status: "active" });
const taskFilters = (fx: Fixture) => ({ campaignId: fx.campaignId, status: "sent", committeeId: fx.org.countyA.id, focusArea: DEFAULT_FOCUS_AREAS[1], overdue: false, search: "踏察" });
const report = (campaignId: number) => ({
  campaignId,
  month: LAST_MONTH,
  version: null,
  summary: "本月开展踏察两次",
  activitiesHeld: 2,
  activitySummary: "踏察洣水河排污口",
  problems: "排污口未封堵",
  nextPlan: "继续跟踪整改",
});

const SPECS: Record<string, Spec> = {
  "account.me": { as: "countyA" },
  "account.changePassword": {
    as: async (fx) => (await createUser(fx.db, { username: fx.fresh.unique("hostile-user-"), role: "county_staff", committeeId: fx.org.countyA.id })).id,
    input: () => ({ currentPassword: TEST_PASSWORD, newPassword: "Hostile-Password-2026", confirmPassword: "Hostile-Password-2026" }),
    secrets: ["currentPassword", "newPassword", "confirmPassword"],
    runs: SLOW_RUNS,
  },

  "committee.tree": { as: "cityStaff" },
  "committee.overview": { as: "cityStaff" },

  "member.list": { as: "countyA", input: (fx) => ({ ...roster(fx), page: 1, pageSize: 20 }) },
  "member.exportRows": { as: "countyA", input: roster },
  "member.byId": { as: "countyA", input: (fx) => ({ id: fx.org.m.a.id }) },
  "member.committeeChoices": { as: "countyA" },
  "member.create": { as: "countyA", input: (fx) => ({ ...memberFields("易建平", fx.org.countyA.id), workplace: "荷塘区人民医院" }), stores: ["name", "workplace"] },
  "member.update": {
    as: "countyA",
    input: async (fx) => {
      const { id, version } = await fx.fresh.member();
      return { id, version, data: { ...memberFields("易建平", fx.org.countyA.id), workplace: "荷塘区人民医院" } };
    },
    stores: ["data.name", "data.workplace"],
  },
  "member.deactivate": { as: "countyA", input: async (fx) => fx.fresh.member().then(({ id, version }) => ({ id, version })) },
  "member.reactivate": {
    as: "countyA",
    input: async (fx) => {
      const { id, version } = await fx.fresh.member();
      return callerFor(fx.db, fx.org.users.countyA.id).member.deactivate({ id, version }).then((r) => ({ id, version: r.version }));
    },
  },
  "member.createSignIn": { as: "countyA", input: async (fx) => ({ id: (await fx.fresh.member()).id, username: fx.fresh.unique("hostile-signin-"), password: "Hostile-Sign-In-2026" }), secrets: ["password"], runs: SLOW_RUNS },
  "member.resetPassword": {
    as: "countyA",
    input: async (fx) => {
      const { id } = await fx.fresh.member();
      await createUser(fx.db, { username: fx.fresh.unique("hostile-reset-"), role: "member", committeeId: fx.org.countyA.id, memberId: id });
      return { id, password: "Hostile-Reset-2026" };
    },
    secrets: ["password"],
    runs: SLOW_RUNS,
  },
  "member.importPreview": { as: "countyA", input: async () => ({ file: await rosterFile() }), files: ["file"] },
  "member.importCommit": { as: "countyA", input: async () => ({ file: await rosterFile() }), files: ["file"] },

  "campaign.list": { as: "cityStaff" },
  "campaign.byId": { as: "cityStaff", input: (fx) => ({ id: fx.campaignId }) },
  "campaign.choices": { as: "cityStaff" },
  "campaign.create": {
    as: "cityStaff",
    input: () => ({ ...campaignInput(), reportDueDay: 5, leadingGroup: [], countyLinks: [], attachmentIds: [] }),
    stores: ["title", "topic", "description", "focusAreas.*", "methods.*"],
  },
  "campaign.update": {
    as: "cityStaff",
    input: async (fx) => ({ id: await fx.fresh.campaign(), version: 1, data: { ...campaignInput(), reportDueDay: 5 } }),
    stores: ["data.title", "data.topic", "data.description", "data.focusAreas.*", "data.methods.*"],
  },

  "task.list": { as: "cityStaff", input: (fx) => ({ ...taskFilters(fx), page: 1 }) },
  "task.exportRows": { as: "cityStaff", input: taskFilters },
  "task.byId": { as: "cityStaff", input: (fx) => ({ id: fx.taskId }) },
  "task.create": { as: "cityStaff", input: (fx) => taskInput(fx.campaignId, [fx.org.countyA.id], { responsibleLeaderId: null, attachmentIds: [] }), stores: ["title", "description"] },
  "task.update": {
    as: "cityStaff",
    input: async (fx) => {
      const { taskId } = await fx.fresh.assignment("sent");
      const { committeeIds: _, ...data } = taskInput(fx.campaignId, []);
      return { id: taskId, version: 1, data: { ...data, responsibleLeaderId: null, attachmentIds: [] }, addCommitteeIds: [] };
    },
    stores: ["data.title", "data.description"],
  },

  "assignment.inbox": { as: "countyA", input: () => ({ status: "sent", overdue: false, search: "踏察", page: 1 }) },
  "assignment.inboxCounts": { as: "countyA" },
  "assignment.byId": { as: "countyA", input: (fx) => ({ id: fx.assignmentId }) },
  "assignment.accept": { as: "countyA", input: async (fx) => fx.fresh.assignment("sent").then(({ id, version }) => ({ id, version })) },
  "assignment.reportProgress": {
    as: "countyA",
    input: async (fx) => ({ ...(await fx.fresh.assignment("accepted").then(({ id, version }) => ({ id, version }))), text: "已完成两处排污口封堵", percent: 50, complete: false, attachmentIds: [] }),
    stores: ["text"],
  },
  "assignment.approve": { as: "cityStaff", input: async (fx) => ({ ...(await fx.fresh.assignment("reported").then(({ id, version }) => ({ id, version }))), comment: "同意办结" }), stores: ["comment"] },
  "assignment.return": { as: "cityStaff", input: async (fx) => ({ ...(await fx.fresh.assignment("reported").then(({ id, version }) => ({ id, version }))), reason: "佐证材料不全" }), stores: ["reason"] },
  "assignment.passDown": {
    as: "countyA",
    input: async (fx) => ({ ...(await fx.fresh.assignment("accepted").then(({ id, version }) => ({ id, version }))), committeeIds: [fx.org.townA1.id], deadline: chinaDate(30) }),
  },

  "notification.unreadCount": { as: "countyA" },
  "notification.list": { as: "countyA", input: () => ({ page: 1 }) },
  "notification.markRead": { as: "countyA", input: (fx) => ({ ids: [fx.notificationId] }), bigIds: ["ids.*"] },

  "department.list": { as: "countyA", input: (fx) => ({ committeeId: fx.org.countyA.id, includeInactive: true }) },
  "department.inScope": { as: "countyA" },
  "department.create": { as: "countyA", input: (fx) => ({ name: fx.fresh.unique("自然资源局") }), stores: ["name"] },
  "department.rename": { as: "countyA", input: async (fx) => ({ id: (await fx.fresh.department()).id, name: fx.fresh.unique("城管局") }), stores: ["name"] },
  "department.setActive": { as: "countyA", input: async (fx) => ({ id: (await fx.fresh.department()).id, active: false }) },

  "group.list": { as: "countyA", input: (fx) => ({ search: "监督", departmentId: fx.org.dept.a1, status: "active", kind: "group", page: 1 }) },
  "group.byId": { as: "countyA", input: (fx) => ({ id: fx.groupId }) },
  "group.create": {
    as: "countyA",
    input: async (fx) => ({ ...groupInput((await fx.fresh.department()).id, [{ memberId: fx.org.m.c.id, role: "leader" }]), kind: "group" }),
    stores: ["name"],
  },
  "group.update": {
    as: "countyA",
    input: async (fx) => {
      const { id, version, departmentId } = await fx.fresh.group();
      const { kind: _, ...data } = groupInput(departmentId, [{ memberId: fx.org.m.c.id, role: "leader" }]);
      return { id, version, data };
    },
    stores: ["data.name"],
  },
  "group.endTerm": { as: "countyA", input: async (fx) => ({ ...(await fx.fresh.group().then(({ id, version }) => ({ id, version }))), endDate: chinaDate() }) },
  "group.recordVisit": { as: "memberA", input: (fx) => ({ groupId: fx.groupId, date: chinaDate(), form: VISIT_FORMS[0], summary: "走访了解排污口整改情况", attachmentIds: [] }), stores: ["summary"] },
  "group.raiseOpinion": {
    as: "memberA",
    input: (fx) => ({ groupId: fx.groupId, visitId: null, title: "排污口整改", content: "建议尽快封堵沿河排污口并公示进度", raisedOn: chinaDate() }),
    stores: ["title", "content"],
  },
  "group.replyOpinion": { as: "countyA", input: async (fx) => ({ ...(await fx.fresh.opinion(fx.groupId)), reply: "已安排专人整改", repliedOn: chinaDate(), adoption: "adopted" }), stores: ["reply"] },

  "appraisal.criteria": { as: "countyA", input: (fx) => ({ year: THIS_YEAR, committeeId: fx.org.countyA.id }) },
  "appraisal.addCriterion": { as: "countyA", input: (fx) => ({ year: THIS_YEAR, name: fx.fresh.unique("履职尽责"), maxScore: 10 }), stores: ["name"] },
  "appraisal.updateCriterion": { as: "countyA", input: async (fx) => ({ id: (await fx.fresh.criterion()).id, name: fx.fresh.unique("整改落实"), maxScore: 20 }), stores: ["name"] },
  "appraisal.removeCriterion": { as: "countyA", input: async (fx) => ({ id: (await fx.fresh.criterion()).id }) },
  "appraisal.form": { as: "memberA", input: (fx) => ({ groupId: fx.groupId, year: THIS_YEAR }) },
  "appraisal.score": { as: "memberA", input: (fx) => ({ groupId: fx.groupId, year: THIS_YEAR, scores: [{ criterionId: fx.criterionId, score: 30 }] }) },
  "appraisal.results": { as: "countyA", input: (fx) => ({ year: THIS_YEAR, committeeId: fx.org.countyA.id }) },

  "coverage.matrix": { as: "cityStaff", input: (fx) => ({ campaignId: fx.campaignId }) },
  "coverage.cell": { as: "cityStaff", input: (fx) => ({ campaignId: fx.campaignId, committeeId: fx.org.countyA.id, month: LAST_MONTH, subtree: false }) },

  "monthlyReport.ownList": { as: "countyA", input: (fx) => ({ campaignId: fx.campaignId }) },
  "monthlyReport.own": { as: "countyA", input: (fx) => ({ campaignId: fx.campaignId, month: LAST_MONTH }) },
  "monthlyReport.saveDraft": { as: "countyA", input: async (fx) => report(await fx.fresh.campaign()), stores: ["summary", "activitySummary", "problems", "nextPlan"] },
  "monthlyReport.submit": { as: "countyA", input: async (fx) => report(await fx.fresh.campaign()), stores: ["summary", "activitySummary", "problems", "nextPlan"] },
  "monthlyReport.status": { as: "cityStaff", input: (fx) => ({ campaignId: fx.campaignId, month: LAST_MONTH }) },
  "monthlyReport.byId": { as: "cityStaff", input: (fx) => ({ id: fx.reportId }) },

  "participation.mine": { as: "memberA", input: () => ({ year: THIS_YEAR }) },
  "participation.ofMember": { as: "countyA", input: (fx) => ({ memberId: fx.org.m.a.id, year: THIS_YEAR }) },
  "participation.ranking": { as: "countyA", input: (fx) => ({ committeeId: fx.org.countyA.id, year: THIS_YEAR, page: 1 }) },
  "participation.rankingExport": { as: "countyA", input: (fx) => ({ committeeId: fx.org.countyA.id, year: THIS_YEAR }) },
  "participation.rules": { as: "countyA" },
  "participation.updateRules": { as: "cityStaff", input: async (fx) => callerFor(fx.db, fx.org.users.cityStaff.id).participation.rules().then(({ rules, version }) => ({ rules, version })) },

  "problem.list": { as: "countyA", input: (fx) => ({ ...listFilters(fx), page: 1 }) },
  "problem.counts": { as: "countyA", input: listFilters },
  "problem.exportRows": { as: "countyA", input: listFilters },
  "problem.byId": { as: "countyA", input: (fx) => ({ id: fx.problemId }) },
  "problem.source": { as: "countyA", input: (fx) => ({ source: "activity", sourceId: fx.startedActivityId }) },
  "problem.departments": { as: "countyA", input: (fx) => ({ committeeId: fx.org.countyA.id }) },
  "problem.departmentOptions": { as: "countyA" },
  "problem.create": { as: "countyA", input: (fx) => ({ ...problemFieldsOf(fx), source: "direct", sourceId: null }), stores: ["title", "description", "location"] },
  "problem.assign": { as: "countyA", input: async (fx) => ({ ...(await fx.fresh.problem("pending")), plan: "三个月内完成截污纳管", departmentId: fx.org.dept.a1, deadline: chinaDate(60) }), stores: ["plan"] },
  "problem.report": {
    as: "countyA",
    input: async (fx) => ({ ...(await fx.fresh.problem("rectifying")), text: "两处排污口已封堵", attachmentIds: [await uploadPhoto(fx.db, fx.org.users.countyA)] }),
    stores: ["text"],
  },
  "problem.verify": { as: "countyA", input: async (fx) => ({ ...(await fx.fresh.problem("reported")), comment: "现场验收合格" }), stores: ["comment"] },
  "problem.reject": { as: "countyA", input: async (fx) => ({ ...(await fx.fresh.problem("reported")), reason: "证据不足" }), stores: ["reason"] },
  "problem.scheduleLookback": { as: "countyA", input: async (fx) => ({ ...(await fx.fresh.problem("closed")), date: chinaDate(30), comment: "三个月后回头看" }) },
  "problem.passLookback": { as: "countyA", input: async (fx) => ({ ...(await fx.fresh.problem("lookback")), comment: "整改成效巩固" }), stores: ["comment"] },
  "problem.reopen": { as: "countyA", input: async (fx) => ({ ...(await fx.fresh.problem("lookback")), reason: "排污口再次出现" }), stores: ["reason"] },

  "tip.areas": { as: "signedOut" },
  "tip.status": { as: "signedOut", input: (fx) => ({ code: fx.tip.code }) },
  "tip.list": { as: "countyA", input: () => ({ status: "received", search: "排污", page: 1 }) },
  "tip.byId": { as: "countyA", input: (fx) => ({ id: fx.tip.id }) },
  "tip.convert": { as: "countyA", input: async (fx) => ({ ...(await fx.fresh.tip()), problem: problemFieldsOf(fx) }), stores: ["problem.title", "problem.description", "problem.location"] },
  "tip.dismiss": { as: "countyA", input: async (fx) => ({ ...(await fx.fresh.tip()), reason: "重复线索" }), stores: ["reason"] },

  "activity.list": { as: "countyA", input: (fx) => ({ ...activityList(fx), page: 1 }) },
  "activity.exportRows": { as: "countyA", input: activityList },
  "activity.byId": { as: "countyA", input: (fx) => ({ id: fx.activityId }) },
  "activity.choices": { as: "countyA" },
  "activity.create": {
    as: "countyA",
    input: (fx) => ({ ...activityFields("洣水河排污口踏察", fx.campaignId), description: "实地查看排污口整治情况", taskId: null, focusArea: DEFAULT_FOCUS_AREAS[1], capacity: 30, inviteeIds: [], attachmentIds: [] }),
    stores: ["title", "description", "place", "organizer"],
  },
  "activity.update": {
    as: "countyA",
    input: async (fx) => {
      const { id, version, fields } = await fx.fresh.activity();
      return { id, version, data: { ...fields, description: "实地查看排污口整治情况", capacity: 30 } };
    },
    stores: ["data.title", "data.description", "data.place", "data.organizer"],
  },
  "activity.cancel": { as: "countyA", input: async (fx) => ({ ...(await fx.fresh.activity().then(({ id, version }) => ({ id, version }))), reason: "天气原因" }), auditOnly: ["reason"] },
  "activity.checkInCode": { as: "countyA", input: (fx) => ({ id: fx.activityId }) },
  "activity.mark": { as: "countyA", input: (fx) => ({ activityId: fx.startedActivityId, memberId: fx.org.m.b.id, attendance: "late", note: "迟到十分钟" }), stores: ["note"] },
  "activity.record": {
    as: "countyA",
    input: async (fx) => ({ ...(await fx.fresh.activity(-3 * hour).then(({ id, version }) => ({ id, version }))), minutes: "座谈会纪要", findings: "排污口两处", opinionCount: 2, attachmentIds: [], markHeld: false }),
    stores: ["minutes", "findings"],
  },
  "activity.forMember": { as: "memberA", input: () => ({ view: "open", page: 1 }) },
  "activity.view": { as: "memberA", input: (fx) => ({ id: fx.activityId }) },
  "activity.signUp": { as: "memberA", input: async (fx) => ({ id: (await fx.fresh.activity()).id }) },
  "activity.cancelSignUp": {
    as: "memberA",
    input: async (fx) => {
      const { id } = await fx.fresh.activity();
      await callerFor(fx.db, fx.org.users.memberA.id).activity.signUp({ id });
      return { id };
    },
  },
  "activity.checkIn": {
    as: "memberA",
    fresh: true,
    input: async (fx) => ({ activityId: fx.startedActivityId, token: (await callerFor(fx.db, fx.org.users.countyA.id).activity.checkInCode({ id: fx.startedActivityId })).token }),
  },
  "activity.addFinding": { as: "memberA", input: (fx) => ({ activityId: fx.startedActivityId, text: "排污口仍在排放", attachmentIds: [] }), stores: ["text"] },
  "activity.calendar": { as: "memberA" },
  "activity.calendarFeed": { as: "memberA", input: () => ({ regenerate: false }) },

  "audit.list": { as: "cityStaff", input: () => ({ actor: "陈", entityType: "problem", entityId: "1", from: "2026-01-01", to: chinaDate(), cursor: 1_000_000 }), bigIds: ["cursor"] },
  "audit.entityTypes": { as: "cityStaff" },

  "dashboard.overview": { as: "countyA", input: (fx) => ({ campaignId: fx.campaignId, month: LAST_MONTH }) },
  "dashboard.briefing": { as: "countyA", input: (fx) => ({ campaignId: fx.campaignId, committeeId: fx.org.countyA.id, month: LAST_MONTH }) },
};

/* ─── Running a call and judging its outcome ────────────────────────────────────────────────── */

type InputParser = { safeParseAsync(value: unknown): Promise<{ success: true } | { success: false; error: Parameters<typeof localizeZodError>[0] }> };
/** The zod schema a procedure parses its input with (none for procedures without input). */
function inputParser(path: string): InputParser | undefined {
  const procedure = (appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>)[path]!;
  return procedure._def.inputs[0] as InputParser | undefined;
}

function routerProcedures(): Map<string, (caller: Caller, input: unknown) => Promise<unknown>> {
  return new Map(
    Object.keys(appRouter._def.procedures).map((path) => [
      path,
      (caller: Caller, input: unknown) => {
        const [router, name] = path.split(".") as [string, string];
        return (caller as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[router]![name]!(input);
      },
    ]),
  );
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown; shape?: ErrorShape };
async function settle(promise: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error, shape: error instanceof TRPCError ? (getFormattedErrorShape(error) as ErrorShape | undefined) : undefined };
  }
}

interface Tally {
  runs: number;
  accepted: number;
  fieldErrors: number;
  otherRefusals: number;
  storedChecks: number;
}
const TALLY = new Map<string, Tally>();
/** Field × refused-value cases checked against the input parsers. */
const SWEPT = { count: 0 };
/** The fields of the valid inputs by kind: what the mutations reach. */
const FIELD_KINDS = new Map<string, number>();

/** What is wrong with one call's outcome (nothing: an empty list). */
async function judge(db: Db, spec: Spec, path: string, m: Mutation, locale: Locale, outcome: Outcome, before: Map<string, string>): Promise<{ found: string[]; after?: Map<string, string> }> {
  const found = await judgeOutcome(db, spec, path, m, locale, outcome);
  if (outcome.ok) return { found };
  // A refusal writes nothing.
  const after = await databaseFingerprint(db);
  const changed = changedTables(before, after);
  if (changed.length) found.push(`refused (${(outcome.error as { code?: string }).code}) but changed ${changed.join(", ")}`);
  return { found, after };
}

async function judgeOutcome(db: Db, spec: Spec, path: string, m: Mutation, locale: Locale, outcome: Outcome): Promise<string[]> {
  const problemsFound: string[] = [];
  const tally = TALLY.get(path)!;
  tally.runs += 1;
  if (prototypePolluted()) problemsFound.push("Object.prototype was polluted");
  const refusal = spec.input ? mustRefuse(m, spec) : null;
  if (outcome.ok) {
    tally.accepted += 1;
    if (refusal) problemsFound.push(`accepted ${refusal}`);
    const field = m.op === "set" ? pathPattern(m.path) : "";
    if (m.op === "set" && typeof m.value === "string" && (spec.stores?.includes(field) || spec.auditOnly?.includes(field))) {
      tally.storedChecks += 1;
      const where = await storedVerbatim(db, m.value.trim(), { audit: spec.auditOnly?.includes(field) });
      if (where.length === 0) problemsFound.push(`accepted text for ${pathKey(m.path)} is not stored exactly as given`);
    }
    return problemsFound;
  }
  const { error, shape } = outcome;
  if (!(error instanceof TRPCError)) return [...problemsFound, `threw a non-tRPC error: ${String(error)}`];
  if (error.code === "INTERNAL_SERVER_ERROR") return [...problemsFound, `INTERNAL_SERVER_ERROR: ${rootCause(error)}`];
  if (!shape) return [...problemsFound, "no formatted error shape"];
  if (!fromCatalogue(locale, shape.message)) problemsFound.push(`${locale} message not from the catalogue: ${JSON.stringify(shape.message)}`);
  const fieldErrors = shape.data.fieldErrors ?? {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    for (const message of messages) if (!fromCatalogue(locale, message)) problemsFound.push(`${locale} message for "${field}" not from the catalogue: ${JSON.stringify(message)}`);
  }
  if (Object.keys(fieldErrors).length) tally.fieldErrors += 1;
  else tally.otherRefusals += 1;
  if (refusal) {
    const path = (m as { path: Path }).path;
    if (error.code !== "BAD_REQUEST" || !namesField(fieldErrors, path)) problemsFound.push(`${refusal} should be a BAD_REQUEST naming "${pathKey(path)}", got ${error.code} ${JSON.stringify(fieldErrors)}`);
  }
  return problemsFound;
}

/* ─── The tests ─────────────────────────────────────────────────────────────────────────────── */

let t: TestDatabase;
let fx: Fixture;
const procedures = routerProcedures();
const seed = hostileSeed("hostile-input.test.ts");

beforeAll(async () => {
  t = await freshDatabase();
  const db = t.db;
  const org = await createGroupOrg(db);
  const campaignId = await createCampaign(db, org.users.cityStaff.id);
  const fresh = freshBuilders(db, org, () => campaignId);
  const county = callerFor(db, org.users.countyA.id);
  const task = await fresh.assignment("sent");
  const { id: activityId } = await fresh.activity();
  const { id: startedActivityId } = await fresh.activity(-10 * 60_000);
  await callerFor(db, org.users.memberA.id).activity.signUp({ id: startedActivityId });
  const { id: groupId } = await county.group.create(groupInput(org.dept.a1, [{ memberId: org.m.a.id, role: "leader" }, { memberId: org.m.b.id, role: "member" }]));
  const { id: criterionId } = await county.appraisal.addCriterion({ year: THIS_YEAR, name: "履职尽责", maxScore: 40 });
  const { id: problemId } = await fresh.problem("pending");
  const tip = await fresh.tip();
  const [tipRow] = await db.select({ code: tips.code }).from(tips).where(eq(tips.id, tip.id));
  const saved = await county.monthlyReport.submit(report(campaignId));
  const [note] = await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, org.users.countyA.id)).limit(1);
  fx = {
    db,
    org,
    campaignId,
    taskId: task.taskId,
    assignmentId: task.id,
    activityId,
    startedActivityId,
    groupId,
    criterionId,
    problemId,
    tip: { id: tip.id, code: tipRow!.code },
    reportId: saved.id,
    notificationId: note!.id,
    fresh,
  };
}, 120_000);

afterAll(async () => {
  const rows = [...TALLY.entries()].filter(([, v]) => v.runs > 0);
  if (rows.length) {
    const total = rows.reduce((s, [, v]) => ({ runs: s.runs + v.runs, accepted: s.accepted + v.accepted, fieldErrors: s.fieldErrors + v.fieldErrors, otherRefusals: s.otherRefusals + v.otherRefusals, storedChecks: s.storedChecks + v.storedChecks }), { runs: 0, accepted: 0, fieldErrors: 0, otherRefusals: 0, storedChecks: 0 });
    console.info(`[hostile] ${rows.length} procedures, ${total.runs} calls: ${total.accepted} accepted (${total.storedChecks} stored text checked), ${total.fieldErrors} refused per field, ${total.otherRefusals} refused by a rule (seed ${seed})`);
    console.info(`[hostile] ${SWEPT.count} field × refused-value cases checked against the input parsers`);
    console.info(`[hostile] fields mutated, by kind: ${[...FIELD_KINDS.entries()].map(([k, n]) => `${k} ${n}`).join(", ")}`);
  }
  await t?.cleanup();
});

describe("hostile input to every procedure", () => {
  it("has a spec for every procedure of the router", () => {
    const missing = [...procedures.keys()].filter((p) => !(p in SPECS));
    const stale = Object.keys(SPECS).filter((p) => !procedures.has(p));
    expect(missing, "procedures without a spec in SPECS").toEqual([]);
    expect(stale, "specs naming no procedure").toEqual([]);
  });

  it.each(Object.keys(SPECS).filter((p) => procedures.has(p)))("%s", async (path) => {
    const spec = SPECS[path]!;
    const invoke = procedures.get(path)!;
    TALLY.set(path, { runs: 0, accepted: 0, fieldErrors: 0, otherRefusals: 0, storedChecks: 0 });
    const callerOf = async (locale: Locale) => {
      const id = spec.as === "signedOut" ? null : typeof spec.as === "function" ? await spec.as(fx) : fx.org.users[spec.as].id;
      return callerFor(fx.db, id, { locale });
    };

    // The valid input is valid: the properties below start from an input that is accepted.
    const template = spec.input ? await spec.input(fx) : undefined;
    for (const f of fieldsOf(template)) FIELD_KINDS.set(kindOf(f.value), (FIELD_KINDS.get(kindOf(f.value)) ?? 0) + 1);
    const valid = await settle(invoke(await callerOf("zh-CN"), template));
    expect(valid.ok ? "accepted" : `refused: ${(valid.error as Error).message} ${JSON.stringify(valid.shape?.data.fieldErrors)}`, `the valid input of ${path}`).toBe("accepted");

    // A refused call changes nothing (that is checked), so its valid input, and the fingerprint
    // taken after it, serve the next run as they are: fresh rows are made only after an accepted call.
    let reusable: { base: unknown; print: Map<string, string> } | null = null;
    await fc.assert(
      fc.asyncProperty(mutationOf(template), fc.constantFrom<Locale>("zh-CN", "en"), async (mutation, locale) => {
        const base = reusable ? reusable.base : spec.input ? await spec.input(fx) : undefined;
        const caller = await callerOf(locale);
        const before = reusable?.print ?? (await databaseFingerprint(fx.db));
        reusable = null;
        const outcome = await settle(invoke(caller, applyMutation(base, mutation)));
        const { found, after } = await judge(fx.db, spec, path, mutation, locale, outcome, before);
        expect(found, `${path}: ${describeMutation(mutation)} (${locale})`).toEqual([]);
        if (after && typeof spec.as !== "function" && !spec.fresh) reusable = { base, print: after };
      }),
      { seed: seed ^ hashOf(path), numRuns: spec.runs ?? (spec.input ? RUNS : NO_INPUT_RUNS), endOnFailure: true },
    );

    // Every field against every value its kind must refuse, through the procedure's own input
    // parser (what tRPC runs before the procedure): refused, naming the field, in catalogue words.
    const missed: string[] = [];
    const parser = inputParser(path);
    for (const { path: field, value: was } of parser ? fieldsOf(template) : []) {
      const pattern = pathPattern(field);
      for (const { label, value } of refusedValuesFor(was, { secret: spec.secrets?.includes(pattern), bigId: spec.bigIds?.includes(pattern), file: spec.files?.includes(pattern) })) {
        SWEPT.count += 1;
        const result = await parser!.safeParseAsync(applyMutation(template, { op: "set", path: field, value, was }));
        const key = pathKey(field);
        if (result.success) {
          missed.push(`${key}: accepted ${label}`);
          continue;
        }
        const fields = localizeZodError(result.error, "zh-CN");
        if (!namesField(fields, field)) missed.push(`${key}: ${label} refused without naming the field: ${JSON.stringify(fields)}`);
        for (const locale of ["zh-CN", "en"] as const)
          for (const [f, messages] of Object.entries(localizeZodError(result.error, locale)))
            for (const message of messages) if (!fromCatalogue(locale, message)) missed.push(`${f}: ${label}: ${locale} message not from the catalogue: ${message}`);
      }
    }
    expect(missed, `${path}: fields that do not refuse what they must`).toEqual([]);
  }, 120_000);
});

