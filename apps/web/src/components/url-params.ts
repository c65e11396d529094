import { isoDate, isSafeText, monthString } from "@dm/api/schemas/common";

/**
 * What the list pages read from their URL, made safe to send to the API: a URL is typed or
 * pasted by anyone, and a value the API refuses would make the list fail to load instead of
 * being ignored. Checks are the API's own schemas where they exist.
 */

const PAGE_MAX = 10_000;

/** Free text from the URL: trimmed and cut to `max` (never through a surrogate pair); dropped if it holds control characters. */
export function textParam(value: string | null | undefined, max: number): string | undefined {
  let text = value?.trim().slice(0, max);
  if (text && /[\ud800-\udbff]$/.test(text)) text = text.slice(0, -1);
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
  return value && isoDate.safeParse(value).success ? value : undefined;
}

/** A calendar month (YYYY-MM) the API accepts. */
export function monthParam(value: string | null | undefined): string | undefined {
  return value && monthString.safeParse(value).success ? value : undefined;
}
