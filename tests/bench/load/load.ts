/**
 * The load loop: N connections, each one keep-alive socket (an undici Client) sending its next
 * request as soon as the previous answer has been read: a closed loop with N requests in
 * flight, as N busy users would make. Bounded twice: by a duration and by what each connection
 * has left to send (the write pools). Loopback only: the runner passes 127.0.0.1 origins.
 */
import { performance } from "node:perf_hooks";
import { Client } from "undici";
import type { HttpCall } from "./trpc-http";

export interface Connection {
  /** The next request, or null when this connection has nothing left to send. */
  next(): HttpCall | null;
  /** Judges an answer: an error line, or null when it is right. May advance the connection's state. */
  check(status: number, body: string): string | null;
}

export interface PhaseResult {
  latenciesMs: number[];
  errors: number;
  errorSamples: string[];
  elapsedMs: number;
}

const TIMEOUT_MS = 30_000;
const ERROR_SAMPLES = 5;

/**
 * Opens one socket per connection, runs the warm-up and then the measured phase on the same
 * sockets. The warm-up's latencies are discarded, its errors are not: a failed write is never
 * silent. A write gives each phase its own rows to change.
 */
export async function measure(
  origin: string,
  connections: { warmup: readonly Connection[]; measured: readonly Connection[] },
  phases: { warmupMs: number; durationMs: number },
  /** Told when the measured window starts and ends (the CPU sampler). */
  window?: { begin(): void; end(result: PhaseResult): void },
): Promise<PhaseResult> {
  if (connections.warmup.length !== connections.measured.length) throw new Error("the warm-up and the measured phase must use the same connections");
  const clients = connections.measured.map(() => new Client(origin, { pipelining: 1, headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS, keepAliveTimeout: 60_000 }));
  try {
    const warmup = phases.warmupMs > 0 ? await phase(clients, connections.warmup, phases.warmupMs) : undefined;
    window?.begin();
    const measured = await phase(clients, connections.measured, phases.durationMs);
    window?.end(measured);
    if (!warmup?.errors) return measured;
    return {
      ...measured,
      errors: measured.errors + warmup.errors,
      errorSamples: [...warmup.errorSamples.map((line) => `warm-up: ${line}`), ...measured.errorSamples].slice(0, ERROR_SAMPLES),
    };
  } finally {
    await Promise.all(clients.map((c) => c.close().catch(() => c.destroy())));
  }
}

async function phase(clients: readonly Client[], connections: readonly Connection[], durationMs: number): Promise<PhaseResult> {
  const latenciesMs: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const fail = (line: string) => {
    errors++;
    if (errorSamples.length < ERROR_SAMPLES && !errorSamples.includes(line)) errorSamples.push(line);
  };
  const start = performance.now();
  const deadline = start + durationMs;

  await Promise.all(
    connections.map(async (connection, i) => {
      const client = clients[i]!;
      while (performance.now() < deadline) {
        const call = connection.next();
        if (!call) break;
        const t0 = performance.now();
        try {
          const response = await client.request({ method: call.method, path: call.path, headers: call.headers, body: call.body });
          const body = await response.body.text();
          const elapsed = performance.now() - t0;
          const problem = connection.check(response.statusCode, body);
          if (problem) fail(problem);
          else latenciesMs.push(elapsed);
        } catch (error) {
          fail(`${call.method} ${call.path.slice(0, 60)}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }),
  );
  return { latenciesMs, errors, errorSamples, elapsedMs: performance.now() - start };
}
