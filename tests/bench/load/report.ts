/**
 * The results of a run as JSON and as Markdown: the machine and date, a summary table ready to
 * paste into the main README, the budget verdicts and every cell. Pure.
 */
import type { BenchScale } from "../data/manifest";
import { READS, WRITES } from "../scenarios";
import { BUDGETS, type Cell, failures, type Verdict } from "./budgets";
import type { Machine } from "./machine";
import { ratio } from "./stats";

export interface RunOptions {
  scales: BenchScale[];
  endpoints: string[];
  connections: number[];
  warmupS: number;
  durationS: number;
  /** Most (member, activity) pairs one write cell may use. */
  writeCap: number;
}

export interface DatasetInfo {
  database: string;
  counts: Record<string, number>;
  generatedInS: number;
}

export interface RunResults {
  /** ISO time the run started. */
  date: string;
  machine: Machine;
  options: RunOptions;
  datasets: Partial<Record<BenchScale, DatasetInfo>>;
  cells: Cell[];
  verdicts: Verdict[];
  ok: boolean;
}

const LABELS = new Map<string, string>([...READS, ...WRITES].map((s) => [s.name, s.label]));
const AT = BUDGETS.connections;

const ms = (n: number | undefined | null) => (n == null || !Number.isFinite(n) ? "–" : n < 10 ? n.toFixed(1) : n.toFixed(0));
const times = (n: number | null) => (n === null ? "–" : `${n.toFixed(2)}×`);
const int = (n: number) => Math.round(n).toLocaleString("en-US");

function cellOf(cells: readonly Cell[], scale: BenchScale, endpoint: string, target: Cell["target"], connections: number = AT) {
  return cells.find((c) => c.scale === scale && c.endpoint === endpoint && c.target === target && c.connections === connections);
}

function endpointsOf(cells: readonly Cell[]): string[] {
  const order = [...READS, ...WRITES].map((s) => s.name as string);
  return [...new Set(cells.map((c) => c.endpoint))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** The table for the main README: per endpoint, its figures at 16 connections. */
export function summaryTable(results: RunResults): string {
  const main: BenchScale = results.options.scales.includes("province") ? "province" : results.options.scales[0]!;
  const hasTenth = results.options.scales.includes("tenth") && main === "province";
  const lines = [
    `| endpoint | 页面 | p95 ms (${main}) | p50 ms | req/s | bare-SQL p95 ms | app ÷ bound |${hasTenth ? " tenth p95 ms | province ÷ tenth |" : ""} errors |`,
    `| --- | --- | ---: | ---: | ---: | ---: | ---: |${hasTenth ? " ---: | ---: |" : ""} ---: |`,
  ];
  for (const endpoint of endpointsOf(results.cells)) {
    const app = cellOf(results.cells, main, endpoint, "app");
    const bound = cellOf(results.cells, main, endpoint, "bound");
    const tenth = cellOf(results.cells, "tenth", endpoint, "app");
    const errors = results.cells.filter((c) => c.endpoint === endpoint).reduce((n, c) => n + c.stats.errors, 0);
    lines.push(
      `| ${endpoint} | ${LABELS.get(endpoint) ?? ""} | ${ms(app?.stats.p95)} | ${ms(app?.stats.p50)} | ${app ? int(app.stats.rps) : "–"} | ${ms(bound?.stats.p95)} | ${times(ratio(app?.stats.p95, bound?.stats.p95))} |` +
        `${hasTenth ? ` ${ms(tenth?.stats.p95)} | ${times(ratio(app?.stats.p95, tenth?.stats.p95))} |` : ""} ${errors} |`,
    );
  }
  return lines.join("\n");
}

function cellTable(cells: readonly Cell[], scale: BenchScale): string {
  const lines = [
    "| endpoint | target | connections | requests | p50 ms | p95 ms | p99 ms | max ms | req/s | errors | app ÷ bound (p95) | CPU ms/request: server · PostgreSQL |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  const scaleCells = cells.filter((c) => c.scale === scale);
  for (const endpoint of endpointsOf(scaleCells)) {
    const connections = [...new Set(scaleCells.filter((c) => c.endpoint === endpoint).map((c) => c.connections))].sort((a, b) => a - b);
    for (const n of connections) {
      for (const target of ["app", "bound"] as const) {
        const c = cellOf(scaleCells, scale, endpoint, target, n);
        if (!c) continue;
        const other = target === "app" ? cellOf(scaleCells, scale, endpoint, "bound", n) : undefined;
        lines.push(
          `| ${endpoint} | ${target} | ${n} | ${int(c.stats.ok + c.stats.errors)} | ${ms(c.stats.p50)} | ${ms(c.stats.p95)} | ${ms(c.stats.p99)} | ${ms(c.stats.max)} | ${int(c.stats.rps)} | ${c.stats.errors} | ${target === "app" ? times(ratio(c.stats.p95, other?.stats.p95)) : ""} | ${c.cpu ? `${c.cpu.server.toFixed(1)} · ${c.cpu.postgres.toFixed(1)}` : "–"} |`,
        );
      }
    }
  }
  return lines.join("\n");
}

export function renderMarkdown(results: RunResults): string {
  const { machine, options } = results;
  const broken = failures(results.verdicts);
  const out: string[] = [
    `# Benchmark results, ${results.date.slice(0, 10)}`,
    "",
    `Run ${results.date} on ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM; Node ${machine.node}; ${machine.postgres}; ${machine.os}. ` +
      `1-minute load average ${machine.loadStart.toFixed(2)} at the start${machine.loadEnd === undefined ? "" : `, ${machine.loadEnd.toFixed(2)} at the end`} (the load generator, the app and PostgreSQL share the machine).`,
    "",
    `Scales ${options.scales.join(", ")}; connections ${options.connections.join(", ")}; each cell ${options.warmupS} s warm-up, then ${options.durationS} s measured (writes: at most ${int(options.writeCap)} rows each). Method: tests/bench/README.md.`,
    "",
    broken.length === 0 ? `**Every budget met** (${results.verdicts.length} verdicts).` : `**${broken.length} of ${results.verdicts.length} budget verdicts broken:**\n\n${broken.map((v) => `- ${v.detail}`).join("\n")}`,
    "",
    `## Summary at ${AT} connections (for the README)`,
    "",
    summaryTable(results),
    "",
  ];
  for (const scale of options.scales) {
    const dataset = results.datasets[scale];
    out.push(`## ${scale}`, "");
    if (dataset) out.push(`Database \`${dataset.database}\`, generated in ${dataset.generatedInS.toFixed(0)} s: ${Object.entries(dataset.counts).map(([t, n]) => `${t} ${int(n)}`).join(", ")}.`, "");
    out.push(cellTable(results.cells, scale), "");
  }
  const samples = results.cells.filter((c) => c.errorSamples.length > 0);
  if (samples.length > 0) {
    out.push("## Errors", "");
    for (const c of samples) out.push(`- ${c.scale} ${c.endpoint} ${c.target}@${c.connections}: ${c.errorSamples.join(" · ")}`);
    out.push("");
  }
  return out.join("\n");
}
