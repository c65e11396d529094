/**
 * The data sets come from the bench-data generator (tests/bench/data): its PostgreSQL launcher
 * (the embedded server with checkpoints spread out for bulk loads) and `generateDataset`, which
 * loads a scale into a fresh database `bench_<scale>` and says what it loaded in a BenchManifest.
 */
import type { EmbeddedServer } from "@dm/db/embedded";
import type { BenchManifest, BenchScale } from "../data/manifest";

interface Generator {
  generateDataset(options: { adminUrl: string; scale: BenchScale; onStep?: (entry: { name: string; ms: number; rows?: number; phase: boolean }) => void }): Promise<BenchManifest>;
}
interface Launcher {
  startBenchPostgres(options: { port?: number; dataDir?: string; log?: (line: string) => void }): Promise<EmbeddedServer>;
}

// Imported when a run starts, not with this module: the pure parts and their unit tests need neither.
const GENERATOR = "../data/generate";
const LAUNCHER = "../data/server";

export async function startBenchPostgres(port: number, dataDir: string): Promise<EmbeddedServer> {
  const { startBenchPostgres: start } = (await import(LAUNCHER)) as Launcher;
  return start({ port, dataDir });
}

export async function generateDataset(adminUrl: string, scale: BenchScale, log: (line: string) => void): Promise<BenchManifest> {
  const { generateDataset: generate } = (await import(GENERATOR)) as Generator;
  const manifest = await generate({ adminUrl, scale, onStep: (step) => step.phase && log(`${scale}: ${step.name} ${(step.ms / 1000).toFixed(1)} s`) });
  if (manifest.scale !== scale) throw new Error(`asked the generator for ${scale}, it loaded ${manifest.scale}`);
  return manifest;
}
