import type { Logger } from "drizzle-orm/logger";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export interface DbOptions {
  /** Pool size; the app's default suits a 2-core server. */
  max?: number;
  /** Sees every statement Drizzle sends (the benchmarks capture the SQL of a procedure with it). */
  logger?: Logger;
}

/** A Drizzle database over one `postgres` pool. Close it with `db.$client.end()`. */
export function createDb(url: string, options: DbOptions = {}) {
  const client = postgres(url, {
    max: options.max ?? 10,
    // Fail fast when the server is down instead of queueing requests behind a dead socket.
    connect_timeout: 5,
    idle_timeout: 30,
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
