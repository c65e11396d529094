/**
 * `npm run db:backup` and `npm run db:restore -- <file>` (run by tsx from the root scripts).
 *
 *   npm run db:backup [-- --out <folder or file.tar.gz>] [--no-attachments] [--method auto|builtin|pg_dump]
 *   npm run db:restore -- <file.tar.gz> [--force] [--yes] [--no-attachments]
 *
 * The database is DATABASE_URL's, or else the embedded server of `npm start` (PGPORT, default
 * 54329, database `zhuanxiang`, files in DATA_DIR/pg): used while the app runs, or started here
 * for the duration when it does not. Files: ATTACHMENTS_DIR (default DATA_DIR/attachments);
 * backups go to BACKUP_DIR (default DATA_DIR/backups). Relative DATA_DIR and ATTACHMENTS_DIR are
 * read as `npm start` reads them (from apps/web); paths given here, from where npm was run.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import postgres from "postgres";
import { embeddedUrl, type EmbeddedServer, startEmbeddedPostgres } from "../embedded";
import { backupDatabase } from "./backup";
import { restoreDatabase } from "./restore";

const log = (line: string) => console.info(`[backup] ${line}`);
const webDir = resolve(import.meta.dirname, "../../../../apps/web");
const here = process.env.INIT_CWD ?? process.cwd();
const dataDir = resolve(webDir, process.env.DATA_DIR ?? join(webDir, "../../.data"));
const attachmentsDir = resolve(webDir, process.env.ATTACHMENTS_DIR || join(dataDir, "attachments"));
const backupDir = resolve(here, process.env.BACKUP_DIR || join(dataDir, "backups"));

function parse(args: string[]) {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--out" || arg === "--method") values.set(arg, args[++i] ?? "");
    else if (arg.startsWith("--")) flags.add(arg);
    else rest.push(arg);
  }
  const known = ["--no-attachments", "--force", "--yes"];
  const unknown = [...flags].filter((f) => !known.includes(f));
  if (unknown.length) throw new Error(`unknown option(s): ${unknown.join(", ")}`);
  return { flags, values, rest };
}

/** Whether something answers on the URL's port. */
async function reachable(url: string): Promise<boolean> {
  const probe = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await probe`select 1`;
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ECONNREFUSED") return false;
    // Running but the database is missing: a restore creates it.
    if (code === "3D000") return true;
    throw error;
  } finally {
    await probe.end();
  }
}

/** The database to work on, starting the embedded server when the app is not running. */
async function database(command: "backup" | "restore"): Promise<{ url: string; external: boolean; server?: EmbeddedServer }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, external: true };
  const port = Number(process.env.PGPORT ?? 54329);
  const url = embeddedUrl(port, "zhuanxiang");
  if (await reachable(url)) {
    log(`using the embedded PostgreSQL on 127.0.0.1:${port} (the platform is running)`);
    return { url, external: false };
  }
  const pgDir = join(dataDir, "pg");
  if (command === "backup" && !existsSync(join(pgDir, "PG_VERSION"))) {
    throw new Error(`no database to back up: nothing answers on port ${port} and ${pgDir} holds no database. Set DATABASE_URL, or PGPORT/DATA_DIR as for npm start.`);
  }
  log(`starting the embedded PostgreSQL on 127.0.0.1:${port} (data in ${pgDir}) for the ${command}`);
  const server = await startEmbeddedPostgres({ dataDir: pgDir, port });
  return { url, external: false, server };
}

/** Asks on the terminal; only typing the database's name goes ahead. */
async function confirmOnTty(question: string, name: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(`${question}\n确认删除并以备份替换？请输入数据库名「${name}」(type the database name to confirm): `);
    return answer.trim() === name;
  } finally {
    rl.close();
  }
}

const dbNameOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(2)} MB`;

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (command !== "backup" && command !== "restore") throw new Error('usage: cli.ts backup|restore …');
  const { flags, values, rest } = parse(args);
  const db = await database(command);
  try {
    if (command === "backup") {
      const method = (values.get("--method") ?? (db.external ? "auto" : "builtin")) as "auto" | "builtin" | "pg_dump";
      if (!["auto", "builtin", "pg_dump"].includes(method)) throw new Error(`--method must be auto, builtin or pg_dump`);
      const result = await backupDatabase({
        url: db.url,
        target: values.has("--out") ? resolve(here, values.get("--out")!) : backupDir,
        attachmentsDir: flags.has("--no-attachments") ? null : attachmentsDir,
        method,
        log,
      });
      const rows = result.manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      log(`${result.file}`);
      log(`${result.manifest.tables.length} tables, ${rows} rows, ${result.manifest.attachments.files.length} attachment file(s), schema ${result.manifest.migrations.at(-1)?.tag}, ${result.manifest.method}`);
      log(`${mb(result.bytes)} in ${(result.ms / 1000).toFixed(1)} s`);
      for (const w of result.warnings) log(`WARNING: ${w}`);
    } else {
      if (rest.length !== 1) throw new Error("usage: npm run db:restore -- <backup file .tar.gz> [--force] [--yes] [--no-attachments]");
      const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !flags.has("--yes");
      const result = await restoreDatabase({
        url: db.url,
        file: resolve(here, rest[0]!),
        attachmentsDir: flags.has("--no-attachments") ? null : attachmentsDir,
        force: flags.has("--force"),
        confirm: interactive ? (question) => confirmOnTty(question, dbNameOf(db.url)) : undefined,
        log,
      });
      log(`restored ${result.manifest.tables.length} tables (${result.rows} rows, every count and checksum verified) and ${result.files} attachment file(s) in ${(result.ms / 1000).toFixed(1)} s`);
      log(`backup of ${result.manifest.createdAt}, schema ${result.manifest.migrations.at(-1)?.tag}; the next start of the platform applies any newer migrations`);
      for (const w of result.warnings) log(`WARNING: ${w}`);
    }
  } finally {
    if (db.server) await db.server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`[backup] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
