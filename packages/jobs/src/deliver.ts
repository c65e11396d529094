import type { Db } from "@dm/db";
import { notifications, reminders } from "@dm/db/schema";

/** One reminder to one person: its idempotence key and the notification it becomes. */
export interface ReminderDraft {
  kind: string;
  subjectId: number;
  recipientId: number;
  dueDay: string;
  title: string;
  link: string;
}

const keyOf = (r: { kind: string; subjectId: number; recipientId: number; dueDay: string }) => `${r.kind}|${r.subjectId}|${r.recipientId}|${r.dueDay}`;

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 1000;

/**
 * Sends the reminders not sent before, exactly once: in one transaction, claims each key in
 * `reminders` (`ON CONFLICT DO NOTHING`) and writes a notification only for the keys it claimed.
 * A second worker running the same job at the same moment waits on the unique index until the
 * first commits, then claims nothing; if the first rolls back, the second sends them. Keys are
 * inserted in one sorted order, so two such transactions cannot deadlock. Returns how many
 * notifications were written.
 */
export async function deliver(db: Db, drafts: readonly ReminderDraft[]): Promise<number> {
  const unique = [...new Map(drafts.map((d) => [keyOf(d), d])).values()].sort((a, b) =>
    a.kind !== b.kind ? (a.kind < b.kind ? -1 : 1) : a.subjectId - b.subjectId || a.recipientId - b.recipientId || (a.dueDay < b.dueDay ? -1 : a.dueDay > b.dueDay ? 1 : 0),
  );
  if (unique.length === 0) return 0;
  return db.transaction(async (tx) => {
    let sent = 0;
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      const claimed = await tx
        .insert(reminders)
        .values(chunk.map(({ kind, subjectId, recipientId, dueDay }) => ({ kind, subjectId, recipientId, dueDay })))
        .onConflictDoNothing({ target: [reminders.kind, reminders.subjectId, reminders.recipientId, reminders.dueDay] })
        .returning({ kind: reminders.kind, subjectId: reminders.subjectId, recipientId: reminders.recipientId, dueDay: reminders.dueDay });
      const mine = new Set(claimed.map(keyOf));
      const toSend = chunk.filter((d) => mine.has(keyOf(d)));
      if (toSend.length > 0) await tx.insert(notifications).values(toSend.map((d) => ({ userId: d.recipientId, kind: d.kind, title: d.title, link: d.link })));
      sent += toSend.length;
    }
    return sent;
  });
}
