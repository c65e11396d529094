import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPgTool } from "./pg-tools";

let dir: string;
/** A stand-in pg_dump that prints `version`. */
async function fakeTool(name: string, version: string) {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\necho "${version}"\n`);
  await chmod(path, 0o755);
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dm-pgtools-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("findPgTool", () => {
  it("takes a pg_dump at least as new as the server", async () => {
    const path = await fakeTool("pg_dump17", "pg_dump (PostgreSQL) 17.2");
    expect((await findPgTool("pg_dump", 17, { PG_DUMP: path })).tool).toMatchObject({ path, major: 17 });
    expect((await findPgTool("pg_dump", 15, { PG_DUMP: path })).tool?.major).toBe(17);
  });

  it("passes over an older one on PATH, and refuses an older one named by PG_DUMP", async () => {
    const path = await fakeTool("pg_dump", "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)");
    const onPath = await findPgTool("pg_dump", 17, { PATH: dir });
    expect(onPath.tool).toBeNull();
    expect(onPath.reason).toMatch(/version 15, older than the server's 17/);
    await expect(findPgTool("pg_dump", 17, { PG_DUMP: path })).rejects.toThrow(/version 15/);
  });

  it("reports a missing tool, and refuses a PG_RESTORE that does not run", async () => {
    expect((await findPgTool("pg_restore", 17, { PATH: join(dir, "nowhere") })).reason).toBe("no pg_restore on PATH");
    await expect(findPgTool("pg_restore", 17, { PG_RESTORE: join(dir, "missing") })).rejects.toThrow(/does not run/);
  });
});
