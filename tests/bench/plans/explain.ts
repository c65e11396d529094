/**
 * The SQL each benchmark scenario sends, captured from the real procedure, and its plans:
 * shared by the query-plan test and the timing report.
 */
import { checkInToken } from "@dm/api/domain/activity-token";
import type { Sql } from "postgres";
import { type CapturedQuery, captureProcedure } from "../capture";
import type { BenchManifest } from "../data/manifest";
import { READS, WRITES } from "../scenarios";

export interface ScenarioCall {
  name: string;
  kind: "read" | "write";
  username: string;
  path: string;
  input: unknown;
}

/**
 * Every read and write of scenarios.ts as a call: the reads with their manifest input, the
 * writes on the `offset`-th row of their pool (read from the database, as the load runner does).
 */
export async function scenarioCalls(sql: Sql, m: BenchManifest, offset = 0): Promise<ScenarioCall[]> {
  const reads = READS.map((r): ScenarioCall => ({ name: r.name, kind: "read", username: m.actors[r.actor], path: r.path, input: r.input(m) }));
  const assignmentId = m.progress.assignmentIds[offset]!;
  const [assignment] = await sql<{ version: number; percent: number }[]>`select version, percent from assignments where id = ${assignmentId}`;
  const checkInId = m.checkIn.activityIds[offset]!;
  const [activity] = await sql<{ secret: string }[]>`select check_in_secret as secret from activities where id = ${checkInId}`;
  const inputs: Record<(typeof WRITES)[number]["name"], { username: string; input: unknown }> = {
    progress: { username: m.progress.countyStaff, input: { id: assignmentId, version: assignment!.version, text: "已完成第一阶段巡河，正在整理问题清单。", percent: Math.min(99, assignment!.percent + 5), complete: false } },
    "sign-up": { username: m.signUp.members[offset % m.signUp.members.length]!, input: { id: m.signUp.activityIds[offset]! } },
    "check-in": { username: m.checkIn.members[offset % m.checkIn.members.length]!, input: { activityId: checkInId, token: checkInToken(activity!.secret, checkInId, new Date()).token } },
  };
  const writes = WRITES.map((w): ScenarioCall => ({ name: w.name, kind: "write", path: w.path, ...inputs[w.name] }));
  return [...reads, ...writes];
}

/** Runs the call as its account and answers the statements it sent; fails if the procedure failed. */
export async function captureCall(databaseUrl: string, call: ScenarioCall): Promise<CapturedQuery[]> {
  const { queries } = await captureProcedure(databaseUrl, call.username, call.path, call.input);
  return queries;
}

export interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Actual Total Time"?: number;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

export interface Explained {
  plan: PlanNode;
  /** With `analyze`: the server's execution and planning time. */
  executionMs?: number;
  planningMs?: number;
}

/**
 * EXPLAIN of one captured statement. `custom`: planned with its parameter values, as the first
 * executions of a prepared statement are; `generic`: with the parameters unknown, the plan a
 * prepared statement may switch to after five runs. `analyze` runs it (inside a transaction that
 * is rolled back, so a write changes nothing) and counts the rows each node returned.
 */
export async function explain(sql: Sql, q: CapturedQuery, mode: "custom" | "generic" | "analyze"): Promise<Explained> {
  if (mode === "generic") {
    const [row] = await sql.unsafe<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(`explain (format json, generic_plan) ${q.sql}`);
    return { plan: row!["QUERY PLAN"][0].Plan };
  }
  if (mode === "custom") {
    const [row] = await sql.unsafe<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(`explain (format json) ${q.sql}`, q.params as never[]);
    return { plan: row!["QUERY PLAN"][0].Plan };
  }
  let result: Explained | undefined;
  await sql
    .begin(async (tx) => {
      // Without per-node timing: the clock calls of EXPLAIN ANALYZE would swamp row-heavy plans.
      const [row] = await tx.unsafe<{ "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number; "Planning Time": number }] }[]>(`explain (analyze, timing off, format json) ${q.sql}`, q.params as never[]);
      const out = row!["QUERY PLAN"][0];
      result = { plan: out.Plan, executionMs: out["Execution Time"], planningMs: out["Planning Time"] };
      throw new RolledBack();
    })
    .catch((error) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return result!;
}

class RolledBack extends Error {}

/** The sequential scans in a plan, with the table each reads. */
export function seqScans(plan: PlanNode): { relation: string; node: PlanNode }[] {
  const found: { relation: string; node: PlanNode }[] = [];
  const walk = (node: PlanNode) => {
    if (node["Node Type"] === "Seq Scan" && node["Relation Name"]) found.push({ relation: node["Relation Name"], node });
    node.Plans?.forEach(walk);
  };
  walk(plan);
  return found;
}

/** Rows per table as the planner knows them (pg_class.reltuples, set by ANALYZE). */
export async function tableRows(sql: Sql): Promise<Map<string, number>> {
  const rows = await sql<{ name: string; n: number }[]>`select relname as name, reltuples::float8 as n from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace`;
  return new Map(rows.map((r) => [r.name, r.n]));
}

/** A plan as indented text: one line per node, for failure messages and reports. */
export function planText(plan: PlanNode, depth = 0): string {
  const detail = ["Relation Name", "Alias", "Index Name", "Filter", "Index Cond", "Hash Cond", "Join Filter"]
    .filter((k) => plan[k] !== undefined)
    .map((k) => `${k}: ${String(plan[k])}`)
    .join("; ");
  const rows = plan["Plan Rows"] !== undefined ? ` estimated=${String(plan["Plan Rows"])}` : "";
  const actual = plan["Actual Rows"] !== undefined ? ` actual=${Number(plan["Actual Rows"]) * Number(plan["Actual Loops"] ?? 1)}` : "";
  const fetches = plan["Heap Fetches"] ? ` heap-fetches=${String(plan["Heap Fetches"])}` : "";
  const line = `${"  ".repeat(depth)}-> ${plan["Node Type"]}${rows}${actual}${fetches}${detail ? ` (${detail})` : ""}`;
  return [line, ...(plan.Plans ?? []).map((p) => planText(p, depth + 1))].join("\n");
}
