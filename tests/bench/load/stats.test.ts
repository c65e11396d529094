import { describe, expect, it } from "vitest";
import { percentile, ratio, summarize } from "./stats";

describe("percentile (nearest rank)", () => {
  const hundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);

  it("is the smallest sample with at least p % of the samples at or below it", () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0.5)).toBe(1);
  });

  it("rounds the rank up, so a few samples give a pessimistic tail, never an interpolated one", () => {
    expect(percentile([10, 20, 30], 50)).toBe(20);
    expect(percentile([10, 20, 30], 95)).toBe(30);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200], 95)).toBe(190);
    expect(percentile([7], 99)).toBe(7);
  });

  it("has no value without samples, and refuses a percentile outside (0, 100]", () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe("summarize", () => {
  it("sorts the latencies itself and counts requests per second over the window", () => {
    const latencies = [5, 1, 4, 2, 3, 100, 6, 7, 8, 9];
    const s = summarize(latencies, 2, 2_000);
    expect(s).toMatchObject({ ok: 10, errors: 2, p50: 5, p95: 100, p99: 100, max: 100, rps: 5, windowMs: 2_000 });
    expect(s.mean).toBeCloseTo(14.5);
    // The caller's array is left as it was.
    expect(latencies[0]).toBe(5);
  });

  it("of a cell where nothing succeeded has no percentiles and no throughput", () => {
    const s = summarize([], 7, 1_000);
    expect(s.ok).toBe(0);
    expect(s.errors).toBe(7);
    expect(s.p95).toBeNaN();
    expect(s.rps).toBe(0);
  });
});

describe("ratio", () => {
  it("divides, and has no value when a side is missing or the divisor is not positive", () => {
    expect(ratio(30, 10)).toBe(3);
    expect(ratio(5, 10)).toBe(0.5);
    expect(ratio(undefined, 10)).toBeNull();
    expect(ratio(10, null)).toBeNull();
    expect(ratio(10, 0)).toBeNull();
    expect(ratio(Number.NaN, 10)).toBeNull();
    expect(ratio(10, Number.NaN)).toBeNull();
  });
});
