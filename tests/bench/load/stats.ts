/**
 * What one cell of the benchmark (an endpoint, a target, a number of connections) measured.
 * Every latency of a cell is kept, so the percentiles are exact (nearest rank), not estimated
 * from a histogram: a cell lasts seconds, so it holds at most some tens of thousands of samples.
 */

export interface CellStats {
  /** Requests that succeeded (their latencies make the percentiles). */
  ok: number;
  /** Requests that failed, in the warm-up or the measured window: a non-2xx answer, a tRPC error, a broken connection or a wrong answer. */
  errors: number;
  /** Milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** Successful requests per second of the measured window. */
  rps: number;
  /** Length of the measured window, from its opening to the end of its last request, milliseconds. */
  windowMs: number;
}

/**
 * The nearest-rank percentile of ascending `sorted`: the smallest sample such that at least
 * p % of the samples are at or below it. NaN when there are no samples.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100]: ${p}`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * n);
  return sorted[Math.min(n, Math.max(1, rank)) - 1]!;
}

export function summarize(latenciesMs: readonly number[], errors: number, windowMs: number): CellStats {
  const sorted = Float64Array.from(latenciesMs).sort();
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    ok: sorted.length,
    errors,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    rps: windowMs > 0 ? (sorted.length * 1000) / windowMs : 0,
    windowMs,
  };
}

/** a ÷ b, or null when either is missing or b is not a positive number. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return null;
  return a / b;
}
