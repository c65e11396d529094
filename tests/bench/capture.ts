/**
 * Runs a tRPC procedure in-process as a given account and records every SQL statement it sent,
 * with its parameters: what the bare-SQL bound replays and the query-plan test EXPLAINs.
 */
import { randomUUID } from "node:crypto";
import { createCaller, createContext } from "@dm/api";
import { createDb, sql } from "@dm/db";

export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

export async function captureProcedure(databaseUrl: string, username: string, path: string, input: unknown): Promise<{ queries: CapturedQuery[]; result: unknown }> {
  const queries: CapturedQuery[] = [];
  const db = createDb(databaseUrl, { max: 1, logger: { logQuery: (query, params) => queries.push({ sql: query, params }) } });
  try {
    const [user] = await db.execute<{ id: number; session_version: number }>(sql`select id, session_version from users where username = ${username}`);
    if (!user) throw new Error(`no account ${username} in ${databaseUrl}`);
    queries.length = 0;
    const session = { userId: user.id, sessionId: randomUUID(), sessionVersion: user.session_version };
    const caller = createCaller(createContext({ db, session, headers: new Headers({ "x-locale": "zh-CN" }) }));
    const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
    const result = await procedure(input);
    return { queries, result };
  } finally {
    await db.$client.end();
  }
}
