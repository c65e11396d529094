import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createDb, type Db, sql } from "@dm/db";

export interface TestDatabase {
  db: Db;
  /** The database's name, unique to the test file. */
  name: string;
  url: string;
  /** Closes the pool and drops the database. */
  cleanup(): Promise<void>;
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function asAdmin<T>(run: (admin: Db) => Promise<T>): Promise<T> {
  const admin = createDb(inject("pgAdminUrl"), { max: 1 });
  try {
    return await run(admin);
  } finally {
    await admin.$client.end();
  }
}

/**
 * A new database for the calling test file, cloned from the migrated template: every file
 * starts from an empty, fully migrated schema and cannot see another file's rows. `max` sizes
 * the file's connection pool (4 by default).
 */
export async function freshDatabase(options: { max?: number } = {}): Promise<TestDatabase> {
  const name = `t_${process.pid}_${randomBytes(6).toString("hex")}`;
  const template = inject("pgTemplateDatabase");
  await asAdmin((admin) => admin.execute(sql.raw(`create database ${name} template ${template}`)));
  const url = databaseUrl(inject("pgAdminUrl"), name);
  // Four connections suit most files; a concurrency test asks for more, for real contention.
  const db = createDb(url, { max: options.max ?? 4 });
  return {
    db,
    name,
    url,
    async cleanup() {
      await db.$client.end();
      await asAdmin((admin) => admin.execute(sql.raw(`drop database if exists ${name} with (force)`)));
    },
  };
}
