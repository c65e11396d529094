import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { digest, entries, readAll, STORAGE_KEY } from "./archive";
import { applicationTables, applyMigrations, appliedMigrations, connect, localMigrations, quoteIdent, type Sql, tableChecksum, userObjects } from "./catalog";
import {
  ATTACHMENT_PREFIX,
  ATTACHMENT_SUMS_ENTRY,
  type AttachmentSums,
  dataEntry,
  type Manifest,
  MANIFEST_ENTRY,
  majorVersion,
  migrationsToApply,
  parseManifest,
  PGDUMP_ENTRY,
} from "./manifest";
import { findPgTool, pgRestore } from "./pg-tools";

export interface RestoreOptions {
  url: string;
  file: string;
  /** Where the backed-up files go (the app's ATTACHMENTS_DIR); null leaves them in the archive. */
  attachmentsDir: string | null;
  /** Drop and recreate a database that is not empty (after `confirm`, when given). */
  force?: boolean;
  confirm?: (question: string) => Promise<boolean>;
  log?: (line: string) => void;
}

export interface RestoreResult {
  manifest: Manifest;
  rows: number;
  files: number;
  ms: number;
  warnings: string[];
}

/** The first entry of the archive, which must be its manifest. */
export async function readManifest(file: string): Promise<Manifest> {
  await stat(file).catch(() => {
    throw new Error(`no backup file at ${file}`);
  });
  const archive = entries(file);
  try {
    for await (const entry of archive) {
      if (entry.header.name !== MANIFEST_ENTRY) throw new Error(`the archive does not start with ${MANIFEST_ENTRY}: it is not a backup made by db:backup`);
      return parseManifest((await readAll(entry)).toString("utf8"));
    }
    throw new Error("the archive is empty");
  } catch (error) {
    if (error instanceof Error && /incorrect header check|Invalid tar header|unexpected end/i.test(error.message)) throw new Error(`${file} is not a .tar.gz backup, or it is damaged (${error.message})`);
    throw error;
  } finally {
    archive.close();
  }
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

function maintenanceUrl(url: string): string {
  const u = new URL(url);
  u.pathname = "/postgres";
  return u.toString();
}

/**
 * Makes sure the target database exists and is empty: a missing one is created; a non-empty one
 * is refused, or with `force` (and the confirmation) dropped and created anew with its encoding
 * and locale. Connections still open to it are ended: a restore replaces what they were using.
 */
async function prepareTarget(options: RestoreOptions, log: (line: string) => void): Promise<void> {
  const name = databaseName(options.url);
  const admin = postgres(maintenanceUrl(options.url), { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    const [existing] = await admin<{ encoding: string; collate: string; ctype: string }[]>`
      select pg_encoding_to_char(encoding) as encoding, datcollate as collate, datctype as ctype from pg_database where datname = ${name}`;
    if (existing) {
      const target = connect(options.url);
      const objects = await userObjects(target).finally(() => target.end());
      if (objects.length === 0) return;
      const summary = `database "${name}" is not empty (${objects.length} objects: ${objects.slice(0, 4).join(", ")}${objects.length > 4 ? ", …" : ""})`;
      if (!options.force) throw new Error(`${summary}. Restore into an empty database, or pass --force to drop it and restore in its place.`);
      if (options.confirm && !(await options.confirm(`${summary}. Everything in it will be deleted and replaced by the backup.`))) throw new Error("restore cancelled: nothing was changed");
      log(`dropping and recreating database "${name}"`);
      await admin.unsafe(`drop database ${quoteIdent(name)} with (force)`);
      await admin.unsafe(`create database ${quoteIdent(name)} template template0 encoding '${existing.encoding}' lc_collate '${existing.collate.replace(/'/g, "''")}' lc_ctype '${existing.ctype.replace(/'/g, "''")}'`);
    } else {
      log(`creating database "${name}"`);
      await admin.unsafe(`create database ${quoteIdent(name)} template template0 encoding 'UTF8'`);
    }
  } finally {
    await admin.end();
  }
}

/** Counts and checksums of every table against the manifest; the differences, in words. */
async function compareTables(sql: Sql, manifest: Manifest): Promise<string[]> {
  const problems: string[] = [];
  const shapes = await applicationTables(sql);
  const expected = manifest.tables.map((t) => `${t.name}(${t.columns.join(",")})`).sort();
  const actual = shapes.map((t) => `${t.name}(${t.columns.join(",")})`).sort();
  if (JSON.stringify(expected) !== JSON.stringify(actual)) return [`the restored schema's tables differ from the backup's: ${JSON.stringify(actual.filter((x) => !expected.includes(x)))} vs ${JSON.stringify(expected.filter((x) => !actual.includes(x)))}`];
  for (const t of manifest.tables) {
    const got = await tableChecksum(sql, { name: t.name, columns: t.columns });
    if (got.rows !== t.rows) problems.push(`${t.name}: ${got.rows} rows restored, the backup has ${t.rows}`);
    else if (got.md5 !== t.md5) problems.push(`${t.name}: the rows' checksum ${got.md5} differs from the backup's ${t.md5}`);
  }
  return problems;
}

/** Sets each sequence past both its recorded value and the largest key restored, so new rows never reuse an id. */
async function resetSequences(sql: Sql, manifest: Manifest): Promise<void> {
  for (const s of manifest.sequences) {
    const [max] = s.table && s.column ? await sql.unsafe<{ n: string | null }[]>(`select max(${quoteIdent(s.column)})::text as n from public.${quoteIdent(s.table)}`) : [{ n: null }];
    const value = Math.max(s.lastValue ?? 0, Number(max?.n ?? 0));
    if (value > 0) await sql`select setval(${`public.${quoteIdent(s.name)}`}::regclass, ${value}, true)`;
  }
}

/**
 * Restores a backup into an empty database: the migrations the backup was taken at, then every
 * table's rows, the sequences, and a check of every table's count and checksum against the
 * manifest — all in one transaction, so any damage or mismatch leaves the database as empty as
 * it was. The attachment files are checked against the hashes taken when they were packed,
 * written beside the folder and moved into place just before the commit.
 */
export async function restoreDatabase(options: RestoreOptions): Promise<RestoreResult> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const manifest = await readManifest(options.file);
  const warnings: string[] = [];
  const toApply = migrationsToApply(manifest.migrations, localMigrations());
  if (manifest.attachments.missing.length) warnings.push(`${manifest.attachments.missing.length} attachment file(s) were already missing when the backup was made`);
  if (!manifest.attachments.included) warnings.push("the backup was made without the attachment files: restore them from where they were kept");
  else if (!options.attachmentsDir && manifest.attachments.files.length) warnings.push(`${manifest.attachments.files.length} attachment file(s) in the backup were left out (--no-attachments)`);
  await prepareTarget(options, log);

  const staging = options.attachmentsDir && manifest.attachments.files.length ? await stagingDir(options.attachmentsDir) : null;
  const placed: string[] = [];
  let scratch: string | null = null;
  const sql = connect(options.url);
  try {
    let sums: AttachmentSums | null = null;
    const staged = new Map<string, { bytes: number; sha256: string }>();
    let dumpFile: string | null = null;

    /** Reads the archive after its manifest: table data into `copy`, files into the staging folder. */
    const readArchive = async (copy: (table: Manifest["tables"][number], entry: AsyncIterable<unknown>) => Promise<void>) => {
      let next = 0;
      const archive = entries(options.file);
      try {
        for await (const entry of archive) {
          const name = entry.header.name;
          if (name === MANIFEST_ENTRY) entry.resume();
          else if (name.startsWith("data/") && manifest.method === "builtin") {
            const table = manifest.tables[next];
            if (!table || name !== dataEntry(table.name)) throw new Error(`unexpected ${name} in the archive (expected ${table ? dataEntry(table.name) : "no more table data"}): the backup is damaged`);
            log(`restoring ${table.name} (${table.rows} rows)`);
            await copy(table, entry);
            next += 1;
          } else if (name === PGDUMP_ENTRY && manifest.method === "pg_dump") {
            scratch = await mkdtemp(join(tmpdir(), "zhuanxiang-restore-"));
            dumpFile = join(scratch, "database.pgdump");
            const d = digest();
            await pipeline(entry, d, createWriteStream(dumpFile, { mode: 0o600 }));
            if (d.result().sha256 !== manifest.pgdump?.sha256) throw new Error("the pg_dump archive inside the backup is damaged (its SHA-256 differs from the manifest's)");
          } else if (name.startsWith(ATTACHMENT_PREFIX)) {
            const key = name.slice(ATTACHMENT_PREFIX.length);
            if (!STORAGE_KEY.test(key)) throw new Error(`refusing archive entry ${JSON.stringify(name)}: not an attachment storage key`);
            if (!staging) {
              entry.resume();
              continue;
            }
            const d = digest();
            await pipeline(entry, d, createWriteStream(join(staging, key), { mode: 0o600 }));
            staged.set(key, d.result());
          } else if (name === ATTACHMENT_SUMS_ENTRY) sums = JSON.parse((await readAll(entry)).toString("utf8")) as AttachmentSums;
          else throw new Error(`unexpected entry ${JSON.stringify(name)} in the archive: the backup is damaged or not made by db:backup`);
        }
      } finally {
        archive.close();
      }
      if (manifest.method === "builtin" && next !== manifest.tables.length) throw new Error(`the archive ends after ${next} of ${manifest.tables.length} tables: the backup is truncated`);
      if (manifest.method === "pg_dump" && !dumpFile) throw new Error("the archive has no pg_dump data: the backup is truncated");
      if (!sums) throw new Error(`the archive has no ${ATTACHMENT_SUMS_ENTRY}: the backup is truncated`);
      if (staging) {
        const packed = new Map((sums as AttachmentSums).files.map((f) => [f.key, f]));
        for (const f of manifest.attachments.files) {
          const got = staged.get(f.key);
          const expected = packed.get(f.key);
          if (!got || !expected) throw new Error(`attachment ${f.key} is missing from the archive: the backup is truncated`);
          if (got.sha256 !== expected.sha256 || got.bytes !== expected.bytes) throw new Error(`attachment ${f.key} is damaged in the archive (its SHA-256 differs from the one taken when it was packed)`);
        }
        if ((sums as AttachmentSums).changedBeforeBackup.length) warnings.push(`${(sums as AttachmentSums).changedBeforeBackup.length} attachment file(s) had been damaged on disk before the backup was made; restored as they were backed up`);
      }
    };

    /** Moves the checked files into the attachments folder (undone by `unplace` if the commit fails). */
    const place = async () => {
      if (!staging) return;
      for (const key of staged.keys()) {
        const target = join(options.attachmentsDir!, key);
        const existed = await stat(target).then(() => true, () => false);
        await rename(join(staging, key), target);
        if (!existed) placed.push(target);
      }
    };

    let rows = 0;
    if (manifest.method === "builtin") {
      await sql.begin(async (tx) => {
        await applyMigrations(tx, toApply);
        await readArchive(async (table, entry) => {
          const d = digest();
          const into = await tx.unsafe(`copy public.${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(", ")}) from stdin`).writable();
          await pipeline(entry, d, into);
          const got = d.result();
          if (got.sha256 !== table.sha256 || got.bytes !== table.bytes) throw new Error(`the data of ${table.name} is damaged in the archive (its SHA-256 differs from the manifest's)`);
        });
        await resetSequences(tx, manifest);
        const problems = await compareTables(tx, manifest);
        if (problems.length) throw new Error(`the restored data does not match the backup, nothing was kept:\n  ${problems.join("\n  ")}`);
        rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
        await place();
      });
    } else {
      await readArchive(async () => undefined);
      const server = await sql<{ num: string }[]>`select current_setting('server_version_num') as num`;
      const needed = Math.max(majorVersion(server[0]!.num)!, majorVersion(manifest.pgdump!.version) ?? 0);
      const { tool, reason } = await findPgTool("pg_restore", needed);
      if (!tool) throw new Error(`this backup was made with pg_dump and needs pg_restore ${needed} or newer: ${reason}. Set PG_RESTORE to one.`);
      log(`restoring with ${reason}`);
      await pgRestore(tool, options.url, dumpFile!);
      const applied = await appliedMigrations(sql);
      const problems = await compareTables(sql, manifest);
      if (JSON.stringify(applied) !== JSON.stringify(manifest.migrations.map(({ hash, createdAt }) => ({ hash, createdAt })))) problems.push("the restored migrations differ from the backup's");
      if (problems.length) {
        await sql.end();
        await prepareTarget({ ...options, force: true, confirm: undefined }, log);
        throw new Error(`the restored data does not match the backup; the database was emptied again:\n  ${problems.join("\n  ")}`);
      }
      rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      await place();
    }
    return { manifest, rows, files: staged.size, ms: Date.now() - started, warnings };
  } catch (error) {
    for (const file of placed) await rm(file, { force: true });
    throw error;
  } finally {
    await sql.end();
    if (staging) await rm(staging, { recursive: true, force: true });
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

/** A private folder inside the attachments folder (same file system, so files move by rename). */
async function stagingDir(attachmentsDir: string): Promise<string> {
  await mkdir(attachmentsDir, { recursive: true, mode: 0o700 });
  return mkdtemp(join(attachmentsDir, ".restore-"));
}

