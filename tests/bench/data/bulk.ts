import type { Sql } from "postgres";

interface Deferred {
  foreignKeys: { table: string; name: string; definition: string }[];
  indexes: { name: string; definition: string }[];
}

/**
 * Takes the foreign keys and secondary indexes off every table before a bulk load and returns
 * how to put them back: loading into bare tables and then building each index in one sort, and
 * checking each foreign key in one join, is many times faster than maintaining them row by row.
 * Primary keys and unique constraints stay. What comes back is exactly what the migrations made
 * (the definitions are read from the catalogue), and re-adding a foreign key or unique index
 * checks every loaded row against it.
 */
export async function deferConstraints(sql: Sql): Promise<Deferred> {
  const foreignKeys = await sql<{ table: string; name: string; definition: string }[]>`
    select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
    from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace order by 1, 2`;
  const indexes = await sql<{ name: string; definition: string }[]>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i join pg_class t on t.oid = i.indrelid
    where t.relnamespace = 'public'::regnamespace
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
    order by 1`;
  for (const fk of foreignKeys) await sql.unsafe(`alter table ${fk.table} drop constraint ${fk.name}`);
  for (const index of indexes) await sql.unsafe(`drop index ${index.name}`);
  return { foreignKeys, indexes };
}

/** Builds the indexes and re-adds (and so checks) the foreign keys taken off by deferConstraints. */
export async function restoreConstraints(sql: Sql, deferred: Deferred): Promise<void> {
  for (const index of deferred.indexes) await sql.unsafe(index.definition);
  for (const fk of deferred.foreignKeys) await sql.unsafe(`alter table ${fk.table} add constraint ${fk.name} ${fk.definition}`);
}

/** Moves every id sequence past the ids written explicitly, so the app's inserts continue after them. */
export async function resetSequences(sql: Sql): Promise<void> {
  const columns = await sql<{ table: string; column: string; sequence: string }[]>`
    select c.table_name as table, c.column_name as column, pg_get_serial_sequence(format('%I', c.table_name), c.column_name) as sequence
    from information_schema.columns c
    where c.table_schema = 'public' and pg_get_serial_sequence(format('%I', c.table_name), c.column_name) is not null`;
  for (const c of columns) {
    await sql.unsafe(`select setval('${c.sequence}', coalesce((select max(${c.column}) from ${c.table}), 0) + 1, false)`);
  }
}
