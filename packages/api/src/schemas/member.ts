import { z } from "zod";
import { MEMBER_LEVELS, SECTORS } from "@dm/db/enums";

export const MEMBER_PAGE_SIZES = [10, 20, 50] as const;

/** Roster search: free text over name, phone and workplace, within an optional committee. */
export const memberListInput = z.object({
  search: z.string().trim().max(50).optional(),
  /** A filter inside the caller's scope, never a way out of it. */
  committeeId: z.number().int().positive().optional(),
  sector: z.enum(SECTORS).optional(),
  level: z.enum(MEMBER_LEVELS).optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.union(MEMBER_PAGE_SIZES.map((n) => z.literal(n))).default(20),
});
export type MemberListInput = z.input<typeof memberListInput>;

export const memberByIdInput = z.object({ id: z.number().int().positive() });
