import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@dm/auth/credentials";
import { revokeSession } from "@dm/auth/sessions";
import { eq, sql } from "@dm/db";
import { auditEvents, committees, type User, users } from "@dm/db/schema";
import { type TestDatabase, freshDatabase } from "./support/db";
import { createCommittee, createMember, createUser, TEST_PASSWORD } from "./support/fixtures";
import { callerFor, expectTRPCError } from "./support/trpc";

const CURRENT = "Original#Pass1";
let t: TestDatabase;
let committeeId: number;
let ipCounter = 0;

async function makeUser(username: string, phone: string | null = null): Promise<User> {
  return createUser(t.db, { username, phone, role: "county_staff", committeeId, password: CURRENT, displayName: `${username} 显示名` });
}

async function storedUser(id: number) {
  const [row] = await t.db.select().from(users).where(eq(users.id, id));
  return row!;
}

async function auditFor(userId: number) {
  return t.db.select().from(auditEvents).where(eq(auditEvents.actorUserId, userId));
}

/** A sign-in check from a fresh IP, so these tests never trip the throttle. */
function canSignIn(username: string, password: string) {
  ipCounter += 1;
  return authenticate(t.db, { identifier: username, password, ip: `10.20.0.${ipCounter}` }).then((r) => r.ok);
}

beforeAll(async () => {
  t = await freshDatabase();
  committeeId = (await createCommittee(t.db, { name: "醴陵市政协", level: "county" })).id;
});

afterAll(async () => {
  await t?.cleanup();
});

describe("account.me", () => {
  it("returns the signed-in user with their committee", async () => {
    const user = await makeUser("meuser", "13922220009");
    expect(await callerFor(t.db, user.id).account.me()).toEqual({
      id: user.id,
      username: "meuser",
      phone: "13922220009",
      displayName: "meuser 显示名",
      title: "",
      role: "county_staff",
      committeeId,
      committeeName: "醴陵市政协",
      committeeLevel: "county",
      parentCommitteeName: null,
      member: null,
    });
  });

  it("names the county above a township, which the liaison's scope does not include", async () => {
    const [county] = await t.db.select().from(committees).where(eq(committees.id, committeeId));
    const township = await createCommittee(t.db, { name: "左权镇", level: "township", parent: county! });
    const liaison = await createUser(t.db, { username: "liaison", role: "township_liaison", committeeId: township.id, displayName: "联络员" });
    expect(await callerFor(t.db, liaison.id).account.me()).toMatchObject({ committeeName: "左权镇", parentCommitteeName: "醴陵市政协" });
  });

  it("includes a member's roster entry", async () => {
    const member = await createMember(t.db, { committeeId, name: "谭湘松", sector: "农工党", party: "农工党党员", workplace: "醴陵市中医院 主任医师" });
    const user = await createUser(t.db, { username: "tanxiangsong", role: "member", committeeId, memberId: member.id });
    const me = await callerFor(t.db, user.id).account.me();
    expect(me.member).toEqual({ sector: "农工党", party: "农工党党员", level: "county", phone: member.phone, workplace: "醴陵市中医院 主任医师" });
  });

  it("refuses a signed-out caller", async () => {
    await expectTRPCError(callerFor(t.db, null).account.me(), "UNAUTHORIZED");
  });
});

describe("account.changePassword refusals", () => {
  let user: User;
  beforeAll(async () => {
    user = await makeUser("wangxiaoming", "13922220001");
  });

  const attempt = (input: { currentPassword: string; newPassword: string; confirmPassword?: string }, locale?: "en") =>
    callerFor(t.db, user.id, { locale }).account.changePassword({ ...input, confirmPassword: input.confirmPassword ?? input.newPassword });

  it("refuses a wrong current password in Chinese and changes nothing", async () => {
    const before = await storedUser(user.id);
    const { shape } = await expectTRPCError(attempt({ currentPassword: "Not-The-Password", newPassword: "Brand-New-Pass-1" }), "BAD_REQUEST");
    expect(shape.message).toBe("当前密码不正确");
    expect(shape.data.httpStatus).toBe(400);
    expect(shape.data.fieldErrors).toBeUndefined();
    const after = await storedUser(user.id);
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.passwordChangedAt).toEqual(before.passwordChangedAt);
    expect(await auditFor(user.id)).toEqual([]);
    expect(await canSignIn("wangxiaoming", CURRENT)).toBe(true);
    expect(await canSignIn("wangxiaoming", "Brand-New-Pass-1")).toBe(false);
  });

  it("says it in English with x-locale: en", async () => {
    const { shape } = await expectTRPCError(attempt({ currentPassword: "Not-The-Password", newPassword: "Brand-New-Pass-1" }, "en"), "BAD_REQUEST");
    expect(shape.message).toBe("The current password is incorrect");
  });

  it("refuses a 9-character new password with a per-field message", async () => {
    const { shape } = await expectTRPCError(attempt({ currentPassword: CURRENT, newPassword: "Short#789" }), "BAD_REQUEST");
    expect(shape.message).toBe("提交的内容有误，请检查后重试");
    expect(shape.data.fieldErrors).toEqual({ newPassword: ["新密码至少需要 10 个字符"] });

    const en = await expectTRPCError(attempt({ currentPassword: CURRENT, newPassword: "Short#789" }, "en"), "BAD_REQUEST");
    expect(en.shape.message).toBe("Some input is invalid; please check and try again");
    expect(en.shape.data.fieldErrors).toEqual({ newPassword: ["The new password needs at least 10 characters"] });
    expect((await storedUser(user.id)).passwordHash).toBe(user.passwordHash);
  });

  it("counts characters, not bytes: 10 Chinese characters are long enough", async () => {
    // 9 Chinese characters are refused by length …
    const { shape } = await expectTRPCError(attempt({ currentPassword: CURRENT, newPassword: "株洲政协民主监督改" }), "BAD_REQUEST");
    expect(shape.data.fieldErrors).toEqual({ newPassword: ["新密码至少需要 10 个字符"] });
    // … while 10 pass validation and reach the current-password check.
    const wrong = await expectTRPCError(attempt({ currentPassword: "Not-The-Password", newPassword: "株洲政协民主监督改善" }), "BAD_REQUEST");
    expect(wrong.shape.message).toBe("当前密码不正确");
  });

  it("refuses a confirmation that does not match", async () => {
    const { shape } = await expectTRPCError(attempt({ currentPassword: CURRENT, newPassword: "Brand-New-Pass-1", confirmPassword: "Brand-New-Pass-2" }), "BAD_REQUEST");
    expect(shape.data.fieldErrors).toEqual({ confirmPassword: ["两次输入的新密码不一致"] });
  });

  it("refuses the current password as the new one", async () => {
    const { shape } = await expectTRPCError(attempt({ currentPassword: CURRENT, newPassword: CURRENT }), "BAD_REQUEST");
    expect(shape.data.fieldErrors).toEqual({ newPassword: ["新密码不能与当前密码相同"] });
  });

  it("refuses the username or phone as the new password", async () => {
    for (const newPassword of ["WangXiaoMing", "13922220001"]) {
      const { shape } = await expectTRPCError(attempt({ currentPassword: CURRENT, newPassword }), "BAD_REQUEST");
      expect(shape.message).toBe("新密码不能与用户名或手机号相同");
    }
    expect((await storedUser(user.id)).passwordHash).toBe(user.passwordHash);
    expect(await auditFor(user.id)).toEqual([]);
  });

  it("refuses a signed-out caller", async () => {
    await expectTRPCError(
      callerFor(t.db, null).account.changePassword({ currentPassword: CURRENT, newPassword: "Brand-New-Pass-1", confirmPassword: "Brand-New-Pass-1" }),
      "UNAUTHORIZED",
    );
  });
});

describe("account.changePassword success", () => {
  it("changes the password and writes exactly one audit event in the same request", async () => {
    const user = await makeUser("lixiaohong");
    const before = await storedUser(user.id);
    const result = await callerFor(t.db, user.id, { requestId: "req-change-1" }).account.changePassword({
      currentPassword: CURRENT,
      newPassword: "Brand-New-Pass-1",
      confirmPassword: "Brand-New-Pass-1",
    });
    expect(result).toEqual({ ok: true });

    expect(await canSignIn("lixiaohong", "Brand-New-Pass-1")).toBe(true);
    expect(await canSignIn("lixiaohong", CURRENT)).toBe(false);

    const after = await storedUser(user.id);
    expect(after.passwordHash).not.toBe(before.passwordHash);
    expect(after.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(after.passwordChangedAt.getTime()).toBeGreaterThan(before.passwordChangedAt.getTime());

    const events = await auditFor(user.id);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({
      actorUserId: user.id,
      action: "account.changePassword",
      entityType: "user",
      entityId: String(user.id),
      requestId: "req-change-1",
      before: null,
      after: { passwordChangedAt: after.passwordChangedAt.toISOString() },
    });
    // The trail records that the password changed, never the password or its hash.
    const stored = JSON.stringify(event);
    for (const secret of ["Brand-New-Pass-1", CURRENT, after.passwordHash, before.passwordHash]) expect(stored).not.toContain(secret);
  });

  it("generates a request id when the request has none", async () => {
    const user = await makeUser("norequestid");
    await callerFor(t.db, user.id).account.changePassword({ currentPassword: CURRENT, newPassword: "Brand-New-Pass-2", confirmPassword: "Brand-New-Pass-2" });
    const [event] = await auditFor(user.id);
    expect(event!.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

describe("account.changePassword atomicity", () => {
  it("writes neither the new password nor the audit event when the transaction fails, and both when it succeeds", async () => {
    const user = await makeUser("zhaoliu01");
    const before = await storedUser(user.id);
    // A real failure inside the transaction, after the password update: the audit insert is refused.
    await t.db.execute(sql`
      create function refuse_audit() returns trigger language plpgsql as $$
      begin raise exception 'audit store unavailable (test)'; end $$`);
    await t.db.execute(sql`create trigger refuse_audit before insert on audit_events for each row execute function refuse_audit()`);
    try {
      const { shape } = await expectTRPCError(
        callerFor(t.db, user.id, { requestId: "req-atomic-1" }).account.changePassword({
          currentPassword: CURRENT,
          newPassword: "Brand-New-Pass-3",
          confirmPassword: "Brand-New-Pass-3",
        }),
        "INTERNAL_SERVER_ERROR",
      );
      expect(shape.message).toBe("服务器出现错误，请稍后再试（请求编号 req-atomic-1）");
      expect(shape.message).not.toContain("audit store");
      expect(shape.data.httpStatus).toBe(500);
    } finally {
      await t.db.execute(sql`drop trigger refuse_audit on audit_events`);
      await t.db.execute(sql`drop function refuse_audit()`);
    }

    const afterFailure = await storedUser(user.id);
    expect(afterFailure.passwordHash).toBe(before.passwordHash);
    expect(afterFailure.passwordChangedAt).toEqual(before.passwordChangedAt);
    expect(await auditFor(user.id)).toEqual([]);
    expect(await canSignIn("zhaoliu01", CURRENT)).toBe(true);
    expect(await canSignIn("zhaoliu01", "Brand-New-Pass-3")).toBe(false);

    // The same request once the failure is gone: both the change and its event.
    await callerFor(t.db, user.id, { requestId: "req-atomic-2" }).account.changePassword({
      currentPassword: CURRENT,
      newPassword: "Brand-New-Pass-3",
      confirmPassword: "Brand-New-Pass-3",
    });
    expect((await storedUser(user.id)).passwordHash).not.toBe(before.passwordHash);
    expect((await auditFor(user.id)).map((e) => e.requestId)).toEqual(["req-atomic-2"]);
    expect(await canSignIn("zhaoliu01", "Brand-New-Pass-3")).toBe(true);
  });
});

describe("sessions", () => {
  it("a signed-out session is refused while another session of the same user still works", async () => {
    const user = await createUser(t.db, { username: "twodevices", role: "county_staff", committeeId, displayName: "两台设备" });
    await revokeSession(t.db, { sessionId: "phone-session", userId: user.id });
    await expectTRPCError(callerFor(t.db, user.id, { sessionId: "phone-session" }).account.me(), "UNAUTHORIZED");
    expect((await callerFor(t.db, user.id, { sessionId: "desk-session" }).account.me()).id).toBe(user.id);
  });

  it("a password change ends every session issued before it", async () => {
    const user = await createUser(t.db, { username: "rotates", role: "county_staff", committeeId, displayName: "改密码" });
    const before = callerFor(t.db, user.id, { sessionVersion: 0 });
    await before.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "Xiangjiang-2026", confirmPassword: "Xiangjiang-2026" });
    await expectTRPCError(callerFor(t.db, user.id, { sessionVersion: 0 }).account.me(), "UNAUTHORIZED");
    expect((await callerFor(t.db, user.id, { sessionVersion: 1 }).account.me()).id).toBe(user.id);
  });
});
