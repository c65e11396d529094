import { describe, expect, it } from "vitest";
import { checkPasswordPolicy, dummyPasswordHash, hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyPassword } from "./password";

describe("checkPasswordPolicy", () => {
  it("has the documented limits", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    expect(PASSWORD_MAX_LENGTH).toBe(128);
  });

  it("refuses 9 characters and accepts 10", () => {
    expect(checkPasswordPolicy("abcdefgh9")).toBe("tooShort");
    expect(checkPasswordPolicy("abcdefgh10")).toBeNull();
  });

  it("refuses the empty password", () => {
    expect(checkPasswordPolicy("")).toBe("tooShort");
  });

  it("counts code points, so 10 Chinese characters pass and 9 do not", () => {
    expect(checkPasswordPolicy("株洲政协民主监督改善")).toBeNull();
    expect(checkPasswordPolicy("株洲政协民主监督改")).toBe("tooShort");
  });

  it("counts an astral character (two UTF-16 units) once", () => {
    // 9 code points but 10 UTF-16 code units: still too short.
    const nine = "😀abcdefgh";
    expect(nine.length).toBe(10);
    expect(checkPasswordPolicy(nine)).toBe("tooShort");
  });

  it("refuses more than 128 characters and accepts exactly 128", () => {
    expect(checkPasswordPolicy("a".repeat(128))).toBeNull();
    expect(checkPasswordPolicy("a".repeat(129))).toBe("tooLong");
    expect(checkPasswordPolicy("政".repeat(129))).toBe("tooLong");
  });

  it("refuses the username or phone, case-insensitively", () => {
    expect(checkPasswordPolicy("ZhangXiaoMing", ["zhangxiaoming"])).toBe("sameAsIdentifier");
    expect(checkPasswordPolicy("zhangxiaoming", ["ZhangXiaoMing"])).toBe("sameAsIdentifier");
    expect(checkPasswordPolicy("13912345678", ["zhangxiaoming", "13912345678"])).toBe("sameAsIdentifier");
  });

  it("accepts a password that merely contains the username", () => {
    expect(checkPasswordPolicy("zhangxiaoming!", ["zhangxiaoming"])).toBeNull();
  });

  it("ignores empty identifiers (a user without a phone)", () => {
    expect(checkPasswordPolicy("correct horse", ["someone", ""])).toBeNull();
  });
});

describe("hashPassword / verifyPassword", () => {
  it("produces an argon2id hash that verifies the right password only", async () => {
    const hash = await hashPassword("Zhuzhou@2026");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(hash).toContain("m=19456,t=2,p=1");
    expect(hash).not.toContain("Zhuzhou@2026");
    expect(await verifyPassword(hash, "Zhuzhou@2026")).toBe(true);
    expect(await verifyPassword(hash, "zhuzhou@2026")).toBe(false);
    expect(await verifyPassword(hash, "")).toBe(false);
  });

  it("salts: the same password hashes differently each time", async () => {
    const [a, b] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, "same password")).toBe(true);
    expect(await verifyPassword(b, "same password")).toBe(true);
  });

  it("handles Chinese passwords", async () => {
    const hash = await hashPassword("株洲政协民主监督改善");
    expect(await verifyPassword(hash, "株洲政协民主监督改善")).toBe(true);
    expect(await verifyPassword(hash, "株洲政协民主监督改进")).toBe(false);
  });

  it("returns false (does not throw) for a garbage hash", async () => {
    await expect(verifyPassword("not-a-hash", "whatever123")).resolves.toBe(false);
    await expect(verifyPassword("", "whatever123")).resolves.toBe(false);
    await expect(verifyPassword("$argon2id$v=19$m=19456,t=2,p=1$broken", "whatever123")).resolves.toBe(false);
  });

  it("keeps one dummy hash that no ordinary password matches", async () => {
    const a = await dummyPasswordHash();
    const b = await dummyPasswordHash();
    expect(a).toBe(b);
    expect(a.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(a, "Zhuzhou@2026")).toBe(false);
  });
});
