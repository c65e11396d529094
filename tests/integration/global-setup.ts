import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "../support/free-port";
import { startEmbeddedPostgres } from "@dm/db/embedded";
import { migrateDatabase } from "@dm/db/migrate";

/** The migrated database every test file clones (`CREATE DATABASE … TEMPLATE`). */
export const TEMPLATE_DATABASE = "template_db";

declare module "vitest" {
  export interface ProvidedContext {
    /** Connection URL of the server's `postgres` database, for CREATE/DROP DATABASE. */
    pgAdminUrl: string;
    /** The migrated template database's name. */
    pgTemplateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  // Under /tmp, not the home folder: as root the server runs as the `postgres` user, who cannot read /root.
  const dataDir = await mkdtemp(join(tmpdir(), "dm-integration-pg-"));
  const log: string[] = [];
  const port = await freePort();
  let server: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
  try {
    server = await startEmbeddedPostgres({ dataDir, port, log: (line) => log.push(line) });
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
    await server.ensureDatabase(TEMPLATE_DATABASE);
    await migrateDatabase(server.url(TEMPLATE_DATABASE));
  } catch (error) {
    await stop();
    throw error;
  }

  project.provide("pgAdminUrl", server.url("postgres"));
  project.provide("pgTemplateDatabase", TEMPLATE_DATABASE);
  return stop;
}
