import { defaultCampaign, defaultReportMonth, monthPhase, monthsBetween } from "@dm/api/domain/coverage";

interface CampaignOption {
  id: number;
  startDate: string;
  endDate: string;
}

const int = (v: string | null) => (v && /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : undefined);
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The campaign in the URL if the caller can see it, else the one under way (or the newest). */
function campaignOf(params: URLSearchParams, campaigns: readonly CampaignOption[], now: Date) {
  const id = int(params.get("campaign"));
  return campaigns.find((c) => c.id === id) ?? defaultCampaign(campaigns, now);
}

/** A month of the campaign that has begun, from the URL; otherwise undefined (the API picks). */
function monthOf(params: URLSearchParams, campaign: CampaignOption, now: Date) {
  const month = params.get("month");
  return month && MONTH.test(month) && monthsBetween(campaign.startDate, campaign.endDate).includes(month) && monthPhase(month, now) !== "future" ? month : undefined;
}

/** ?campaign=&month= for the dashboard; null when the caller sees no campaign at all. */
export function dashboardParams(params: URLSearchParams, campaigns: readonly CampaignOption[], now = new Date()): { campaignId: number; month?: string } | null {
  const campaign = campaignOf(params, campaigns, now);
  if (!campaign) return null;
  const month = monthOf(params, campaign, now);
  return month ? { campaignId: campaign.id, month } : { campaignId: campaign.id };
}

/**
 * ?campaign=&committee=&month= for the briefing: the month defaults to the one just ended (the
 * month a briefing reports on), the committee to the caller's own. The API checks the committee.
 */
export function briefingParams(params: URLSearchParams, campaigns: readonly CampaignOption[], ownCommitteeId: number, now = new Date()): { campaignId: number; committeeId: number; month: string } | null {
  const campaign = campaignOf(params, campaigns, now);
  if (!campaign) return null;
  const month = monthOf(params, campaign, now) ?? defaultReportMonth(monthsBetween(campaign.startDate, campaign.endDate), now)!;
  return { campaignId: campaign.id, committeeId: int(params.get("committee")) ?? ownCommitteeId, month };
}

/** The campaign's months that have begun, newest first: what the month pickers offer. */
export function begunMonths(campaign: CampaignOption, now = new Date()): string[] {
  return monthsBetween(campaign.startDate, campaign.endDate)
    .filter((m) => monthPhase(m, now) !== "future")
    .reverse();
}

export function briefingHref(p: { campaignId: number; committeeId: number; month: string }): string {
  return `/dashboard/briefing?campaign=${p.campaignId}&committee=${p.committeeId}&month=${p.month}`;
}
