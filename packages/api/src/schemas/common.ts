import { z } from "zod";

/** A calendar date as YYYY-MM-DD that exists (2026-02-30 does not: it would roll over to March). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "field.invalid" })
  .refine((s) => {
    const date = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === s;
  }, { message: "field.invalid" });
