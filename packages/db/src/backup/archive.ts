import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { Transform, type Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { extract as tarExtract, type Extract, type Pack } from "tar-stream";

/** The storage keys the attachment store makes (UUIDs): nothing else may become a file name. */
export const STORAGE_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A pass-through that counts and hashes what flows through it. */
export function digest(): Transform & { result(): { bytes: number; sha256: string } } {
  const hash = createHash("sha256");
  let bytes = 0;
  const t = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return Object.assign(t, { result: () => ({ bytes, sha256: hash.digest("hex") }) });
}

/**
 * Writes a `COPY … TO STDOUT` stream into a file, returning its size and SHA-256. postgres.js
 * 3.4.9 pauses its socket when a COPY chunk meets a full stream buffer and resumes it only from
 * the stream's read(); when the end of the COPY arrived in the same network read, no read()
 * follows and the connection hangs on its next query (porsager/postgres#499, fix pending in
 * #1016). Calling the stream's read hook once it has ended resumes the socket.
 */
export async function spoolCopy(source: Readable, file: string): Promise<{ bytes: number; sha256: string }> {
  const d = digest();
  await pipeline(source, d, createWriteStream(file, { mode: 0o600 }));
  (source as Readable & { _read(size: number): void })._read(0);
  return d.result();
}

/** Size and SHA-256 of a file. */
export async function hashFile(path: string): Promise<{ bytes: number; sha256: string }> {
  const d = digest();
  await pipeline(createReadStream(path), d, new Writable({ write: (_chunk, _encoding, done) => done() }));
  return d.result();
}

/** Adds a file to the archive as `name`, streamed; resolves with what was read. */
export function addFile(pack: Pack, name: string, path: string, size: number, mtime: Date): Promise<{ bytes: number; sha256: string }> {
  return new Promise((resolve, reject) => {
    const d = digest();
    const entry = pack.entry({ name, size, mode: 0o600, mtime }, (error) => (error ? reject(error) : resolve(d.result())));
    pipeline(createReadStream(path), d, entry).catch(reject);
  });
}

export function addBuffer(pack: Pack, name: string, body: Buffer, mtime: Date): Promise<void> {
  return new Promise((resolve, reject) => pack.entry({ name, size: body.length, mode: 0o600, mtime }, body, (error) => (error ? reject(error) : resolve())));
}

/** The entries of a .tar.gz archive, in order; each must be read (or resumed) before the next. */
export function entries(file: string): Extract & { close(): void } {
  const source = createReadStream(file);
  const extract = tarExtract();
  source.on("error", (error) => extract.destroy(error));
  const gunzip = createGunzip();
  gunzip.on("error", (error) => extract.destroy(new Error(`the backup file is damaged (${error.message})`)));
  source.pipe(gunzip).pipe(extract);
  return Object.assign(extract, {
    close() {
      source.destroy();
      extract.destroy();
    },
  });
}

export async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
