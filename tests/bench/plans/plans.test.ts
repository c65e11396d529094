/**
 * No benchmarked procedure reads a large table from end to end: every statement each scenario
 * of scenarios.ts sends (captured from the real procedure on the generated one-tenth data set)
 * is EXPLAINed twice, with its parameters (the plan of a prepared statement's first runs) and
 * as a generic plan (the one it may keep after five), and neither may hold a Seq Scan on a
 * table of more than 10,000 rows.
 */
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { databaseUrl } from "../data/generate";
import { READS, WRITES } from "../scenarios";
import { captureCall, explain, planText, type ScenarioCall, scenarioCalls, seqScans, tableRows } from "./explain";

const LARGE = 10_000;
const manifest = inject("benchManifest");
const url = databaseUrl(inject("benchAdminUrl"), manifest.database);
const sql = postgres(url, { max: 1, onnotice: () => {} });
let calls: Map<string, ScenarioCall>;
let rows: Map<string, number>;

beforeAll(async () => {
  calls = new Map((await scenarioCalls(sql, manifest)).map((c) => [c.name, c]));
  rows = await tableRows(sql);
});
afterAll(() => sql.end());

describe("the generated data set", () => {
  it("makes the big tables big enough for the rule to bite", () => {
    for (const table of ["activities", "registrations", "activity_invitees", "problems", "problem_events", "assignment_events"]) {
      expect(rows.get(table), table).toBeGreaterThan(LARGE);
    }
  });
});

describe.each([...READS.map((r) => r.name), ...WRITES.map((w) => w.name)])("%s", (name) => {
  it(`reads no table of over ${LARGE.toLocaleString("en")} rows by a sequential scan`, async () => {
    const call = calls.get(name)!;
    const queries = await captureCall(url, call);
    expect(queries.length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const [i, q] of queries.entries()) {
      for (const mode of ["custom", "generic"] as const) {
        const { plan } = await explain(sql, q, mode);
        for (const scan of seqScans(plan)) {
          const n = rows.get(scan.relation) ?? 0;
          if (n <= LARGE) continue;
          found.push(
            `${call.path}, statement ${i + 1} (${mode} plan): Seq Scan on ${scan.relation} (${Math.round(n).toLocaleString("en")} rows)\n` +
              `${q.sql}\nparameters: ${JSON.stringify(q.params)}\n${planText(plan)}`,
          );
        }
      }
    }
    expect(found, found.join("\n\n")).toEqual([]);
  });
});
