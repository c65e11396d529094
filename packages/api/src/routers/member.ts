import { and, asc, count, eq, ilike, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { type z } from "zod";
import { checkPasswordPolicy, hashPassword } from "@dm/auth/password";
import type { Db, Executor } from "@dm/db";
import { committees, members, users } from "@dm/db/schema";
import { recordAudit } from "../audit";
import type { Viewer } from "../context";
import { generatePassword, type MemberStatusAction, statusTransition } from "../domain/member";
import { checkImportRows, type CheckedRow, normalizePhone } from "../domain/member-import";
import { readRosterFile } from "../domain/member-workbook";
import { withinScope } from "../domain/scope";
import { containsPattern } from "../domain/search";
import { translate } from "../i18n";
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  memberByIdInput,
  memberCreateInput,
  memberImportInput,
  memberListInput,
  memberPasswordResetInput,
  memberSignInInput,
  memberStatusInput,
  memberUpdateInput,
} from "../schemas/member";
import { findCommitteeInScope } from "./committee";
import { capabilityProcedure, createTRPCRouter, fail, failField } from "../trpc";
import { capRows, EXPORT_QUERY_LIMIT } from "../exports/workbook";

const read = capabilityProcedure("member.read");
const write = capabilityProcedure("member.write");

const hasSignIn = sql<boolean>`exists (select 1 from ${users} where ${users.memberId} = ${members.id})`;

const memberColumns = {
  id: members.id,
  name: members.name,
  gender: members.gender,
  sector: members.sector,
  party: members.party,
  level: members.level,
  phone: members.phone,
  workplace: members.workplace,
  active: members.active,
  version: members.version,
  committeeId: committees.id,
  committeeName: committees.name,
  committeePath: committees.path,
  hasSignIn,
};

/** A unique index that refused a write (a concurrent insert got there first). */
function violatedIndex(error: unknown): string | null {
  for (let e = error as { code?: string; constraint_name?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505") return e.constraint_name ?? "";
  }
  return null;
}

type ListFilters = z.output<typeof memberListInput>;

/** The roster's WHERE: the caller's scope, narrowed by the filters (a committee only inside the scope). */
async function rosterWhere(db: Executor, viewer: Viewer, input: Omit<ListFilters, "page" | "pageSize">): Promise<SQL | null> {
  const conditions: SQL[] = [withinScope(viewer.scope, committees.path), eq(members.active, input.status === "active")];
  if (input.committeeId) {
    // Narrow to a committee's subtree; outside the caller's scope this matches nothing.
    const [chosen] = await db.select({ path: committees.path }).from(committees).where(eq(committees.id, input.committeeId));
    if (!chosen) return null;
    conditions.push(withinScope({ ...viewer.scope, path: chosen.path }, committees.path));
  }
  if (input.search) {
    const pattern = containsPattern(input.search);
    conditions.push(or(ilike(members.name, pattern), ilike(members.phone, pattern), ilike(members.workplace, pattern))!);
  }
  if (input.sector) conditions.push(eq(members.sector, input.sector));
  if (input.level) conditions.push(eq(members.level, input.level));
  return and(...conditions)!;
}

/** A member in the caller's scope, or NOT_FOUND (outside the scope a member does not exist). */
async function loadMember(db: Executor, viewer: Viewer, id: number, lock = false) {
  const query = db
    .select({ member: members, committeePath: committees.path })
    .from(members)
    .innerJoin(committees, eq(committees.id, members.committeeId))
    .where(and(eq(members.id, id), withinScope(viewer.scope, committees.path)));
  const [row] = lock ? await query.for("update", { of: members }) : await query;
  if (!row) fail("NOT_FOUND");
  return row.member;
}

/** The committee a member is put in must lie in the caller's scope (client ids are not trusted). */
async function requireCommitteeInScope(db: Executor, viewer: Viewer, committeeId: number, field: string) {
  if (!(await findCommitteeInScope(db, viewer.scope, committeeId))) failField(field.split("."), "member.committeeOutOfScope");
}

async function requirePhoneFree(db: Executor, phone: string, field: string, exceptMemberId?: number) {
  const [taken] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.phone, phone), exceptMemberId ? ne(members.id, exceptMemberId) : undefined));
  if (taken) failField(field.split("."), "member.phoneTaken");
}

const accountOf = (db: Executor, memberId: number) =>
  db
    .select({ id: users.id, username: users.username, phone: users.phone, disabledAt: users.disabledAt, createdAt: users.createdAt, passwordChangedAt: users.passwordChangedAt })
    .from(users)
    .where(eq(users.memberId, memberId))
    .then((rows) => rows[0] ?? null);

const snapshotOf = (m: typeof members.$inferSelect) => ({
  name: m.name,
  gender: m.gender,
  sector: m.sector,
  party: m.party,
  level: m.level,
  phone: m.phone,
  workplace: m.workplace,
  committeeId: m.committeeId,
  active: m.active,
  version: m.version,
});

/** The password to set: the one staff typed (if the policy accepts it) or a generated one. */
async function initialPassword(typed: string | undefined, identifiers: string[]) {
  if (typed) {
    const problem = checkPasswordPolicy(typed, identifiers);
    if (problem) failField(["password"], `password.${problem}`);
  }
  const password = typed || generatePassword();
  return { password, hash: await hashPassword(password), generated: !typed };
}

/** Committees in the caller's scope, and the rest (named so the import can say "outside your scope"). */
async function importLookups(db: Db, viewer: Viewer, phones: string[]) {
  const [all, onRoster] = await Promise.all([
    db
      .select({ id: committees.id, name: committees.name, shortName: committees.shortName, inScope: sql<boolean>`${withinScope(viewer.scope, committees.path)}` })
      .from(committees),
    phones.length ? db.select({ phone: members.phone }).from(members).where(inArray(members.phone, phones)) : Promise.resolve([]),
  ]);
  return { committees: all, defaultCommitteeId: viewer.scope.committeeId, rosterPhones: new Set(onRoster.map((r) => r.phone)) };
}

/** Reads and checks an uploaded roster file against the database as it is now. */
async function checkImport(db: Db, viewer: Viewer, base64: string): Promise<CheckedRow[]> {
  const bytes = Buffer.from(base64, "base64");
  if (bytes.byteLength > IMPORT_MAX_BYTES) fail("BAD_REQUEST", "memberImport.tooLarge");
  const read = await readRosterFile(bytes, IMPORT_MAX_ROWS);
  if (!read.ok) fail("BAD_REQUEST", read.key, read.params);
  const phones = [...new Set(read.rows.map((r) => normalizePhone(r.values.phone)).filter(Boolean))];
  return checkImportRows(read.rows, await importLookups(db, viewer, phones));
}

export const memberRouter = createTRPCRouter({
  list: read.input(memberListInput).query(async ({ ctx, input }) => {
    const { db, viewer } = ctx;
    const where = await rosterWhere(db, viewer, input);
    if (!where) return { items: [], total: 0, page: input.page, pageSize: input.pageSize };
    const [items, [total]] = await Promise.all([
      db
        .select(memberColumns)
        .from(members)
        .innerJoin(committees, eq(committees.id, members.committeeId))
        .where(where)
        .orderBy(asc(committees.path), asc(members.id))
        .limit(input.pageSize)
        .offset((input.page - 1) * input.pageSize),
      db.select({ n: count() }).from(members).innerJoin(committees, eq(committees.id, members.committeeId)).where(where),
    ]);
    return { items, total: total!.n, page: input.page, pageSize: input.pageSize };
  }),

  /** Outside the caller's scope a member does not exist: NOT_FOUND, no data. */
  byId: read.input(memberByIdInput).query(async ({ ctx, input }) => {
    const [member] = await ctx.db
      .select({ ...memberColumns, createdAt: members.createdAt, updatedAt: members.updatedAt })
      .from(members)
      .innerJoin(committees, eq(committees.id, members.committeeId))
      .where(and(eq(members.id, input.id), withinScope(ctx.viewer.scope, committees.path)));
    if (!member) fail("NOT_FOUND");
    const account = await accountOf(ctx.db, member.id);
    return { ...member, account: account && { username: account.username, disabled: Boolean(account.disabledAt), createdAt: account.createdAt, passwordChangedAt: account.passwordChangedAt } };
  }),

  /** Committees a member may be put in by the caller: their own and everything below it. */
  committeeChoices: write.query(({ ctx }) =>
    ctx.db
      .select({ id: committees.id, name: committees.name, path: committees.path, level: committees.level })
      .from(committees)
      .where(withinScope(ctx.viewer.scope, committees.path))
      .orderBy(asc(committees.path)),
  ),

  create: write.input(memberCreateInput).mutation(({ ctx, input }) =>
    ctx.db
      .transaction(async (tx) => {
        await requireCommitteeInScope(tx, ctx.viewer, input.committeeId, "committeeId");
        await requirePhoneFree(tx, input.phone, "phone");
        const [created] = await tx.insert(members).values(input).returning();
        await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "member.create", entityType: "member", entityId: created!.id, after: snapshotOf(created!) });
        return { id: created!.id, version: created!.version };
      })
      .catch((error: unknown) => {
        if (violatedIndex(error) === "members_phone_uq") failField(["phone"], "member.phoneTaken");
        throw error;
      }),
  ),

  /**
   * Edits a member at the version read. A move to another committee must stay in scope; the
   * member's sign-in follows the name, committee and phone (so they still sign in by phone).
   */
  update: write.input(memberUpdateInput).mutation(({ ctx, input }) =>
    ctx.db
      .transaction(async (tx) => {
        const before = await loadMember(tx, ctx.viewer, input.id, true);
        if (before.version !== input.version) fail("CONFLICT", "member.conflict", { current: snapshotOf(before) });
        if (input.data.committeeId !== before.committeeId) await requireCommitteeInScope(tx, ctx.viewer, input.data.committeeId, "data.committeeId");
        if (input.data.phone !== before.phone) await requirePhoneFree(tx, input.data.phone, "data.phone", before.id);
        const [updated] = await tx
          .update(members)
          .set({ ...input.data, version: sql`${members.version} + 1`, updatedAt: new Date() })
          .where(and(eq(members.id, before.id), eq(members.version, input.version)))
          .returning();
        const account = await accountOf(tx, before.id);
        if (account) {
          if (input.data.phone !== before.phone) {
            const [other] = await tx.select({ id: users.id }).from(users).where(and(eq(users.phone, input.data.phone), ne(users.id, account.id)));
            if (other) failField(["data", "phone"], "member.phoneUsedBySignIn");
          }
          // A username that was the old phone becomes the new one, unless someone already has it.
          const [usernameTaken] = await tx.select({ id: users.id }).from(users).where(and(eq(users.username, input.data.phone), ne(users.id, account.id)));
          const username = account.username === before.phone && !usernameTaken ? input.data.phone : account.username;
          await tx.update(users).set({ displayName: input.data.name, committeeId: input.data.committeeId, phone: input.data.phone, username }).where(eq(users.id, account.id));
        }
        await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "member.update", entityType: "member", entityId: before.id, before: snapshotOf(before), after: snapshotOf(updated!) });
        return { id: before.id, version: updated!.version };
      })
      .catch((error: unknown) => {
        const index = violatedIndex(error);
        if (index === "members_phone_uq") failField(["data", "phone"], "member.phoneTaken");
        if (index === "users_phone_uq") failField(["data", "phone"], "member.phoneUsedBySignIn");
        throw error;
      }),
  ),

  /** 停用: the member leaves the roster lists and can no longer sign in; their history stays. */
  deactivate: write.input(memberStatusInput).mutation(({ ctx, input }) => setActive(ctx, input, "deactivate")),
  /** 恢复: back on the roster, sign-in enabled again (with the password it had). */
  reactivate: write.input(memberStatusInput).mutation(({ ctx, input }) => setActive(ctx, input, "reactivate")),

  /** Gives a member a sign-in; the generated password (if any) is returned once and never stored in clear. */
  createSignIn: write.input(memberSignInInput).mutation(async ({ ctx, input }) => {
    const member = await loadMember(ctx.db, ctx.viewer, input.id);
    if (!member.active) fail("BAD_REQUEST", "member.inactive");
    const username = input.username || member.phone;
    const password = await initialPassword(input.password, [username, member.phone]);
    return ctx.db
      .transaction(async (tx) => {
        const locked = await loadMember(tx, ctx.viewer, input.id, true);
        if (!locked.active) fail("BAD_REQUEST", "member.inactive");
        if (await accountOf(tx, locked.id)) fail("BAD_REQUEST", "member.hasSignIn");
        const [usernameTaken] = await tx.select({ id: users.id }).from(users).where(or(eq(users.username, username), eq(users.phone, username)));
        if (usernameTaken) failField(["username"], "member.usernameTaken");
        const [phoneTaken] = await tx.select({ id: users.id }).from(users).where(or(eq(users.phone, locked.phone), eq(users.username, locked.phone)));
        if (phoneTaken && username !== locked.phone) fail("BAD_REQUEST", "member.phoneUsedBySignIn");
        const [user] = await tx
          .insert(users)
          .values({ username, phone: locked.phone, displayName: locked.name, passwordHash: password.hash, role: "member", committeeId: locked.committeeId, memberId: locked.id })
          .returning({ id: users.id });
        // Never the password or its hash: the trail records who gave whom a sign-in.
        await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "member.createSignIn", entityType: "member", entityId: locked.id, after: { userId: user!.id, username, generatedPassword: password.generated } });
        return { username, password: password.generated ? password.password : null };
      })
      .catch((error: unknown) => {
        const index = violatedIndex(error);
        if (index === "users_username_uq") failField(["username"], "member.usernameTaken");
        if (index === "users_member_uq") fail("BAD_REQUEST", "member.hasSignIn");
        if (index === "users_phone_uq") fail("BAD_REQUEST", "member.phoneUsedBySignIn");
        throw error;
      });
  }),

  /** Sets a new password and ends every session of the member's account. */
  resetPassword: write.input(memberPasswordResetInput).mutation(async ({ ctx, input }) => {
    const member = await loadMember(ctx.db, ctx.viewer, input.id);
    const account = await accountOf(ctx.db, member.id);
    if (!account) fail("BAD_REQUEST", "member.noSignIn");
    const password = await initialPassword(input.password, [account.username, account.phone ?? member.phone]);
    return ctx.db.transaction(async (tx) => {
      const changedAt = new Date();
      await tx
        .update(users)
        .set({ passwordHash: password.hash, passwordChangedAt: changedAt, sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(eq(users.id, account.id));
      await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: "member.resetPassword", entityType: "member", entityId: member.id, after: { userId: account.id, passwordChangedAt: changedAt.toISOString(), generatedPassword: password.generated } });
      return { username: account.username, password: password.generated ? password.password : null };
    });
  }),

  /** Every row of an uploaded roster file with its problems; nothing is written. */
  importPreview: write.input(memberImportInput).mutation(async ({ ctx, input }) => {
    const rows = await checkImport(ctx.db, ctx.viewer, input.file);
    return summarize(rows, ctx.locale);
  }),

  /**
   * Writes the file's valid rows in one transaction, checked again here (the preview is not
   * trusted); rows with problems are reported and left out. If someone adds one of the phones
   * meanwhile, nothing is written and the caller is asked to preview again.
   */
  importCommit: write.input(memberImportInput).mutation(async ({ ctx, input }) => {
    const rows = await checkImport(ctx.db, ctx.viewer, input.file);
    const valid = rows.flatMap((r) => (r.member ? [r.member] : []));
    const created = await ctx.db
      .transaction(async (tx) => {
        if (valid.length === 0) return [];
        const inserted = await tx.insert(members).values(valid).returning({ id: members.id });
        await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, {
          action: "member.import",
          entityType: "member",
          entityId: inserted[0]!.id,
          after: { count: inserted.length, memberIds: inserted.map((m) => m.id), skippedRows: rows.filter((r) => !r.member).map((r) => r.row) },
        });
        return inserted;
      })
      .catch((error: unknown) => {
        if (violatedIndex(error) === "members_phone_uq") fail("CONFLICT", "memberImport.changedMeanwhile");
        throw error;
      });
    return { ...summarize(rows, ctx.locale), created: created.length };
  }),

  /** The rows of an export (the roster's filters, the caller's scope, all pages). */
  exportRows: write.input(memberListInput.omit({ page: true, pageSize: true })).query(async ({ ctx, input }) => {
    const where = await rosterWhere(ctx.db, ctx.viewer, input);
    if (!where) return [];
    const rows = await ctx.db
      .select({ name: members.name, gender: members.gender, sector: members.sector, party: members.party, level: members.level, phone: members.phone, workplace: members.workplace, committeeName: committees.name })
      .from(members)
      .innerJoin(committees, eq(committees.id, members.committeeId))
      .where(where)
      .orderBy(asc(committees.path), asc(members.id))
      .limit(EXPORT_QUERY_LIMIT);
    return capRows(rows);
  }),
});

/** The preview's answer: every row with its problems in the caller's language. */
function summarize(rows: CheckedRow[], locale: Parameters<typeof translate>[0]) {
  return {
    total: rows.length,
    valid: rows.filter((r) => r.member).length,
    invalid: rows.filter((r) => !r.member).length,
    rows: rows.map((r) => ({
      row: r.row,
      name: r.values.name,
      phone: r.values.phone,
      committeeName: r.committeeName,
      values: r.values,
      ok: Boolean(r.member),
      issues: r.issues.map((i) => ({ column: i.column, reason: translate(locale, i.key, i.params) })),
    })),
  };
}

async function setActive(ctx: { db: Db; requestId: string; viewer: Viewer }, input: { id: number; version: number }, action: MemberStatusAction) {
  return ctx.db.transaction(async (tx) => {
    const before = await loadMember(tx, ctx.viewer, input.id, true);
    const status = `@member.status.${before.active ? "active" : "inactive"}`;
    if (before.version !== input.version) fail("CONFLICT", "member.conflict", { current: snapshotOf(before) });
    const step = statusTransition(before.active, action);
    if (!step.ok) fail("BAD_REQUEST", "member.illegalStatus", { status, action: `@member.action.${action}` });
    const [updated] = await tx
      .update(members)
      .set({ active: step.active, version: sql`${members.version} + 1`, updatedAt: new Date() })
      .where(eq(members.id, before.id))
      .returning();
    // The sign-in follows: disabled with the member (its sessions stop at once), enabled on return.
    await tx
      .update(users)
      .set({ disabledAt: step.active ? null : new Date() })
      .where(eq(users.memberId, before.id));
    await recordAudit(tx, { userId: ctx.viewer.userId, requestId: ctx.requestId }, { action: `member.${action}`, entityType: "member", entityId: before.id, before: snapshotOf(before), after: snapshotOf(updated!) });
    return { id: before.id, version: updated!.version, active: updated!.active };
  });
}
