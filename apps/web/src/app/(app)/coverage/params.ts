import { defaultCampaign, shanghaiMonth } from "@dm/api/domain/coverage";

export type Period = { campaignId: number; year?: undefined } | { year: number; campaignId?: undefined };

const int = (v: string | null | undefined) => (v && /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : undefined);

/**
 * The period in the URL (?campaign=ID or ?year=YYYY), checked against the campaigns the caller
 * can see; otherwise the campaign under way, the newest, or this year when there is none.
 */
export function resolvePeriod(params: URLSearchParams, campaigns: readonly { id: number; startDate: string; endDate: string }[], now = new Date()): Period {
  const campaignId = int(params.get("campaign"));
  if (campaignId && campaigns.some((c) => c.id === campaignId)) return { campaignId };
  const year = int(params.get("year"));
  if (year && year >= 2000 && year <= 2100) return { year };
  const chosen = defaultCampaign(campaigns, now);
  return chosen ? { campaignId: chosen.id } : { year: Number(shanghaiMonth(now).slice(0, 4)) };
}

export function periodQuery(period: Period): string {
  return period.campaignId !== undefined ? `campaign=${period.campaignId}` : `year=${period.year}`;
}

/** The list behind one cell of the matrix. */
export function cellHref(period: Period, committeeId: number, month: string, subtree: boolean): string {
  return `/coverage/activities?${periodQuery(period)}&committee=${committeeId}&month=${month}${subtree ? "&scope=all" : ""}`;
}
