import { hashPassword } from "@dm/auth/password";
import { childPath, type CommitteeLevel, type Db, eq, type MemberLevel, type Role } from "@dm/db";
import { type Committee, committees, type Member, members, type User, users } from "@dm/db/schema";

/** What fixture users sign in with unless a test says otherwise. */
export const TEST_PASSWORD = "Test-Password-2026";

const hashes = new Map<string, Promise<string>>();
/** argon2id is slow on purpose: hash each distinct password once per file. */
export function passwordHash(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}

export async function createCommittee(
  db: Db,
  input: { name: string; level: CommitteeLevel; parent?: Pick<Committee, "id" | "path"> | null; shortName?: string; sortOrder?: number },
): Promise<Committee> {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(committees)
      .values({
        name: input.name,
        shortName: input.shortName ?? input.name.replace(/政协$/, ""),
        level: input.level,
        parentId: input.parent?.id ?? null,
        path: `/pending-${input.name}/`,
        sortOrder: input.sortOrder ?? 0,
      })
      .returning();
    const [row] = await tx
      .update(committees)
      .set({ path: childPath(input.parent?.path ?? null, created!.id) })
      .where(eq(committees.id, created!.id))
      .returning();
    return row!;
  });
}

let phoneCounter = 0;
/** A unique fictional mobile number (199-5xxx-xxxx), so tests need not invent one. */
export function nextPhone(): string {
  phoneCounter += 1;
  return `1995${String(process.pid % 1000).padStart(3, "0")}${String(phoneCounter).padStart(4, "0")}`;
}

export async function createMember(
  db: Db,
  input: { committeeId: number; name: string } & Partial<Omit<typeof members.$inferInsert, "committeeId" | "name">>,
): Promise<Member> {
  const [row] = await db
    .insert(members)
    .values({
      gender: "男",
      sector: "无党派人士",
      party: "无党派人士",
      level: "county" satisfies MemberLevel,
      phone: nextPhone(),
      workplace: "",
      ...input,
    })
    .returning();
  return row!;
}

export async function createUser(
  db: Db,
  input: {
    username: string;
    role: Role;
    committeeId: number;
    password?: string;
    phone?: string | null;
    displayName?: string;
    memberId?: number | null;
    disabled?: boolean;
  },
): Promise<User> {
  const [row] = await db
    .insert(users)
    .values({
      username: input.username.toLowerCase(),
      phone: input.phone ?? null,
      displayName: input.displayName ?? input.username,
      passwordHash: await passwordHash(input.password ?? TEST_PASSWORD),
      role: input.role,
      committeeId: input.committeeId,
      memberId: input.memberId ?? null,
      disabledAt: input.disabled ? new Date() : null,
    })
    .returning();
  return row!;
}

/* ─── Campaigns, tasks and assignments ─────────────────────────────────────────────────────── */

import { asc, type AssignmentStatus, count, DEFAULT_FOCUS_AREAS, DEFAULT_METHODS } from "@dm/db";
import { assignmentEvents, assignments, auditEvents, notifications } from "@dm/db/schema";
import type { CampaignInput } from "@dm/api/schemas/campaign";
import type { TaskCreateInput } from "@dm/api/schemas/task";
import { callerFor } from "./trpc";

/**
 * A small organisation for the task life cycle:
 *
 *   株洲市政协 ─┬─ 荷塘区政协 (countyA) ─┬─ 月塘街道 (townA1)
 *              │                         └─ 仙庾镇 (townA2)
 *              └─ 芦淞区政协 (countyB) ─── 白关镇 (townB1)
 *   湘潭市政协 (otherCity) ─── 雨湖区政协 (otherCounty)
 *
 * with an account for each role; county A has two staff and a disabled one.
 */
export interface Org {
  city: Committee;
  countyA: Committee;
  countyB: Committee;
  townA1: Committee;
  townA2: Committee;
  townB1: Committee;
  otherCity: Committee;
  otherCounty: Committee;
  users: {
    cityLeader: User;
    cityLeader2: User;
    cityStaff: User;
    cityMember: User;
    countyA: User;
    countyA2: User;
    countyADisabled: User;
    countyB: User;
    liaisonA1: User;
    liaisonA2: User;
    liaisonB1: User;
    memberA: User;
    memberB: User;
    otherCityStaff: User;
    otherCountyStaff: User;
  };
}

export async function createOrg(db: Db): Promise<Org> {
  const city = await createCommittee(db, { name: "株洲市政协", level: "city" });
  const countyA = await createCommittee(db, { name: "荷塘区政协", level: "county", parent: city, sortOrder: 1 });
  const countyB = await createCommittee(db, { name: "芦淞区政协", level: "county", parent: city, sortOrder: 2 });
  const townA1 = await createCommittee(db, { name: "月塘街道", level: "township", parent: countyA, sortOrder: 1 });
  const townA2 = await createCommittee(db, { name: "仙庾镇", level: "township", parent: countyA, sortOrder: 2 });
  const townB1 = await createCommittee(db, { name: "白关镇", level: "township", parent: countyB, sortOrder: 1 });
  const otherCity = await createCommittee(db, { name: "湘潭市政协", level: "city" });
  const otherCounty = await createCommittee(db, { name: "雨湖区政协", level: "county", parent: otherCity, sortOrder: 1 });

  const memberRowA = await createMember(db, { committeeId: countyA.id, name: "荷塘委员甲" });
  const memberRowB = await createMember(db, { committeeId: countyB.id, name: "芦淞委员乙" });
  const memberRowCity = await createMember(db, { committeeId: city.id, name: "市委员丙", level: "city" });

  const user = (username: string, displayName: string, role: Role, committeeId: number, extra: { memberId?: number; disabled?: boolean } = {}) =>
    createUser(db, { username, displayName, role, committeeId, ...extra });
  return {
    city,
    countyA,
    countyB,
    townA1,
    townA2,
    townB1,
    otherCity,
    otherCounty,
    users: {
      cityLeader: await user("leader", "王建华", "city_leader", city.id),
      cityLeader2: await user("leader2", "李志平", "city_leader", city.id),
      cityStaff: await user("citystaff", "陈静", "city_staff", city.id),
      cityMember: await user("citymember", "市委员丙", "member", city.id, { memberId: memberRowCity.id }),
      countyA: await user("hetang", "刘洋", "county_staff", countyA.id),
      countyA2: await user("hetang2", "何芳", "county_staff", countyA.id),
      countyADisabled: await user("hetang-old", "已调离", "county_staff", countyA.id, { disabled: true }),
      countyB: await user("lusong", "赵磊", "county_staff", countyB.id),
      liaisonA1: await user("yuetang", "孙丽", "township_liaison", townA1.id),
      liaisonA2: await user("xianyu", "周强", "township_liaison", townA2.id),
      liaisonB1: await user("baiguan", "吴敏", "township_liaison", townB1.id),
      memberA: await user("weiyuan-a", "荷塘委员甲", "member", countyA.id, { memberId: memberRowA.id }),
      memberB: await user("weiyuan-b", "芦淞委员乙", "member", countyB.id, { memberId: memberRowB.id }),
      otherCityStaff: await user("xiangtan", "湘潭干部", "city_staff", otherCity.id),
      otherCountyStaff: await user("yuhu", "雨湖干部", "county_staff", otherCounty.id),
    },
  };
}

/** A campaign wide enough (2023-03-01 … 2035-12-31) for past and future deadlines. */
export function campaignInput(overrides: Partial<CampaignInput> = {}): CampaignInput {
  return {
    title: "2023年改善生态环境专项民主监督",
    year: 2023,
    topic: "改善生态环境",
    startDate: "2023-03-01",
    endDate: "2035-12-31",
    description: "围绕改善生态环境开展专项民主监督",
    focusAreas: [...DEFAULT_FOCUS_AREAS],
    methods: [...DEFAULT_METHODS],
    ...overrides,
  };
}

/** Creates a campaign through the API as `userId` (a city user); returns its id. */
export async function createCampaign(db: Db, userId: number, overrides: Partial<CampaignInput> = {}): Promise<number> {
  const { id } = await callerFor(db, userId).campaign.create(campaignInput(overrides));
  return id;
}

export const FUTURE_DEADLINE = "2035-06-30";
export const PAST_DEADLINE = "2023-06-30";

export function taskInput(campaignId: number, committeeIds: number[], overrides: Partial<TaskCreateInput> = {}): TaskCreateInput {
  return {
    campaignId,
    committeeIds,
    title: "对洣水河排污治理情况进行踏察监督",
    description: "实地踏察洣水河沿岸排污口整治情况",
    focusArea: DEFAULT_FOCUS_AREAS[1],
    method: DEFAULT_METHODS[0],
    deadline: FUTURE_DEADLINE,
    ...overrides,
  };
}

/**
 * Creates and sends a task through the API as `userId`; returns the task id and its county
 * assignment ids keyed by committee id.
 */
export async function createTask(
  db: Db,
  userId: number,
  campaignId: number,
  committeeIds: number[],
  overrides: Partial<TaskCreateInput> = {},
): Promise<{ id: number; assignmentIds: Map<number, number> }> {
  const { id } = await callerFor(db, userId).task.create(taskInput(campaignId, committeeIds, overrides));
  const rows = await db.select({ id: assignments.id, committeeId: assignments.committeeId }).from(assignments).where(eq(assignments.taskId, id));
  return { id, assignmentIds: new Map(rows.map((r) => [r.committeeId, r.id])) };
}

export async function assignmentRow(db: Db, id: number) {
  const [row] = await db.select().from(assignments).where(eq(assignments.id, id));
  if (!row) throw new Error(`no assignment ${id}`);
  return row;
}

/**
 * Moves an assignment forward through the API to `target`, as `assignee` (accepts, reports) and
 * `reviewer` (approves). Returns its version afterwards.
 */
export async function driveAssignment(
  db: Db,
  id: number,
  target: AssignmentStatus,
  actors: { assignee: number; reviewer: number },
): Promise<number> {
  const order: AssignmentStatus[] = ["sent", "accepted", "in_progress", "reported", "approved"];
  let row = await assignmentRow(db, id);
  const assignee = callerFor(db, actors.assignee);
  const reviewer = callerFor(db, actors.reviewer);
  while (order.indexOf(row.status) < order.indexOf(target)) {
    const input = { id, version: row.version };
    if (row.status === "sent") await assignee.assignment.accept(input);
    else if (row.status === "accepted" && target === "in_progress") await assignee.assignment.reportProgress({ ...input, text: "正在推进", percent: 50 });
    else if (row.status === "accepted" || row.status === "in_progress") await assignee.assignment.reportProgress({ ...input, text: "已全部完成", percent: 100, complete: true });
    else if (row.status === "reported") await reviewer.assignment.approve(input);
    row = await assignmentRow(db, id);
  }
  if (row.status !== target) throw new Error(`cannot drive assignment ${id} from ${row.status} to ${target}`);
  return row.version;
}

/**
 * Everything a refused action could have touched: the assignment row, its timeline, its
 * sub-assignments, and the totals of notifications and audit events. Equal before and after
 * a refusal means nothing changed.
 */
export async function snapshot(db: Db, assignmentId: number) {
  const [row, events, children, [notes], [audits]] = await Promise.all([
    assignmentRow(db, assignmentId),
    db.select().from(assignmentEvents).where(eq(assignmentEvents.assignmentId, assignmentId)).orderBy(asc(assignmentEvents.id)),
    db.select().from(assignments).where(eq(assignments.parentId, assignmentId)).orderBy(asc(assignments.id)),
    db.select({ n: count() }).from(notifications),
    db.select({ n: count() }).from(auditEvents),
  ]);
  return { row, events, children, notifications: notes!.n, audits: audits!.n };
}

/** The `data.current` a CONFLICT carries (the record as it is now). */
export function currentOf(shape: { data: object }): unknown {
  return (shape.data as { current?: unknown }).current;
}
