import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Sql } from "postgres";

/** A value as COPY's text format writes it. */
function field(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? "t" : "f";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : text;
}

/** Lines of COPY text in chunks of about 256 kB: far fewer writes than one per row. */
function* chunks(rows: Iterable<readonly unknown[]>): Generator<string> {
  let chunk = "";
  for (const row of rows) {
    chunk += row.map(field).join("\t") + "\n";
    if (chunk.length > 262_144) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

/**
 * Streams rows into `table` with COPY FROM STDIN: the fastest way in for rows built here.
 * Returns how many rows went in.
 */
export async function copyRows(sql: Sql, table: string, columns: readonly string[], rows: Iterable<readonly unknown[]>): Promise<number> {
  let n = 0;
  const counted = function* () {
    for (const row of rows) {
      n++;
      yield row;
    }
  };
  const writable = await sql.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
  await pipeline(Readable.from(chunks(counted())), writable);
  return n;
}
