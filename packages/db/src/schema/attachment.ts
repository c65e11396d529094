import { bigint, index, integer, pgEnum, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./user";

export const attachmentOwner = pgEnum("attachment_owner", [
  "campaign",
  "task",
  "assignment_event",
  "activity",
  "activity_finding",
  "visit",
  "problem",
  "problem_event",
  "tip",
]);

/**
 * A stored file. Uploaded first (owner unset), then bound to what it belongs to in the same
 * transaction as that record; who may download it follows from the owner.
 */
export const attachments = pgTable(
  "attachments",
  {
    id: serial().primaryKey(),
    /** Random, unguessable, and the file's name in storage. */
    storageKey: text().notNull().unique(),
    ownerType: attachmentOwner(),
    ownerId: integer(),
    fileName: text().notNull(),
    /** Detected from the content, not taken from the upload. */
    mimeType: text().notNull(),
    size: bigint({ mode: "number" }).notNull(),
    sha256: text().notNull(),
    /** Null for a public tip's photos, sent without signing in. */
    uploadedBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("attachments_owner_idx").on(t.ownerType, t.ownerId)],
);

export type Attachment = typeof attachments.$inferSelect;
