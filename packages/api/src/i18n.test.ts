import { describe, expect, it } from "vitest";
import { z } from "zod";
import { hasMessage, localizeZodError, parseLocale, translate } from "./i18n";
import { CATALOGUES } from "./messages";
import { changePasswordInput } from "./schemas/account";
import { memberListInput } from "./schemas/member";

const form = z.object({
  name: z.string().min(1),
  title: z.string().max(5),
  code: z.string().min(3),
  kind: z.enum(["a", "b"]),
  count: z.number().max(10),
  newPassword: z.string().refine(() => false, { message: "password.tooShort" }),
  other: z.string().refine(() => false, { message: "not.a.catalogue.key" }),
  nested: z.object({ phone: z.string().min(1) }),
});
const bad = { title: "太长的标题文字", code: "ab", kind: "c", count: 11, newPassword: "x", other: "y", nested: { phone: "" } };

function errorOf(schema: z.ZodType, input: unknown): z.ZodError {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("expected the input to be invalid");
  return result.error;
}

describe("localizeZodError", () => {
  it("gives Chinese per-field messages by default", () => {
    expect(localizeZodError(errorOf(form, bad), "zh-CN")).toEqual({
      name: ["此项为必填项"],
      title: ["不能超过 5 个字符"],
      code: ["至少需要 3 个字符"],
      kind: ["请从给定选项中选择"],
      count: ["不能大于 10"],
      newPassword: ["新密码至少需要 10 个字符"],
      other: ["格式不正确"],
      "nested.phone": ["此项为必填项"],
    });
  });

  it("gives English messages for en", () => {
    expect(localizeZodError(errorOf(form, bad), "en")).toEqual({
      name: ["This field is required"],
      title: ["At most 5 characters"],
      code: ["At least 3 characters"],
      kind: ["Choose one of the given options"],
      count: ["Must be at most 10"],
      newPassword: ["The new password needs at least 10 characters"],
      other: ["Invalid format"],
      "nested.phone": ["This field is required"],
    });
  });

  it("collects several messages for one field", () => {
    const schema = z.object({ pw: z.string().refine(() => false, { message: "password.tooShort" }).refine(() => false, { message: "password.tooLong" }) });
    expect(localizeZodError(errorOf(schema, { pw: "" }), "zh-CN")).toEqual({ pw: ["新密码至少需要 10 个字符", "新密码不能超过 128 个字符"] });
  });

  it("keys whole-input issues by the empty path", () => {
    const schema = z.string().refine(() => false, { message: "password.mismatch" });
    expect(localizeZodError(errorOf(schema, "x"), "en")).toEqual({ "": ["The two new passwords do not match"] });
  });

  it("translates the change-password form's custom keys", () => {
    const nine = { currentPassword: "old-password-1", newPassword: "123456789", confirmPassword: "123456789" };
    expect(localizeZodError(errorOf(changePasswordInput, nine), "zh-CN")).toEqual({ newPassword: ["新密码至少需要 10 个字符"] });
    expect(localizeZodError(errorOf(changePasswordInput, nine), "en")).toEqual({ newPassword: ["The new password needs at least 10 characters"] });

    const mismatch = { currentPassword: "old-password-1", newPassword: "new-password-1", confirmPassword: "new-password-2" };
    expect(localizeZodError(errorOf(changePasswordInput, mismatch), "zh-CN")).toEqual({ confirmPassword: ["两次输入的新密码不一致"] });

    const same = { currentPassword: "same-password-1", newPassword: "same-password-1", confirmPassword: "same-password-1" };
    expect(localizeZodError(errorOf(changePasswordInput, same), "zh-CN")).toEqual({ newPassword: ["新密码不能与当前密码相同"] });
  });

  it("localizes the member search input", () => {
    const fields = localizeZodError(errorOf(memberListInput, { search: "字".repeat(51), page: 0, pageSize: 15, sector: "不存在" }), "zh-CN");
    expect(fields.search).toEqual(["不能超过 50 个字符"]);
    expect(fields.page).toEqual(["不能小于 1"]);
    expect(fields.sector).toEqual(["请从给定选项中选择"]);
    expect(fields.pageSize).toHaveLength(1);
  });
});

describe("translate", () => {
  it("fills placeholders", () => {
    expect(translate("zh-CN", "error.INTERNAL_SERVER_ERROR", { requestId: "r-1" })).toBe("服务器出现错误，请稍后再试（请求编号 r-1）");
    expect(translate("en", "field.tooShort", { minimum: 3 })).toBe("At least 3 characters");
  });

  it("returns the key itself for unknown keys", () => {
    expect(translate("en", "no.such.key")).toBe("no.such.key");
  });

  it("knows the catalogue keys", () => {
    expect(hasMessage("password.wrongCurrent")).toBe(true);
    expect(hasMessage("error.NOT_FOUND")).toBe(true);
    expect(hasMessage("password.nope")).toBe(false);
    expect(hasMessage("toString")).toBe(false);
    expect(hasMessage("constructor")).toBe(false);
    expect(hasMessage("__proto__")).toBe(false);
  });
});

describe("parseLocale", () => {
  it("is English only for en, Chinese otherwise", () => {
    expect(parseLocale("en")).toBe("en");
    expect(parseLocale("zh-CN")).toBe("zh-CN");
    expect(parseLocale(undefined)).toBe("zh-CN");
    expect(parseLocale(null)).toBe("zh-CN");
    expect(parseLocale("fr")).toBe("zh-CN");
  });
});

describe("catalogues", () => {
  it("each domain has the same keys in every locale, and no key is defined by two domains", () => {
    const seen = new Set<string>();
    for (const catalogue of CATALOGUES) {
      const keys = Object.keys(catalogue["zh-CN"]).sort();
      expect(Object.keys(catalogue.en).sort()).toEqual(keys);
      for (const key of keys) {
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
      }
    }
  });
});
