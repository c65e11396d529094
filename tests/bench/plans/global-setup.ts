import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "../../support/free-port";
import { generateDataset } from "../data/generate";
import type { BenchManifest } from "../data/manifest";
import { startBenchPostgres } from "../data/server";

declare module "vitest" {
  export interface ProvidedContext {
    /** Connection URL of the server's `postgres` database. */
    benchAdminUrl: string;
    benchManifest: BenchManifest;
  }
}

/** A fresh embedded PostgreSQL on a free port, loaded with the generated one-tenth data set. */
export default async function setup(project: TestProject) {
  // Under /tmp: as root the server runs as the `postgres` user, who cannot read /root.
  const dataDir = await mkdtemp(join(tmpdir(), "dm-plans-pg-"));
  const log: string[] = [];
  let server: Awaited<ReturnType<typeof startBenchPostgres>>;
  try {
    server = await startBenchPostgres({ dataDir, port: await freePort(), log: (line) => log.push(line) });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    console.error(log.join(""));
    throw error;
  }
  const stop = async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const manifest = await generateDataset({ adminUrl: server.url("postgres"), scale: "tenth" });
    project.provide("benchAdminUrl", server.url("postgres"));
    project.provide("benchManifest", manifest);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
