import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db, eq, sql } from "@dm/db";
import { committees } from "@dm/db/schema";
import { type TestDatabase, freshDatabase } from "./support/db";

/**
 * The app's statements are prepared once per connection (packages/db/src/named-statements.ts),
 * in transactions and savepoints too; DB_PREPARED_STATEMENTS=off leaves them unnamed. Seen from
 * the server: pg_prepared_statements lists the statements prepared on the asking connection,
 * so every pool here has one connection.
 */

let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase();
});
afterAll(async () => {
  await t?.cleanup();
});

async function withDb(env: string | undefined, work: (db: Db) => Promise<void>) {
  const before = process.env.DB_PREPARED_STATEMENTS;
  if (env === undefined) delete process.env.DB_PREPARED_STATEMENTS;
  else process.env.DB_PREPARED_STATEMENTS = env;
  const db = createDb(t.url, { max: 1 });
  if (before === undefined) delete process.env.DB_PREPARED_STATEMENTS;
  else process.env.DB_PREPARED_STATEMENTS = before;
  try {
    await work(db);
  } finally {
    await db.$client.end();
  }
}

/** The statements prepared on the executor's connection that read `committees`. */
async function prepared(db: Pick<Db, "execute">): Promise<{ statement: string; calls: number }[]> {
  const rows = await db.execute<{ statement: string; calls: string }>(
    sql`select statement, generic_plans + custom_plans as calls from pg_prepared_statements where statement like '%from "committees"%'`,
  );
  return rows.map((r) => ({ statement: r.statement, calls: Number(r.calls) }));
}

const byName = (db: Pick<Db, "select">, name: string) => db.select({ id: committees.id }).from(committees).where(eq(committees.name, name));

describe("named statements", () => {
  it("prepares a query once and runs it again by name", async () => {
    await withDb(undefined, async (db) => {
      for (const name of ["株洲市", "醴陵市", "攸县"]) await byName(db, name);
      const statements = await prepared(db);
      expect(statements).toHaveLength(1);
      expect(statements[0]!.calls).toBe(3);
    });
  });

  it("prepares inside transactions and savepoints, on the transaction's connection", async () => {
    await withDb("on", async (db) => {
      await db.transaction(async (tx) => {
        await byName(tx, "株洲市");
        await tx.transaction(async (savepoint) => {
          await byName(savepoint, "醴陵市");
          expect((await prepared(savepoint))[0]!.calls).toBe(2);
        });
      });
    });
  });

  it("sends unnamed statements when DB_PREPARED_STATEMENTS is off", async () => {
    await withDb("off", async (db) => {
      await byName(db, "株洲市");
      await db.transaction(async (tx) => {
        await byName(tx, "醴陵市");
      });
      expect(await prepared(db)).toEqual([]);
    });
  });
});
