/**
 * Query plans and server-side timings of every benchmark scenario on generated data sets:
 * `npx tsx tests/bench/plans/report.ts --url <admin url> [--scale tenth --scale province] [--only <scenario>] [--offset n] [--plans]`.
 * Reads the manifests from tests/bench/.work. Each statement is run under EXPLAIN ANALYZE
 * (writes inside a rolled-back transaction) after one warm-up; the median of `--runs` runs (5)
 * of its planning and execution time is kept, and a scenario's time is the sum over its statements.
 * `--offset` picks another row of each write pool (each call of a write uses one up).
 */
import { parseArgs } from "node:util";
import postgres from "postgres";
import { databaseUrl } from "../data/generate";
import type { BenchScale } from "../data/manifest";
import { readManifest } from "../data/server";
import { captureCall, explain, planText, scenarioCalls, seqScans, tableRows } from "./explain";

const { values } = parseArgs({ options: { url: { type: "string" }, scale: { type: "string", multiple: true }, offset: { type: "string" }, plans: { type: "boolean" }, runs: { type: "string" }, only: { type: "string", multiple: true } } });
if (!values.url) throw new Error("--url <admin postgres url> is required");
const scales = values.scale ?? ["tenth", "province"];
const offset = Number(values.offset ?? 0);
const runCount = Number(values.runs ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const totals = new Map<string, Record<string, number>>();
for (const scale of scales) {
  const manifest = await readManifest(scale as BenchScale);
  const url = databaseUrl(values.url, manifest.database);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await tableRows(sql);
    for (const call of await scenarioCalls(sql, manifest, offset)) {
      if (values.only && !values.only.includes(call.name)) continue;
      const queries = await captureCall(url, call);
      let total = 0;
      const lines: string[] = [];
      for (const [i, q] of queries.entries()) {
        await explain(sql, q, "analyze");
        const runs = [];
        for (let r = 0; r < runCount; r++) runs.push(await explain(sql, q, "analyze"));
        const ms = median(runs.map((x) => x.executionMs! + x.planningMs!));
        total += ms;
        const custom = seqScans(runs[0]!.plan).filter((s) => (rows.get(s.relation) ?? 0) > 10_000);
        const generic = seqScans((await explain(sql, q, "generic")).plan).filter((s) => (rows.get(s.relation) ?? 0) > 10_000);
        const flags = [...custom.map((s) => `SEQ ${s.relation}`), ...generic.map((s) => `generic SEQ ${s.relation}`)];
        lines.push(`    #${i + 1} ${ms.toFixed(2).padStart(8)} ms ${flags.join(", ")}  ${q.sql.replace(/\s+/g, " ").slice(0, 140)}`);
        if (values.plans) lines.push(planText(runs[0]!.plan, 3));
      }
      console.info(`${scale.padEnd(8)} ${call.name.padEnd(18)} ${total.toFixed(2).padStart(9)} ms  (${queries.length} statements)`);
      for (const line of lines) console.info(line);
      totals.set(call.name, { ...(totals.get(call.name) ?? {}), [scale]: total });
    }
  } finally {
    await sql.end();
  }
}
console.info(`\nscenario            ${scales.map((s) => s.padStart(10)).join(" ")}${scales.length === 2 ? "   ratio" : ""}`);
for (const [name, byScale] of totals) {
  const cells = scales.map((s) => `${(byScale[s] ?? NaN).toFixed(2).padStart(10)}`);
  const ratio = scales.length === 2 ? `  ${(byScale[scales[1]!]! / byScale[scales[0]!]!).toFixed(2).padStart(6)}` : "";
  console.info(`${name.padEnd(18)}  ${cells.join(" ")}${ratio}`);
}
