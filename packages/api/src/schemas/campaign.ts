import { z } from "zod";
import { LEADING_GROUP_ROLES } from "@dm/db/enums";
import { isoDate } from "./common";

const label = z.string().trim().min(1).max(60);

export const campaignInput = z
  .object({
    title: z.string().trim().min(2).max(100),
    year: z.number().int().min(2000).max(2100),
    topic: z.string().trim().min(1).max(100),
    startDate: isoDate,
    endDate: isoDate,
    description: z.string().trim().max(5000).default(""),
    focusAreas: z.array(label).min(1).max(20),
    methods: z.array(label).min(1).max(20),
    /** 月报 are due by this day of the following month; 28 at most, so every month has it. */
    reportDueDay: z.number().int().refine((n) => n >= 1 && n <= 28, { message: "campaign.badDueDay" }).default(5),
    leadingGroup: z.array(z.object({ userId: z.number().int().positive(), role: z.enum(LEADING_GROUP_ROLES) })).max(50).default([]),
    countyLinks: z.array(z.object({ leaderUserId: z.number().int().positive(), committeeIds: z.array(z.number().int().positive()).min(1).max(20) })).max(30).default([]),
    attachmentIds: z.array(z.number().int().positive()).max(20).default([]),
  })
  .refine((v) => v.endDate >= v.startDate, { message: "campaign.badDates", path: ["endDate"] });
export type CampaignInput = z.input<typeof campaignInput>;

export const campaignUpdateInput = z.object({ id: z.number().int().positive(), version: z.number().int().positive(), data: campaignInput });
export const campaignByIdInput = z.object({ id: z.number().int().positive() });
