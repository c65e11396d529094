import { z } from "zod";

/** A calendar date as YYYY-MM-DD that exists. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "field.invalid" })
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: "field.invalid" });
