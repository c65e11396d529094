import type { $ZodIssue } from "zod/v4/core";
import { z } from "zod";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

/** The locale cookie set by the web app's language switch; anything else means Chinese. */
export function parseLocale(value: string | null | undefined): Locale {
  return value === "en" ? "en" : DEFAULT_LOCALE;
}

type Catalogue = Record<string, string>;

/**
 * Messages the API sends to people. Keys are used as the message of errors and of custom zod
 * issues; `{name}` placeholders are filled from the error's params.
 */
const MESSAGES: Record<Locale, Catalogue> = {
  "zh-CN": {
    "error.UNAUTHORIZED": "请先登录",
    "error.FORBIDDEN": "您没有权限执行此操作",
    "error.NOT_FOUND": "未找到该记录，或您无权查看",
    "error.BAD_REQUEST": "提交的内容有误，请检查后重试",
    "error.CONFLICT": "该记录已被他人修改，请刷新后重试",
    "error.TOO_MANY_REQUESTS": "操作过于频繁，请稍后再试",
    "error.INTERNAL_SERVER_ERROR": "服务器出现错误，请稍后再试（请求编号 {requestId}）",
    "error.SERVICE_UNAVAILABLE": "数据库暂时不可用，请稍后再试",
    "auth.disabled": "该账号已停用，请联系管理员",
    "password.wrongCurrent": "当前密码不正确",
    "password.tooShort": "新密码至少需要 10 个字符",
    "password.tooLong": "新密码不能超过 128 个字符",
    "password.sameAsIdentifier": "新密码不能与用户名或手机号相同",
    "password.sameAsCurrent": "新密码不能与当前密码相同",
    "password.mismatch": "两次输入的新密码不一致",
    "field.required": "此项为必填项",
    "field.invalid": "格式不正确",
    "field.tooShort": "至少需要 {minimum} 个字符",
    "field.tooLong": "不能超过 {maximum} 个字符",
    "field.tooSmall": "不能小于 {minimum}",
    "field.tooBig": "不能大于 {maximum}",
    "field.notInteger": "必须是整数",
    "field.notOption": "请从给定选项中选择",
  },
  en: {
    "error.UNAUTHORIZED": "Please sign in first",
    "error.FORBIDDEN": "You are not allowed to do this",
    "error.NOT_FOUND": "Not found, or you may not see it",
    "error.BAD_REQUEST": "Some input is invalid; please check and try again",
    "error.CONFLICT": "Someone else changed this record; refresh and try again",
    "error.TOO_MANY_REQUESTS": "Too many requests; please try again later",
    "error.INTERNAL_SERVER_ERROR": "Something went wrong on the server; please try again later (request {requestId})",
    "error.SERVICE_UNAVAILABLE": "The database is unavailable; please try again shortly",
    "auth.disabled": "This account is disabled; contact your administrator",
    "password.wrongCurrent": "The current password is incorrect",
    "password.tooShort": "The new password needs at least 10 characters",
    "password.tooLong": "The new password may have at most 128 characters",
    "password.sameAsIdentifier": "The new password must differ from your username and phone",
    "password.sameAsCurrent": "The new password must differ from the current one",
    "password.mismatch": "The two new passwords do not match",
    "field.required": "This field is required",
    "field.invalid": "Invalid format",
    "field.tooShort": "At least {minimum} characters",
    "field.tooLong": "At most {maximum} characters",
    "field.tooSmall": "Must be at least {minimum}",
    "field.tooBig": "Must be at most {maximum}",
    "field.notInteger": "Must be a whole number",
    "field.notOption": "Choose one of the given options",
  },
};

export function hasMessage(key: string): boolean {
  return Object.hasOwn(MESSAGES[DEFAULT_LOCALE], key);
}

export function translate(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  const template = MESSAGES[locale][key] ?? MESSAGES[DEFAULT_LOCALE][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ""));
}

/** A plain-language message for one zod issue; custom issues carry a catalogue key. */
export function localizeIssue(issue: $ZodIssue, locale: Locale): string {
  const t = (key: string, params?: Record<string, unknown>) => translate(locale, key, params);
  switch (issue.code) {
    case "custom":
      return hasMessage(issue.message) ? t(issue.message) : t("field.invalid");
    case "invalid_type":
      if (issue.expected === "int") return t("field.notInteger");
      return issue.message.includes("received undefined") ? t("field.required") : t("field.invalid");
    case "too_small":
      if (issue.origin === "string") return issue.minimum === 1 ? t("field.required") : t("field.tooShort", { minimum: issue.minimum });
      return t("field.tooSmall", { minimum: issue.minimum });
    case "too_big":
      return issue.origin === "string" ? t("field.tooLong", { maximum: issue.maximum }) : t("field.tooBig", { maximum: issue.maximum });
    case "invalid_value":
      return t("field.notOption");
    case "invalid_format":
      return t("field.invalid");
    default:
      return (locale === "en" ? z.locales.en() : z.locales.zhCN()).localeError(issue as never) as string ?? t("field.invalid");
  }
}

/** Per-field messages keyed by the dotted path ("" for the input as a whole). */
export function localizeZodError(error: z.ZodError, locale: Locale): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".");
    (fields[key] ??= []).push(localizeIssue(issue, locale));
  }
  return fields;
}
