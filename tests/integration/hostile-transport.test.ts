import { createHash, randomUUID } from "node:crypto";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter, createContext, type Locale, MAX_BATCH_SIZE, type PhotoStore, submitTip } from "@dm/api";
import { hashTipIp } from "@dm/api/domain/tip";
import { eq } from "@dm/db";
import { members } from "@dm/db/schema";
import { freshDatabase, type TestDatabase } from "./support/db";
import { createOrg, nextPhone, type Org } from "./support/fixtures";
import {
  acceptableHostileString,
  applyMutation,
  changedTables,
  CONTROL_STRINGS,
  databaseFingerprint,
  describeMutation,
  fromCatalogue,
  hashOf,
  hasForbiddenCharacters,
  HTML_PAYLOADS,
  hostileSeed,
  hostileString,
  junkInput,
  LONE_SURROGATES,
  mustRefuse,
  mutationOf,
  namesField,
  prototypePolluted,
  rootCause,
  SQL_FRAGMENTS,
  storedVerbatim,
} from "./support/hostile";
import { callerFor } from "./support/trpc";

/*
 * Hostile input through the other doors: raw HTTP requests to the tRPC endpoint (malformed
 * JSON, superjson metadata that asks for odd types or names `__proto__`, unknown procedures,
 * oversized batches), the public tip form (no sign-in: the most exposed input of all), and a
 * roster file whose cells hold hostile text. Never a 500; a refusal is in catalogue words and
 * writes nothing; what is accepted is stored exactly.
 */

let t: TestDatabase;
let org: Org;
const seed = hostileSeed("hostile-transport.test.ts");
const runs = (n: number) => Number(process.env.HOSTILE_RUNS ?? n);
/** A property runs many calls: room for a loaded machine (a few seconds when idle). */
const PROPERTY_TIMEOUT = 180_000;

beforeAll(async () => {
  t = await freshDatabase();
  org = await createOrg(t.db);
});
afterAll(() => t?.cleanup());

/* ─── The tRPC endpoint over HTTP ───────────────────────────────────────────────────────────── */

/** The endpoint as the web app's route serves it (`/api/trpc`, superjson, the same batch limit). */
function serve(request: Request, userId: number | null): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: () => createContext({ db: t.db, session: userId === null ? null : { userId, sessionId: randomUUID(), sessionVersion: 0 }, headers: request.headers }),
  });
}

const PROCEDURES = Object.keys(appRouter._def.procedures);
const ODD_PATHS = ["nope.nope", "__proto__", "constructor", "account.__proto__", "account.constructor", "toString", "account.me.extra", "account", "", "account.me,__proto__", "%00", "account.me%00"];

/** superjson metadata that asks the server to revive odd types, or to walk into `__proto__`. */
const HOSTILE_META: unknown[] = [
  { values: ["Date"] },
  { values: ["bigint"] },
  { values: ["regexp"] },
  { values: ["set"] },
  { values: ["map"] },
  { values: ["undefined"] },
  { values: [["class", "Foo"]] },
  { values: [["custom", "nope"]] },
  { values: [["symbol", "x"]] },
  { values: { id: ["Date"], "data.title": ["bigint"] } },
  { values: { "__proto__.polluted": ["undefined"] } },
  { values: { "constructor.prototype.polluted": ["Date"] } },
  { referentialEqualities: { "": ["__proto__.polluted"] } },
  { referentialEqualities: { id: ["constructor.prototype.polluted"] } },
  { values: { "a.b.c.d.e.f": [["Date"]] } },
  "not an object",
  null,
];

/** What a client may put in a request's input: broken JSON, junk, superjson with hostile metadata. */
const rawInput: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("", "{", "}", "[", "nul", "\u0000", '{"json":', '"unterminated', "{'json': 1}", "NaN", "Infinity", "1e999", "[][]", "\ufeff{}", '{"json":{"id":1},"meta":', "x".repeat(200_000)),
  junkInput.map((value) => safeJson(value)),
  fc.tuple(junkInput, fc.constantFrom(...HOSTILE_META)).map(([json, meta]) => safeJson({ json, meta })),
  fc.tuple(fc.constantFrom(...PROCEDURES), junkInput).map(([, json]) => safeJson({ json: { id: json, version: json, search: json } })),
);

/** JSON of a value that may hold what JSON cannot (bigint, Map): those become strings. */
function safeJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v instanceof Map || v instanceof Set ? [...v] : v)) ?? "null";
}

/**
 * Refusals tRPC makes before a request context exists (a content type or method it does not
 * take): without the context's locale they are in the default language, Chinese.
 */
const BEFORE_CONTEXT = new Set(["UNSUPPORTED_MEDIA_TYPE", "METHOD_NOT_SUPPORTED"]);

/** Errors in a tRPC answer body (one, or one per call of a batch), superjson-encoded. */
function errorsOf(body: unknown): { message: string; code: string }[] {
  const entries = Array.isArray(body) ? body : [body];
  return entries.flatMap((e) => {
    const error = (e as { error?: { json?: { message: string; data?: { code: string } } } } | null)?.error?.json;
    return error ? [{ message: error.message, code: error.data?.code ?? "" }] : [];
  });
}

describe("the tRPC endpoint over HTTP", () => {
  it("answers any request without a 500, in catalogue words, and a refused one writes nothing", async () => {
    const problems: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          path: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PROCEDURES) }, { weight: 1, arbitrary: fc.constantFrom(...ODD_PATHS) }),
          method: fc.constantFrom("GET", "POST", "PUT"),
          batch: fc.boolean(),
          input: rawInput,
          contentType: fc.constantFrom("application/json", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", ""),
          locale: fc.constantFrom<Locale>("zh-CN", "en"),
          signedIn: fc.boolean(),
        }),
        async ({ path, method, batch, input, contentType, locale, signedIn }) => {
          const query = new URLSearchParams();
          if (batch) query.set("batch", "1");
          const body = batch ? `{"0":${input || "null"},"1":${input || "null"}}` : input;
          if (method === "GET") query.set("input", body);
          const headers = new Headers({ "x-locale": locale });
          if (contentType) headers.set("content-type", contentType);
          const request = new Request(`http://dm.test/api/trpc/${batch ? `${path},${path}` : path}?${query}`, { method, headers, body: method === "GET" ? undefined : body });
          const before = await databaseFingerprint(t.db);
          const response = await serve(request, signedIn ? org.users.countyA.id : null);
          const text = await response.text();
          const label = `${method} ${path}${batch ? " (batch)" : ""} ${contentType} ${JSON.stringify(input.slice(0, 80))}`;
          if (response.status >= 500) problems.push(`${label}: status ${response.status}: ${text.slice(0, 200)}`);
          if (prototypePolluted()) problems.push(`${label}: Object.prototype was polluted`);
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            problems.push(`${label}: the answer is not JSON: ${text.slice(0, 120)}`);
          }
          const errors = errorsOf(parsed);
          for (const e of errors) if (!fromCatalogue(locale, e.message) && !(BEFORE_CONTEXT.has(e.code) && fromCatalogue("zh-CN", e.message))) problems.push(`${label}: ${locale} message not from the catalogue: ${JSON.stringify(e.message)} (${e.code})`);
          if (response.status >= 400 && !batch) {
            const changed = changedTables(before, await databaseFingerprint(t.db));
            if (changed.length) problems.push(`${label}: refused but changed ${changed.join(", ")}`);
          }
          expect(problems).toEqual([]);
        },
      ),
      { seed: seed ^ hashOf("http"), numRuns: runs(150), endOnFailure: true },
    );
  }, PROPERTY_TIMEOUT);

  it("refuses a batch larger than the limit, in catalogue words", async () => {
    const paths = Array.from({ length: MAX_BATCH_SIZE + 1 }, () => "account.me").join(",");
    const response = await serve(new Request(`http://dm.test/api/trpc/${paths}?batch=1`, { headers: { "x-locale": "zh-CN" } }), org.users.countyA.id);
    expect(response.status).toBe(400);
    const [error] = errorsOf(await response.json());
    expect(fromCatalogue("zh-CN", error!.message), error!.message).toBe(true);
  });
});

/* ─── The public tip form ───────────────────────────────────────────────────────────────────── */

/** The photo store: nothing is saved in these runs (no photos), but a refusal must leave it empty too. */
const store: PhotoStore & { saved: number } = {
  saved: 0,
  async save(bytes) {
    this.saved += 1;
    return { key: randomUUID(), size: bytes.byteLength, sha256: createHash("sha256").update(bytes).digest("hex") };
  },
  async remove() {},
};

describe("the public tip form", () => {
  it("stores hostile text exactly or refuses it per field, and never fails", async () => {
    const valid = { content: "村后山有人夜间焚烧电子垃圾，气味刺鼻", location: "月塘街道 长塘村后山", committeeId: org.townA1.id, contact: "13800001111", website: "" };
    let address = 0;
    await fc.assert(
      fc.asyncProperty(mutationOf(valid), fc.constantFrom<Locale>("zh-CN", "en"), async (mutation, locale) => {
        const fields = applyMutation(valid, mutation);
        const before = await databaseFingerprint(t.db);
        const label = describeMutation(mutation);
        let result: Awaited<ReturnType<typeof submitTip>>;
        try {
          result = await submitTip(t.db, { fields, photos: [], ipHash: hashTipIp("hostile", `203.0.113.${++address}`), locale }, store);
        } catch (error) {
          throw new Error(`${label}: submitTip threw ${rootCause(error)}`);
        }
        const refusal = mustRefuse(mutation);
        if (result.ok) {
          expect(refusal, `${label}: accepted`).toBeNull();
          if (mutation.op === "set" && typeof mutation.value === "string" && ["content", "location", "contact"].includes(String(mutation.path[0]))) {
            expect(await storedVerbatim(t.db, mutation.value.trim()), `${label}: stored exactly`).toContain("tips");
          }
          return;
        }
        expect(changedTables(before, await databaseFingerprint(t.db)), `${label}: refused but wrote`).toEqual([]);
        for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) for (const m of messages) expect(fromCatalogue(locale, m), `${label}: ${field}: ${m}`).toBe(true);
        if (refusal && mutation.op === "set") {
          expect(result.reason, `${label}: ${refusal}`).toBe("invalid");
          expect(namesField(result.fieldErrors, mutation.path), `${label}: names the field`).toBe(true);
        }
      }),
      { seed: seed ^ hashOf("tip"), numRuns: runs(60), endOnFailure: true },
    );
    expect(store.saved).toBe(0);
  }, PROPERTY_TIMEOUT);
});

/* ─── A roster file with hostile cells ──────────────────────────────────────────────────────── */

const ROSTER_HEADERS = ["姓名", "性别", "界别", "政治面貌", "委员层级", "手机号", "工作单位及职务", "所属组织"];

describe("a roster file with hostile cells", () => {
  const cell = fc.oneof(acceptableHostileString, fc.constantFrom(...CONTROL_STRINGS, ...LONE_SURROGATES, ...SQL_FRAGMENTS, ...HTML_PAYLOADS), hostileString.filter((s) => s.length < 5000));

  it("imports each row exactly as written or reports its problem, and never fails", async () => {
    const county = callerFor(t.db, org.users.countyA.id);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ name: cell, workplace: cell, committee: fc.oneof(fc.constant("荷塘区政协"), cell) }), { minLength: 1, maxLength: 4 }), async (rows) => {
        const wb = new ExcelJS.Workbook();
        const sheet = wb.addWorksheet("委员名册");
        sheet.addRow(ROSTER_HEADERS);
        for (const r of rows) sheet.addRow([r.name, "女", "教育界", "群众", "县市区政协委员", nextPhone(), r.workplace, r.committee]);
        const file = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
        let result: Awaited<ReturnType<typeof county.member.importCommit>>;
        try {
          result = await county.member.importCommit({ file });
        } catch (error) {
          const code = (error as { code?: string }).code;
          // An unreadable file (a cell no XML can hold) is refused as such; nothing else may fail.
          expect(code, `${JSON.stringify(rows)}: ${rootCause(error)}`).toBe("BAD_REQUEST");
          return;
        }
        // The cells as the server read them (the .xlsx writer drops what XML cannot hold, a NUL).
        for (const row of result.rows) {
          const [stored] = await t.db.select({ name: members.name, workplace: members.workplace }).from(members).where(eq(members.phone, row.values.phone));
          if (row.ok) {
            // The name loses its spaces (as the import documents), the workplace is trimmed; nothing else changes.
            expect(stored, `row ${row.row} was reported imported`).toEqual({ name: row.values.name.replace(/\s+/g, ""), workplace: row.values.workplace.trim() });
          } else {
            expect(stored, `row ${row.row} had problems: ${JSON.stringify(row.issues)}`).toBeUndefined();
          }
          if (hasForbiddenCharacters(row.values.name) || hasForbiddenCharacters(row.values.workplace)) expect(row.ok, `row ${row.row}: ${JSON.stringify(row.values)}`).toBe(false);
        }
      }),
      { seed: seed ^ hashOf("roster"), numRuns: runs(25), endOnFailure: true },
    );
  }, PROPERTY_TIMEOUT);
});
