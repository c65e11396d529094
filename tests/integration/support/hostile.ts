import fc from "fast-check";
import type { Locale } from "@dm/api";
import { CATALOGUES } from "@dm/api/messages";
import { type Db, sql } from "@dm/db";

/*
 * Hostile input: values a careless or malicious client can send to any procedure, as
 * fast-check arbitraries, and the checks the hostile-input tests make on what comes back.
 */

/* ─── Seed ──────────────────────────────────────────────────────────────────────────────────── */

/**
 * The run's fast-check seed: HOSTILE_SEED if set (to replay a failure), else a fresh one. It is
 * printed, and fast-check's own failure report repeats it with the path of the shrunk case.
 */
export function hostileSeed(label: string): number {
  const fromEnv = process.env.HOSTILE_SEED;
  const seed = fromEnv ? Number(fromEnv) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  console.info(`[hostile] ${label}: fast-check seed ${seed} (replay with HOSTILE_SEED=${seed})`);
  return seed;
}

/* ─── Strings ───────────────────────────────────────────────────────────────────────────────── */

export const SQL_FRAGMENTS = [
  "'; drop table users; --",
  "' OR '1'='1",
  '" OR ""="',
  "1; select pg_sleep(5); --",
  "' UNION SELECT password_hash FROM users --",
  "$1",
  "$$ drop table members $$",
  "\\'; delete from audit_events; --",
  "%",
  "_",
  "\\",
  "%' --",
  "E'\\\\x00'",
  "committees.path LIKE '/%'",
] as const;

/**
 * Script and markup that would run if a page put it into the DOM as HTML. Each sets
 * `window.__xss`, so a page can be asked afterwards whether any of it ran.
 */
export const HTML_PAYLOADS = [
  "<script>window.__xss=1</script>",
  '<img src=x onerror="window.__xss=2">',
  "<svg onload=window.__xss=3>",
  '"><script>window.__xss=4</script>',
  "javascript:window.__xss=5",
  '<a href="javascript:window.__xss=6">点我</a>',
  "</textarea><script>window.__xss=7</script>",
  '<iframe src="javascript:window.__xss=8"></iframe>',
  "<details open ontoggle=window.__xss=9>",
  "{{constructor.constructor('window.__xss=10')()}}",
  "<style>body{display:none}</style>",
  "&lt;script&gt;window.__xss=11&lt;/script&gt;",
  "<!-- ]]> -->",
  '=HYPERLINK("http://evil.example","点我")',
  "+1+1",
  "@SUM(A1)",
] as const;

/** Characters the platform refuses in text: NUL, other C0 and C1 controls, DEL. */
export const CONTROL_STRINGS = ["\u0000", "a\u0000b", "\u0001", "\u0008", "\u000b", "\u000c", "\u001b[31m红色\u001b[0m", "\u001f", "\u007f", "\u0085", "\u009f", "洣水河\u0000排污口"] as const;

/** UTF-16 that is not text: a surrogate without its partner (PostgreSQL would store U+FFFD). */
export const LONE_SURROGATES = ["\ud800", "\udfff", "a\ud83d", "\ude00b", "排污\udc00口", "\ud83d\ud83d"] as const;

/** Unusual but valid text: kept exactly as typed. */
export const UNICODE_STRINGS = [
  "😀",
  "👨‍👩‍👧‍👦 家庭",
  "𠮷野家",
  "é (e + combining accent)",
  "\u202eevil\u202c",
  "zero\u200bwidth",
  "\ufeffBOM",
  "Ｆｕｌｌ　ｗｉｄｔｈ",
  "ﷺ",
  "line\u2028separator",
  "tab\tand\nnewline\r\nend",
  "洣水河 “引号” 『书名』 ‘单引号’",
  "حرف عربي",
  "\uffff\ufffe",
] as const;

export const ODD_STRINGS = [
  "",
  " ",
  "   \t  ",
  "\u3000",
  "%s%s%s%n",
  "{0}",
  "${process.env.AUTH_SECRET}",
  "{{7*7}}",
  "../../etc/passwd",
  "C:\\Windows\\system32",
  "null",
  "undefined",
  "NaN",
  "true",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "0x41",
  "1e309",
  "-0",
  "@everyone",
] as const;

/** Lengths around every bound the schemas use. */
export const BOUNDARY_LENGTHS = [1, 2, 3, 4, 5, 9, 10, 11, 39, 40, 41, 49, 50, 51, 59, 60, 61, 64, 65, 79, 80, 81, 99, 100, 101, 119, 120, 121, 199, 200, 201, 256, 257, 499, 500, 501, 2000, 2001, 5000, 5001, 20_000, 20_001] as const;

/** Longer than any text field allows: every procedure must refuse it, naming the field. */
export const HUGE_LENGTH = 100_000;
const MEGABYTE = 1024 * 1024;

/** A string of exactly `length` UTF-16 units made of `unit` (one or two units long). */
function ofLength(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** Text exactly at, below and above each bound, in ASCII, Chinese and emoji (two units each). */
export const boundaryString = fc
  .tuple(fc.constantFrom(...BOUNDARY_LENGTHS), fc.constantFrom("a", "监", "😀", "<b>"))
  .map(([length, unit]) => ofLength(unit, length));

/** 100 000 characters up to a megabyte, optionally holding a NUL: never accepted. */
export const hugeString = fc
  .tuple(fc.constantFrom(HUGE_LENGTH + 1, 500_000, MEGABYTE), fc.constantFrom("x", "字", "\u0000", "<script>"))
  .map(([length, unit]) => ofLength(unit, length));

const fragment = fc.oneof(
  fc.constantFrom(...SQL_FRAGMENTS),
  fc.constantFrom(...HTML_PAYLOADS),
  fc.constantFrom(...UNICODE_STRINGS),
  fc.constantFrom(...ODD_STRINGS),
  fc.constantFrom("监督", "洣水河排污口", "整改", "生态环境局"),
);

/** Hostile text that a schema may well accept (nothing forbidden in it): it must then be stored exactly. */
export const acceptableHostileString = fc.oneof(
  { weight: 4, arbitrary: fc.array(fragment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(" ")) },
  { weight: 2, arbitrary: fragment },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }) },
);

/** Any hostile string: acceptable ones, forbidden characters, boundary and huge lengths, random binary. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: acceptableHostileString },
  { weight: 2, arbitrary: fc.constantFrom(...CONTROL_STRINGS, ...LONE_SURROGATES) },
  { weight: 1, arbitrary: fc.tuple(acceptableHostileString, fc.constantFrom(...CONTROL_STRINGS, ...LONE_SURROGATES)).map(([s, bad]) => `${s}${bad}${s}`) },
  { weight: 2, arbitrary: boundaryString },
  { weight: 1, arbitrary: hugeString },
  // Any UTF-16 units, lone surrogates included.
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), maxLength: 30 }) },
);

/**
 * The platform's text policy, written out independently of the API's: NUL and every other C0
 * control but tab, line feed and carriage return, DEL, the C1 controls, and a surrogate without
 * its partner are refused.
 */
export function hasForbiddenCharacters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/* ─── Numbers and dates ─────────────────────────────────────────────────────────────────────── */

export const PG_INT_MAX = 2_147_483_647;

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1.5, -2.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, PG_INT_MAX, PG_INT_MAX + 1, -PG_INT_MAX - 2, 32_767, 32_768, 2 ** 53, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, -1e308, 1e-7, 99_999, 10_001),
  // Small positive integers are left out: they are valid ids of real rows, not hostile values.
  fc.integer({ min: -(2 ** 40), max: 0 }),
  fc.integer({ min: PG_INT_MAX + 1, max: 2 ** 40 }),
  fc.double({ noInteger: true }),
);

/** Whether a number can be an integer column's value (PostgreSQL integer). */
export function isInt32(n: number): boolean {
  return Number.isInteger(n) && n >= -PG_INT_MAX - 1 && n <= PG_INT_MAX;
}

/** A date string and whether it names a real calendar day the platform accepts (1900–2100). */
export interface DateText {
  text: string;
  valid: boolean;
}

export const DATE_TEXTS: readonly DateText[] = [
  { text: "2026-02-30", valid: false },
  { text: "2025-02-29", valid: false },
  { text: "2024-02-29", valid: true },
  { text: "2026-04-31", valid: false },
  { text: "0000-00-00", valid: false },
  { text: "0000-01-01", valid: false },
  { text: "0001-01-01", valid: false },
  { text: "1899-12-31", valid: false },
  { text: "1900-01-01", valid: true },
  { text: "2100-12-31", valid: true },
  { text: "2101-01-01", valid: false },
  { text: "9999-12-31", valid: false },
  { text: "99999-01-01", valid: false },
  { text: "+099999-01-01", valid: false },
  { text: "-000001-01-01", valid: false },
  { text: "2026-13-01", valid: false },
  { text: "2026-00-10", valid: false },
  { text: "2026-1-1", valid: false },
  { text: "２０２６-０１-０１", valid: false },
  { text: " 2026-01-01", valid: false },
  { text: "2026-01-01T00:00:00Z", valid: false },
  { text: "2026-01-01\u0000", valid: false },
  { text: "2026/01/01", valid: false },
  { text: "", valid: false },
];

/** Months ("YYYY-MM"): the same impossible and out-of-range values. */
export const MONTH_TEXTS: readonly DateText[] = [
  { text: "0000-01", valid: false },
  { text: "0000-00", valid: false },
  { text: "1899-12", valid: false },
  { text: "1900-01", valid: true },
  { text: "2100-12", valid: true },
  { text: "2101-01", valid: false },
  { text: "9999-12", valid: false },
  { text: "99999-01", valid: false },
  { text: "2026-13", valid: false },
  { text: "2026-00", valid: false },
  { text: "2026-1", valid: false },
  { text: "2026-05-01", valid: false },
  { text: "2026-05\u0000", valid: false },
];

/** Date objects at and beyond every edge; `valid` when within 1900–2100. */
export const DATE_VALUES: readonly { value: Date; valid: boolean }[] = [
  { value: new Date(Number.NaN), valid: false },
  { value: new Date(8.64e15), valid: false },
  { value: new Date(-8.64e15), valid: false },
  { value: new Date("0000-01-01T00:00:00Z"), valid: false },
  { value: new Date("+099999-01-01T00:00:00Z"), valid: false },
  { value: new Date("1899-12-31T15:00:00Z"), valid: false },
  { value: new Date("2101-01-01T00:00:00Z"), valid: false },
  { value: new Date(0), valid: true },
  { value: new Date("2026-02-28T16:00:00.5Z"), valid: true },
];

/* ─── Wrong types and junk ──────────────────────────────────────────────────────────────────── */

/** An object whose own keys would pollute a prototype if merged carelessly. */
export function pollutingObjects(): object[] {
  return [
    JSON.parse('{"__proto__": {"polluted": "yes"}}') as object,
    { constructor: { prototype: { polluted: "yes" } } },
    JSON.parse('{"__proto__": {"toString": "boom"}, "prototype": {"polluted": "yes"}}') as object,
  ];
}

/** Values of the wrong type for any field. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, 123_456_789, "", "1", [], {}, [null], [[]], { "": "" }, 10n, new Map([["a", 1]]), new Set([1]), /regex/, new URL("https://evil.example/"), new Date(0)),
  fc.constantFrom(...pollutingObjects()),
  fc.object({ maxDepth: 2, maxKeys: 3 }),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer({ min: -5, max: 0 }), fc.constant(null)), { maxLength: 4 }),
);

/** Very long arrays (the bounds are at most 1 000), of valid-looking and junk elements. */
export const hugeArray: fc.Arbitrary<unknown[]> = fc
  .tuple(fc.constantFrom(1_001, 10_000, 100_000), fc.constantFrom<unknown>(123_456_789, "x", null, { id: 123_456_789 }))
  .map(([length, element]) => Array.from({ length }, () => element));

/** Any hostile value at all. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(...DATE_TEXTS.map((d) => d.text)) },
  { weight: 1, arbitrary: fc.constantFrom(...DATE_VALUES.map((d) => d.value)) },
  { weight: 2, arbitrary: wrongType },
  { weight: 1, arbitrary: hugeArray },
);

/** A whole input of junk: a value, or an object or array holding hostile values at any depth. */
export const junkInput: fc.Arbitrary<unknown> = fc.oneof(
  hostileValue,
  fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("__proto__", "constructor", "prototype", "id", "version", "data")), hostileValue, { maxKeys: 5 }),
  fc.array(hostileValue, { maxLength: 5 }),
);

/* ─── Mutating one field of a valid input ───────────────────────────────────────────────────── */

export type Path = (string | number)[];

/** The kind of value a field holds, to tell a wrong type from a wrong value. */
export type Kind = "string" | "integer" | "number" | "boolean" | "date" | "array" | "object" | "null" | "undefined" | "other";
export function kindOf(value: unknown): Kind {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string") return "string";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "boolean") return "boolean";
  if (value instanceof Date) return "date";
  if (Array.isArray(value)) return "array";
  if (Object.getPrototypeOf(value) === Object.prototype) return "object";
  return "other";
}

/** Every field of an input, nested ones and array elements included, with its value. */
export function fieldsOf(input: unknown, path: Path = []): { path: Path; value: unknown }[] {
  const here = path.length ? [{ path, value: input }] : [];
  const k = kindOf(input);
  if (k === "array") return [...here, ...(input as unknown[]).flatMap((v, i) => fieldsOf(v, [...path, i]))];
  if (k === "object") return [...here, ...Object.entries(input as object).flatMap(([key, v]) => fieldsOf(v, [...path, key]))];
  return here;
}

/** One change to a valid input. */
export type Mutation =
  | { op: "set"; path: Path; value: unknown; /** What the field held before. */ was: unknown; date?: DateText }
  | { op: "delete"; path: Path }
  | { op: "extraKey"; path: Path; key: string; value: unknown }
  | { op: "replace"; value: unknown };

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_PATTERN = /^\d{4}-\d{2}$/;

/** Hostile values of the field's own kind (mostly) or of any kind. */
function valueFor(was: unknown): fc.Arbitrary<{ value: unknown; date?: DateText }> {
  const plain = (a: fc.Arbitrary<unknown>) => a.map((value) => ({ value }));
  const k = kindOf(was);
  let own: fc.Arbitrary<{ value: unknown; date?: DateText }>;
  if (k === "string" && DATE_PATTERN.test(was as string)) own = fc.constantFrom(...DATE_TEXTS).map((date) => ({ value: date.text, date }));
  else if (k === "string" && MONTH_PATTERN.test(was as string)) own = fc.constantFrom(...MONTH_TEXTS).map((date) => ({ value: date.text, date }));
  else if (k === "string") own = plain(hostileString);
  else if (k === "integer" || k === "number") own = plain(hostileNumber);
  else if (k === "date") own = fc.constantFrom(...DATE_VALUES).map((d) => ({ value: d.value, date: { text: String(d.value), valid: d.valid } }));
  else if (k === "array") own = plain(fc.oneof(hugeArray, fc.array(hostileValue, { maxLength: 3 })));
  else own = plain(wrongType);
  return fc.oneof({ weight: 3, arbitrary: own }, { weight: 1, arbitrary: plain(hostileValue) });
}

/**
 * Values a field of this kind must refuse, whatever the procedure: for text, forbidden characters
 * and a megabyte; for integers, beyond PostgreSQL's integer, fractions, NaN and Infinity; for
 * dates, impossible and out-of-range ones; for arrays, more than a thousand elements; and for
 * every kind, values of another type. (Secrets are compared, never stored: only their length is bounded.)
 */
export function refusedValuesFor(was: unknown, options: { secret?: boolean; bigId?: boolean; file?: boolean } = {}): { label: string; value: unknown }[] {
  const k = kindOf(was);
  const of = (values: Record<string, unknown>) => Object.entries(values).map(([label, value]) => ({ label, value }));
  const huge = "字".repeat(MEGABYTE);
  if (k === "string" && DATE_PATTERN.test(was as string)) return [...DATE_TEXTS.filter((d) => !d.valid).map((d) => ({ label: `date ${JSON.stringify(d.text)}`, value: d.text })), ...of({ number: 20260101, date: new Date(0) })];
  if (k === "string" && MONTH_PATTERN.test(was as string)) return [...MONTH_TEXTS.filter((d) => !d.valid).map((d) => ({ label: `month ${JSON.stringify(d.text)}`, value: d.text })), ...of({ number: 202601 })];
  if (k === "string") {
    const unsafe = options.secret ? {} : { NUL: "\u0000", "NUL inside": "洣水河\u0000排污口", escape: "\u001b[31m", DEL: "a\u007fb", C1: "a\u0085b", "lone high surrogate": "排污\ud83d", "lone low surrogate": "\ude00口" };
    return of({ ...unsafe, ...(options.file ? {} : { "a megabyte": huge }), number: 42, boolean: true, object: { toString: "x" }, array: ["x"] });
  }
  if (k === "integer") {
    const beyond = options.bigId ? { "2^53": 2 ** 53, "-1e20": -1e20 } : { "2^31": PG_INT_MAX + 1, "-2^31-1": -PG_INT_MAX - 2, "2^53": 2 ** 53 };
    return of({ ...beyond, fraction: 1.5, NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, "-Infinity": Number.NEGATIVE_INFINITY, string: "1", bigint: 1n, object: {}, boolean: true });
  }
  if (k === "number") return of({ NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, "-Infinity": Number.NEGATIVE_INFINITY, string: "27.8", object: {} });
  if (k === "boolean") return of({ string: "true", number: 1, object: {} });
  if (k === "date") return [...DATE_VALUES.filter((d) => !d.valid).map((d) => ({ label: `date ${String(d.value)}`, value: d.value })), ...of({ string: "2026-01-01T00:00:00Z", number: 0 })];
  if (k === "array") return of({ "1001 elements": Array.from({ length: 1001 }, () => (was as unknown[])[0] ?? 123_456_789), "100000 elements": Array.from({ length: 100_000 }, () => null), string: "[]", object: { 0: 1 } });
  if (k === "object") return of({ string: "{}", array: [], number: 42 });
  return [];
}

/** Mutations of `base`: one field set to a hostile value, a key removed or added, or the whole input replaced. */
export function mutationOf(base: unknown): fc.Arbitrary<Mutation> {
  const fields = fieldsOf(base);
  const replace = junkInput.map((value): Mutation => ({ op: "replace", value }));
  if (fields.length === 0) return replace;
  const objects = [{ path: [] as Path, value: base }, ...fields].filter((f) => kindOf(f.value) === "object");
  const set = fc.constantFrom(...fields).chain((f) => valueFor(f.value).map(({ value, date }): Mutation => ({ op: "set", path: f.path, value, was: f.value, date })));
  const del = fc.constantFrom(...fields).map((f): Mutation => ({ op: "delete", path: f.path }));
  const arbitraries: fc.WeightedArbitrary<Mutation>[] = [
    { weight: 12, arbitrary: set },
    { weight: 1, arbitrary: del },
    { weight: 1, arbitrary: replace },
  ];
  if (objects.length) {
    const extra = fc
      .tuple(fc.constantFrom(...objects), fc.constantFrom("__proto__", "constructor", "prototype", "isAdmin", "committeePath", "role", "createdBy"), hostileValue)
      .map(([o, key, value]): Mutation => ({ op: "extraKey", path: o.path, key, value }));
    arbitraries.push({ weight: 2, arbitrary: extra });
  }
  return fc.oneof(...arbitraries);
}

/** A copy of `base` with the mutation applied (keys are defined, so `__proto__` becomes an own key). */
export function applyMutation(base: unknown, m: Mutation): unknown {
  if (m.op === "replace") return m.value;
  const copy = structuredClone(base);
  const target = m.op === "extraKey" ? m.path : m.path.slice(0, -1);
  let holder = copy as Record<string | number, unknown>;
  for (const step of target) holder = holder[step] as Record<string | number, unknown>;
  if (m.op === "extraKey") Object.defineProperty(holder, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
  else if (m.op === "delete") {
    if (Array.isArray(holder)) holder.splice(m.path.at(-1) as number, 1);
    else delete holder[m.path.at(-1)!];
  } else holder[m.path.at(-1)!] = m.value;
  return copy;
}

export function describeMutation(m: Mutation): string {
  const show = (v: unknown) => {
    const text = typeof v === "string" ? JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}… (${v.length} units)` : v) : Array.isArray(v) && v.length > 5 ? `[array of ${v.length}]` : fc.stringify(v);
    return text.length > 120 ? `${text.slice(0, 120)}…` : text;
  };
  if (m.op === "replace") return `input = ${show(m.value)}`;
  if (m.op === "delete") return `delete ${m.path.join(".")}`;
  if (m.op === "extraKey") return `${[...m.path, m.key].join(".")} = ${show(m.value)} (extra key)`;
  return `${m.path.join(".")} = ${show(m.value)}`;
}

/* ─── The database: nothing changed, and text kept exactly ──────────────────────────────────── */

let tableNames: Promise<string[]> | undefined;
/** The tables of the platform's schema (they do not change during a run). */
function platformTables(db: Db): Promise<string[]> {
  tableNames ??= db
    .execute<{ name: string }>(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`)
    .then((rows) => rows.map((r) => r.name));
  return tableNames;
}

/**
 * A fingerprint of every table: its row count and the newest row version (`xmin`, the id of
 * the transaction that wrote the row). Any committed insert or update writes a row version with
 * a newer transaction id and any delete lowers the count, so an equal fingerprint before and
 * after a call means the call wrote nothing: no row added, changed or removed, no audit event,
 * notification or file record. (Locking a row, as a refused transition does, writes no version.)
 */
export async function databaseFingerprint(db: Db): Promise<Map<string, string>> {
  const parts = (await platformTables(db)).map((name) => sql`select ${name}::text as name, count(*)::text || ':' || coalesce(max(t.xmin::text::bigint), 0)::text as print from ${sql.identifier(name)} t`);
  const rows = await db.execute<{ name: string; print: string }>(sql.join(parts, sql` union all `));
  return new Map(rows.map((r) => [r.name, r.print]));
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((t) => before.get(t) !== after.get(t));
}

/**
 * The tables with a row that holds `text` exactly as a value, in a column, an array element or
 * inside a JSON document; the audit trail only when asked (it holds every input).
 */
export async function storedVerbatim(db: Db, text: string, options: { audit?: boolean } = {}): Promise<string[]> {
  const parts = (await platformTables(db))
    .filter((name) => options.audit || name !== "audit_events")
    .map((name) => sql`select ${name}::text as name from ${sql.identifier(name)} t where jsonb_path_exists(to_jsonb(t), '$.** ? (@ == $s)', jsonb_build_object('s', ${text}::text))`);
  const rows = await db.execute<{ name: string }>(sql.join(parts, sql` union `));
  return rows.map((r) => r.name);
}

/* ─── Judging a refusal ─────────────────────────────────────────────────────────────────────── */

/** Every message the API may send, per locale, as patterns (`{name}` placeholders match anything). */
const CATALOGUE_PATTERNS: Record<Locale, RegExp[]> = {
  "zh-CN": CATALOGUES.flatMap((c) => Object.values(c["zh-CN"])).map(templatePattern),
  en: CATALOGUES.flatMap((c) => Object.values(c.en)).map(templatePattern),
};
function templatePattern(template: string): RegExp {
  const parts = template.split(/\{\w+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join("[\\s\\S]*")}$`);
}
/** Whether a message people read is one of the catalogue's, in that locale (never zod's or tRPC's own words). */
export const fromCatalogue = (locale: Locale, message: string) => CATALOGUE_PATTERNS[locale].some((p) => p.test(message));

export const pathKey = (path: Path) => path.join(".");
/** A field's pattern: array indexes become "*" ("focusAreas.*"). */
export const pathPattern = (path: Path) => path.map((p) => (typeof p === "number" ? "*" : p)).join(".");
/** A label's own seed, derived from the run's: each property explores other values, and HOSTILE_SEED replays them all. */
export const hashOf = (text: string) => [...text].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 0);

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join();
/** Whether anything was added to Object.prototype (a `__proto__` key merged carelessly). */
export function prototypePolluted(): boolean {
  return Object.getOwnPropertyNames(Object.prototype).sort().join() !== PROTOTYPE_KEYS || ({} as Record<string, unknown>).polluted !== undefined;
}

/** The innermost cause of an error (PostgreSQL's, under drizzle's "Failed query"), with its SQLSTATE. */
export function rootCause(error: unknown): string {
  let e = error as { cause?: unknown; code?: string; message?: string };
  while (e.cause && typeof e.cause === "object") e = e.cause as typeof e;
  return `${e.code ? `[${e.code}] ` : ""}${e.message ?? String(e)}`;
}

/** Fields with their own rules: secrets (any characters), bigserial ids, files (base64, long). */
export interface FieldRules {
  secrets?: string[];
  bigIds?: string[];
  files?: string[];
}

/** Why the changed field must be refused whatever the procedure (null: it may be accepted). */
export function mustRefuse(m: Mutation, rules: FieldRules = {}): string | null {
  if (m.op !== "set") return null;
  const was = kindOf(m.was);
  const now = kindOf(m.value);
  const numeric = (k: string) => k === "integer" || k === "number";
  // null may be allowed (a nullable field); any other kind than the field's own is refused.
  if (was !== "null" && now !== "null" && now !== was && !(numeric(was) && numeric(now))) return `a ${now} where a ${was} belongs`;
  const pattern = pathPattern(m.path);
  if (typeof m.value === "string") {
    if (m.value.length > HUGE_LENGTH && !rules.files?.includes(pattern)) return `a string of ${m.value.length} units`;
    // Trimming comes first (a form feed at the end is whitespace); what is left must be clean.
    if (!rules.secrets?.includes(pattern) && hasForbiddenCharacters(m.value.trim())) return "text with control characters or a lone surrogate";
  }
  if (typeof m.value === "number" && numeric(was) && !Number.isFinite(m.value)) return `the number ${m.value}`;
  if (typeof m.value === "number" && was === "integer" && !Number.isSafeInteger(m.value)) return `${m.value}, not a safe integer`;
  if (typeof m.value === "number" && was === "integer" && !isInt32(m.value) && !rules.bigIds?.includes(pattern)) return `${m.value}, not a PostgreSQL integer`;
  if (Array.isArray(m.value) && m.value.length > 1_000) return `an array of ${m.value.length}`;
  if (m.date && !m.date.valid) return `the impossible or out-of-range date ${JSON.stringify(m.date.text)}`;
  return null;
}

/** Whether per-field messages name the field at `path` (or a field inside it). */
export function namesField(fieldErrors: Record<string, string[]> | undefined, path: Path): boolean {
  const key = pathKey(path);
  return Object.keys(fieldErrors ?? {}).some((f) => f === key || f.startsWith(`${key}.`));
}
