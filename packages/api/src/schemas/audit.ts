import { z } from "zod";
import { bigId, isoDate, text } from "./common";

export const AUDIT_PAGE_SIZE = 30;

/**
 * The audit log's filters: who (name or username, contains), what (entity type, and id), and
 * when (Asia/Shanghai days, inclusive). `cursor` is the id of the last event shown: the next
 * page holds older events (keyset paging, newest first).
 */
export const auditListInput = z
  .object({
    actor: text({ max: 50 }).optional(),
    entityType: z
      .string()
      .trim()
      .regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, { message: "field.invalid" })
      .max(40)
      .optional(),
    entityId: text({ max: 40 }).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    cursor: bigId.optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "audit.badRange", path: ["to"] });
export type AuditListInput = z.input<typeof auditListInput>;
