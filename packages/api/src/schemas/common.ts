import { z } from "zod";

/*
 * The building blocks of every input schema. Whatever a client sends is bounded here, before it
 * reaches the database: PostgreSQL would refuse (with a 500) an integer beyond its range, a NUL
 * in text or a date before year 1, and silently turn a broken UTF-16 string into U+FFFD.
 */

/** The largest PostgreSQL `integer`: every id and count column is one. */
export const PG_INT_MAX = 2_147_483_647;

/** A row id (serial): a positive PostgreSQL integer. */
export const id = z.number().int().min(1).max(PG_INT_MAX);
/** A row id of a bigserial table (audit events, notifications): a positive integer JavaScript holds exactly. */
export const bigId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
/** The version a write names (optimistic concurrency): a positive PostgreSQL integer. */
export const version = id;

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

/**
 * Text a person types: trimmed, at most `max` UTF-16 units (and at least `min`; 1 reads as
 * "required"), with no control characters or broken UTF-16. Every free-text field uses it.
 */
export function text({ max, min = 0 }: { max: number; min?: number }) {
  const trimmed = z.string().trim();
  return (min > 0 ? trimmed.min(min) : trimmed).max(max).refine(isSafeText, { message: "field.unsafeText" });
}

/** The calendar years a date may fall in: wide enough for any record, narrow enough for every column and calculation. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

/** A calendar date as YYYY-MM-DD that exists (2026-02-30 does not: it would roll over to March), in 1900–2100. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "field.invalid", abort: true })
  .refine(
    (s) => {
      const date = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === s;
    },
    { message: "field.invalid", abort: true },
  )
  .refine((s) => inYears(Number(s.slice(0, 4))), { message: "field.dateOutOfRange" });

/** A calendar month as YYYY-MM, in 1900–2100. */
export const monthString = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "field.invalid", abort: true })
  .refine((s) => inYears(Number(s.slice(0, 4))), { message: "field.dateOutOfRange" });

/** A moment (superjson carries Dates): a valid one, in 1900–2100. */
export const moment = z.date({ message: "field.invalid" }).refine((d) => inYears(d.getUTCFullYear()), { message: "field.dateOutOfRange" });

function inYears(year: number): boolean {
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}
