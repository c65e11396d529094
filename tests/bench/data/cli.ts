/**
 * Loads a benchmark data set: `npx tsx tests/bench/data/cli.ts --scale province|tenth [--url <admin url>]`.
 * Without --url it starts the bench PostgreSQL (tests/bench/.work/pg, port BENCH_PGPORT or 55490)
 * for the run only. Writes the manifest to tests/bench/.work/manifest-<scale>.json.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { generateDataset } from "./generate";
import type { BenchScale } from "./manifest";
import { BENCH_WORK_DIR, manifestFile, startBenchPostgres } from "./server";

const { values } = parseArgs({ options: { scale: { type: "string" }, url: { type: "string" } } });
if (values.scale !== "province" && values.scale !== "tenth") {
  console.error("Usage: npx tsx tests/bench/data/cli.ts --scale province|tenth [--url postgres://user:password@host:port/postgres]");
  process.exit(2);
}
const scale: BenchScale = values.scale;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(9);
const started = performance.now();
const server = values.url ? null : await startBenchPostgres();
try {
  console.info(`Generating the ${scale} data set${server ? ` on the bench PostgreSQL (port ${server.port})` : ""}…`);
  const manifest = await generateDataset({
    adminUrl: values.url ?? server!.url("postgres"),
    scale,
    onStep: ({ name, ms, rows, phase }) => console.info(phase ? `${seconds(ms)}  ${name}` : `${seconds(ms)}    ${name}: ${rows!.toLocaleString("en")} rows`),
  });
  await mkdir(BENCH_WORK_DIR, { recursive: true });
  const file = manifestFile(scale);
  await writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`);
  console.info(`\nRows per table:`);
  for (const [table, n] of Object.entries(manifest.counts)) if (n > 0) console.info(`  ${table.padEnd(24)} ${n.toLocaleString("en").padStart(11)}`);
  console.info(`\n${manifest.database} ready in ${seconds(performance.now() - started).trim()}; manifest: ${file}`);
} finally {
  await server?.stop();
}
