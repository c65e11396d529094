import { randomUUID } from "node:crypto";
import { type Db, eq } from "@dm/db";
import { attachments, type Member, members, type User } from "@dm/db/schema";
import type { GroupCreateInput } from "@dm/api/schemas/group";
import { createMember, createOrg, createUser, type Org } from "./fixtures";
import { callerFor } from "./trpc";

/** A calendar day in China, `days` from today (YYYY-MM-DD), as the API compares dates. */
export function chinaDate(days = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(Date.now() + days * 86_400_000));
}
export const THIS_YEAR = Number(chinaDate().slice(0, 4));

/**
 * The organisation of fixtures.ts plus what dispatched supervision needs: a few more members
 * with sign-ins in 荷塘区 (county A) and one in its township 月塘街道, and a department register
 * for county A, county B and the city.
 */
export interface GroupOrg extends Org {
  /** County A members with sign-ins: a (org.users.memberA), b, c; t1 sits in township A1. */
  m: { a: Member & { user: User }; b: Member & { user: User }; c: Member & { user: User }; t1: Member & { user: User }; countyB: Member & { user: User } };
  dept: { a1: number; a2: number; b1: number; city1: number };
}

async function memberWithLogin(db: Db, committeeId: number, name: string, username: string) {
  const member = await createMember(db, { committeeId, name });
  const user = await createUser(db, { username, displayName: name, role: "member", committeeId, memberId: member.id });
  return { ...member, user };
}

export async function createGroupOrg(db: Db): Promise<GroupOrg> {
  const org = await createOrg(db);
  const [memberA] = await db.select().from(members).where(eq(members.id, org.users.memberA.memberId!));
  const m = {
    a: { ...memberA!, user: org.users.memberA },
    b: await memberWithLogin(db, org.countyA.id, "荷塘委员丁", "weiyuan-d"),
    c: await memberWithLogin(db, org.countyA.id, "荷塘委员戊", "weiyuan-e"),
    t1: await memberWithLogin(db, org.townA1.id, "月塘委员己", "weiyuan-f"),
    countyB: await memberWithLogin(db, org.countyB.id, "芦淞委员庚", "weiyuan-g"),
  };
  const countyA = callerFor(db, org.users.countyA.id);
  const dept = {
    a1: (await countyA.department.create({ name: "生态环境局" })).id,
    a2: (await countyA.department.create({ name: "水利局" })).id,
    b1: (await callerFor(db, org.users.countyB.id).department.create({ name: "生态环境局" })).id,
    city1: (await callerFor(db, org.users.cityStaff.id).department.create({ name: "生态环境局" })).id,
  };
  return { ...org, m, dept };
}

/** A group input in term today (from 60 days ago to 300 days ahead). */
export function groupInput(departmentId: number, members: GroupCreateInput["members"], overrides: Partial<GroupCreateInput> = {}): GroupCreateInput {
  return { kind: "group", departmentId, name: "派驻生态环境局民主监督小组", termStart: chinaDate(-60), termEnd: chinaDate(300), members, ...overrides };
}

/** What POST /api/attachments records: a stored photo, owned by nothing yet. */
export async function uploadPhoto(db: Db, user: User, fileName = "走访照片.jpg"): Promise<number> {
  const [row] = await db
    .insert(attachments)
    .values({ storageKey: randomUUID(), fileName, mimeType: "image/jpeg", size: 2048, sha256: "b".repeat(64), uploadedBy: user.id })
    .returning({ id: attachments.id });
  return row!.id;
}
