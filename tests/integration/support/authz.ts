import { randomUUID } from "node:crypto";
import { and, type Db, eq, type Role } from "@dm/db";
import { assignments, tips } from "@dm/db/schema";
import { assignmentRow, createCampaign, createTask, nextPhone, type Org } from "./fixtures";
import { chinaDate } from "./group";
import { callerFor } from "./trpc";

/**
 * Support for the authorization matrix: who calls, where the target data lies relative to the
 * caller, and small case builders that create that data through the procedures themselves.
 */

export const ROLES = ["city_leader", "city_staff", "county_staff", "township_liaison", "member"] as const satisfies readonly Role[];
export type MatrixRole = (typeof ROLES)[number];

/** Where the target data lies relative to the caller's committee. */
export const RELATIONS = ["own", "child", "sibling", "parent"] as const;
export type Relation = (typeof RELATIONS)[number];

export type CommitteeKey = "city" | "countyA" | "countyB" | "townA1" | "townA2" | "otherCity";

/**
 * The caller of each role and the committee at each relationship to it. A city's sibling is
 * another city; a township has no child and a city no parent.
 */
export const CALLERS: Record<MatrixRole, { user: keyof Org["users"]; at: Partial<Record<Relation, CommitteeKey>> }> = {
  city_leader: { user: "cityLeader", at: { own: "city", child: "countyA", sibling: "otherCity" } },
  city_staff: { user: "cityStaff", at: { own: "city", child: "countyA", sibling: "otherCity" } },
  county_staff: { user: "countyA", at: { own: "countyA", child: "townA1", sibling: "countyB", parent: "city" } },
  township_liaison: { user: "liaisonA1", at: { own: "townA1", sibling: "townA2", parent: "countyA" } },
  member: { user: "memberA", at: { own: "countyA", child: "townA1", sibling: "countyB", parent: "city" } },
};

/** A record keeper of each committee, who creates the target data there. */
export const CREATORS: Record<CommitteeKey, keyof Org["users"]> = {
  city: "cityStaff",
  countyA: "countyA",
  countyB: "countyB",
  townA1: "liaisonA1",
  townA2: "liaisonA2",
  otherCity: "otherCityStaff",
};

/** A row created for one cell: its id and version, and a marker unique to it (its name or title). */
export interface Target {
  id: number;
  version: number;
  committeeId: number;
  marker: string;
  /** For an assignment: its task. */
  taskId?: number;
  /** For a committee: the campaign run over it. */
  campaignId?: number;
}

let markerCounter = 0;
function marker(kind: string, at: CommitteeKey): string {
  markerCounter += 1;
  return `矩阵${kind}${at}${markerCounter}`;
}

export function memberFields(name: string, committeeId: number, phone = nextPhone()) {
  return { name, gender: "女" as const, sector: "无党派人士" as const, party: "群众" as const, level: "county" as const, phone, workplace: "", committeeId };
}

export type CaseKind = "member" | "department" | "problem" | "tip" | "activity" | "assignment" | "campaign" | "group" | "monthlyReport" | "committee";

/**
 * Where each kind of row can exist. Assignments belong to counties and townships (a city
 * issues the task); another city's assignment stands for the sibling of a city.
 */
export const SUPPORTS: Record<CaseKind, readonly CommitteeKey[]> = {
  member: ["city", "countyA", "countyB", "townA1", "townA2", "otherCity"],
  department: ["city", "countyA", "countyB", "townA1", "townA2", "otherCity"],
  problem: ["city", "countyA", "countyB", "townA1", "townA2", "otherCity"],
  tip: ["countyA", "countyB", "townA1", "townA2", "otherCity"],
  activity: ["city", "countyA", "countyB", "townA1", "townA2", "otherCity"],
  assignment: ["countyA", "countyB", "townA1", "townA2", "otherCity"],
  campaign: ["city", "otherCity"],
  group: ["city", "countyA", "countyB", "townA1", "townA2", "otherCity"],
  /** Counties and townships report; another city's county stands for the sibling of a city. */
  monthlyReport: ["countyA", "countyB", "townA1", "townA2", "otherCity"],
  committee: ["city", "countyA", "countyB", "townA1", "townA2", "otherCity"],
};

const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000);

/** An inspection in ten days, open to the organising committee's own members. */
export function activityFields(title: string, campaignId: number) {
  return {
    type: "inspection" as const,
    title,
    campaignId,
    startsAt: inDays(10),
    endsAt: inDays(10, 2),
    signupDeadline: inDays(9),
    place: "洣水河沿岸",
    organizer: "政协办公室",
    audience: "committee" as const,
  };
}

/** Case builders: each creates one fresh row of its kind in committee `at`, through the procedures where one exists. */
export async function caseBuilders(db: Db, org: Org): Promise<Record<CaseKind, (at: CommitteeKey) => Promise<Target>>> {
  const creator = (at: CommitteeKey) => callerFor(db, org.users[CREATORS[at]].id);
  const campaign = await createCampaign(db, org.users.cityStaff.id);
  const otherCampaign = await createCampaign(db, org.users.otherCityStaff.id, { title: "湘潭市生态环境专项民主监督" });
  // Each report of one committee needs its own month: count back from last month.
  const monthsUsed = new Map<number, number>();
  const reportMonth = (committeeId: number) => {
    const back = (monthsUsed.get(committeeId) ?? 0) + 1;
    monthsUsed.set(committeeId, back);
    const d = new Date();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - back);
    return d.toISOString().slice(0, 7);
  };
  const newMember = async (at: CommitteeKey) => (await creator(at).member.create(memberFields(marker("组员", at), org[at].id))).id;
  return {
    /** The committee itself, for procedures that take a committee id (with its city's campaign). */
    async committee(at) {
      const c = org[at];
      return { id: c.id, version: 0, committeeId: c.id, marker: c.name, campaignId: at === "otherCity" ? otherCampaign : campaign };
    },
    async campaign(at) {
      const title = marker("专项监督", at);
      const id = await createCampaign(db, org.users[CREATORS[at]].id, { title });
      return { id, version: 1, committeeId: org[at].id, marker: title };
    },
    /** A dispatched supervisor (个人) with a fresh department and member of the committee. */
    async group(at) {
      const name = marker("监督员", at);
      const { id: departmentId } = await creator(at).department.create({ name: marker("局", at) });
      const memberId = await newMember(at);
      const { id } = await creator(at).group.create({ kind: "individual", departmentId, name, termStart: chinaDate(-30), termEnd: chinaDate(300), members: [{ memberId, role: "supervisor" }] });
      return { id, version: 1, committeeId: org[at].id, marker: name };
    },
    /** The committee's own report of last month (or earlier), submitted: drafts are the author's alone. */
    async monthlyReport(at) {
      const committee = at === "otherCity" ? org.otherCounty : org[at];
      const author = at === "otherCity" ? org.users.otherCountyStaff.id : org.users[CREATORS[at]].id;
      const summary = marker("月报", at);
      const saved = await callerFor(db, author).monthlyReport.submit({
        campaignId: at === "otherCity" ? otherCampaign : campaign,
        month: reportMonth(committee.id),
        version: null,
        summary,
        activitiesHeld: 1,
        activitySummary: "",
        problems: "",
        nextPlan: "继续踏察洣水河",
      });
      return { id: saved.id, version: saved.version, committeeId: committee.id, marker: summary };
    },
    async member(at) {
      const name = marker("委员", at);
      const { id, version } = await creator(at).member.create(memberFields(name, org[at].id));
      return { id, version, committeeId: org[at].id, marker: name };
    },
    async department(at) {
      const name = marker("局", at);
      const { id } = await creator(at).department.create({ name });
      return { id, version: 1, committeeId: org[at].id, marker: name };
    },
    async problem(at) {
      const title = marker("问题", at);
      const created = await creator(at).problem.create({ title, description: "排污口未封堵", category: "water", location: "洣水河沿岸", committeeId: org[at].id });
      return { id: created.id, version: 1, committeeId: org[at].id, marker: title };
    },
    /** A public tip has no author to act as: it is inserted as POST /api/tips would. */
    async tip(at) {
      const content = marker("线索", at);
      const [row] = await db.insert(tips).values({ code: randomUUID(), content, location: "河边", committeeId: org[at].id, ipHash: "matrix" }).returning();
      return { id: row!.id, version: row!.version, committeeId: org[at].id, marker: content };
    },
    /** Open to the organising committee's own members. */
    async activity(at) {
      const title = marker("活动", at);
      const campaignId = at === "otherCity" ? otherCampaign : campaign;
      const { id } = await creator(at).activity.create(activityFields(title, campaignId));
      return { id, version: 1, committeeId: org[at].id, marker: title, campaignId };
    },
    /** A county's assignment as sent; a township's passed down by its county. */
    async assignment(at) {
      const title = marker("任务", at);
      if (at === "otherCity") {
        const task = await createTask(db, org.users.otherCityStaff.id, otherCampaign, [org.otherCounty.id], { title });
        const id = task.assignmentIds.get(org.otherCounty.id)!;
        return { id, version: (await assignmentRow(db, id)).version, committeeId: org.otherCounty.id, marker: title, taskId: task.id };
      }
      const county = at === "townA1" || at === "townA2" ? "countyA" : at;
      const task = await createTask(db, org.users.cityStaff.id, campaign, [org[county].id], { title });
      let id = task.assignmentIds.get(org[county].id)!;
      if (county !== at) {
        const countyCaller = creator(county);
        await countyCaller.assignment.accept({ id, version: (await assignmentRow(db, id)).version });
        await countyCaller.assignment.passDown({ id, version: (await assignmentRow(db, id)).version, committeeIds: [org[at].id] });
        const [child] = await db.select({ id: assignments.id }).from(assignments).where(and(eq(assignments.parentId, id), eq(assignments.committeeId, org[at].id)));
        id = child!.id;
      }
      return { id, version: (await assignmentRow(db, id)).version, committeeId: org[at].id, marker: title, taskId: task.id };
    },
  };
}
