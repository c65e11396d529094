/**
 * What an audit event changed: its `before` and `after` JSON, flattened to field paths
 * ("status", "data.deadline") and compared field by field, so the log can show each field's
 * old and new value and mark the ones that changed. Arrays are compared whole (a list of focus
 * areas is one value to a reader).
 */

export type ChangeKind = "added" | "removed" | "changed" | "same";

export interface FieldChange {
  path: string;
  kind: ChangeKind;
  before?: unknown;
  after?: unknown;
}

/** Nested objects deeper than this are shown as one value. */
const MAX_DEPTH = 3;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function flatten(value: unknown, prefix: string, depth: number, out: Map<string, unknown>): void {
  if (isPlainObject(value) && depth < MAX_DEPTH && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, depth + 1, out);
    return;
  }
  out.set(prefix, value);
}

/** Field paths of a snapshot; a snapshot that is not an object is one field named "value". */
function fields(snapshot: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (snapshot === null || snapshot === undefined) return out;
  if (isPlainObject(snapshot)) flatten(snapshot, "", 0, out);
  else out.set("value", snapshot);
  return out;
}

/** Deep equality of JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameJson(a[k], b[k]));
  }
  return false;
}

/**
 * The fields of `before` and `after`, in the order they appear (after's first), each marked
 * added, removed, changed or same.
 */
export function auditChanges(before: unknown, after: unknown): FieldChange[] {
  const b = fields(before);
  const a = fields(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths.map((path): FieldChange => {
    if (!b.has(path)) return { path, kind: "added", after: a.get(path) };
    if (!a.has(path)) return { path, kind: "removed", before: b.get(path) };
    const kind = sameJson(b.get(path), a.get(path)) ? "same" : "changed";
    return { path, kind, before: b.get(path), after: a.get(path) };
  });
}

/**
 * The instants a filter by Asia/Shanghai calendar days covers: from the start of `from` to the
 * end of `to` (both optional).
 */
export function auditDayRange(from?: string, to?: string): { since?: Date; until?: Date } {
  const start = (day: string) => new Date(`${day}T00:00:00+08:00`);
  const until = to ? new Date(start(to).getTime() + 86_400_000) : undefined;
  return { since: from ? start(from) : undefined, until };
}
