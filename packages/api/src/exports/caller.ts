import type { createCaller } from "../root";

/**
 * The in-process tRPC caller an export reads through: every row comes from a procedure, with its
 * own capability check and scope filter, so an export never shows more than its page.
 */
export type Caller = ReturnType<typeof createCaller>;

/** 专项 named by its title, for the 导出说明 sheet. */
export async function campaignFilter(api: Caller, campaignId: number | undefined): Promise<string[]> {
  if (!campaignId) return [];
  const campaign = (await api.campaign.list()).find((c) => c.id === campaignId);
  return campaign ? [`专项：${campaign.title}`] : [];
}

/** The listed committee (a county, a township) by name, for the 导出说明 sheet. */
export async function committeeFilter(api: Caller, committeeId: number | undefined, label: string): Promise<string[]> {
  if (!committeeId) return [];
  const committee = (await api.committee.tree()).find((c) => c.id === committeeId);
  return committee ? [`${label}：${committee.name}`] : [];
}
