import { connect, type Socket } from "node:net";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db, isDatabaseDown, sql } from "@dm/db";
import { type TestDatabase, freshDatabase } from "./support/db";

/**
 * The `postgres` driver when connections die under it, as they do when PostgreSQL stops or
 * restarts: with the faults packages/db/scripts/patch-postgres.mjs mends, the first test takes
 * the whole test process down with an uncaught TypeError (vitest reports it and fails), and the
 * second waits out connect_timeout on a server that is up.
 */

let t: TestDatabase;
let killer: Db;

beforeAll(async () => {
  t = await freshDatabase();
  killer = createDb(t.url, { max: 1 });
});
afterAll(async () => {
  await killer?.$client.end();
  await t?.cleanup();
});

describe("the postgres driver when a connection dies", () => {
  it("rejects a transaction whose backend is terminated mid-query, and keeps the process and the pool", async () => {
    const db = createDb(t.url, { max: 2 });
    try {
      let pid: number | null = null;
      const transaction = db.transaction(async (tx) => {
        const [row] = await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
        pid = row!.pid;
        await tx.execute(sql`select pg_sleep(5)`);
      });
      const outcome = transaction.then(
        () => "committed",
        (error: unknown) => (isDatabaseDown(error) ? "outage" : String(error)),
      );
      while (pid === null) await new Promise((r) => setTimeout(r, 20));
      await killer.execute(sql`select pg_terminate_backend(${pid})`);
      // The driver's own ROLLBACK goes to the dead connection: refused, not an uncaught crash.
      expect(await outcome).toBe("outage");
      await new Promise((r) => setTimeout(r, 200));
      const [again] = await db.execute<{ ok: number }>(sql`select 1 as ok`);
      expect(again!.ok).toBe(1);
    } finally {
      await db.$client.end({ timeout: 1 });
    }
  });

  it("opens a connection again at once after it closed with a write pending", async () => {
    const sockets: Socket[] = [];
    // The driver's sockets, opened here and kept so the test can cut one (`socket` is an option
    // the driver reads but its types do not list).
    const options = {
      max: 1,
      connect_timeout: 3,
      onnotice: () => {},
      socket: ({ host, port }: { host: string[]; port: number[] }) => {
        const s = connect({ host: host[0]!, port: port[0]! });
        sockets.push(s);
        return s;
      },
    };
    const client = postgres(t.url, options);
    try {
      await client`select 1`;
      // The server goes away while a query's bytes wait for the next turn of the event loop (the
      // driver sends small writes from a setImmediate): the close is handled first. Emitting it
      // from an immediate queued ahead of the driver's makes that order certain.
      const socket = sockets.at(-1)!;
      setImmediate(() => {
        socket.emit("close", false);
        socket.destroy();
      });
      const cut = await client`select 2`.then(
        () => "answered",
        (e: { code?: string }) => e.code,
      );
      expect(cut).toBe("CONNECTION_CLOSED");
      const started = performance.now();
      const [row] = await client`select 3 as n`;
      expect(row!.n).toBe(3);
      // Not the 3 s of connect_timeout: the new connection's start-up was sent at once.
      expect(performance.now() - started).toBeLessThan(1_500);
    } finally {
      await client.end({ timeout: 1 });
    }
  });
});
