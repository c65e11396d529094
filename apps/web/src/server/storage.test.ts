import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { localStore } from "./storage";

const root = await mkdtemp(join(tmpdir(), "dm-store-"));
afterAll(() => rm(root, { recursive: true, force: true }));

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe("localStore", () => {
  const dir = join(root, "nested", "attachments");
  const store = localStore(dir);

  it("creates its folder and saves bytes under a random key with their size and hash", async () => {
    const bytes = Buffer.from("现场照片".repeat(1000));
    const saved = await store.save(bytes);
    expect(saved.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(saved.size).toBe(bytes.length);
    expect(saved.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(await readFile(join(dir, saved.key))).toEqual(bytes);
    // Nothing half-written is left behind.
    expect((await readdir(dir)).filter((f) => f.startsWith(".tmp-"))).toEqual([]);
  });

  it("saves a stream of chunks", async () => {
    async function* chunks() {
      yield Buffer.from("a");
      yield Buffer.from("bc");
    }
    const saved = await store.save(chunks());
    expect(saved.size).toBe(3);
    const opened = await store.open(saved.key);
    expect(opened?.size).toBe(3);
    expect((await readAll(opened!.stream)).toString()).toBe("abc");
  });

  it("removes a temporary file when the source fails, storing nothing", async () => {
    const before = await readdir(dir);
    async function* broken() {
      yield Buffer.from("part");
      throw new Error("connection lost");
    }
    await expect(store.save(broken())).rejects.toThrow("connection lost");
    expect(await readdir(dir)).toEqual(before);
  });

  it("gives keys two different files", async () => {
    const [a, b] = await Promise.all([store.save(Buffer.from("x")), store.save(Buffer.from("x"))]);
    expect(a.key).not.toBe(b.key);
  });

  it("answers null for a key it does not hold, and refuses keys it did not make", async () => {
    expect(await store.open("00000000-0000-4000-8000-000000000000")).toBeNull();
    await expect(store.open("../../etc/passwd")).rejects.toThrow("Invalid storage key");
    await expect(store.remove("../x")).rejects.toThrow("Invalid storage key");
  });

  it("removes a file", async () => {
    const saved = await store.save(Buffer.from("gone"));
    await store.remove(saved.key);
    expect(await store.open(saved.key)).toBeNull();
    await store.remove(saved.key);
  });
});
