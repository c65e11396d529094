/**
 * What the bare-SQL bound serves, captured from the real procedures before it starts: for each
 * read, the statements the procedure sent for its actor (text and parameters); for each write,
 * the statements of one real call on a sample row (their text; the parameters are built per
 * request by ./programs.ts, which must send exactly these statements in this order).
 */
import { captureProcedure, type CapturedQuery } from "../../capture";

/** The app's pool: createDb's default size (packages/db/src/client.ts). */
export const APP_POOL_SIZE = 10;

export interface ReadPlan {
  /** The account the statements were captured for; the bound refuses any other. */
  userId: number;
  queries: CapturedQuery[];
}

export interface WritePlan {
  sql: string[];
  paramCounts: number[];
}

export interface BoundPlan {
  databaseUrl: string;
  poolSize: number;
  /** By procedure path. */
  reads: Record<string, ReadPlan>;
  writes: Record<string, WritePlan>;
}

/** Parameters as the driver would send them, made JSON-safe for the plan file (a Date becomes its ISO text, as drizzle sends timestamps). */
export function jsonSafe(params: readonly unknown[]): unknown[] {
  return params.map((p) => {
    if (p === null || typeof p === "string" || typeof p === "number" || typeof p === "boolean") return p;
    if (p instanceof Date) return p.toISOString();
    throw new Error(`a captured parameter the plan cannot carry: ${Object.prototype.toString.call(p)}`);
  });
}

export async function captureRead(databaseUrl: string, username: string, userId: number, path: string, input: unknown): Promise<ReadPlan> {
  const { queries } = await captureProcedure(databaseUrl, username, path, input);
  if (queries.length === 0) throw new Error(`${path} as ${username} sent no SQL`);
  return { userId, queries: queries.map((q) => ({ sql: q.sql, params: jsonSafe(q.params) })) };
}

/**
 * Runs the write once for real on a sample row and keeps its statements. `changed` judges the
 * result, so a sample that did not write (wrong sample, changed procedure) stops the run.
 */
export async function captureWrite(databaseUrl: string, username: string, path: string, input: unknown, changed: (result: unknown) => boolean): Promise<WritePlan> {
  const { queries, result } = await captureProcedure(databaseUrl, username, path, input);
  if (!changed(result)) throw new Error(`the sample ${path} as ${username} changed nothing: ${JSON.stringify(result)}`);
  return { sql: queries.map((q) => q.sql), paramCounts: queries.map((q) => q.params.length) };
}
