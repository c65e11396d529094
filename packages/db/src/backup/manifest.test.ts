import { describe, expect, it } from "vitest";
import { backupFileName, foreignKeyOrder, FORMAT, FORMAT_VERSION, majorVersion, migrationsToApply, parseManifest } from "./manifest";

const local = [
  { tag: "0000_init", hash: "a", folderMillis: 1, sql: ["create table x ()"] },
  { tag: "0001_more", hash: "b", folderMillis: 2, sql: [] },
  { tag: "0002_later", hash: "c", folderMillis: 3, sql: [] },
];

describe("migrationsToApply", () => {
  it("applies exactly the migrations the backup was taken at; later ones are left to the app's next start", () => {
    expect(migrationsToApply([{ tag: "0000_init", hash: "a", createdAt: 1 }, { tag: "0001_more", hash: "b", createdAt: 2 }], local).map((m) => m.tag)).toEqual(["0000_init", "0001_more"]);
  });

  it("refuses a backup from a newer release, naming the unknown migration", () => {
    const recorded = [...local.map((m) => ({ tag: m.tag, hash: m.hash, createdAt: m.folderMillis })), { tag: "0003_future", hash: "d", createdAt: 4 }];
    expect(() => migrationsToApply(recorded, local)).toThrow(/newer release.*0003_future/);
  });

  it("refuses a backup whose schema history differs (a changed migration file)", () => {
    expect(() => migrationsToApply([{ tag: "0000_init", hash: "other", createdAt: 1 }], local)).toThrow(/differs from this code's 0000_init/);
    expect(() => migrationsToApply([], local)).toThrow(/no migration/);
  });
});

describe("foreignKeyOrder", () => {
  it("puts referenced tables first, ignores self-references and sorts ties by name", () => {
    const order = foreignKeyOrder(["users", "committees", "members", "audit_events"], [
      { from: "users", to: "committees" },
      { from: "users", to: "members" },
      { from: "members", to: "committees" },
      { from: "committees", to: "committees" },
      { from: "audit_events", to: "users" },
    ]);
    expect(order).toEqual(["committees", "members", "users", "audit_events"]);
  });

  it("refuses a cycle between tables", () => {
    expect(() => foreignKeyOrder(["a", "b", "c"], [{ from: "a", to: "b" }, { from: "b", to: "a" }])).toThrow(/cycle among a, b/);
  });
});

describe("parseManifest", () => {
  const valid = { format: FORMAT, formatVersion: FORMAT_VERSION, method: "builtin", migrations: [], tables: [], sequences: [], attachments: { included: true, files: [], missing: [] } };

  it("reads a manifest this code wrote", () => {
    expect(parseManifest(JSON.stringify(valid)).method).toBe("builtin");
  });

  it("refuses anything else with a reason", () => {
    expect(() => parseManifest("{oops")).toThrow(/not valid JSON/);
    expect(() => parseManifest(JSON.stringify({ ...valid, format: "other" }))).toThrow(/not describe a zhuanxiang backup/);
    expect(() => parseManifest(JSON.stringify({ ...valid, formatVersion: 99 }))).toThrow(/version 99 is not supported/);
    expect(() => parseManifest(JSON.stringify({ ...valid, tables: undefined }))).toThrow(/incomplete/);
  });
});

it("names a backup after its database and UTC time, safe on every file system", () => {
  expect(backupFileName(new Date("2026-05-01T02:03:04.567Z"), "zhuanxiang")).toBe("zhuanxiang-2026-05-01T02-03-04Z.tar.gz");
});

it("reads PostgreSQL major versions from the server and from the tools", () => {
  expect(majorVersion("170005")).toBe(17);
  expect(majorVersion("90624")).toBe(9);
  expect(majorVersion("pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)")).toBe(15);
  expect(majorVersion("pg_restore (PostgreSQL) 17.2")).toBe(17);
  expect(majorVersion("nonsense")).toBeNull();
});
