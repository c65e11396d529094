import { z } from "zod";
import { id, monthString } from "./common";

/** The dashboard of the caller's committee: one campaign, and the month its monthly figures are for. */
export const dashboardInput = z.object({ campaignId: id, month: monthString.optional() });
export type DashboardInput = z.input<typeof dashboardInput>;

/** 月度工作简报 of one committee in the caller's scope, for one month of a campaign. */
export const briefingInput = z.object({ campaignId: id, committeeId: id, month: monthString });
export type BriefingInput = z.input<typeof briefingInput>;
