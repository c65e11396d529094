import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type EmbeddedServer, startEmbeddedPostgres } from "@dm/db/embedded";

/**
 * The real parts the reliability tests drive: an embedded PostgreSQL the test owns (so it can
 * stop and restart it under the app), and the production app started as `npm start` starts it
 * (`npm run serve -w @dm/web`, the production build), pointed at that server by DATABASE_URL.
 * Everything started here is stopped by the returned `stop()`, and again on process exit.
 */

const repoRoot = resolve(import.meta.dirname, "../../..");
export const DATABASE = "zhuanxiang";

/** Ports: overridable so checkouts can run side by side (see vitest.config.ts). */
export const PORTS = {
  appA: Number(process.env.RELIABILITY_PORT) || 3120,
  appB: Number(process.env.RELIABILITY_PORT_B) || 3121,
  pg: Number(process.env.RELIABILITY_PGPORT) || 55440,
};

/** The session secret both instances share (a throwaway value for the test's own database). */
export const TEST_AUTH_SECRET = "reliability-test-secret-not-for-production";

const cleanups = new Set<() => void>();
process.once("exit", () => {
  for (const cleanup of cleanups) cleanup();
});

/** A fresh folder under /tmp (the `postgres` user, as which the server runs under root, cannot read /root). */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o711);
  const remove = () => {
    rmSync(dir, { recursive: true, force: true });
    cleanups.delete(remove);
  };
  cleanups.add(remove);
  return { dir, remove };
}

export interface Database {
  url: string;
  /** Fast shutdown (SIGINT to the postmaster, what `pg_ctl stop -m fast` sends): sessions are ended, the port closes. */
  stop(): Promise<void>;
  /** Starts the server again on the same data folder and port; resolves when it accepts connections. */
  start(): Promise<void>;
  /** Stops the server (if running) and removes its data. */
  destroy(): Promise<void>;
}

/** An embedded PostgreSQL on a fresh data folder with an empty `zhuanxiang` database. */
export async function startDatabase(port = PORTS.pg): Promise<Database> {
  const folder = tempDir("dm-reliability-");
  const dataDir = join(folder.dir, "pg");
  const log: string[] = [];
  const launch = () => startEmbeddedPostgres({ dataDir, port, log: (line) => log.push(line) });
  let server: EmbeddedServer | undefined;
  try {
    server = await launch();
    await server.ensureDatabase(DATABASE);
  } catch (error) {
    await server?.stop();
    folder.remove();
    console.error(log.join(""));
    throw error;
  }
  const stop = async () => {
    const running = server;
    server = undefined;
    await running?.stop();
  };
  return {
    url: server.url(DATABASE),
    stop,
    async start() {
      if (!server) server = await launch();
    },
    async destroy() {
      await stop();
      folder.remove();
    },
  };
}

export interface App {
  port: number;
  base: string;
  /** Everything the app printed (its [start], [web], [jobs] and Next.js lines). */
  output(): string;
  /** Whether the `npm start` process is still running. */
  running(): boolean;
  stop(): Promise<void>;
}

/**
 * The production app as `npm run serve` runs it, on `port`, against `databaseUrl` (which it
 * migrates and seeds once, as `npm start` does). Resolves once `/api/health` answers 200. Its
 * output is kept in test-results/app-<name>.log when it stops.
 */
export async function startApp(options: { name: string; port: number; databaseUrl: string; env?: Record<string, string> }): Promise<App> {
  const { port, databaseUrl } = options;
  const data = tempDir("dm-reliability-app-");
  const child: ChildProcess = spawn("npm", ["run", "serve", "-w", "@dm/web"], {
    cwd: repoRoot,
    // Its own process group, so stopping it reaches npm, tsx, serve.ts and the web server alike.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      DATA_DIR: data.dir,
      AUTH_SECRET: TEST_AUTH_SECRET,
      NEXT_TELEMETRY_DISABLED: "1",
      ...options.env,
    },
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));

  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
      return true;
    } catch {
      return false; // ESRCH: nothing left in the group
    }
  };
  const hardKill = () => void killGroup("SIGKILL");
  cleanups.add(hardKill);

  const app: App = {
    port,
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    running: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (killGroup("SIGTERM")) {
        // serve.ts stops the web server and the job worker, then exits.
        const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 20_000))]);
        if (!stopped) console.warn(`[reliability] app on ${port} did not stop within 20 s; killing it`);
      }
      // Whatever is left of the group (a web server that outlived npm) goes now.
      killGroup("SIGKILL");
      cleanups.delete(hardKill);
      data.remove();
      // Kept for a look after the run (test-results/ is git-ignored).
      const logs = resolve(import.meta.dirname, "../test-results");
      mkdirSync(logs, { recursive: true });
      writeFileSync(join(logs, `app-${options.name}.log`), output);
    },
  };

  const deadline = Date.now() + 180_000;
  for (;;) {
    if (!app.running()) {
      await app.stop();
      throw new Error(`the app on port ${port} exited before it was ready:\n${output}`);
    }
    try {
      const response = await fetch(`${app.base}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return app;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await app.stop();
      throw new Error(`the app on port ${port} did not become healthy within 180 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
