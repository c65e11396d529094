/**
 * The servers the benchmark starts, and their end: every child runs in its own process group
 * and is stopped with its children on success, on failure and on Ctrl-C; if the runner itself
 * exits first, whatever is still running gets SIGKILL.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { request } from "undici";

export interface Server {
  name: string;
  origin: string;
  pid: number;
  /** Stops the server and its children; resolves once they have exited. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Synchronous last resort, for process 'exit'. */
export function killAll(signal: NodeJS.Signals = "SIGKILL"): void {
  for (const child of running) {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  }
}
process.once("exit", () => killAll());

async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // Already gone.
    }
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts `node <args>` in its own process group, logging to `logFile`, and waits until `origin`
 * answers `readyPath` with 200 (or fails with the log's last lines when the server dies first).
 */
export async function startServer(options: { name: string; args: string[]; cwd: string; env: NodeJS.ProcessEnv; origin: string; readyPath: string; logFile: string; timeoutMs?: number }): Promise<Server> {
  const log = createWriteStream(options.logFile, { flags: "a" });
  const child = spawn(process.execPath, options.args, { cwd: options.cwd, env: options.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  child.once("exit", () => running.delete(child));
  const server: Server = { name: options.name, origin: options.origin, pid: child.pid!, stop: () => stopChild(child) };

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${options.name} exited (${child.exitCode ?? child.signalCode}) before it was ready: see ${options.logFile}`);
    try {
      const response = await request(`${options.origin}${options.readyPath}`, { headersTimeout: 5_000, bodyTimeout: 5_000 });
      await response.body.dump();
      if (response.statusCode === 200) return server;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  await server.stop();
  throw new Error(`${options.name} was not ready within ${(options.timeoutMs ?? 120_000) / 1000} s: see ${options.logFile}`);
}
