import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Executor, Role } from "@dm/db";
import { notifications, users } from "@dm/db/schema";

export interface NotificationDraft {
  kind: string;
  title: string;
  link: string;
}

/** Active accounts of a committee with one of `roles`: who hears about that committee's work. */
export async function staffOf(db: Executor, committeeId: number, roles: readonly Role[]): Promise<number[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.committeeId, committeeId), inArray(users.role, [...roles]), isNull(users.disabledAt)));
  return rows.map((r) => r.id);
}

/** Written in the caller's transaction, so a notification exists exactly when its cause does. */
export async function notify(db: Executor, userIds: readonly number[], draft: NotificationDraft): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await db.insert(notifications).values(unique.map((userId) => ({ userId, ...draft })));
}
