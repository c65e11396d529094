import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type EmbeddedServer, startEmbeddedPostgres } from "@dm/db/embedded";
import postgres from "postgres";
import type { BenchManifest, BenchScale } from "./manifest";

/** Everything the benchmarks write and keep between runs (git-ignored). */
export const BENCH_WORK_DIR = fileURLToPath(new URL("../.work/", import.meta.url));

/** Where the CLI writes the manifest of a scale's data set. */
export const manifestFile = (scale: BenchScale): string => `${BENCH_WORK_DIR}manifest-${scale}.json`;

/** The manifest the CLI wrote for a scale (generate it first: `npx tsx tests/bench/data/cli.ts --scale <scale>`). */
export async function readManifest(scale: BenchScale): Promise<BenchManifest> {
  return JSON.parse(await readFile(manifestFile(scale), "utf8")) as BenchManifest;
}

/** The bench PostgreSQL's port: BENCH_PGPORT, else 55490. */
export function benchPgPort(): number {
  const port = Number(process.env.BENCH_PGPORT ?? 55490);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`BENCH_PGPORT is not a port: ${process.env.BENCH_PGPORT}`);
  return port;
}

/**
 * Starts the embedded PostgreSQL the benchmarks share (data in tests/bench/.work/pg unless told
 * otherwise; a data set loaded once is kept across runs) and lets checkpoints run far apart, so
 * a bulk load is not slowed by one checkpoint after another. Durability is untouched: fsync and
 * synchronous commit keep their defaults, so the write benchmarks measure what production does.
 * Stop it with `stop()`.
 */
export async function startBenchPostgres(options: { port?: number; dataDir?: string; log?: (line: string) => void } = {}): Promise<EmbeddedServer> {
  const server = await startEmbeddedPostgres({ dataDir: options.dataDir ?? `${BENCH_WORK_DIR}pg`, port: options.port ?? benchPgPort(), log: options.log });
  try {
    const admin = postgres(server.url("postgres"), { max: 1, onnotice: () => {} });
    try {
      await admin`alter system set max_wal_size = '4GB'`;
      await admin`alter system set checkpoint_timeout = '30min'`;
      await admin`select pg_reload_conf()`;
    } finally {
      await admin.end();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
