import { isIsoDate, isMonthString, isSafeText } from "@dm/api/domain/input-rules";

/**
 * What the list pages read from their URL, made safe to send to the API: a URL is typed or
 * pasted by anyone, and a value the API refuses would make the list fail to load instead of
 * being ignored. The checks are the rules the API's schemas are built on
 * (`@dm/api/domain/input-rules`), not the schemas: this module runs in list pages' client
 * components, and zod would join those pages' first load.
 */

const PAGE_MAX = 10_000;

/**
 * Free text from the URL: cut to `max` (never through a surrogate pair) and trimmed, as the API
 * would store it; dropped if it holds control characters.
 */
export function textParam(value: string | null | undefined, max: number): string | undefined {
  let text = value?.trim().slice(0, max);
  if (text && /[\ud800-\udbff]$/.test(text)) text = text.slice(0, -1);
  text = text?.trimEnd();
  return text && isSafeText(text) ? text : undefined;
}

/** The list's free-text filter `q` (at most 50 characters, as the API takes it). */
export function searchParam(params: URLSearchParams): string | undefined {
  return textParam(params.get("q"), 50);
}

/** The page number `page`: a whole number from 1 to 10 000, else the first page. */
export function pageParam(params: URLSearchParams): number {
  const page = params.get("page");
  return page && /^\d{1,5}$/.test(page) && Number(page) >= 1 && Number(page) <= PAGE_MAX ? Number(page) : 1;
}

/** A calendar day (YYYY-MM-DD) the API accepts: a real date within its years. */
export function dayParam(value: string | null | undefined): string | undefined {
  return value && isIsoDate(value) ? value : undefined;
}

/** A calendar month (YYYY-MM) the API accepts. */
export function monthParam(value: string | null | undefined): string | undefined {
  return value && isMonthString(value) ? value : undefined;
}
