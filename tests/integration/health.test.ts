import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, databaseHealth } from "@dm/db";
import { type TestDatabase, freshDatabase } from "./support/db";

let t: TestDatabase;

beforeAll(async () => {
  t = await freshDatabase();
});
afterAll(async () => {
  await t?.cleanup();
});

/** A port nothing listens on: bind to 0, read the port, close. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe("databaseHealth", () => {
  it("reports up when PostgreSQL answers", async () => {
    const health = await databaseHealth(t.db, 2000);
    expect(health.up).toBe(true);
  });

  it("reports down, within the timeout, when no server is there", async () => {
    const db = createDb(`postgres://postgres:postgres@127.0.0.1:${await closedPort()}/none`, { max: 1 });
    const started = Date.now();
    const health = await databaseHealth(db, 1500);
    expect(health.up).toBe(false);
    expect(Date.now() - started).toBeLessThan(2500);
    await db.$client.end({ timeout: 0 });
  });

  it("reports down when the server does not answer in time", async () => {
    // A listener that accepts connections and never speaks: the query hangs until the timeout.
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const { port } = silent.address() as { port: number };
    const db = createDb(`postgres://postgres:postgres@127.0.0.1:${port}/none`, { max: 1 });
    const started = Date.now();
    const health = await databaseHealth(db, 500);
    expect(health.up).toBe(false);
    expect(Date.now() - started).toBeLessThan(1500);
    await db.$client.end({ timeout: 0 });
    silent.close();
  });
});
