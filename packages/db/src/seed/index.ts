import { count, eq, sql } from "drizzle-orm";
import type { Db, Executor, Tx } from "../client";
import type { MemberLevel, Role } from "../enums";
import { childPath } from "../path";
import { committees, members, users } from "../schema";
import { demoMember, prng } from "./people";
import { seedActivities } from "./activity";
import { seedAuditTrail } from "./audit";
import { seedCampaigns } from "./campaign";
import { seedDepartments } from "./department";
import { seedGroups } from "./group";
import { seedMonthlyReports } from "./monthly-report";
import { seedProblems } from "./problem";
import { CITY, COUNTIES } from "./places";

/** Every demo account signs in with this password; the README and `npm start` print it. */
/** The demo roster's fixed-seed generator, reused by the benchmark data so both draw the same way. */
export { prng } from "./people";

export const DEMO_PASSWORD = "Zhuzhou@2026";

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  title: string;
  /** `shortName` of the committee, or of the township under `county`. */
  committee: string;
  phone?: string;
}

/** The accounts listed in the README, one per role first; every county also gets a staff login. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: "leader", role: "city_leader", displayName: "周立平", title: "市政协主席", committee: CITY.shortName },
  { username: "citystaff", role: "city_staff", displayName: "刘晓燕", title: "人口资源环境委员会 科员", committee: CITY.shortName },
  { username: "liling", role: "county_staff", displayName: "陈志刚", title: "醴陵市政协办公室 主任", committee: "醴陵市" },
  { username: "zuoquan", role: "township_liaison", displayName: "黄丽", title: "左权镇政协专干", committee: "左权镇" },
  { username: "member", role: "member", displayName: "谭湘松", title: "醴陵市政协委员", committee: "醴陵市", phone: "19900009001" },
  ...COUNTIES.filter((c) => c.login !== "liling").map(
    (c): DemoAccount => ({ username: c.login, role: "county_staff", displayName: `${c.shortName}政协办公室`, title: "办公室", committee: c.shortName }),
  ),
  // The rest of the chair-meeting members (the leading group and the county links) and two more liaisons.
  { username: "lijianhua", role: "city_leader", displayName: "李建华", title: "市政协副主席", committee: CITY.shortName },
  { username: "wanglifang", role: "city_leader", displayName: "王丽芳", title: "市政协副主席", committee: CITY.shortName },
  { username: "tangguoqiang", role: "city_leader", displayName: "唐国强", title: "市政协秘书长", committee: CITY.shortName },
  { username: "pukou", role: "township_liaison", displayName: "罗小军", title: "浦口镇政协联络员", committee: "浦口镇" },
  { username: "baitutan", role: "township_liaison", displayName: "贺静", title: "白兔潭镇政协联络员", committee: "白兔潭镇" },
];

async function insertCommittee(tx: Executor, row: { name: string; shortName: string; level: "city" | "county" | "township"; parent?: { id: number; path: string }; sortOrder: number }) {
  const [created] = await tx
    .insert(committees)
    .values({ name: row.name, shortName: row.shortName, level: row.level, parentId: row.parent?.id, path: `/pending-${row.name}/`, sortOrder: row.sortOrder })
    .returning({ id: committees.id });
  const path = childPath(row.parent?.path ?? null, created!.id);
  await tx.update(committees).set({ path }).where(eq(committees.id, created!.id));
  return { id: created!.id, path };
}

/** The committee tree and its roster; skipped when committees exist. */
async function seedOrganisation(tx: Tx): Promise<boolean> {
  const [existing] = await tx.select({ n: count() }).from(committees);
  if (existing!.n > 0) return false;
  const random = prng(20230414);
  let memberIndex = 0;
  const addMembers = async (committeeId: number, place: string, n: number, levels: MemberLevel[]) => {
    const rows = Array.from({ length: n }, (_, i) => ({ committeeId, ...demoMember(random, ++memberIndex, place, levels[i % levels.length]!) }));
    await tx.insert(members).values(rows);
  };

  const city = await insertCommittee(tx, { ...CITY, level: "city", sortOrder: 0 });
  await addMembers(city.id, "株洲市", 30, ["city", "city", "city", "provincial", "city", "national"]);
  for (const [i, county] of COUNTIES.entries()) {
    const c = await insertCommittee(tx, { name: county.name, shortName: county.shortName, level: "county", parent: city, sortOrder: i + 1 });
    await addMembers(c.id, county.shortName, 8, ["county", "county", "county", "city"]);
    for (const [j, township] of county.townships.entries()) {
      const t = await insertCommittee(tx, { name: township, shortName: township, level: "township", parent: c, sortOrder: j + 1 });
      await addMembers(t.id, township, 2, ["county", "city"]);
    }
  }
  return true;
}

/** Creates the demo accounts that do not exist yet (a database seeded by an older release gains the new ones). */
async function seedAccounts(tx: Tx, passwordHash: string): Promise<boolean> {
  const existing = new Set((await tx.select({ username: users.username }).from(users)).map((u) => u.username));
  const missing = DEMO_ACCOUNTS.filter((a) => !existing.has(a.username));
  if (missing.length === 0) return false;
  const committeeIds = new Map((await tx.select({ id: committees.id, shortName: committees.shortName }).from(committees)).map((c) => [c.shortName, c.id]));
  for (const account of missing) {
    const committeeId = committeeIds.get(account.committee)!;
    let memberId: number | undefined;
    if (account.role === "member") {
      const [m] = await tx
        .insert(members)
        .values({ committeeId, name: account.displayName, gender: "男", sector: "农工党", party: "农工党党员", level: "county", phone: account.phone!, workplace: "醴陵市中医院 主任医师" })
        .returning({ id: members.id });
      memberId = m!.id;
    }
    await tx.insert(users).values({
      username: account.username,
      phone: account.phone ?? null,
      displayName: account.displayName,
      title: account.title,
      passwordHash,
      role: account.role,
      committeeId,
      memberId,
    });
  }
  return true;
}

/**
 * The demo's content after the organisation and the campaigns, in dependency order (monthly
 * reports count activities; groups and problems use the department registers). Each step
 * returns whether it added anything and skips itself when its data exists.
 */
const CONTENT: ((tx: Tx) => Promise<boolean>)[] = [seedActivities, seedMonthlyReports, seedDepartments, seedGroups, seedProblems, seedAuditTrail];

/**
 * Loads the demo organisation, roster, accounts, campaigns and the content above, each part only
 * when it is missing: a restart neither duplicates nor wipes anything, and an older demo database
 * gains what a newer release adds. `passwordHash` is the argon2id hash of DEMO_PASSWORD.
 */
export async function seedDemo(db: Db, passwordHash: string): Promise<{ seeded: boolean }> {
  return db.transaction(async (tx) => {
    // Two instances starting together must not both seed.
    await tx.execute(sql`select pg_advisory_xact_lock(727002)`);
    const organisation = await seedOrganisation(tx);
    const accounts = await seedAccounts(tx, passwordHash);
    const [city] = await tx.select({ id: committees.id }).from(committees).where(eq(committees.level, "city")).limit(1);
    const userIdByName = new Map((await tx.select({ id: users.id, username: users.username }).from(users)).map((u) => [u.username, u.id]));
    let seeded = organisation || accounts;
    seeded = (await seedCampaigns(tx, { cityId: city!.id, userIdByName })) || seeded;
    for (const step of CONTENT) seeded = (await step(tx)) || seeded;
    return { seeded };
  });
}
