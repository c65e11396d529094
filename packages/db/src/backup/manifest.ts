/**
 * What a backup archive holds and how restore checks it against the code it runs with. Pure
 * functions: unit-tested without a database.
 *
 * The archive is one gzip-compressed tar file (any `tar xzf` opens it), its entries in this order:
 *
 *   manifest.json                 this description: schema version, tables, counts, checksums
 *   data/<table>.copy             each table's rows in COPY text format, in foreign-key order
 *     (or data/database.pgdump    one pg_dump custom-format archive, when pg_dump made it)
 *   attachments/<storage key>     the uploaded files the backed-up rows refer to
 *   attachments.sha256.json       the files' SHA-256 as read while packing, and any problem found
 */
export const FORMAT = "zhuanxiang-backup";
export const FORMAT_VERSION = 1;

export const MANIFEST_ENTRY = "manifest.json";
export const PGDUMP_ENTRY = "data/database.pgdump";
export const ATTACHMENT_PREFIX = "attachments/";
export const ATTACHMENT_SUMS_ENTRY = "attachments.sha256.json";
export const dataEntry = (table: string) => `data/${table}.copy`;

export interface MigrationRecord {
  /** The journal tag, e.g. 0005_reminders (null when this code's journal does not name it). */
  tag: string | null;
  /** SHA-256 of the migration's SQL, as drizzle records it. */
  hash: string;
  /** The journal's `when`, drizzle's `created_at`. */
  createdAt: number;
}

export interface TableRecord {
  name: string;
  /** Copied and checksummed in this order, by name: the restored table's physical order does not matter. */
  columns: string[];
  rows: number;
  /** md5 over the sorted md5s of each row's text (see catalog.ts), computed by the server. */
  md5: string;
  /** The COPY stream's size and SHA-256 (built-in method only). */
  bytes?: number;
  sha256?: string;
}

export interface SequenceRecord {
  name: string;
  /** The column it feeds, when a column owns it. */
  table: string | null;
  column: string | null;
  /** null: never used. */
  lastValue: number | null;
}

export interface AttachmentRecord {
  key: string;
  /** As the database recorded them at upload. */
  size: number;
  sha256: string;
}

export interface Manifest {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  method: "builtin" | "pg_dump";
  server: { version: string; database: string };
  /** The migrations applied to the backed-up database, oldest first. */
  migrations: MigrationRecord[];
  tables: TableRecord[];
  sequences: SequenceRecord[];
  /** The files the backed-up `attachments` rows name; `included: false` when left out on purpose. */
  attachments: { included: boolean; files: AttachmentRecord[]; missing: string[] };
  /** pg_dump's own archive (method pg_dump only). */
  pgdump?: { bytes: number; sha256: string; version: string };
}

/** What the packer saw of each attachment file; a file that differed from its row is backed up as it is, and said so. */
export interface AttachmentSums {
  files: { key: string; bytes: number; sha256: string }[];
  /** Keys whose content no longer matched the hash recorded at upload (damaged before the backup). */
  changedBeforeBackup: string[];
}

/** Reads and checks a manifest's shape; anything else is not a backup this code made. */
export function parseManifest(text: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error("manifest.json is not valid JSON: the file is not a backup, or it is damaged");
  }
  const m = value as Partial<Manifest>;
  if (m?.format !== FORMAT) throw new Error("manifest.json does not describe a zhuanxiang backup");
  if (m.formatVersion !== FORMAT_VERSION) throw new Error(`backup format version ${String(m.formatVersion)} is not supported (this release reads version ${FORMAT_VERSION})`);
  if (!Array.isArray(m.migrations) || !Array.isArray(m.tables) || !Array.isArray(m.sequences) || !m.attachments || (m.method !== "builtin" && m.method !== "pg_dump")) {
    throw new Error("manifest.json is incomplete: the backup is damaged");
  }
  return m as Manifest;
}

export interface LocalMigration {
  tag: string;
  hash: string;
  folderMillis: number;
  sql: string[];
}

/**
 * The migrations to apply before the data goes in: exactly those the backup was taken at. The
 * backup's list must be the start of this code's list, hash for hash; later migrations are left
 * to the next start of the app, which upgrades the restored data as it would have in place.
 */
export function migrationsToApply(recorded: readonly MigrationRecord[], local: readonly LocalMigration[]): LocalMigration[] {
  if (recorded.length === 0) throw new Error("the backup records no migration: it is not of a database this platform set up");
  if (recorded.length > local.length) {
    const unknown = recorded[local.length]!;
    throw new Error(
      `the backup was made by a newer release: its schema has migration ${unknown.tag ?? unknown.createdAt} that this code does not have. ` +
        "Restore it with the release that made it (or a later one).",
    );
  }
  recorded.forEach((r, i) => {
    const l = local[i]!;
    if (r.createdAt !== l.folderMillis || r.hash !== l.hash) {
      throw new Error(`migration ${i + 1} of the backup (${r.tag ?? r.createdAt}) differs from this code's ${l.tag}: the backup is of another schema history`);
    }
  });
  return local.slice(0, recorded.length);
}

/**
 * Tables in an order that inserts every referenced row before the rows that refer to it.
 * Self-references (a committee's parent) are left to the end of the COPY statement, where
 * PostgreSQL checks them. A cycle between tables has no such order: the built-in method refuses it.
 */
export function foreignKeyOrder(tables: readonly string[], references: readonly { from: string; to: string }[]): string[] {
  const pending = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { from, to } of references) if (from !== to && pending.has(from) && pending.has(to)) pending.get(from)!.add(to);
  const ordered: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending.keys()].filter((t) => [...pending.get(t)!].every((dep) => !pending.has(dep))).sort();
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${[...pending.keys()].join(", ")}: the built-in backup cannot order them`);
    for (const t of ready) {
      ordered.push(t);
      pending.delete(t);
    }
  }
  return ordered;
}

/** `<dir>/zhuanxiang-2026-05-01T02-00-00Z.tar.gz`-style name for a backup taken at `at` (UTC). */
export function backupFileName(at: Date, database: string): string {
  return `${database}-${at.toISOString().slice(0, 19).replace(/:/g, "-")}Z.tar.gz`;
}

/** PostgreSQL's major version from `server_version_num` (170005 → 17) or a `pg_dump --version` line. */
export function majorVersion(text: string): number | null {
  if (/^\d{5,6}$/.test(text.trim())) return Math.floor(Number(text) / 10_000);
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(text) ?? /^(\d+)(?:\.\d+)?/.exec(text.trim());
  return match ? Number(match[1]) : null;
}
