import { describe, expect, it } from "vitest";
import { type Cell, judge } from "./budgets";
import { renderMarkdown, type RunResults, summaryTable } from "./report";
import { summarize } from "./stats";

function cell(scale: Cell["scale"], endpoint: string, target: Cell["target"], connections: number, latencies: number[], errors = 0): Cell {
  return { scale, endpoint, kind: endpoint === "sign-up" ? "write" : "read", target, connections, stats: summarize(latencies, errors, 1_000), errorSamples: errors ? ["HTTP 500"] : [] };
}

function results(cells: Cell[]): RunResults {
  const verdicts = judge(cells);
  return {
    date: "2026-11-22T12:00:00.000Z",
    machine: { cpu: "AMD EPYC", cores: 2, ramGiB: 23, node: "v20.20.2", postgres: "PostgreSQL 17.6", os: "Linux 6.1", loadStart: 1.5, loadEnd: 2.25 },
    options: { scales: ["tenth", "province"], endpoints: ["dashboard", "sign-up"], connections: [1, 16], warmupS: 2, durationS: 5, writeCap: 1000 },
    datasets: { province: { database: "bench_province", counts: { members: 60_000 }, generatedInS: 240 } },
    cells,
    verdicts,
    ok: verdicts.every((v) => v.ok),
  };
}

const cells = [
  { ...cell("province", "dashboard", "app", 16, [40, 50, 60]), cpu: { server: 12.5, postgres: 3, generator: 0.4 } },
  cell("province", "dashboard", "bound", 16, [20, 25, 30]),
  cell("tenth", "dashboard", "app", 16, [30, 35, 40]),
  cell("province", "dashboard", "app", 1, [10]),
  cell("province", "sign-up", "app", 16, [12, 13], 1),
  cell("province", "sign-up", "bound", 16, [4, 6]),
];

describe("the results in Markdown", () => {
  it("has a summary row per endpoint at 16 connections on the province set, with both ratios", () => {
    const table = summaryTable(results(cells)).split("\n");
    expect(table[0]).toContain("p95 ms (province)");
    expect(table[0]).toContain("province ÷ tenth");
    expect(table).toHaveLength(4);
    // p95 60 ms, p50 50 ms, 3 req/s, bound 30 ms → 2.00×, tenth 40 ms → 1.50×, no errors.
    expect(table[2]).toBe("| dashboard | 市领导数据看板 | 60 | 50 | 3 | 30 | 2.00× | 40 | 1.50× | 0 |");
    expect(table[3]).toMatch(/^\| sign-up \| 委员报名 \| 13 \| .* \| 6\.0 \| 2\.17× \| – \| – \| 1 \|$/);
  });

  it("names the machine and date, lists every broken budget, every cell and the errors", () => {
    const md = renderMarkdown(results(cells));
    expect(md).toContain("# Benchmark results, 2026-11-22");
    expect(md).toContain("AMD EPYC, 2 cores, 23 GiB RAM; Node v20.20.2; PostgreSQL 17.6");
    expect(md).toMatch(/\*\*2 of \d+ budget verdicts broken:\*\*/);
    expect(md).toContain("- province sign-up app@16: 1 errors of 3 requests (e.g. HTTP 500)");
    expect(md).toContain("- province sign-up: app p95 13.0 ms ÷ bound p95 6.00 ms = 2.17× at 16 connections > 2×");
    expect(md).toContain("| dashboard | app | 1 | 1 | 10 | 10 | 10 | 10 | 1 | 0 | – | – |");
    expect(md).toContain("| dashboard | app | 16 | 3 | 50 | 60 | 60 | 60 | 3 | 0 | 2.00× | 12.5 · 3.0 |");
    expect(md).toContain("Database `bench_province`, generated in 240 s: members 60,000.");
  });

  it("says so when every budget is met", () => {
    expect(renderMarkdown(results(cells.slice(0, 3)))).toContain("**Every budget met**");
  });
});
