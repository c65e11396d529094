import { bigserial, date, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./user";

/**
 * 提醒记录: one row per reminder sent by the background jobs, keyed by what it was about. The
 * unique key makes sending idempotent beyond the queue: a job that runs twice, on two workers
 * at once or after a restart, inserts its rows `ON CONFLICT DO NOTHING` in the transaction that
 * writes the notification, and notifies only for the rows it inserted.
 */
export const reminders = pgTable(
  "reminders",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    /** The notification kind, e.g. assignment.dueIn3, activity.tomorrow. */
    kind: text().notNull(),
    /** What it is about: an assignment, activity or campaign id, by kind. */
    subjectId: integer().notNull(),
    recipientId: integer()
      .notNull()
      .references(() => users.id),
    /** The Asia/Shanghai day it is due for (a deadline, an activity's day, a month's first day). */
    dueDay: date({ mode: "string" }).notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("reminders_key_uq").on(t.kind, t.subjectId, t.recipientId, t.dueDay),
    index("reminders_sent_at_idx").on(t.sentAt),
  ],
);

export type Reminder = typeof reminders.$inferSelect;
