/**
 * The load loop: N connections, each one keep-alive socket (an undici Client) sending its next
 * request as soon as the previous answer has been read: a closed loop with N requests in
 * flight, as N busy users would make. Bounded twice: by time and by what each connection has
 * left to send (the write pools). Loopback only: the runner passes 127.0.0.1 origins.
 *
 * One cell is one continuous run: a warm-up, then the measured window, with no pause between
 * them (the warm-up's requests still in flight overlap the window's start, as load does).
 * - latencies: of the successful requests sent inside the window, each awaited to its end;
 *   every connection sends at least one, so a cell whose requests outlast the window (a
 *   saturated server) still has figures;
 * - throughput: those requests ÷ the time from the window's opening to the last one's end;
 * - errors: every failed request, warm-up included (a failed write is never silent).
 * A write connection stops early when it has run out of rows.
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

export interface CellRun {
  latenciesMs: number[];
  errors: number;
  errorSamples: string[];
  /** From the window's opening to the end of its last request. */
  windowMs: number;
}

const TIMEOUT_MS = 30_000;
const ERROR_SAMPLES = 5;

/**
 * Runs one cell. `connections.warmup[i]` and `connections.measured[i]` share socket i (a write
 * gives each phase its own rows; a read passes the same objects). `window` is told when the
 * measured window opens and when its last request has ended, with how many succeeded (the CPU sampler).
 */
export async function measure(
  origin: string,
  connections: { warmup: readonly Connection[]; measured: readonly Connection[] },
  phases: { warmupMs: number; durationMs: number },
  window?: { begin(): void; end(completed: number): void },
): Promise<CellRun> {
  const n = connections.measured.length;
  if (connections.warmup.length !== n) throw new Error("the warm-up and the measured phase must use the same connections");
  const clients = connections.measured.map(() => new Client(origin, { pipelining: 1, headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS, keepAliveTimeout: 60_000 }));
  const run: CellRun = { latenciesMs: [], errors: 0, errorSamples: [], windowMs: 0 };
  const fail = (line: string) => {
    run.errors++;
    if (run.errorSamples.length < ERROR_SAMPLES && !run.errorSamples.includes(line)) run.errorSamples.push(line);
  };

  const start = performance.now();
  const from = start + phases.warmupMs;
  const to = from + phases.durationMs;
  let opened: number | undefined;
  let closed: number | undefined;
  const open = () => {
    if (opened !== undefined) return;
    opened = performance.now();
    window?.begin();
  };
  const close = () => {
    if (closed !== undefined) return;
    open();
    closed = performance.now();
    window?.end(run.latenciesMs.length);
  };
  const openTimer = setTimeout(open, phases.warmupMs);

  try {
    await Promise.all(
      clients.map(async (client, i) => {
        let sentInWindow = false;
        for (;;) {
          const sentAt = performance.now();
          const measuring = sentAt >= from;
          if (sentAt >= to && sentInWindow) break;
          const connection = measuring ? connections.measured[i]! : connections.warmup[i]!;
          const call = connection.next();
          if (!call) {
            if (measuring) break;
            // This connection's warm-up rows are used up: wait for the window.
            await new Promise((r) => setTimeout(r, from - sentAt));
            continue;
          }
          sentInWindow ||= measuring;
          try {
            const response = await client.request({ method: call.method, path: call.path, headers: call.headers, body: call.body });
            const body = await response.body.text();
            const doneAt = performance.now();
            const problem = connection.check(response.statusCode, body);
            if (problem) fail(measuring ? problem : `warm-up: ${problem}`);
            else if (measuring) run.latenciesMs.push(doneAt - sentAt);
          } catch (error) {
            fail(`${measuring ? "" : "warm-up: "}${call.method} ${call.path.slice(0, 60)}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }),
    );
  } finally {
    clearTimeout(openTimer);
    close();
    await Promise.all(clients.map((c) => c.close().catch(() => c.destroy())));
  }
  run.windowMs = closed! - opened!;
  return run;
}
