import type { Executor } from "@dm/db";
import { revokedSessions } from "@dm/db/schema";

/** Ends one session for good; signing out twice is harmless. */
export async function revokeSession(db: Executor, session: { sessionId: string; userId: number }): Promise<void> {
  await db.insert(revokedSessions).values(session).onConflictDoNothing();
}
