import { sql } from "drizzle-orm";
import { getDb } from "@dm/db";
import { env } from "@/env";

export const dynamic = "force-dynamic";

/** 200 when PostgreSQL answers within HEALTH_TIMEOUT_MS, 503 otherwise. */
export async function GET() {
  const started = Date.now();
  try {
    await Promise.race([
      getDb().execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), env.HEALTH_TIMEOUT_MS)),
    ]);
    return Response.json({ status: "ok", database: "up", latencyMs: Date.now() - started });
  } catch {
    return Response.json({ status: "unavailable", database: "down" }, { status: 503, headers: { "Retry-After": "5" } });
  }
}
