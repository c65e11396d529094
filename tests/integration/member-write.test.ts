import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@dm/auth/credentials";
import type { MemberFields } from "@dm/api/schemas/member";
import { and, count, eq } from "@dm/db";
import { auditEvents, members, users } from "@dm/db/schema";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createMember, createOrg, createUser, currentOf, nextPhone, type Org } from "./support/fixtures";
import { callerFor, expectTRPCError } from "./support/trpc";

let t: TestDatabase;
let org: Org;
let ipCounter = 0;

/** A sign-in check from a fresh IP, so these tests never trip the throttle. */
function canSignIn(identifier: string, password: string) {
  ipCounter += 1;
  return authenticate(t.db, { identifier, password, ip: `10.30.0.${ipCounter}` });
}

const fields = (overrides: Partial<MemberFields> = {}): MemberFields => ({
  name: "龙晓红",
  gender: "女",
  sector: "民进",
  party: "民进会员",
  level: "county",
  phone: nextPhone(),
  workplace: "荷塘区第一中学 教师",
  committeeId: org.townA1.id,
  ...overrides,
});

async function memberRow(id: number) {
  const [row] = await t.db.select().from(members).where(eq(members.id, id));
  return row!;
}
async function accountOf(memberId: number) {
  const [row] = await t.db.select().from(users).where(eq(users.memberId, memberId));
  return row ?? null;
}
async function auditCount(action?: string) {
  const [row] = await t.db.select({ n: count() }).from(auditEvents).where(action ? eq(auditEvents.action, action) : undefined);
  return row!.n;
}
async function memberCount() {
  const [row] = await t.db.select({ n: count() }).from(members);
  return row!.n;
}

beforeAll(async () => {
  t = await freshDatabase();
  org = await createOrg(t.db);
});

afterAll(async () => {
  await t?.cleanup();
});

describe("member.create", () => {
  it("adds a member to a township of the county, with an audit event", async () => {
    const input = fields();
    const { id, version } = await callerFor(t.db, org.users.countyA.id).member.create(input);
    expect(version).toBe(1);
    expect(await memberRow(id)).toMatchObject({ name: "龙晓红", phone: input.phone, committeeId: org.townA1.id, active: true });
    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "member.create"), eq(auditEvents.entityId, String(id))));
    expect(event).toMatchObject({ actorUserId: org.users.countyA.id, entityType: "member" });
    expect(event!.after).toMatchObject({ name: "龙晓红", committeeId: org.townA1.id });
    const listed = await callerFor(t.db, org.users.liaisonA1.id).member.list({ search: input.phone });
    expect(listed.items.map((m) => m.id)).toEqual([id]);
  });

  it("refuses a committee outside the caller's scope per field, and writes nothing", async () => {
    const before = [await memberCount(), await auditCount()];
    for (const committeeId of [org.countyB.id, org.city.id, org.otherCounty.id, 999_999]) {
      const { shape } = await expectTRPCError(callerFor(t.db, org.users.countyA.id).member.create(fields({ committeeId })), "BAD_REQUEST");
      expect(shape.data.fieldErrors).toEqual({ committeeId: ["只能选择本级或下级组织"] });
    }
    // A township liaison may not put a member in its own county either.
    await expectTRPCError(callerFor(t.db, org.users.liaisonA1.id).member.create(fields({ committeeId: org.countyA.id })), "BAD_REQUEST");
    expect([await memberCount(), await auditCount()]).toEqual(before);
  });

  it("refuses a phone already on the roster with a per-field message, even a deactivated member's", async () => {
    const existing = await createMember(t.db, { committeeId: org.countyB.id, name: "芦淞老委员", active: false });
    const before = await memberCount();
    const { shape } = await expectTRPCError(callerFor(t.db, org.users.countyA.id).member.create(fields({ phone: existing.phone })), "BAD_REQUEST");
    expect(shape.data.fieldErrors).toEqual({ phone: ["该手机号已登记在委员名册中"] });
    expect(await memberCount()).toBe(before);
  });

  it("checks every field and answers per field, in English too", async () => {
    const { shape } = await expectTRPCError(
      callerFor(t.db, org.users.countyA.id, { locale: "en" }).member.create({ ...fields(), name: " ", phone: "12345", sector: "火星界" as "民进", level: "township" as "county" }),
      "BAD_REQUEST",
    );
    expect(Object.keys(shape.data.fieldErrors ?? {}).sort()).toEqual(["level", "name", "phone", "sector"]);
    expect(shape.data.fieldErrors!.phone).toEqual(["Enter an 11-digit mobile number"]);
  });

  it("is forbidden to city leaders (they read the roster) and to members", async () => {
    await expectTRPCError(callerFor(t.db, org.users.cityLeader.id).member.create(fields()), "FORBIDDEN");
    await expectTRPCError(callerFor(t.db, org.users.memberA.id).member.create(fields()), "FORBIDDEN");
  });
});

describe("member.update", () => {
  it("edits at the version read and moves the member within scope", async () => {
    const { id } = await callerFor(t.db, org.users.countyA.id).member.create(fields({ name: "彭志军", gender: "男", committeeId: org.countyA.id }));
    const result = await callerFor(t.db, org.users.countyA.id).member.update({ id, version: 1, data: fields({ name: "彭志军", gender: "男", committeeId: org.townA2.id, workplace: "仙庾镇卫生院 院长" }) });
    expect(result.version).toBe(2);
    expect(await memberRow(id)).toMatchObject({ committeeId: org.townA2.id, workplace: "仙庾镇卫生院 院长", version: 2 });
    expect(await auditCount("member.update")).toBeGreaterThan(0);
  });

  it("gives CONFLICT with the current record to an edit based on an older version", async () => {
    const { id } = await callerFor(t.db, org.users.countyA.id).member.create(fields({ name: "旧版本" }));
    const row = await memberRow(id);
    await callerFor(t.db, org.users.countyA2.id).member.update({ id, version: 1, data: { ...fields(), phone: row.phone, name: "先改的人" } });
    const { shape } = await expectTRPCError(callerFor(t.db, org.users.countyA.id).member.update({ id, version: 1, data: { ...fields(), phone: row.phone, name: "后改的人" } }), "CONFLICT");
    expect(shape.message).toBe("该委员信息已被他人修改，请刷新后重试");
    expect(currentOf(shape)).toMatchObject({ name: "先改的人", version: 2 });
    expect((await memberRow(id)).name).toBe("先改的人");
  });

  it("refuses a move out of scope and a phone taken by another member, per field", async () => {
    const { id } = await callerFor(t.db, org.users.countyA.id).member.create(fields());
    const row = await memberRow(id);
    const other = await createMember(t.db, { committeeId: org.countyA.id, name: "占用号码" });
    const out = await expectTRPCError(callerFor(t.db, org.users.countyA.id).member.update({ id, version: 1, data: { ...fields(), phone: row.phone, committeeId: org.countyB.id } }), "BAD_REQUEST");
    expect(out.shape.data.fieldErrors).toEqual({ "data.committeeId": ["只能选择本级或下级组织"] });
    const dup = await expectTRPCError(callerFor(t.db, org.users.countyA.id).member.update({ id, version: 1, data: { ...fields(), phone: other.phone } }), "BAD_REQUEST");
    expect(dup.shape.data.fieldErrors).toEqual({ "data.phone": ["该手机号已登记在委员名册中"] });
    expect(await memberRow(id)).toEqual(row);
  });

  it("is NOT_FOUND for another county's member (and for a township's liaison above its township)", async () => {
    const target = await createMember(t.db, { committeeId: org.countyA.id, name: "荷塘某委员" });
    const data = { ...fields(), phone: target.phone, name: "被改" };
    await expectTRPCError(callerFor(t.db, org.users.countyB.id).member.update({ id: target.id, version: 1, data }), "NOT_FOUND");
    await expectTRPCError(callerFor(t.db, org.users.liaisonA1.id).member.update({ id: target.id, version: 1, data }), "NOT_FOUND");
    await expectTRPCError(callerFor(t.db, org.users.otherCityStaff.id).member.update({ id: target.id, version: 1, data }), "NOT_FOUND");
    expect((await memberRow(target.id)).name).toBe("荷塘某委员");
  });

  it("carries name, committee and phone over to the member's sign-in", async () => {
    const { id } = await callerFor(t.db, org.users.countyA.id).member.create(fields({ name: "有账号" }));
    const row = await memberRow(id);
    await callerFor(t.db, org.users.countyA.id).member.createSignIn({ id, password: "Initial-Pass-2026" });
    const newPhone = nextPhone();
    await callerFor(t.db, org.users.countyA.id).member.update({ id, version: 1, data: { ...fields(), name: "改名了", phone: newPhone, committeeId: org.townA2.id } });
    expect(await accountOf(id)).toMatchObject({ displayName: "改名了", phone: newPhone, username: newPhone, committeeId: org.townA2.id });
    expect((await canSignIn(newPhone, "Initial-Pass-2026")).ok).toBe(true);
    expect((await canSignIn(row.phone, "Initial-Pass-2026")).ok).toBe(false);
  });
});

describe("member.deactivate and reactivate", () => {
  it("deactivates (sign-in disabled, sessions end, history kept) and reactivates", async () => {
    const { id } = await callerFor(t.db, org.users.countyA.id).member.create(fields({ name: "将停用" }));
    const { username } = await callerFor(t.db, org.users.countyA.id).member.createSignIn({ id, password: "Initial-Pass-2026" });
    const account = (await accountOf(id))!;
    expect((await callerFor(t.db, account.id).account.me()).displayName).toBe("将停用");

    const off = await callerFor(t.db, org.users.countyA.id).member.deactivate({ id, version: 1 });
    expect(off).toMatchObject({ active: false, version: 2 });
    expect(await memberRow(id)).toMatchObject({ active: false });
    expect((await accountOf(id))!.disabledAt).not.toBeNull();
    await expectTRPCError(callerFor(t.db, account.id).account.me(), "UNAUTHORIZED");
    expect(await canSignIn(username, "Initial-Pass-2026")).toEqual({ ok: false, reason: "disabled" });
    // Off the default roster, on the list of deactivated members.
    const caller = callerFor(t.db, org.users.countyA.id);
    expect((await caller.member.list({ search: "将停用" })).total).toBe(0);
    expect((await caller.member.list({ search: "将停用", status: "inactive" })).items.map((m) => m.id)).toEqual([id]);
    // A second deactivation names the state it found.
    const again = await expectTRPCError(caller.member.deactivate({ id, version: 2 }), "BAD_REQUEST");
    expect(again.shape.message).toBe("该委员当前状态为「已停用」，不能停用");

    const on = await caller.member.reactivate({ id, version: 2 });
    expect(on).toMatchObject({ active: true, version: 3 });
    expect((await accountOf(id))!.disabledAt).toBeNull();
    expect((await canSignIn(username, "Initial-Pass-2026")).ok).toBe(true);
    expect(await auditCount("member.deactivate")).toBe(1);
    expect(await auditCount("member.reactivate")).toBe(1);
  });

  it("gives CONFLICT at a stale version and NOT_FOUND outside scope", async () => {
    const target = await createMember(t.db, { committeeId: org.townA1.id, name: "停用并发" });
    await expectTRPCError(callerFor(t.db, org.users.countyA.id).member.deactivate({ id: target.id, version: 7 }), "CONFLICT");
    await expectTRPCError(callerFor(t.db, org.users.countyB.id).member.deactivate({ id: target.id, version: 1 }), "NOT_FOUND");
    await expectTRPCError(callerFor(t.db, org.users.liaisonA2.id).member.deactivate({ id: target.id, version: 1 }), "NOT_FOUND");
    expect((await memberRow(target.id)).active).toBe(true);
  });

  it("offers no way to delete a member: the router has no such procedure", async () => {
    const caller = callerFor(t.db, org.users.cityStaff.id) as unknown as { member: Record<string, unknown> };
    expect(Object.keys(caller.member)).not.toContain("delete");
  });
});

describe("member sign-in", () => {
  it("creates a sign-in named by the phone with a generated password shown once", async () => {
    const input = fields({ name: "新委员甲" });
    const { id } = await callerFor(t.db, org.users.countyA.id).member.create(input);
    const result = await callerFor(t.db, org.users.countyA.id).member.createSignIn({ id });
    expect(result.username).toBe(input.phone);
    expect(result.password).toMatch(/^[A-Za-z0-9]{12}$/);
    const account = (await accountOf(id))!;
    expect(account).toMatchObject({ role: "member", memberId: id, committeeId: org.townA1.id, phone: input.phone, displayName: "新委员甲", disabledAt: null });
    expect(account.passwordHash).not.toContain(result.password!);
    expect((await canSignIn(input.phone, result.password!)).ok).toBe(true);
    // The audit trail records who gave the sign-in, never the password.
    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "member.createSignIn"), eq(auditEvents.entityId, String(id))));
    expect(JSON.stringify(event!.after)).not.toContain(result.password!);
    // A second sign-in is refused.
    const again = await expectTRPCError(callerFor(t.db, org.users.countyA.id).member.createSignIn({ id }), "BAD_REQUEST");
    expect(again.shape.message).toBe("该委员已有登录账号，请使用“重置密码”");
  });

  it("uses a chosen username and a typed password, checked by the policy", async () => {
    const { id } = await callerFor(t.db, org.users.countyA.id).member.create(fields({ name: "新委员乙" }));
    const weak = await expectTRPCError(callerFor(t.db, org.users.countyA.id).member.createSignIn({ id, username: "xinweiyuan-b", password: "short" }), "BAD_REQUEST");
    expect(weak.shape.data.fieldErrors).toEqual({ password: ["新密码至少需要 10 个字符"] });
    const same = await expectTRPCError(callerFor(t.db, org.users.countyA.id).member.createSignIn({ id, username: "xinweiyuan-b", password: "XinWeiYuan-B" }), "BAD_REQUEST");
    expect(same.shape.data.fieldErrors).toEqual({ password: ["新密码不能与用户名或手机号相同"] });
    const taken = await expectTRPCError(callerFor(t.db, org.users.countyA.id).member.createSignIn({ id, username: "hetang", password: "Typed-Pass-2026" }), "BAD_REQUEST");
    expect(taken.shape.data.fieldErrors).toEqual({ username: ["该用户名已被使用"] });
    const bad = await expectTRPCError(callerFor(t.db, org.users.countyA.id).member.createSignIn({ id, username: "张三", password: "Typed-Pass-2026" }), "BAD_REQUEST");
    expect(Object.keys(bad.shape.data.fieldErrors ?? {})).toEqual(["username"]);
    expect(await accountOf(id)).toBeNull();

    const result = await callerFor(t.db, org.users.countyA.id).member.createSignIn({ id, username: "XinWeiYuan-B", password: "Typed-Pass-2026" });
    expect(result).toEqual({ username: "xinweiyuan-b", password: null });
    expect((await canSignIn("xinweiyuan-b", "Typed-Pass-2026")).ok).toBe(true);
  });

  it("resets the password, ending the member's sessions", async () => {
    const { id } = await callerFor(t.db, org.users.countyA.id).member.create(fields({ name: "重置密码" }));
    const { username } = await callerFor(t.db, org.users.countyA.id).member.createSignIn({ id, password: "First-Pass-2026" });
    const account = (await accountOf(id))!;
    const session = { sessionVersion: account.sessionVersion };
    expect((await callerFor(t.db, account.id, session).account.me()).role).toBe("member");

    const reset = await callerFor(t.db, org.users.countyA.id).member.resetPassword({ id });
    expect(reset.password).toMatch(/^[A-Za-z0-9]{12}$/);
    expect((await accountOf(id))!.sessionVersion).toBe(account.sessionVersion + 1);
    await expectTRPCError(callerFor(t.db, account.id, session).account.me(), "UNAUTHORIZED");
    expect((await canSignIn(username, "First-Pass-2026")).ok).toBe(false);
    expect((await canSignIn(username, reset.password!)).ok).toBe(true);
    expect(await auditCount("member.resetPassword")).toBeGreaterThan(0);
  });

  it("refuses a reset without a sign-in and a sign-in for a deactivated member", async () => {
    const target = await createMember(t.db, { committeeId: org.countyA.id, name: "无账号" });
    const none = await expectTRPCError(callerFor(t.db, org.users.countyA.id).member.resetPassword({ id: target.id }), "BAD_REQUEST");
    expect(none.shape.message).toBe("该委员还没有登录账号");
    const gone = await createMember(t.db, { committeeId: org.countyA.id, name: "已停用无账号", active: false });
    await expectTRPCError(callerFor(t.db, org.users.countyA.id).member.createSignIn({ id: gone.id }), "BAD_REQUEST");
    expect(await accountOf(gone.id)).toBeNull();
  });

  it("is NOT_FOUND for another county's member: no sign-in created, no password reset", async () => {
    const target = await createMember(t.db, { committeeId: org.countyA.id, name: "别县委员" });
    await expectTRPCError(callerFor(t.db, org.users.countyB.id).member.createSignIn({ id: target.id }), "NOT_FOUND");
    expect(await accountOf(target.id)).toBeNull();
    const withAccount = await createMember(t.db, { committeeId: org.countyA.id, name: "别县有账号" });
    const user = await createUser(t.db, { username: "biexian", role: "member", committeeId: org.countyA.id, memberId: withAccount.id });
    await expectTRPCError(callerFor(t.db, org.users.countyB.id).member.resetPassword({ id: withAccount.id }), "NOT_FOUND");
    expect((await accountOf(withAccount.id))!.passwordHash).toBe(user.passwordHash);
  });

  it("shows the sign-in on the member's record", async () => {
    const { id } = await callerFor(t.db, org.users.countyA.id).member.create(fields({ name: "看账号" }));
    expect((await callerFor(t.db, org.users.countyA.id).member.byId({ id })).account).toBeNull();
    await callerFor(t.db, org.users.countyA.id).member.createSignIn({ id, username: "kanzhanghao" });
    const record = await callerFor(t.db, org.users.countyA.id).member.byId({ id });
    expect(record).toMatchObject({ hasSignIn: true, version: 1, account: { username: "kanzhanghao", disabled: false } });
  });
});
