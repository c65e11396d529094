import type { $ZodIssue } from "zod/v4/core";
import type { z } from "zod";
import { CATALOGUES } from "./messages";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

/** The locale cookie set by the web app's language switch; anything else means Chinese. */
export function parseLocale(value: string | null | undefined): Locale {
  return value === "en" ? "en" : DEFAULT_LOCALE;
}

type Messages = Record<string, string>;

/**
 * Messages the API sends to people, merged from the domains' catalogues in ./messages. Keys are
 * used as the message of errors and of custom zod issues; `{name}` placeholders are filled from
 * the error's params.
 */
const MESSAGES: Record<Locale, Messages> = {
  "zh-CN": Object.assign({}, ...CATALOGUES.map((c) => c["zh-CN"])),
  en: Object.assign({}, ...CATALOGUES.map((c) => c.en)),
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

/**
 * A plain-language message for one zod issue, always from the catalogue (never zod's own
 * wording); custom issues carry a catalogue key.
 */
export function localizeIssue(issue: $ZodIssue, locale: Locale): string {
  const t = (key: string, params?: Record<string, unknown>) => translate(locale, key, params);
  switch (issue.code) {
    case "custom":
      return hasMessage(issue.message) ? t(issue.message) : t("field.invalid");
    case "invalid_type":
      if (issue.expected === "int") return t("field.notInteger");
      return issue.message.includes("received undefined") ? t("field.required") : t("field.invalid");
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) === 1 ? t("field.required") : t("field.tooShort", { minimum: issue.minimum });
      if (issue.origin === "array" || issue.origin === "set") return t("field.tooFewItems", { minimum: issue.minimum });
      if (issue.origin === "date") return t("field.dateOutOfRange");
      return t("field.tooSmall", { minimum: issue.minimum });
    case "too_big":
      if (issue.origin === "string") return t("field.tooLong", { maximum: issue.maximum });
      if (issue.origin === "array" || issue.origin === "set") return t("field.tooManyItems", { maximum: issue.maximum });
      if (issue.origin === "date") return t("field.dateOutOfRange");
      return t("field.tooBig", { maximum: issue.maximum });
    case "invalid_value":
      return t("field.notOption");
    case "invalid_union":
      // One of several literals (a page size): the same as a choice among options.
      return issue.errors.flat().every((i) => i.code === "invalid_value") ? t("field.notOption") : t("field.invalid");
    default:
      return t("field.invalid");
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
