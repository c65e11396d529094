/**
 * The bare-SQL bound: a plain Node HTTP server (no framework, no sessions, no validation, no
 * serializer but JSON.stringify) that answers the benchmark's endpoints with the same SQL as the
 * app, through the same driver (`postgres`) with a pool of the same size, as prepared
 * statements. What the app takes beyond this is what its layers cost.
 *
 * Reads replay the statements captured from the procedure for its actor, one after another in
 * the captured order; writes run ./programs.ts. Answers have tRPC's shape, so the load
 * generator judges both targets alike.
 *
 * Usage: tsx server.ts <plan.json> <port>. Listens on 127.0.0.1 only; SIGINT/SIGTERM stop it.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import postgres from "postgres";
import { BENCH_USER_HEADER } from "../workloads";
import type { BoundPlan } from "./plan";
import { PROGRAMS, Refusal } from "./programs";

const [planFile, portArg] = process.argv.slice(2);
if (!planFile || !portArg) throw new Error("usage: server.ts <plan.json> <port>");
const plan = JSON.parse(readFileSync(planFile, "utf8")) as BoundPlan;
const sql = postgres(plan.databaseUrl, { max: plan.poolSize, connect_timeout: 5, idle_timeout: 30, onnotice: () => {} });
// The bound has no sessions; the session id the caller check looks up is one per process.
const sessionId = randomUUID();

const STATUS = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, BAD_REQUEST: 400, INTERNAL_SERVER_ERROR: 500 } as const;

function answer(res: ServerResponse, data: unknown) {
  const body = JSON.stringify([{ result: { data: { json: data } } }]);
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function refuse(res: ServerResponse, code: keyof typeof STATUS, message: string) {
  const body = JSON.stringify([{ error: { json: { message, code: -1, data: { code, httpStatus: STATUS[code] } } } }]);
  res.writeHead(STATUS[code], { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://bound");
  if (url.pathname === "/health") return answer(res, "ok");
  const procedure = url.pathname.startsWith("/api/trpc/") ? url.pathname.slice("/api/trpc/".length) : "";
  const userId = Number(req.headers[BENCH_USER_HEADER]);
  if (!Number.isInteger(userId) || userId <= 0) return refuse(res, "UNAUTHORIZED", `no ${BENCH_USER_HEADER}`);

  if (req.method === "GET") {
    const read = plan.reads[procedure];
    if (!read) return refuse(res, "NOT_FOUND", `no read ${procedure}`);
    if (read.userId !== userId) return refuse(res, "FORBIDDEN", `${procedure} was captured for user ${read.userId}`);
    const results: unknown[] = [];
    for (const q of read.queries) results.push(await sql.unsafe(q.sql, q.params as postgres.ParameterOrJSON<never>[], { prepare: true }).values());
    return answer(res, results);
  }

  const program = PROGRAMS[procedure];
  const statements = plan.writes[procedure];
  if (req.method !== "POST" || !program || !statements) return refuse(res, "NOT_FOUND", `no write ${procedure}`);
  const batch = JSON.parse(await readBody(req)) as { 0?: { json?: Record<string, unknown> } };
  const input = batch[0]?.json;
  if (!input) return refuse(res, "BAD_REQUEST", "no input");
  return answer(res, await program(sql, statements, { userId, sessionId, input }));
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    if (error instanceof Refusal) refuse(res, error.code, error.message);
    else {
      console.error("[bound]", error);
      refuse(res, "INTERNAL_SERVER_ERROR", error instanceof Error ? error.message : String(error));
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(portArg), "127.0.0.1", () => console.info(`[bound] ready on http://127.0.0.1:${portArg}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    void sql.end({ timeout: 2 }).finally(() => process.exit(0));
  });
}
