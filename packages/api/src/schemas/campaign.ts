import { z } from "zod";
import { LEADING_GROUP_ROLES } from "@dm/db/enums";
import { id, isoDate, text, version } from "./common";

const label = text({ min: 1, max: 60 });

export const campaignInput = z
  .object({
    title: text({ min: 2, max: 100 }),
    year: z.number().int().min(2000).max(2100),
    topic: text({ min: 1, max: 100 }),
    startDate: isoDate,
    endDate: isoDate,
    description: text({ max: 5000 }).default(""),
    focusAreas: z.array(label).min(1).max(20),
    methods: z.array(label).min(1).max(20),
    /** 月报 are due by this day of the following month; 28 at most, so every month has it. */
    reportDueDay: z.number().int().refine((n) => n >= 1 && n <= 28, { message: "campaign.badDueDay" }).default(5),
    leadingGroup: z.array(z.object({ userId: id, role: z.enum(LEADING_GROUP_ROLES) })).max(50).default([]),
    countyLinks: z.array(z.object({ leaderUserId: id, committeeIds: z.array(id).min(1).max(20) })).max(30).default([]),
    attachmentIds: z.array(id).max(20).default([]),
  })
  .refine((v) => v.endDate >= v.startDate, { message: "campaign.badDates", path: ["endDate"] });
export type CampaignInput = z.input<typeof campaignInput>;

export const campaignUpdateInput = z.object({ id, version, data: campaignInput });
export const campaignByIdInput = z.object({ id });
