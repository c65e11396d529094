/*
 * The plain rules behind the shared input schemas (../schemas/common.ts), in a module that
 * imports nothing: the browser checks what it reads from a URL with them, and must not download
 * zod to do so. The schemas are built on the same functions, so the two cannot drift apart.
 */

/**
 * Characters no one types and the platform refuses in text, with a field message rather than
 * stripping them (nothing a person entered is dropped silently): NUL (PostgreSQL text cannot hold
 * it) and every other C0 control except tab, line feed and carriage return; DEL and the C1
 * controls; and a UTF-16 surrogate without its partner (not a character at all: the database
 * would store U+FFFD in its place).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isSafeText(s: string): boolean {
  return !UNSAFE_TEXT.test(s);
}

/** The calendar years a date may fall in: wide enough for any record, narrow enough for every column and calculation. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

export function inYears(year: number): boolean {
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

/** The shape of a calendar date, YYYY-MM-DD. */
export const ISO_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD that exists (2026-02-30 does not: a Date would roll it over to March). */
export function isRealDate(s: string): boolean {
  const date = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === s;
}

/** A calendar date the API takes: YYYY-MM-DD, a day that exists, in FIRST_YEAR–LAST_YEAR. */
export function isIsoDate(s: string): boolean {
  return ISO_DATE_SHAPE.test(s) && isRealDate(s) && inYears(Number(s.slice(0, 4)));
}

/** The shape of a calendar month, YYYY-MM. */
export const MONTH_SHAPE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A calendar month the API takes: YYYY-MM in FIRST_YEAR–LAST_YEAR. */
export function isMonthString(s: string): boolean {
  return MONTH_SHAPE.test(s) && inYears(Number(s.slice(0, 4)));
}
