import { z } from "zod";
import { id, monthString } from "./common";

/** A period: one campaign's months, or the twelve months of a year (all campaigns). */
export const coveragePeriodInput = z
  .object({ campaignId: id.optional(), year: z.number().int().min(2000).max(2100).optional() })
  .refine((v) => (v.campaignId === undefined) !== (v.year === undefined), { message: "coverage.periodRequired" });
export type CoveragePeriodInput = z.input<typeof coveragePeriodInput>;

/** The activities behind one cell: a committee's own (or its whole subtree's) in one month. */
export const coverageCellInput = z
  .object({
    campaignId: id.optional(),
    year: z.number().int().min(2000).max(2100).optional(),
    committeeId: id,
    month: monthString,
    subtree: z.boolean().default(false),
  })
  .refine((v) => (v.campaignId === undefined) !== (v.year === undefined), { message: "coverage.periodRequired" });
export type CoverageCellInput = z.input<typeof coverageCellInput>;
