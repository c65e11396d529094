import { z } from "zod";
import { TIP_STATUSES } from "@dm/db/enums";
import { TIP_LIMITS } from "../domain/tip";
import { id, text, version } from "./common";
import { problemFields } from "./problem";

/**
 * A public tip's text fields (the photos travel beside them in the same multipart request).
 * `website` is a honeypot: hidden from people, filled in by bots; anything in it refuses the tip.
 */
export const tipSubmitInput = z.object({
  content: text({ min: TIP_LIMITS.contentMin, max: TIP_LIMITS.contentMax }),
  location: text({ min: 2, max: TIP_LIMITS.locationMax }),
  committeeId: id,
  contact: text({ max: TIP_LIMITS.contactMax }).default(""),
  website: text({ max: 200 }).default(""),
});
export type TipSubmitInput = z.input<typeof tipSubmitInput>;

export const tipStatusInput = z.object({ code: text({ max: 40 }) });

export const TIP_PAGE_SIZE = 20;

export const tipListInput = z.object({
  status: z.enum(TIP_STATUSES).optional(),
  search: text({ max: 50 }).optional(),
  page: z.number().int().min(1).max(10_000).default(1),
});
export type TipListInput = z.input<typeof tipListInput>;

export const tipByIdInput = z.object({ id });

const versioned = z.object({ id, version });

/** 转为问题: the problem's fields, prefilled from the tip and edited by staff. */
export const tipConvertInput = versioned.extend({ problem: problemFields });
export type TipConvertInput = z.input<typeof tipConvertInput>;
export const tipDismissInput = versioned.extend({ reason: text({ min: 1, max: 2000 }) });
