import { index, integer, pgEnum, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { TIP_STATUSES } from "../enums";
import { committees } from "./committee";
import { problems } from "./problem";
import { users } from "./user";

export const tipStatus = pgEnum("tip_status", TIP_STATUSES);

/**
 * 举报线索 from the public, no sign-in. The reference code is the only way back to it; the
 * public status page shows the state, never the content or contact. Photos are attachments
 * owned by "tip" (uploaded without a user).
 */
export const tips = pgTable(
  "tips",
  {
    id: serial().primaryKey(),
    /** Unguessable reference code handed to the citizen. */
    code: text().notNull().unique(),
    content: text().notNull(),
    location: text().notNull(),
    /** The county or township area chosen by the citizen: routes the tip to that committee's staff. */
    committeeId: integer()
      .notNull()
      .references(() => committees.id),
    contact: text().notNull().default(""),
    status: tipStatus().notNull().default("received"),
    dismissReason: text().notNull().default(""),
    problemId: integer().references(() => problems.id),
    triagedBy: integer().references(() => users.id),
    triagedAt: timestamp({ withTimezone: true }),
    /** Keyed hash of the sender's IP, for the rate limit only. */
    ipHash: text().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("tips_committee_status_idx").on(t.committeeId, t.status), index("tips_ip_idx").on(t.ipHash, t.createdAt)],
);

export type Tip = typeof tips.$inferSelect;
