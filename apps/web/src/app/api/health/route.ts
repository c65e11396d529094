import { databaseHealth, getDb } from "@dm/db";
import { env } from "@/env";

export const dynamic = "force-dynamic";

/** 200 when PostgreSQL answers within HEALTH_TIMEOUT_MS, 503 otherwise. */
export async function GET() {
  const { up, latencyMs } = await databaseHealth(getDb(), env.HEALTH_TIMEOUT_MS);
  return up
    ? Response.json({ status: "ok", database: "up", latencyMs })
    : Response.json({ status: "unavailable", database: "down" }, { status: 503, headers: { "Retry-After": "5", "Cache-Control": "no-store" } });
}
