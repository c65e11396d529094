import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import postgres from "postgres";
import { MIGRATIONS_FOLDER } from "../migrate";
import { foreignKeyOrder, type LocalMigration, type MigrationRecord, type SequenceRecord } from "./manifest";

/**
 * The parts of the database a backup reads and a restore writes: the application's tables in
 * schema `public` (read from the catalog, so a new table is backed up without a change here),
 * their sequences, and drizzle's record of the migrations applied. Left out on purpose: pg-boss's
 * schema `pgboss` (its queue and schedules are recreated when the app starts; copied jobs would
 * run again) and drizzle's own table (restore rebuilds it by applying the same migrations).
 */
/** The pool or an open transaction: everything here runs in either. */
export type Sql = postgres.Sql | postgres.TransactionSql;

/**
 * Session settings under which a row's text is the same on every server and client: checksums
 * are compared across two servers, so nothing in the text may depend on a local default.
 */
export const SESSION_SETTINGS = {
  TimeZone: "UTC",
  DateStyle: "ISO, YMD",
  IntervalStyle: "postgres",
  extra_float_digits: "1",
  bytea_output: "hex",
  client_encoding: "UTF8",
  application_name: "zhuanxiang-backup",
} as const;

export function connect(url: string): postgres.Sql {
  return postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10, connection: SESSION_SETTINGS });
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const table = (name: string) => `public.${quoteIdent(name)}`;

export async function serverInfo(sql: Sql) {
  const [row] = await sql<{ version: string; num: string; database: string }[]>`select current_setting('server_version') as version, current_setting('server_version_num') as num, current_database() as database`;
  return row!;
}

export interface TableShape {
  name: string;
  columns: string[];
}

/** The application's tables in foreign-key order, each with its stored (not generated) columns by name. */
export async function applicationTables(sql: Sql): Promise<TableShape[]> {
  const columns = await sql<{ table: string; column: string }[]>`
    select c.relname as table, a.attname as column
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by c.relname, a.attname`;
  const references = await sql<{ from: string; to: string }[]>`
    select src.relname as from, dst.relname as to
    from pg_constraint k
    join pg_class src on src.oid = k.conrelid
    join pg_class dst on dst.oid = k.confrelid
    join pg_namespace n on n.oid = src.relnamespace
    where k.contype = 'f' and n.nspname = 'public'`;
  const byTable = new Map<string, string[]>();
  for (const r of columns) byTable.set(r.table, [...(byTable.get(r.table) ?? []), r.column]);
  return foreignKeyOrder([...byTable.keys()], references).map((name) => ({ name, columns: byTable.get(name)! }));
}

/**
 * Row count and checksum of a table, computed by the server: md5 over the sorted md5s of each
 * row's text (the columns in name order). Sorting the row hashes makes it independent of the
 * physical order and of whether the table has a key; the aggregated string is 32 bytes a row.
 */
export async function tableChecksum(sql: Sql, shape: TableShape): Promise<{ rows: number; md5: string }> {
  const row = `md5(row(${shape.columns.map(quoteIdent).join(", ")})::text)`;
  const [r] = await sql.unsafe<{ rows: string; md5: string }[]>(
    `select count(*)::bigint as rows, md5(coalesce(string_agg(h, '' order by h), '')) as md5 from (select ${row} as h from ${table(shape.name)}) t`,
  );
  return { rows: Number(r!.rows), md5: r!.md5 };
}

export async function sequences(sql: Sql): Promise<SequenceRecord[]> {
  const rows = await sql<{ name: string; table: string | null; column: string | null; lastValue: string | null }[]>`
    select s.sequencename as name, t.relname as table, a.attname as column, s.last_value::text as "lastValue"
    from pg_sequences s
    join pg_class sc on sc.relname = s.sequencename and sc.relnamespace = 'public'::regnamespace
    left join pg_depend d on d.objid = sc.oid and d.classid = 'pg_class'::regclass and d.deptype in ('a', 'i')
    left join pg_class t on t.oid = d.refobjid
    left join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
    where s.schemaname = 'public'
    order by s.sequencename`;
  return rows.map((r) => ({ ...r, lastValue: r.lastValue === null ? null : Number(r.lastValue) }));
}

/** drizzle's record of the migrations applied, oldest first; [] when drizzle never ran here. */
export async function appliedMigrations(sql: Sql): Promise<Omit<MigrationRecord, "tag">[]> {
  const [exists] = await sql<{ ok: boolean }[]>`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`;
  if (!exists!.ok) return [];
  const rows = await sql<{ hash: string; createdAt: string }[]>`select hash, created_at::text as "createdAt" from drizzle.__drizzle_migrations order by id`;
  return rows.map((r) => ({ hash: r.hash, createdAt: Number(r.createdAt) }));
}

/** This code's migrations, with their journal tags. */
export function localMigrations(folder = MIGRATIONS_FOLDER): LocalMigration[] {
  const journal = JSON.parse(readFileSync(join(folder, "meta/_journal.json"), "utf8")) as { entries: { tag: string; when: number }[] };
  const tags = new Map(journal.entries.map((e) => [e.when, e.tag]));
  return readMigrationFiles({ migrationsFolder: folder }).map((m) => ({ tag: tags.get(m.folderMillis)!, hash: m.hash, folderMillis: m.folderMillis, sql: m.sql }));
}

/**
 * Applies `migrations` in the caller's transaction, recording them where and as drizzle's
 * migrator does (drizzle-orm/pg-core dialect.migrate), so the app's next start sees them applied
 * and goes on from there. Doing it here rather than through drizzle keeps the schema and the
 * data of a restore in one transaction: a failed restore leaves the database as empty as it was.
 */
export async function applyMigrations(sql: Sql, migrations: readonly LocalMigration[]): Promise<void> {
  await sql`create schema if not exists drizzle`;
  await sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`;
  for (const m of migrations) {
    for (const statement of m.sql) if (statement.trim()) await sql.unsafe(statement);
    await sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${m.hash}, ${m.folderMillis})`;
  }
}

/** What a database holds besides PostgreSQL's own catalogs: relations, types and schemas. Empty means nothing. */
export async function userObjects(sql: Sql): Promise<string[]> {
  const rows = await sql<{ what: string }[]>`
    select format('%s %I.%I', case c.relkind when 'r' then 'table' when 'p' then 'table' when 'v' then 'view' when 'm' then 'view' when 'S' then 'sequence' else 'relation' end, n.nspname, c.relname) as what
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
    union all
    select format('type %I.%I', n.nspname, t.typname)
    from pg_type t join pg_namespace n on n.oid = t.typnamespace
    where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' and t.typtype in ('e', 'd')
    union all
    select format('schema %I', nspname) from pg_namespace
    where nspname not in ('pg_catalog', 'information_schema', 'public') and nspname not like 'pg_toast%' and nspname not like 'pg_temp%'
    order by 1`;
  return rows.map((r) => r.what);
}
