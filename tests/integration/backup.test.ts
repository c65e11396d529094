import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { extract, pack } from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { hashPassword } from "@dm/auth/password";
import { createDb, type Db, sql } from "@dm/db";
import { applicationTables, backupDatabase, connect, type Manifest, readManifest, restoreDatabase, tableChecksum } from "@dm/db/backup";
import { attachments, auditEvents, committees, notifications, users } from "@dm/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@dm/db/seed";
import { type TestDatabase, freshDatabase } from "./support/db";

/**
 * `npm run db:backup` / `db:restore` (issue #8), on real PostgreSQL: the demo data (and a few
 * uploaded files) backed up while writes go on, restored into a new database, and compared
 * table by table — row counts, row checksums computed independently on both sides, the
 * migrations, the sequences (new rows after the restore get new ids) and the files. A
 * non-empty target is refused; a damaged or tampered file is refused and leaves nothing behind.
 */
let source: TestDatabase;
let work: string;
let sourceFiles: string;
let backupFile: string;
let manifest: Manifest;
const targets: string[] = [];
/** Each restore applies the migrations and checks every table: seconds each on a loaded machine. */
const SLOW = { timeout: 60_000 };

function urlOf(name: string) {
  const url = new URL(inject("pgAdminUrl"));
  url.pathname = `/${name}`;
  return url.toString();
}

/** A database name no one has used: restore creates it. */
function newTarget(): string {
  const name = `r_${process.pid}_${randomBytes(5).toString("hex")}`;
  targets.push(name);
  return name;
}

async function withDb<T>(name: string, run: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(urlOf(name), { max: 2 });
  try {
    return await run(db);
  } finally {
    await db.$client.end();
  }
}

/** Every application table's row count and checksum, computed by the server itself. */
async function fingerprint(url: string) {
  const sqlc = connect(url);
  try {
    const out: Record<string, { rows: number; md5: string }> = {};
    for (const shape of await applicationTables(sqlc)) out[shape.name] = await tableChecksum(sqlc, shape);
    const [direct] = await sqlc<{ n: string }[]>`select count(*)::text as n from members`;
    const migrations = await sqlc`select hash, created_at from drizzle.__drizzle_migrations order by id`;
    return { tables: out, members: Number(direct!.n), migrations: migrations.map((m) => ({ ...m })) };
  } finally {
    await sqlc.end();
  }
}

beforeAll(async () => {
  source = await freshDatabase();
  work = await mkdtemp(join(tmpdir(), "dm-backup-test-"));
  sourceFiles = join(work, "attachments");
  await seedDemo(source.db, await hashPassword(DEMO_PASSWORD));
  // Three uploaded files, as the store keeps them (named by key), with their rows.
  const [uploader] = await source.db.select({ id: users.id }).from(users).limit(1);
  const { mkdir } = await import("node:fs/promises");
  await mkdir(sourceFiles, { recursive: true });
  for (const [i, body] of [randomBytes(70_000), Buffer.from("整改前照片"), Buffer.from("%PDF-1.4 整改报告")].entries()) {
    const key = randomUUID();
    await writeFile(join(sourceFiles, key), body);
    await source.db.insert(attachments).values({ storageKey: key, fileName: `附件${i}.bin`, mimeType: "application/octet-stream", size: body.length, sha256: createHash("sha256").update(body).digest("hex"), uploadedBy: uploader!.id });
  }

  // The backup runs while another connection keeps writing: it must still be one consistent instant.
  let writing = true;
  const writer = (async () => {
    while (writing) await source.db.insert(notifications).values({ userId: uploader!.id, kind: "test.concurrent", title: "备份期间写入", link: "/" });
  })();
  try {
    const result = await backupDatabase({ url: source.url, target: join(work, "backups"), attachmentsDir: sourceFiles, method: "auto" });
    backupFile = result.file;
    manifest = result.manifest;
    expect(result.warnings).toEqual([]);
  } finally {
    writing = false;
    await writer;
  }
}, 120_000);

afterAll(async () => {
  const admin = createDb(inject("pgAdminUrl"), { max: 1 });
  for (const name of targets) await admin.execute(sql.raw(`drop database if exists ${name} with (force)`));
  await admin.$client.end();
  await source?.cleanup();
  if (work) await rm(work, { recursive: true, force: true });
});

/** The migrations in the repository's journal: the backup records every one applied. */
function committedMigrations(): string[] {
  const journal = JSON.parse(readFileSync(resolve(import.meta.dirname, "../../packages/db/migrations/meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };
  return journal.entries.map((e) => e.tag);
}

describe("backup", SLOW, () => {
  it("writes one .tar.gz named after the database and the time, with the manifest first", async () => {
    expect(backupFile).toMatch(/\/backups\/t_\d+_[0-9a-f]+-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.tar\.gz$/);
    expect((await readManifest(backupFile)).createdAt).toBe(manifest.createdAt);
    // pg_dump of Debian 12 (15) cannot dump this PostgreSQL 17: the built-in method was chosen.
    expect(manifest.method).toBe("builtin");
    expect(manifest.migrations.map((m) => m.tag)).toEqual(committedMigrations());
    const names = manifest.tables.map((t) => t.name);
    // Foreign-key order: what is referenced comes first; pg-boss and drizzle's own table are not data.
    expect(names.indexOf("committees")).toBeLessThan(names.indexOf("members"));
    expect(names.indexOf("members")).toBeLessThan(names.indexOf("users"));
    expect(names.indexOf("users")).toBeLessThan(names.indexOf("audit_events"));
    expect(names).not.toContain("__drizzle_migrations");
    expect(manifest.tables.find((t) => t.name === "committees")!.rows).toBeGreaterThan(40);
    expect(manifest.attachments).toMatchObject({ included: true, missing: [] });
    expect(manifest.attachments.files).toHaveLength(3);
  });

  it("counts what the snapshot holds even while rows are being written", async () => {
    // The manifest's counts and the COPY data come from the same instant: the restore below checks them against each other.
    expect(manifest.tables.find((t) => t.name === "notifications")!.rows).toBeGreaterThan(0);
  });
});

describe("restore", SLOW, () => {
  let target: string;
  let targetFiles: string;

  beforeAll(async () => {
    target = newTarget();
    targetFiles = join(work, "restored-attachments");
    const result = await restoreDatabase({ url: urlOf(target), file: backupFile, attachmentsDir: targetFiles });
    expect(result.warnings).toEqual([]);
    expect(result.files).toBe(3);
  }, 120_000);

  it("brings back every table with the same row count and the same rows, and the same migrations", async () => {
    const restored = await fingerprint(urlOf(target));
    for (const t of manifest.tables) expect(restored.tables[t.name], t.name).toEqual({ rows: t.rows, md5: t.md5 });
    expect(Object.keys(restored.tables).sort()).toEqual(manifest.tables.map((t) => t.name).sort());
    expect(restored.members).toBe(manifest.tables.find((t) => t.name === "members")!.rows);
    expect(restored.migrations.map((m) => m.hash)).toEqual(manifest.migrations.map((m) => m.hash));
    // The source, apart from what was written after the snapshot, is the same.
    const now = await fingerprint(source.url);
    for (const t of manifest.tables.filter((x) => x.name !== "notifications")) expect(now.tables[t.name], t.name).toEqual(restored.tables[t.name]);
  });

  it("continues the sequences: new rows get new ids", async () => {
    await withDb(target, async (db) => {
      const [maxCommittee] = await db.select({ n: sql<number>`max(id)::int` }).from(committees);
      const [city] = await db.select().from(committees).where(sql`level = 'city'`);
      const [added] = await db.insert(committees).values({ name: "恢复后新增的政协", shortName: "新增", level: "township", parentId: city!.id, path: "/pending/" }).returning({ id: committees.id });
      expect(added!.id).toBeGreaterThan(maxCommittee!.n);
      const [maxAudit] = await db.select({ n: sql<number>`max(id)::int` }).from(auditEvents);
      const [event] = await db.insert(auditEvents).values({ action: "test.afterRestore", entityType: "test", entityId: "1", requestId: "r" }).returning({ id: auditEvents.id });
      expect(event!.id).toBeGreaterThan(maxAudit!.n);
    });
  });

  it("puts the files back, byte for byte", async () => {
    for (const f of manifest.attachments.files) {
      const [a, b] = await Promise.all([readFile(join(sourceFiles, f.key)), readFile(join(targetFiles, f.key))]);
      expect(b.equals(a)).toBe(true);
    }
  });

  it("refuses a database that is not empty, and changes nothing in it", async () => {
    const before = await fingerprint(urlOf(target));
    await expect(restoreDatabase({ url: urlOf(target), file: backupFile, attachmentsDir: null })).rejects.toThrow(/is not empty .*--force/);
    expect(await fingerprint(urlOf(target))).toEqual(before);
  });

  it("with --force, asks, and drops and recreates the database only when confirmed", async () => {
    const questions: string[] = [];
    const before = await fingerprint(urlOf(target));
    await expect(restoreDatabase({ url: urlOf(target), file: backupFile, attachmentsDir: null, force: true, confirm: async (q) => (questions.push(q), false) })).rejects.toThrow(/cancelled/);
    expect(await fingerprint(urlOf(target))).toEqual(before);
    await restoreDatabase({ url: urlOf(target), file: backupFile, attachmentsDir: null, force: true, confirm: async (q) => (questions.push(q), true) });
    expect(questions).toHaveLength(2);
    expect(questions[0]).toMatch(/is not empty/);
    // The committee added above is gone: the database is the backup again.
    const restored = await fingerprint(urlOf(target));
    for (const t of manifest.tables) expect(restored.tables[t.name], t.name).toEqual({ rows: t.rows, md5: t.md5 });
  });
});

describe("a damaged backup", SLOW, () => {
  /** One target for every refused restore: each must leave it empty, so the next one is accepted into it. */
  let refusedInto: string;
  beforeAll(() => {
    refusedInto = newTarget();
  });
  /** Unpacks the archive, lets `change` edit its entries, and packs it again (a valid .tar.gz). */
  async function rewritten(change: (entries: Map<string, Buffer>) => void): Promise<string> {
    const entries = new Map<string, Buffer>();
    const ex = extract();
    ex.on("entry", (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: unknown) => chunks.push(c as Buffer));
      stream.on("end", () => {
        entries.set(header.name, Buffer.concat(chunks));
        next();
      });
    });
    await pipeline(createReadStream(backupFile), createGunzip(), ex);
    change(entries);
    const file = join(work, `tampered-${randomBytes(3).toString("hex")}.tar.gz`);
    const p = pack();
    const written = pipeline(p, createGzip(), createWriteStream(file));
    for (const [name, body] of entries) p.entry({ name, size: body.length }, body);
    p.finalize();
    await written;
    return file;
  }

  async function expectLeftEmpty(name: string) {
    await withDb(name, async (db) => {
      const rows = await db.execute<{ n: number }>(sql`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'`);
      expect(rows[0]!.n).toBe(0);
    });
  }

  it("with flipped bytes is refused, and the new database stays empty", async () => {
    const bytes = await readFile(backupFile);
    const damaged = Buffer.from(bytes);
    for (let i = 0; i < 16; i++) damaged[Math.floor(bytes.length / 2) + i] = bytes[Math.floor(bytes.length / 2) + i]! ^ 0xff;
    const file = join(work, "damaged.tar.gz");
    await writeFile(file, damaged);
    const name = refusedInto;
    await expect(restoreDatabase({ url: urlOf(name), file, attachmentsDir: join(work, "damaged-files") })).rejects.toThrow(/damaged|invalid|incorrect/i);
    await expectLeftEmpty(name);
  });

  it("cut short is refused", async () => {
    const bytes = await readFile(backupFile);
    const file = join(work, "truncated.tar.gz");
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const name = refusedInto;
    await expect(restoreDatabase({ url: urlOf(name), file, attachmentsDir: null })).rejects.toThrow();
    await expectLeftEmpty(name);
  });

  it("whose rows were changed (even with the stream hashes made to match) fails the checksum check", async () => {
    const file = await rewritten((entries) => {
      const data = entries.get("data/members.copy")!.toString("utf8").replace("谭湘松", "谭湘柏");
      entries.set("data/members.copy", Buffer.from(data));
      const m = JSON.parse(entries.get("manifest.json")!.toString("utf8")) as Manifest;
      const members = m.tables.find((t) => t.name === "members")!;
      members.bytes = Buffer.byteLength(data);
      members.sha256 = createHash("sha256").update(data).digest("hex");
      entries.set("manifest.json", Buffer.from(JSON.stringify(m)));
    });
    const name = refusedInto;
    await expect(restoreDatabase({ url: urlOf(name), file, attachmentsDir: null })).rejects.toThrow(/does not match the backup[\s\S]*members: the rows' checksum/);
    await expectLeftEmpty(name);
  });

  it("whose table data was altered is refused by the stream hash before anything is kept", async () => {
    const file = await rewritten((entries) => {
      entries.set("data/committees.copy", Buffer.from(entries.get("data/committees.copy")!.toString("utf8").replace("醴陵市政协", "醴陵县政协")));
    });
    const name = refusedInto;
    await expect(restoreDatabase({ url: urlOf(name), file, attachmentsDir: null })).rejects.toThrow(/committees is damaged/);
    await expectLeftEmpty(name);
  });

  it("whose attachment was altered is refused, and no file is left in the folder", async () => {
    const key = manifest.attachments.files[0]!.key;
    const file = await rewritten((entries) => {
      const body = Buffer.from(entries.get(`attachments/${key}`)!);
      body[0] = body[0]! ^ 0xff;
      entries.set(`attachments/${key}`, body);
    });
    const name = refusedInto;
    const folder = join(work, "tampered-files");
    await expect(restoreDatabase({ url: urlOf(name), file, attachmentsDir: folder })).rejects.toThrow(new RegExp(`attachment ${key} is damaged`));
    await expectLeftEmpty(name);
    const { readdir } = await import("node:fs/promises");
    expect(await readdir(folder)).toEqual([]);
    expect((await stat(folder)).isDirectory()).toBe(true);
  });

  it("not a backup at all is refused with a clear message", async () => {
    const file = join(work, "not-a-backup.tar.gz");
    await writeFile(file, "hello");
    await expect(restoreDatabase({ url: urlOf(refusedInto), file, attachmentsDir: null })).rejects.toThrow(/not a \.tar\.gz backup|damaged/);
  });
});
