import type { Logger } from "drizzle-orm/logger";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";
import { databaseSettings, reconnectDelaySeconds } from "./settings";

export interface DbOptions {
  /** Pool size; default DB_POOL_MAX (10), which suits a 2-core server. */
  max?: number;
  /** Sees every statement Drizzle sends (the benchmarks capture the SQL of a procedure with it). */
  logger?: Logger;
}

/**
 * A Drizzle database over one `postgres` pool. Close it with `db.$client.end()`. The pool's
 * behaviour around an outage comes from the environment (see settings.ts): it needs no restart
 * when PostgreSQL returns, since a connection that died is opened again by the next query.
 */
export function createDb(url: string, options: DbOptions = {}) {
  const settings = databaseSettings();
  const client = postgres(url, {
    max: options.max ?? settings.max,
    // Fail fast when the server is unreachable instead of queueing requests behind a dead socket.
    connect_timeout: settings.connectTimeoutSeconds,
    idle_timeout: settings.idleTimeoutSeconds,
    ...(settings.maxLifetimeSeconds !== null ? { max_lifetime: settings.maxLifetimeSeconds } : {}),
    backoff: reconnectDelaySeconds,
    onnotice: () => {},
  });
  return drizzle({ client, schema, casing: "snake_case", logger: options.logger });
}

export type Db = ReturnType<typeof createDb>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run a query: the pool or an open transaction. */
export type Executor = Db | Tx;

const globalForDb = globalThis as unknown as { __dmDb?: Db };

/**
 * The process-wide pool for the app, created on first use from DATABASE_URL and cached on
 * globalThis so Next's dev reloads do not open a new pool per edit.
 */
export function getDb(): Db {
  if (!globalForDb.__dmDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the platform with `npm start`, or set it to a PostgreSQL URL.");
    globalForDb.__dmDb = createDb(url);
  }
  return globalForDb.__dmDb;
}
