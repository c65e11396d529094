import { z } from "zod";
import { inYears, ISO_DATE_SHAPE, isRealDate, isSafeText, MONTH_SHAPE } from "../domain/input-rules";

export { FIRST_YEAR, isSafeText, LAST_YEAR } from "../domain/input-rules";

/*
 * The building blocks of every input schema. Whatever a client sends is bounded here, before it
 * reaches the database: PostgreSQL would refuse (with a 500) an integer beyond its range, a NUL
 * in text or a date before year 1, and silently turn a broken UTF-16 string into U+FFFD. The
 * rules themselves are plain functions in ../domain/input-rules.ts, which the browser uses
 * without zod.
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
 * Text a person types: trimmed, at most `max` UTF-16 units (and at least `min`; 1 reads as
 * "required"), with no control characters or broken UTF-16. Every free-text field uses it.
 */
export function text({ max, min = 0 }: { max: number; min?: number }) {
  const trimmed = z.string().trim();
  return (min > 0 ? trimmed.min(min) : trimmed).max(max).refine(isSafeText, { message: "field.unsafeText" });
}

/** A calendar date as YYYY-MM-DD that exists (2026-02-30 does not: it would roll over to March), in 1900–2100. */
export const isoDate = z
  .string()
  .regex(ISO_DATE_SHAPE, { message: "field.invalid", abort: true })
  .refine(isRealDate, { message: "field.invalid", abort: true })
  .refine((s) => inYears(Number(s.slice(0, 4))), { message: "field.dateOutOfRange" });

/** A calendar month as YYYY-MM, in 1900–2100. */
export const monthString = z
  .string()
  .regex(MONTH_SHAPE, { message: "field.invalid", abort: true })
  .refine((s) => inYears(Number(s.slice(0, 4))), { message: "field.dateOutOfRange" });

/** A moment (superjson carries Dates): a valid one, in 1900–2100. */
export const moment = z.date({ message: "field.invalid" }).refine((d) => inYears(d.getUTCFullYear()), { message: "field.dateOutOfRange" });
