import { z } from "zod";
import { id, monthString, text } from "./common";

export const monthlyReportPeriodInput = z.object({ campaignId: id, month: monthString });
export const monthlyReportCampaignInput = z.object({ campaignId: id });
export const monthlyReportByIdInput = z.object({ id });

/** A section of the report: may be left empty in a draft. */
const section = text({ max: 5000 }).default("");

/**
 * A draft may be partly written; `version` is the one the form read (null: none existed yet).
 * The committee is always the caller's own, never sent.
 */
export const monthlyReportDraftInput = z.object({
  campaignId: id,
  month: monthString,
  version: id.nullable(),
  summary: section,
  activitiesHeld: z.number().int().min(0).max(999),
  activitySummary: section,
  problems: section,
  nextPlan: section,
});
export type MonthlyReportDraftInput = z.input<typeof monthlyReportDraftInput>;

/** Submitting needs the summary and next month's plan. */
export const monthlyReportSubmitInput = monthlyReportDraftInput.extend({
  summary: text({ min: 1, max: 5000 }),
  nextPlan: text({ min: 1, max: 5000 }),
});
export type MonthlyReportSubmitInput = z.input<typeof monthlyReportSubmitInput>;
