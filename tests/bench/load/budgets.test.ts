import { describe, expect, it } from "vitest";
import { BUDGETS, type Cell, failures, judge } from "./budgets";
import { summarize } from "./stats";

/** A cell whose p95 is `p95` (every sample the same), with `errors` failures. */
function cell(scale: Cell["scale"], endpoint: string, target: Cell["target"], p95: number, options: { connections?: number; errors?: number; kind?: Cell["kind"]; ok?: number } = {}): Cell {
  const latencies = Array.from({ length: options.ok ?? 20 }, () => p95);
  return {
    scale,
    endpoint,
    kind: options.kind ?? "read",
    target,
    connections: options.connections ?? BUDGETS.connections,
    stats: summarize(latencies, options.errors ?? 0, 1_000),
    errorSamples: options.errors ? ["HTTP 500: INTERNAL_SERVER_ERROR"] : [],
  };
}

const verdict = (cells: Cell[], budget: string, subject: string) => judge(cells).find((v) => v.budget === budget && v.subject === subject);

describe("the read budget: p95 ≤ 100 ms at 16 connections on the province set", () => {
  it("holds at exactly 100 ms and breaks above it", () => {
    expect(verdict([cell("province", "dashboard", "app", 100)], "read-p95", "province dashboard")).toMatchObject({ ok: true, figure: 100 });
    const broken = verdict([cell("province", "dashboard", "app", 100.5)], "read-p95", "province dashboard");
    expect(broken).toMatchObject({ ok: false, figure: 100.5, limit: 100 });
    expect(broken!.detail).toContain("province dashboard");
  });

  it("is judged at 16 connections only, and not for writes or the tenth set", () => {
    const cells = [cell("province", "dashboard", "app", 500, { connections: 64 }), cell("province", "sign-up", "app", 500, { kind: "write" }), cell("tenth", "coverage", "app", 500)];
    expect(judge(cells).filter((v) => v.budget === "read-p95")).toEqual([]);
  });

  it("fails when no request succeeded (no figure to judge)", () => {
    expect(verdict([cell("province", "coverage", "app", 1, { ok: 0, errors: 3 })], "read-p95", "province coverage")).toMatchObject({ ok: false, figure: null });
  });
});

describe("the bound budget: app p95 ≤ 2 × bare-SQL p95 at 16 connections, on each scale", () => {
  it("compares the app with the bound of the same endpoint and scale", () => {
    const cells = [cell("tenth", "inbox", "app", 20), cell("tenth", "inbox", "bound", 10), cell("province", "inbox", "app", 31), cell("province", "inbox", "bound", 15)];
    expect(verdict(cells, "app-over-bound", "tenth inbox")).toMatchObject({ ok: true, figure: 2 });
    const broken = verdict(cells, "app-over-bound", "province inbox");
    expect(broken).toMatchObject({ ok: false, limit: 2 });
    expect(broken!.figure).toBeCloseTo(31 / 15);
  });

  it("applies to writes too, and is not judged without both sides", () => {
    expect(verdict([cell("tenth", "check-in", "app", 30, { kind: "write" }), cell("tenth", "check-in", "bound", 10, { kind: "write" })], "app-over-bound", "tenth check-in")).toMatchObject({ ok: false, figure: 3 });
    expect(judge([cell("tenth", "check-in", "app", 30, { kind: "write" })]).filter((v) => v.budget === "app-over-bound")).toEqual([]);
  });
});

describe("the scale budget: province p95 ≤ 1.5 × tenth p95 of the app at 16 connections", () => {
  it("holds at 1.5 and breaks above", () => {
    expect(verdict([cell("province", "problems", "app", 15), cell("tenth", "problems", "app", 10)], "province-over-tenth", "problems")).toMatchObject({ ok: true, figure: 1.5 });
    expect(verdict([cell("province", "problems", "app", 16), cell("tenth", "problems", "app", 10)], "province-over-tenth", "problems")).toMatchObject({ ok: false, figure: 1.6 });
  });

  it("compares the app's figures, not the bound's", () => {
    const cells = [cell("province", "tasks", "app", 10), cell("tenth", "tasks", "app", 10), cell("province", "tasks", "bound", 90), cell("tenth", "tasks", "bound", 10)];
    expect(judge(cells).filter((v) => v.budget === "province-over-tenth")).toEqual([expect.objectContaining({ subject: "tasks", ok: true, figure: 1 })]);
  });
});

describe("the error budget: zero", () => {
  it("breaks on any error in any cell, app or bound, at any number of connections", () => {
    const cells = [cell("tenth", "dashboard", "app", 5, { connections: 1 }), cell("tenth", "dashboard", "bound", 5, { connections: 64, errors: 1 })];
    const broken = failures(judge(cells));
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatchObject({ budget: "errors", subject: "tenth dashboard bound@64", figure: 1 });
    expect(broken[0]!.detail).toContain("1 errors of 21 requests");
  });

  it("breaks on a cell where no request completed", () => {
    const broken = failures(judge([cell("tenth", "sign-up", "app", 5, { ok: 0, kind: "write" })]));
    expect(broken.map((v) => v.detail)).toEqual(["tenth sign-up app@16: no request completed"]);
  });
});

it("a run within every budget has no failures", () => {
  const cells = [
    cell("province", "dashboard", "app", 40),
    cell("province", "dashboard", "bound", 25),
    cell("tenth", "dashboard", "app", 35),
    cell("tenth", "dashboard", "bound", 20),
  ];
  const verdicts = judge(cells);
  expect(failures(verdicts)).toEqual([]);
  expect(verdicts.map((v) => v.budget).sort()).toEqual(["app-over-bound", "app-over-bound", "errors", "errors", "errors", "errors", "province-over-tenth", "read-p95"]);
});
