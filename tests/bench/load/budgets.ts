/**
 * The budgets of tests/bench/README.md as code: the verdicts the benchmark's exit code follows.
 * Pure: takes the measured cells, returns one verdict per budget and subject.
 */
import type { BenchScale } from "../data/manifest";
import type { CpuPerRequest } from "./cpu";
import { type CellStats, ratio } from "./stats";

export type Target = "app" | "bound";
export type EndpointKind = "read" | "write";

/** One cell: an endpoint on one target at one number of connections, on one data set. */
export interface Cell {
  scale: BenchScale;
  endpoint: string;
  kind: EndpointKind;
  target: Target;
  connections: number;
  stats: CellStats;
  /** A few of the failures, for the report. */
  errorSamples: string[];
  /** CPU per successful request in the measured window (Linux only). */
  cpu?: CpuPerRequest | null;
}

export const BUDGETS = {
  /** The connections at which every budget is judged. */
  connections: 16,
  /** Every read's p95 on the province set, milliseconds. */
  readP95Ms: 100,
  /** App p95 ÷ bare-SQL bound p95, each endpoint, each data set. */
  appOverBound: 2,
  /** Province p95 ÷ tenth p95 of the app, each endpoint. */
  provinceOverTenth: 1.5,
} as const;

export type BudgetName = "read-p95" | "app-over-bound" | "province-over-tenth" | "errors";

export interface Verdict {
  budget: BudgetName;
  /** What was judged, e.g. "province dashboard" or "tenth sign-up app@64". */
  subject: string;
  /** The measured figure (ms or a ratio); null when it could not be computed. */
  figure: number | null;
  limit: number;
  ok: boolean;
  /** One line for the report when the verdict is a failure. */
  detail: string;
}

const find = (cells: readonly Cell[], q: Pick<Cell, "scale" | "endpoint" | "target" | "connections">) =>
  cells.find((c) => c.scale === q.scale && c.endpoint === q.endpoint && c.target === q.target && c.connections === q.connections);

const fmt = (n: number | null, unit = "") => (n === null || !Number.isFinite(n) ? "n/a" : `${n.toFixed(n < 10 ? 2 : 1)}${unit}`);

/**
 * Judges what was measured; a budget whose cells were not measured (a partial run) has no
 * verdict. A figure that cannot be computed (no successful request) fails its budget.
 */
export function judge(cells: readonly Cell[]): Verdict[] {
  const verdicts: Verdict[] = [];
  const at = BUDGETS.connections;
  const endpoints = [...new Map(cells.map((c) => [c.endpoint, c.kind])).entries()];
  const scales = [...new Set(cells.map((c) => c.scale))];

  for (const [endpoint, kind] of endpoints) {
    const province = find(cells, { scale: "province", endpoint, target: "app", connections: at });
    if (kind === "read" && province) {
      const figure = Number.isFinite(province.stats.p95) ? province.stats.p95 : null;
      const ok = figure !== null && figure <= BUDGETS.readP95Ms;
      verdicts.push({
        budget: "read-p95",
        subject: `province ${endpoint}`,
        figure,
        limit: BUDGETS.readP95Ms,
        ok,
        detail: `province ${endpoint}: p95 ${fmt(figure, " ms")} at ${at} connections > ${BUDGETS.readP95Ms} ms`,
      });
    }

    for (const scale of scales) {
      const app = find(cells, { scale, endpoint, target: "app", connections: at });
      const bound = find(cells, { scale, endpoint, target: "bound", connections: at });
      if (!app || !bound) continue;
      const figure = ratio(app.stats.p95, bound.stats.p95);
      verdicts.push({
        budget: "app-over-bound",
        subject: `${scale} ${endpoint}`,
        figure,
        limit: BUDGETS.appOverBound,
        ok: figure !== null && figure <= BUDGETS.appOverBound,
        detail: `${scale} ${endpoint}: app p95 ${fmt(app.stats.p95, " ms")} ÷ bound p95 ${fmt(bound.stats.p95, " ms")} = ${fmt(figure, "×")} at ${at} connections > ${BUDGETS.appOverBound}×`,
      });
    }

    const tenth = find(cells, { scale: "tenth", endpoint, target: "app", connections: at });
    if (province && tenth) {
      const figure = ratio(province.stats.p95, tenth.stats.p95);
      verdicts.push({
        budget: "province-over-tenth",
        subject: endpoint,
        figure,
        limit: BUDGETS.provinceOverTenth,
        ok: figure !== null && figure <= BUDGETS.provinceOverTenth,
        detail: `${endpoint}: province p95 ${fmt(province.stats.p95, " ms")} ÷ tenth p95 ${fmt(tenth.stats.p95, " ms")} = ${fmt(figure, "×")} at ${at} connections > ${BUDGETS.provinceOverTenth}×`,
      });
    }
  }

  for (const cell of cells) {
    const ok = cell.stats.errors === 0 && cell.stats.ok > 0;
    verdicts.push({
      budget: "errors",
      subject: `${cell.scale} ${cell.endpoint} ${cell.target}@${cell.connections}`,
      figure: cell.stats.errors,
      limit: 0,
      ok,
      detail:
        cell.stats.ok === 0 && cell.stats.errors === 0
          ? `${cell.scale} ${cell.endpoint} ${cell.target}@${cell.connections}: no request completed`
          : `${cell.scale} ${cell.endpoint} ${cell.target}@${cell.connections}: ${cell.stats.errors} errors of ${cell.stats.ok + cell.stats.errors} requests${cell.errorSamples[0] ? ` (e.g. ${cell.errorSamples[0]})` : ""}`,
    });
  }
  return verdicts;
}

export const failures = (verdicts: readonly Verdict[]) => verdicts.filter((v) => !v.ok);
