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
    "status.sent": "待签收",
    "status.accepted": "已签收",
    "status.in_progress": "进行中",
    "status.reported": "已上报",
    "status.approved": "已办结",
    "action.accept": "签收",
    "action.progress": "报告进展",
    "action.report": "上报完成",
    "action.approve": "审核办结",
    "action.return": "退回",
    "action.passDown": "转交下级",
    "assignment.illegal": "当前状态为「{status}」，不能{action}",
    "assignment.conflict": "该任务已被他人处理，当前状态为「{status}」，请刷新后重试",
    "assignment.percentLower": "完成进度不能低于上次报告的 {previous}%",
    "assignment.completeNeeds100": "上报完成时进度应为 100%",
    "assignment.passDownOnlyCounty": "只有县市区政协可以将任务转交乡镇（街道）",
    "assignment.notOwnTownship": "只能转交本县市区所辖的乡镇（街道）",
    "assignment.alreadyPassed": "已转交给所选的部分乡镇（街道）",
    "task.notCounty": "任务只能下发给县市区政协",
    "task.badFocusArea": "请从本专项的监督内容中选择",
    "task.badMethod": "请从本专项的监督方式中选择",
    "task.conflict": "该任务已被他人修改，请刷新后重试",
    "task.deadlineOutsideCampaign": "截止日期应在专项起止日期之内",
    "campaign.badDates": "结束日期不能早于开始日期",
    "campaign.notCityUser": "领导小组成员须为市政协人员",
    "campaign.notLeader": "联系县市区的须为主席会议成员",
    "campaign.notCounty": "只能联系本市的县市区政协",
    "campaign.conflict": "该专项已被他人修改，请刷新后重试",
    "attachment.notFound": "附件不存在或已被使用",
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
    "status.sent": "sent",
    "status.accepted": "accepted",
    "status.in_progress": "in progress",
    "status.reported": "reported",
    "status.approved": "approved",
    "action.accept": "accept it",
    "action.progress": "report progress",
    "action.report": "report it complete",
    "action.approve": "approve it",
    "action.return": "return it",
    "action.passDown": "pass it down",
    "assignment.illegal": "It is {status}: you cannot {action}",
    "assignment.conflict": "Someone else acted on this first; it is now {status}. Refresh and try again",
    "assignment.percentLower": "Progress cannot fall below the last report's {previous}%",
    "assignment.completeNeeds100": "A completion report needs 100%",
    "assignment.passDownOnlyCounty": "Only a county committee can pass a task to townships",
    "assignment.notOwnTownship": "You can only pass it to your own townships",
    "assignment.alreadyPassed": "Some of the chosen townships already have it",
    "task.notCounty": "Tasks can only be sent to county committees",
    "task.badFocusArea": "Choose one of the campaign's focus areas",
    "task.badMethod": "Choose one of the campaign's methods",
    "task.conflict": "Someone else changed this task; refresh and try again",
    "task.deadlineOutsideCampaign": "The deadline must fall within the campaign's dates",
    "campaign.badDates": "The end date cannot be before the start date",
    "campaign.notCityUser": "Leading group members must be city committee users",
    "campaign.notLeader": "Only chair-meeting members are linked to counties",
    "campaign.notCounty": "Leaders can only be linked to the city's own county committees",
    "campaign.conflict": "Someone else changed this campaign; refresh and try again",
    "attachment.notFound": "The attachment does not exist or is already in use",
  },
};

export function hasMessage(key: string): boolean {
  return Object.hasOwn(MESSAGES[DEFAULT_LOCALE], key);
}

/** Fills `{name}` placeholders; a param written "@key" is itself a catalogue key, translated. */
export function translate(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  const template = MESSAGES[locale][key] ?? MESSAGES[DEFAULT_LOCALE][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    return typeof value === "string" && value.startsWith("@") ? translate(locale, value.slice(1)) : String(value ?? "");
  });
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
