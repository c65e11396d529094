import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter, createContext, memberCalendar, readableAttachment } from "@dm/api";
import type { Db } from "@dm/db";
import { VISIT_FORMS } from "@dm/db/enums";
import { activityFields, CALLERS, type CaseKind, CREATORS, caseBuilders, memberFields, type MatrixRole, RELATIONS, type Relation, ROLES, SUPPORTS, type Target } from "./support/authz";
import { freshDatabase, type TestDatabase } from "./support/db";
import { campaignInput, createOrg, type Org } from "./support/fixtures";
import { chinaDate, uploadPhoto } from "./support/group";
import { callerFor } from "./support/trpc";

/*
 * The authorization matrix: every tRPC procedure has one row below. A row says who may pass
 * the procedure's gate (the others get FORBIDDEN, a signed-out caller UNAUTHORIZED), and, for
 * procedures that read or change one committee's data, what each role gets on data of its own
 * committee, a child, a sibling and the parent (fresh rows per cell, made by a case builder).
 * A procedure without a row fails the first test.
 */

/** A call that went through the gate (it may still fail on its input), or the error it must get. */
type Gate = "pass" | "FORBIDDEN";
/**
 * On data at one relationship: `allow` resolves; `listed` resolves and the data is in the result;
 * `hidden` resolves and nothing of the data is in the result; otherwise the error code.
 */
type Outcome = "allow" | "listed" | "hidden" | "NOT_FOUND" | "FORBIDDEN" | "BAD_REQUEST";

type Caller = ReturnType<typeof callerFor>;
interface Scoped {
  /** The case builder making the target row, fresh for each cell. */
  build: CaseKind;
  call: (caller: Caller, target: Target) => Promise<unknown>;
  expect: Partial<Record<Relation, Outcome>>;
  /** Where one role's rule differs from the row's. */
  byRole?: Partial<Record<MatrixRole, Partial<Record<Relation, Outcome>>>>;
}
interface Row {
  /** public: anyone, signed out too; self: any signed-in user, on their own data only; else the gate per role. */
  access: "public" | "self" | Record<MatrixRole, Gate>;
  scope?: Scoped;
}

function only(...allowed: MatrixRole[]): Record<MatrixRole, Gate> {
  return Object.fromEntries(ROLES.map((r) => [r, allowed.includes(r) ? "pass" : "FORBIDDEN"])) as Record<MatrixRole, Gate>;
}
const ANYONE = only(...ROLES);
const STAFF = only("city_leader", "city_staff", "county_staff", "township_liaison");
const KEEPERS = only("city_staff", "county_staff", "township_liaison");
const CITY = only("city_leader", "city_staff");
const REPORTERS = only("county_staff", "township_liaison");
const CITY_STAFF = only("city_staff");
const MEMBER = only("member");

/** One record by id: in scope it exists, outside it does not. */
const BY_ID: Scoped["expect"] = { own: "allow", child: "allow", sibling: "NOT_FOUND", parent: "NOT_FOUND" };
/** A list or export: in scope the row is there, outside it is absent. */
const LISTED: Scoped["expect"] = { own: "listed", child: "listed", sibling: "hidden", parent: "hidden" };

/**
 * Acting on a problem or an assignment in one's own committee's part: outside scope it does not
 * exist; a child's is not the caller's side to act on; on its own side the state rule answers
 * (a new problem cannot be reopened, verified, rejected or looked back on; a sent assignment
 * takes no progress).
 */
const OWN_SIDE_STATE: Scoped["expect"] = { own: "BAD_REQUEST", child: "FORBIDDEN", sibling: "NOT_FOUND", parent: "NOT_FOUND" };
/** Reviewing is the issuer's: the assignee is refused, the issuer meets the state rule (nothing reported yet). */
const REVIEW: Scoped["expect"] = { own: "FORBIDDEN", child: "BAD_REQUEST", sibling: "NOT_FOUND", parent: "NOT_FOUND" };
/** A member acting on an activity of their own committee meets its rules (not signed up, wrong code); others' do not exist. */
const MEMBER_STATE: Scoped["expect"] = { own: "BAD_REQUEST", child: "NOT_FOUND", sibling: "NOT_FOUND", parent: "NOT_FOUND" };
/** A list of one committee's rows, asked for by committee: a committee outside scope does not exist. */
const BY_COMMITTEE: Scoped["expect"] = { own: "listed", child: "listed", sibling: "NOT_FOUND", parent: "NOT_FOUND" };
/** A department register or a dispatch is kept by its own committee: a child's is seen, not edited. */
const OWN_COMMITTEE: Scoped["expect"] = { own: "allow", child: "FORBIDDEN", sibling: "NOT_FOUND", parent: "NOT_FOUND" };
/** An activity open to its committee's own members: not to a township's, a sibling's or the parent's. */
const OWN_MEMBERS: Scoped["expect"] = { own: "allow", child: "NOT_FOUND", sibling: "NOT_FOUND", parent: "NOT_FOUND" };
/** Only the assigned committee accepts its assignment; whoever sees it and is not that committee may not. */
const ACCEPT: Scoped["expect"] = { own: "allow", child: "FORBIDDEN", sibling: "NOT_FOUND", parent: "NOT_FOUND" };

/** The inbox holds what was sent to the caller's committee and what it passed down; a city follows its tasks on the task list. */
const CITY_INBOX: Scoped["expect"] = { child: "hidden", sibling: "hidden" };
/** A campaign is run by a city for its whole tree: its counties and townships read it too. */
const CAMPAIGN: Scoped["expect"] = { own: "allow", sibling: "NOT_FOUND", parent: "allow" };
/** A member sees only the groups they sit in (the fresh group has another member), wherever it is. */
const NOT_IN_GROUP: Scoped["expect"] = { own: "NOT_FOUND", child: "NOT_FOUND", sibling: "NOT_FOUND", parent: "NOT_FOUND" };
const NOT_IN_GROUP_LIST: Scoped["expect"] = { own: "hidden", child: "hidden", sibling: "hidden", parent: "hidden" };

/** A problem's area is a form field: one outside scope is refused as a field error. */
const AREA_FIELD: Scoped["expect"] = { own: "listed", child: "listed", sibling: "BAD_REQUEST", parent: "BAD_REQUEST" };
/**
 * A state rule wherever the data is in scope: reactivating an active member, resetting the
 * password of a member without a sign-in, recording an activity not yet held.
 */
const STATE_IN_SCOPE: Scoped["expect"] = { own: "BAD_REQUEST", child: "BAD_REQUEST", sibling: "NOT_FOUND", parent: "NOT_FOUND" };

const byId = (build: CaseKind, call: Scoped["call"], expect = BY_ID): Scoped => ({ build, call, expect });
const listed = (build: CaseKind, call: Scoped["call"], expect = LISTED): Scoped => ({ build, call, expect });

const YEAR = 2026;
const MONTH = chinaDate().slice(0, 7);

const MATRIX: Record<string, Row> = {
  "account.me": { access: "self" },
  "account.changePassword": { access: "self" },

  "committee.tree": { access: ANYONE },
  "committee.overview": { access: ANYONE },

  "member.list": { access: STAFF, scope: listed("member", (c, t) => c.member.list({ search: t.marker, committeeId: t.committeeId })) },
  "member.byId": { access: STAFF, scope: byId("member", (c, t) => c.member.byId({ id: t.id })) },
  "member.committeeChoices": { access: KEEPERS },
  "member.create": { access: KEEPERS },
  "member.update": { access: KEEPERS, scope: byId("member", (c, t) => c.member.update({ id: t.id, version: t.version, data: memberFields(`${t.marker}改`, t.committeeId) })) },
  "member.deactivate": { access: KEEPERS, scope: byId("member", (c, t) => c.member.deactivate({ id: t.id, version: t.version })) },
  "member.reactivate": { access: KEEPERS, scope: byId("member", (c, t) => c.member.reactivate({ id: t.id, version: t.version }), STATE_IN_SCOPE) },
  "member.createSignIn": { access: KEEPERS, scope: byId("member", (c, t) => c.member.createSignIn({ id: t.id })) },
  "member.resetPassword": { access: KEEPERS, scope: byId("member", (c, t) => c.member.resetPassword({ id: t.id }), STATE_IN_SCOPE) },
  "member.importPreview": { access: KEEPERS },
  "member.importCommit": { access: KEEPERS },
  "member.exportRows": { access: KEEPERS, scope: listed("member", (c, t) => c.member.exportRows({ search: t.marker, committeeId: t.committeeId })) },

  "campaign.list": { access: ANYONE },
  "campaign.byId": { access: ANYONE, scope: byId("campaign", (c, t) => c.campaign.byId({ id: t.id }), CAMPAIGN) },
  "campaign.choices": { access: CITY },
  "campaign.create": { access: CITY },
  "campaign.update": { access: CITY, scope: byId("campaign", (c, t) => c.campaign.update({ id: t.id, version: t.version, data: campaignInput({ title: `${t.marker}改` }) })) },

  "task.list": { access: CITY, scope: listed("assignment", (c, t) => c.task.list({ search: t.marker })) },
  "task.exportRows": { access: CITY, scope: listed("assignment", (c, t) => c.task.exportRows({ search: t.marker })) },
  "task.byId": { access: STAFF, scope: byId("assignment", (c, t) => c.task.byId({ id: t.taskId! })) },
  "task.create": { access: CITY },
  "task.update": { access: CITY },

  "assignment.inbox": { access: STAFF, scope: { ...listed("assignment", (c, t) => c.assignment.inbox({ search: t.marker })), byRole: { city_leader: CITY_INBOX, city_staff: CITY_INBOX } } },
  "assignment.inboxCounts": { access: STAFF },
  "assignment.byId": { access: STAFF, scope: byId("assignment", (c, t) => c.assignment.byId({ id: t.id })) },
  "assignment.accept": { access: STAFF, scope: byId("assignment", (c, t) => c.assignment.accept({ id: t.id, version: t.version }), ACCEPT) },
  "assignment.reportProgress": { access: STAFF, scope: byId("assignment", (c, t) => c.assignment.reportProgress({ id: t.id, version: t.version, text: "正在推进", percent: 10 }), OWN_SIDE_STATE) },
  "assignment.approve": { access: STAFF, scope: byId("assignment", (c, t) => c.assignment.approve({ id: t.id, version: t.version }), REVIEW) },
  "assignment.return": { access: STAFF, scope: byId("assignment", (c, t) => c.assignment.return({ id: t.id, version: t.version, reason: "材料不全" }), REVIEW) },
  "assignment.passDown": { access: STAFF, scope: byId("assignment", (c, t) => c.assignment.passDown({ id: t.id, version: t.version, committeeIds: [t.committeeId] }), OWN_SIDE_STATE) },

  "notification.unreadCount": { access: "self" },
  "notification.list": { access: "self" },
  "notification.markRead": { access: "self" },

  "department.list": { access: STAFF, scope: listed("department", (c, t) => c.department.list({ committeeId: t.committeeId }), BY_COMMITTEE) },
  "department.inScope": { access: STAFF, scope: listed("department", (c) => c.department.inScope()) },
  "department.create": { access: KEEPERS },
  "department.rename": { access: KEEPERS, scope: byId("department", (c, t) => c.department.rename({ id: t.id, name: `${t.marker}新` }), OWN_COMMITTEE) },
  "department.setActive": { access: KEEPERS, scope: byId("department", (c, t) => c.department.setActive({ id: t.id, active: false }), OWN_COMMITTEE) },

  "group.list": { access: ANYONE, scope: { ...listed("group", (c, t) => c.group.list({ search: t.marker })), byRole: { member: NOT_IN_GROUP_LIST } } },
  "group.byId": { access: ANYONE, scope: { ...byId("group", (c, t) => c.group.byId({ id: t.id })), byRole: { member: NOT_IN_GROUP } } },
  "group.create": { access: KEEPERS },
  "group.update": { access: KEEPERS },
  "group.endTerm": { access: KEEPERS, scope: byId("group", (c, t) => c.group.endTerm({ id: t.id, version: t.version }), OWN_COMMITTEE) },
  "group.recordVisit": { access: MEMBER, scope: byId("group", (c, t) => c.group.recordVisit({ groupId: t.id, date: chinaDate(), form: VISIT_FORMS[0], summary: "走访了解整改情况" }), NOT_IN_GROUP) },
  "group.raiseOpinion": { access: MEMBER, scope: byId("group", (c, t) => c.group.raiseOpinion({ groupId: t.id, title: "排污口整改", content: "建议尽快封堵沿河排污口并公示进度", raisedOn: chinaDate() }), NOT_IN_GROUP) },
  "group.replyOpinion": { access: KEEPERS },

  "appraisal.criteria": { access: STAFF, scope: byId("committee", (c, t) => c.appraisal.criteria({ year: YEAR, committeeId: t.id })) },
  "appraisal.addCriterion": { access: KEEPERS },
  "appraisal.updateCriterion": { access: KEEPERS },
  "appraisal.removeCriterion": { access: KEEPERS },
  "appraisal.form": { access: MEMBER, scope: byId("group", (c, t) => c.appraisal.form({ groupId: t.id, year: YEAR }), NOT_IN_GROUP) },
  "appraisal.score": { access: MEMBER },
  "appraisal.results": { access: STAFF, scope: byId("committee", (c, t) => c.appraisal.results({ year: YEAR, committeeId: t.id })) },

  "coverage.matrix": { access: STAFF },
  "coverage.cell": { access: STAFF, scope: byId("committee", (c, t) => c.coverage.cell({ campaignId: t.campaignId!, committeeId: t.id, month: MONTH })) },

  "monthlyReport.ownList": { access: REPORTERS },
  "monthlyReport.own": { access: REPORTERS },
  "monthlyReport.saveDraft": { access: REPORTERS },
  "monthlyReport.submit": { access: REPORTERS },
  "monthlyReport.status": { access: STAFF },
  "monthlyReport.byId": { access: STAFF, scope: byId("monthlyReport", (c, t) => c.monthlyReport.byId({ id: t.id })) },

  "participation.mine": { access: "self" },
  "participation.ofMember": { access: STAFF, scope: byId("member", (c, t) => c.participation.ofMember({ memberId: t.id, year: YEAR })) },
  "participation.ranking": { access: STAFF, scope: listed("committee", (c, t) => c.participation.ranking({ committeeId: t.id, year: YEAR })) },
  "participation.rankingExport": { access: STAFF, scope: listed("committee", (c, t) => c.participation.rankingExport({ committeeId: t.id, year: YEAR })) },
  "participation.rules": { access: ANYONE },
  "participation.updateRules": { access: CITY_STAFF },

  "problem.exportRows": { access: STAFF, scope: listed("problem", (c, t) => c.problem.exportRows({ search: t.marker, committeeId: t.committeeId })) },
  "problem.list": { access: STAFF, scope: listed("problem", (c, t) => c.problem.list({ search: t.marker, committeeId: t.committeeId })) },
  "problem.counts": { access: STAFF },
  "problem.byId": { access: STAFF, scope: byId("problem", (c, t) => c.problem.byId({ id: t.id })) },
  "problem.source": { access: STAFF },
  "problem.departments": { access: STAFF, scope: listed("department", (c, t) => c.problem.departments({ committeeId: t.committeeId }), AREA_FIELD) },
  "problem.departmentOptions": { access: STAFF },
  "problem.create": { access: STAFF },
  "problem.assign": { access: STAFF },
  "problem.report": { access: STAFF },
  "problem.verify": { access: STAFF, scope: byId("problem", (c, t) => c.problem.verify({ id: t.id, version: t.version }), OWN_SIDE_STATE) },
  "problem.reject": { access: STAFF, scope: byId("problem", (c, t) => c.problem.reject({ id: t.id, version: t.version, reason: "证据不足" }), OWN_SIDE_STATE) },
  "problem.scheduleLookback": { access: STAFF, scope: byId("problem", (c, t) => c.problem.scheduleLookback({ id: t.id, version: t.version, date: chinaDate(30) }), OWN_SIDE_STATE) },
  "problem.passLookback": { access: STAFF, scope: byId("problem", (c, t) => c.problem.passLookback({ id: t.id, version: t.version }), OWN_SIDE_STATE) },
  "problem.reopen": { access: STAFF, scope: byId("problem", (c, t) => c.problem.reopen({ id: t.id, version: t.version, reason: "整改不到位" }), OWN_SIDE_STATE) },

  "tip.areas": { access: "public" },
  "tip.status": { access: "public" },
  "tip.list": { access: STAFF, scope: listed("tip", (c, t) => c.tip.list({ search: t.marker })) },
  "tip.byId": { access: STAFF, scope: byId("tip", (c, t) => c.tip.byId({ id: t.id })) },
  "tip.convert": {
    access: STAFF,
    scope: byId("tip", (c, t) => c.tip.convert({ id: t.id, version: t.version, problem: { title: t.marker, description: "群众反映", category: "water", location: "河边", committeeId: t.committeeId } })),
  },
  "tip.dismiss": { access: STAFF, scope: byId("tip", (c, t) => c.tip.dismiss({ id: t.id, version: t.version, reason: "重复线索" })) },

  "activity.list": { access: STAFF, scope: listed("activity", (c, t) => c.activity.list({ search: t.marker })) },
  "activity.exportRows": { access: STAFF, scope: listed("activity", (c, t) => c.activity.exportRows({ search: t.marker })) },
  "activity.byId": { access: STAFF, scope: byId("activity", (c, t) => c.activity.byId({ id: t.id })) },
  "activity.choices": { access: STAFF },
  "activity.create": { access: STAFF },
  "activity.update": { access: STAFF, scope: byId("activity", (c, t) => c.activity.update({ id: t.id, version: t.version, data: activityFields(`${t.marker}改`, t.campaignId!) })) },
  "activity.cancel": { access: STAFF, scope: byId("activity", (c, t) => c.activity.cancel({ id: t.id, version: t.version, reason: "天气原因" })) },
  "activity.checkInCode": { access: STAFF, scope: byId("activity", (c, t) => c.activity.checkInCode({ id: t.id })) },
  "activity.mark": { access: STAFF },
  "activity.record": { access: STAFF, scope: byId("activity", (c, t) => c.activity.record({ id: t.id, version: t.version, opinionCount: 0 }), STATE_IN_SCOPE) },
  "activity.forMember": { access: MEMBER },
  "activity.view": { access: MEMBER, scope: byId("activity", (c, t) => c.activity.view({ id: t.id }), OWN_MEMBERS) },
  "activity.signUp": { access: MEMBER, scope: byId("activity", (c, t) => c.activity.signUp({ id: t.id }), OWN_MEMBERS) },
  "activity.cancelSignUp": { access: MEMBER, scope: byId("activity", (c, t) => c.activity.cancelSignUp({ id: t.id }), MEMBER_STATE) },
  "activity.checkIn": { access: MEMBER, scope: byId("activity", (c, t) => c.activity.checkIn({ activityId: t.id, token: "not-the-code" }), MEMBER_STATE) },
  "activity.addFinding": { access: MEMBER, scope: byId("activity", (c, t) => c.activity.addFinding({ activityId: t.id, text: "排污口仍在排放" }), MEMBER_STATE) },
  "activity.calendar": { access: MEMBER },
  "activity.calendarFeed": { access: MEMBER },

  "audit.list": { access: CITY_STAFF },
  "audit.entityTypes": { access: CITY_STAFF },

  "dashboard.overview": { access: STAFF },
  "dashboard.briefing": { access: STAFF, scope: byId("committee", (c, t) => c.dashboard.briefing({ campaignId: t.campaignId!, committeeId: t.id, month: MONTH })) },
};

/** Every procedure of the router, by its dotted path. */
function routerProcedures(): Map<string, (caller: Caller, input: unknown) => Promise<unknown>> {
  const paths = Object.keys(appRouter._def.procedures);
  return new Map(
    paths.map((path) => [
      path,
      (caller: Caller, input: unknown) => {
        const [router, name] = path.split(".") as [string, string];
        const fn = (caller as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[router]![name]!;
        return fn(input);
      },
    ]),
  );
}

/** The outcome of a call: resolved (with its value) or the tRPC error code. */
async function settle(promise: Promise<unknown>): Promise<{ ok: true; value: unknown } | { ok: false; code: string }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    if (error instanceof TRPCError) return { ok: false, code: error.code };
    throw error;
  }
}

let tdb: TestDatabase;
let db: Db;
let org: Org;
let build: Awaited<ReturnType<typeof caseBuilders>>;
const procedures = routerProcedures();

beforeAll(async () => {
  tdb = await freshDatabase();
  db = tdb.db;
  org = await createOrg(db);
  build = await caseBuilders(db, org);
});
afterAll(() => tdb?.cleanup());

describe("authorization matrix", () => {
  it("has exactly one row for every procedure of the router", () => {
    const missing = [...procedures.keys()].filter((p) => !(p in MATRIX));
    const stale = Object.keys(MATRIX).filter((p) => !procedures.has(p));
    expect(missing, "procedures without a row in MATRIX").toEqual([]);
    expect(stale, "rows naming no procedure").toEqual([]);
  });

  it.each(Object.keys(MATRIX).filter((p) => procedures.has(p)))("%s", async (path) => {
    const row = MATRIX[path]!;
    const invoke = procedures.get(path)!;
    const problems: string[] = [];

    // The gate, on an empty input: the role check runs before the input is parsed, so a role
    // without the capability is refused whatever it sends.
    const signedOut = await settle(invoke(callerFor(db, null), {}));
    const expectedSignedOut = row.access === "public" ? "pass" : "UNAUTHORIZED";
    const gotSignedOut = signedOut.ok || (signedOut.code !== "UNAUTHORIZED" && signedOut.code !== "FORBIDDEN") ? "pass" : signedOut.code;
    if (gotSignedOut !== expectedSignedOut) problems.push(`signed out: expected ${expectedSignedOut}, got ${gotSignedOut}`);

    await Promise.all(
      ROLES.map(async (role) => {
        const expected: Gate = typeof row.access === "string" ? "pass" : row.access[role];
        const result = await settle(invoke(callerFor(db, org.users[CALLERS[role].user].id), {}));
        const got = result.ok || (result.code !== "FORBIDDEN" && result.code !== "UNAUTHORIZED") ? "pass" : result.code;
        if (got !== expected) problems.push(`${role} gate: expected ${expected}, got ${got}`);
      }),
    );

    // The data: a fresh target row at each relationship, for each role that passes the gate.
    const scope = row.scope;
    if (scope) {
      const cells = ROLES.filter((role) => typeof row.access !== "string" && row.access[role] === "pass").flatMap((role) =>
        RELATIONS.flatMap((relation) => {
          const at = CALLERS[role].at[relation];
          const expected = scope.byRole?.[role]?.[relation] ?? scope.expect[relation];
          return at && expected && SUPPORTS[scope.build].includes(at) ? [{ role, relation, at, expected }] : [];
        }),
      );
      await Promise.all(
        cells.map(async ({ role, relation, at, expected }) => {
          const target = await build[scope.build](at);
          const result = await settle(scope.call(callerFor(db, org.users[CALLERS[role].user].id), target));
          let got: string;
          if (!result.ok) got = result.code;
          else if (expected === "listed" || expected === "hidden") got = JSON.stringify(result.value).includes(target.marker) ? "listed" : "hidden";
          else got = "allow";
          if (got !== expected) problems.push(`${role} on ${relation} (${at}): expected ${expected}, got ${got}`);
        }),
      );
    }
    expect(problems).toEqual([]);
  });

  /*
   * Beyond the procedures: a file is downloaded by id (GET /api/attachments/[id]) and the
   * calendar by its secret URL (GET /api/calendar/[token]); both run these functions.
   */
  it("serves a problem's photo only to staff with the problem in scope", async () => {
    const problems: string[] = [];
    const cells = ROLES.flatMap((role) => RELATIONS.flatMap((relation) => (CALLERS[role].at[relation] ? [{ role, relation, at: CALLERS[role].at[relation]! }] : [])));
    await Promise.all(
      cells.map(async ({ role, relation, at }) => {
        const creator = org.users[CREATORS[at]];
        const photo = await uploadPhoto(db, creator, "排污口.jpg");
        await callerFor(db, creator.id).problem.create({ title: "排污口未封堵", description: "现场照片", category: "water", location: "洣水河", committeeId: org[at].id, attachmentIds: [photo] });
        const viewer = await createContext({ db, session: { userId: org.users[CALLERS[role].user].id, sessionId: "matrix", sessionVersion: 0 }, headers: new Headers() }).viewer();
        const readable = (await readableAttachment(db, viewer!, photo)) !== null;
        const expected = role !== "member" && (relation === "own" || relation === "child");
        if (readable !== expected) problems.push(`${role} on ${relation} (${at}): expected ${expected ? "readable" : "refused"}, got ${readable ? "readable" : "refused"}`);
      }),
    );
    expect(problems).toEqual([]);
  });

  it("puts only the member's own sign-ups in their calendar feed", async () => {
    const own = await build.activity("countyA");
    const sibling = await build.activity("countyB");
    const memberA = callerFor(db, org.users.memberA.id);
    const memberB = callerFor(db, org.users.memberB.id);
    await memberA.activity.signUp({ id: own.id });
    await memberB.activity.signUp({ id: sibling.id });
    const tokenOf = async (caller: Caller) => (await caller.activity.calendarFeed({})).path.split("/").pop()!.replace(/\.ics$/, "");
    const feedA = await memberCalendar(db, await tokenOf(memberA), "https://dm.example.cn");
    const feedB = await memberCalendar(db, await tokenOf(memberB), "https://dm.example.cn");
    expect(feedA).toContain(own.marker);
    expect(feedA).not.toContain(sibling.marker);
    expect(feedB).toContain(sibling.marker);
    expect(feedB).not.toContain(own.marker);
  });
});
