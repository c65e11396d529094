import { sql } from "drizzle-orm";
import type { Db } from "./client";

/**
 * Whether PostgreSQL answers `select 1` within `timeoutMs`. Never throws and never waits
 * longer than the timeout, so a health probe stays fast during an outage.
 */
export async function databaseHealth(db: Db, timeoutMs: number): Promise<{ up: boolean; latencyMs: number }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.execute(sql`select 1`),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), timeoutMs);
      }),
    ]);
    return { up: true, latencyMs: Date.now() - started };
  } catch {
    return { up: false, latencyMs: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}
