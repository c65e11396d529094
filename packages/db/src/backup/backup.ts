import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, open, rename, rm, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { pack as tarPack } from "tar-stream";
import { addBuffer, addFile, hashFile, spoolCopy, STORAGE_KEY } from "./archive";
import { applicationTables, appliedMigrations, connect, localMigrations, quoteIdent, sequences, serverInfo, tableChecksum } from "./catalog";
import {
  ATTACHMENT_PREFIX,
  ATTACHMENT_SUMS_ENTRY,
  type AttachmentRecord,
  type AttachmentSums,
  backupFileName,
  dataEntry,
  FORMAT,
  FORMAT_VERSION,
  type Manifest,
  MANIFEST_ENTRY,
  majorVersion,
  PGDUMP_ENTRY,
  type TableRecord,
} from "./manifest";
import { findPgTool, pgDump, type PgTool } from "./pg-tools";

export interface BackupOptions {
  url: string;
  /** A folder (the file is named after the database and the time) or a path ending in .tar.gz. */
  target: string;
  /** The uploaded files' folder; null leaves them out (say so in the manifest). */
  attachmentsDir: string | null;
  /** `auto` takes pg_dump when one at least as new as the server is at hand, else the built-in method. */
  method?: "auto" | "builtin" | "pg_dump";
  log?: (line: string) => void;
}

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
  manifest: Manifest;
  /** Problems found that did not stop the backup: files missing or damaged before it ran. */
  warnings: string[];
}

/**
 * Backs the database up to one .tar.gz file (layout in manifest.ts). Every figure and every row
 * comes from one snapshot (REPEATABLE READ, READ ONLY), so the app may keep running and writing:
 * the backup is the database as it was at one instant. Table data is spooled to a temporary
 * folder beside the target while the snapshot is open (tar needs each entry's size before its
 * bytes), then packed with the manifest first; the file appears under its final name only once
 * complete and flushed.
 */
export async function backupDatabase(options: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const at = new Date();
  const sql = connect(options.url);
  const warnings: string[] = [];
  let work: string | undefined;
  try {
    const info = await serverInfo(sql);
    const file = options.target.endsWith(".tar.gz") ? resolve(options.target) : join(resolve(options.target), backupFileName(at, info.database));
    await mkdir(dirname(file), { recursive: true });
    work = await mkdtemp(join(dirname(file), ".backup-"));

    let tool: PgTool | null = null;
    if (options.method === "pg_dump" || options.method === "auto") {
      const found = await findPgTool("pg_dump", majorVersion(info.num)!);
      if (!found.tool && options.method === "pg_dump") throw new Error(`pg_dump cannot be used: ${found.reason}`);
      tool = found.tool;
      log(tool ? `using ${found.reason}` : `built-in method (${found.reason})`);
    }

    const tags = new Map(localMigrations().map((m) => [m.folderMillis, m.tag]));
    const snapshot = await sql.begin("isolation level repeatable read read only", async (tx) => {
      const migrations = (await appliedMigrations(tx)).map((m) => ({ ...m, tag: tags.get(m.createdAt) ?? null }));
      if (migrations.length === 0) throw new Error(`database ${info.database} has no migrations applied: it is not this platform's database (or was never started)`);
      const shapes = await applicationTables(tx);
      const tables: TableRecord[] = [];
      for (const [i, shape] of shapes.entries()) {
        const sums = await tableChecksum(tx, shape);
        const record: TableRecord = { name: shape.name, columns: shape.columns, ...sums };
        if (!tool) {
          const copy = await tx.unsafe(`copy public.${quoteIdent(shape.name)} (${shape.columns.map(quoteIdent).join(", ")}) to stdout`).readable();
          Object.assign(record, await spoolCopy(copy, join(work!, `${i}.copy`)));
        }
        tables.push(record);
      }
      let pgdump: Manifest["pgdump"];
      if (tool) {
        const [exported] = await tx<{ id: string }[]>`select pg_export_snapshot() as id`;
        const dumpFile = join(work!, "database.pgdump");
        await pgDump(tool, options.url, exported!.id, dumpFile);
        pgdump = { ...(await hashFile(dumpFile)), version: tool.version };
      }
      const seqs = await sequences(tx);
      const files = shapes.some((s) => s.name === "attachments")
        ? await tx<AttachmentRecord[]>`select storage_key as key, size::float8 as size, sha256 from attachments order by id`
        : [];
      return { migrations, tables, seqs, files: [...files], pgdump };
    });

    // Which files the rows name are on disk (a file never changes once stored, so after the
    // snapshot is as good as during it).
    const present: (AttachmentRecord & { path: string; bytes: number })[] = [];
    const missing: string[] = [];
    if (options.attachmentsDir) {
      for (const f of snapshot.files) {
        const path = join(options.attachmentsDir, f.key);
        const found = STORAGE_KEY.test(f.key) ? await stat(path).catch(() => null) : null;
        if (found?.isFile()) present.push({ ...f, path, bytes: found.size });
        else missing.push(f.key);
      }
      if (missing.length) warnings.push(`${missing.length} attachment file(s) named by the database are not in ${options.attachmentsDir}: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}`);
    }

    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: at.toISOString(),
      method: tool ? "pg_dump" : "builtin",
      server: { version: info.version, database: info.database },
      migrations: snapshot.migrations,
      tables: snapshot.tables,
      sequences: snapshot.seqs,
      attachments: { included: options.attachmentsDir !== null, files: options.attachmentsDir ? present.map(({ key, size, sha256 }) => ({ key, size, sha256 })) : [], missing },
      ...(snapshot.pgdump ? { pgdump: snapshot.pgdump } : {}),
    };

    const partial = `${file}.partial-${randomBytes(4).toString("hex")}`;
    const pack = tarPack();
    const written = pipeline(pack, createGzip(), createWriteStream(partial, { mode: 0o600 }));
    try {
      await addBuffer(pack, MANIFEST_ENTRY, Buffer.from(JSON.stringify(manifest, null, 2)), at);
      if (tool) await addFile(pack, PGDUMP_ENTRY, join(work, "database.pgdump"), manifest.pgdump!.bytes, at);
      else for (const [i, t] of manifest.tables.entries()) await addFile(pack, dataEntry(t.name), join(work, `${i}.copy`), t.bytes!, at);
      const sums: AttachmentSums = { files: [], changedBeforeBackup: [] };
      for (const f of present) {
        const read = await addFile(pack, `${ATTACHMENT_PREFIX}${f.key}`, f.path, f.bytes, at);
        sums.files.push({ key: f.key, ...read });
        if (read.sha256 !== f.sha256) sums.changedBeforeBackup.push(f.key);
      }
      if (sums.changedBeforeBackup.length) warnings.push(`${sums.changedBeforeBackup.length} attachment file(s) differ from the hash recorded at upload (damaged on disk before this backup), kept as they are: ${sums.changedBeforeBackup.slice(0, 5).join(", ")}`);
      await addBuffer(pack, ATTACHMENT_SUMS_ENTRY, Buffer.from(JSON.stringify(sums, null, 2)), at);
      pack.finalize();
      await written;
      const handle = await open(partial, "r+");
      await handle.sync();
      await handle.close();
      await rename(partial, file);
    } catch (error) {
      pack.destroy();
      await written.catch(() => undefined);
      await rm(partial, { force: true });
      throw error;
    }
    const { size } = await stat(file);
    return { file, bytes: size, ms: Date.now() - started, manifest, warnings };
  } finally {
    await sql.end();
    if (work) await rm(work, { recursive: true, force: true });
  }
}
