import { createHash, randomUUID } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";

/**
 * Where attachment files live. The database keeps each file's key, name, type, size and hash;
 * the store only keeps bytes under random keys. Another backend (object storage) can replace
 * the local folder by implementing these three methods.
 */
export interface AttachmentStore {
  /** Stores the bytes under a new random key; the file appears whole or not at all. */
  save(body: Uint8Array | AsyncIterable<Uint8Array>): Promise<StoredFile>;
  /** The stored bytes, or null when no file has this key. */
  open(key: string): Promise<{ stream: ReadableStream<Uint8Array>; size: number } | null>;
  /** Deletes the file if it exists (to undo a save whose database write failed). */
  remove(key: string): Promise<void>;
}

export interface StoredFile {
  key: string;
  size: number;
  /** Lowercase hex. */
  sha256: string;
}

/** Keys are the UUIDs this store made; anything else never reaches the file system. */
const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A folder on the server's disk (created on demand). A file is written to a temporary name in
 * the same folder, flushed, then renamed: readers never see half a file, and a crash leaves
 * at most a `.tmp-*` file behind.
 */
export function localStore(root: string): AttachmentStore {
  const dir = resolve(root);
  let ready: Promise<unknown> | undefined;
  const ensureDir = () => (ready ??= mkdir(dir, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
    ready = undefined;
    throw error;
  }));
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error("Invalid storage key");
    return join(dir, key);
  };

  return {
    async save(body) {
      await ensureDir();
      const key = randomUUID();
      const temp = join(dir, `.tmp-${key}`);
      const hash = createHash("sha256");
      let size = 0;
      const file = await open(temp, "wx", 0o600);
      try {
        const chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array> = body instanceof Uint8Array ? [body] : body;
        for await (const chunk of chunks) {
          hash.update(chunk);
          size += chunk.byteLength;
          let written = 0;
          while (written < chunk.byteLength) {
            const { bytesWritten } = await file.write(chunk, written, chunk.byteLength - written);
            written += bytesWritten;
          }
        }
        await file.sync();
        await file.close();
        await rename(temp, pathOf(key));
      } catch (error) {
        await file.close().catch(() => undefined);
        await rm(temp, { force: true });
        throw error;
      }
      return { key, size, sha256: hash.digest("hex") };
    },

    async open(key) {
      let file;
      try {
        file = await open(pathOf(key), "r");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
      const { size } = await file.stat();
      // The stream owns the handle from here and closes it at the end or on cancel.
      const stream = Readable.toWeb(file.createReadStream()) as ReadableStream<Uint8Array>;
      return { stream, size };
    },

    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
