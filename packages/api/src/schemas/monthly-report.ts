import { z } from "zod";
import { monthString } from "./coverage";

const id = z.number().int().positive();

export const monthlyReportPeriodInput = z.object({ campaignId: id, month: monthString });
export const monthlyReportCampaignInput = z.object({ campaignId: id });
export const monthlyReportByIdInput = z.object({ id });

const text = z.string().trim().max(5000).default("");

/**
 * A draft may be partly written; `version` is the one the form read (null: none existed yet).
 * The committee is always the caller's own, never sent.
 */
export const monthlyReportDraftInput = z.object({
  campaignId: id,
  month: monthString,
  version: id.nullable(),
  summary: text,
  activitiesHeld: z.number().int().min(0).max(999),
  activitySummary: text,
  problems: text,
  nextPlan: text,
});
export type MonthlyReportDraftInput = z.input<typeof monthlyReportDraftInput>;

/** Submitting needs the summary and next month's plan. */
export const monthlyReportSubmitInput = monthlyReportDraftInput.extend({
  summary: z.string().trim().min(1).max(5000),
  nextPlan: z.string().trim().min(1).max(5000),
});
export type MonthlyReportSubmitInput = z.input<typeof monthlyReportSubmitInput>;
