import { z } from "zod";
import { MEMBER_LEVELS, PARTIES, SECTORS } from "@dm/db/enums";
import { PHONE_PATTERN, USERNAME_PATTERN } from "../domain/member";
import { id, text, version } from "./common";

export const MEMBER_PAGE_SIZES = [10, 20, 50] as const;

/** Roster search: free text over name, phone and workplace, within an optional committee. */
export const memberListInput = z.object({
  search: text({ max: 50 }).optional(),
  /** A filter inside the caller's scope, never a way out of it. */
  committeeId: id.optional(),
  sector: z.enum(SECTORS).optional(),
  level: z.enum(MEMBER_LEVELS).optional(),
  /** Current members by default; deactivated ones on request (to find and reactivate them). */
  status: z.enum(["active", "inactive"]).default("active"),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.union(MEMBER_PAGE_SIZES.map((n) => z.literal(n))).default(20),
});
export type MemberListInput = z.input<typeof memberListInput>;

export const memberByIdInput = z.object({ id });

/** One roster entry as a person types it (the form) or a roster file carries it (the import). */
export const memberFields = z.object({
  name: text({ min: 1, max: 50 }),
  gender: z.enum(["男", "女"]),
  sector: z.enum(SECTORS),
  party: z.enum(PARTIES),
  level: z.enum(MEMBER_LEVELS),
  phone: z.string().trim().max(20).refine((p) => PHONE_PATTERN.test(p), { message: "member.phoneInvalid" }),
  workplace: text({ max: 100 }).default(""),
  /** Must lie within the caller's scope; checked by the procedure against the database. */
  committeeId: id,
});
export type MemberFields = z.input<typeof memberFields>;

export const memberCreateInput = memberFields;
export const memberUpdateInput = z.object({ id, version, data: memberFields });
export type MemberUpdateInput = z.input<typeof memberUpdateInput>;

/** Deactivate or reactivate, naming the version read. */
export const memberStatusInput = z.object({ id, version });

/**
 * A member's sign-in: the username is the phone unless staff choose one; the initial password
 * is typed by staff (checked by the password policy) or, when left out, generated and shown once.
 */
export const memberSignInInput = z.object({
  id,
  username: z
    .string()
    .trim()
    .max(64)
    .toLowerCase()
    .refine((u) => u === "" || USERNAME_PATTERN.test(u) || PHONE_PATTERN.test(u), { message: "member.usernameInvalid" })
    .optional(),
  /** Bounded for transport only; the password policy (checked by the procedure) gives the real limits. */
  password: z.string().max(256).optional(),
});
export type MemberSignInInput = z.input<typeof memberSignInInput>;

export const memberPasswordResetInput = z.object({ id, password: z.string().max(256).optional() });

/** An .xlsx roster file, base64-encoded, at most IMPORT_MAX_BYTES once decoded. */
export const IMPORT_MAX_BYTES = 1024 * 1024;
export const IMPORT_MAX_ROWS = 1000;
export const memberImportInput = z.object({
  file: z
    .string()
    .min(1)
    .refine((s) => s.length <= Math.ceil(IMPORT_MAX_BYTES / 3) * 4, { message: "memberImport.tooLarge" })
    .refine((s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s), { message: "memberImport.unreadable" }),
});
