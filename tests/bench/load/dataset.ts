/**
 * The data sets come from the bench-data generator (tests/bench/data): its PostgreSQL launcher
 * (the embedded server with checkpoints spread out for bulk loads) and `generateDataset`, which
 * loads a scale into a fresh database `bench_<scale>` and says what it loaded in a BenchManifest.
 */
import type { EmbeddedServer } from "@dm/db/embedded";
import { generateDataset as generate } from "../data/generate";
import type { BenchManifest, BenchScale } from "../data/manifest";
import { startBenchPostgres as start } from "../data/server";

export function startBenchPostgres(port: number, dataDir: string): Promise<EmbeddedServer> {
  return start({ port, dataDir });
}

export async function generateDataset(adminUrl: string, scale: BenchScale, log: (line: string) => void): Promise<BenchManifest> {
  const manifest = await generate({ adminUrl, scale, onStep: (step) => step.phase && log(`${scale}: ${step.name} ${(step.ms / 1000).toFixed(1)} s`) });
  if (manifest.scale !== scale) throw new Error(`asked the generator for ${scale}, it loaded ${manifest.scale}`);
  return manifest;
}
