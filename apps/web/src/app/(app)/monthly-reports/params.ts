import { defaultCampaign, defaultReportMonth, monthPhase, monthsBetween } from "@dm/api/domain/coverage";

interface CampaignOption {
  id: number;
  startDate: string;
  endDate: string;
}

/**
 * The campaign and month in the URL (?campaign=ID&month=YYYY-MM), checked against the visible
 * campaigns and the campaign's months that have begun; otherwise the campaign under way and the
 * month just ended. `months` are the ones to offer, newest first.
 */
export function resolveReportPeriod(params: URLSearchParams, campaigns: readonly CampaignOption[], now = new Date()) {
  const wanted = Number(params.get("campaign"));
  const campaign = campaigns.find((c) => c.id === wanted) ?? defaultCampaign(campaigns, now);
  if (!campaign) return null;
  const all = monthsBetween(campaign.startDate, campaign.endDate);
  const begun = all.filter((m) => monthPhase(m, now) !== "future");
  // A campaign not yet begun still has a first month to look at (everything pending).
  const months = (begun.length ? begun : all.slice(0, 1)).reverse();
  const month = params.get("month");
  return { campaignId: campaign.id, month: month && months.includes(month) ? month : (defaultReportMonth(all, now) ?? months[0]!), months };
}

export const writeHref = (campaignId: number, month: string) => `/monthly-reports/write?campaign=${campaignId}&month=${month}`;
