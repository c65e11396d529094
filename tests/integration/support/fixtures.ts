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
