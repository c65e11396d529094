import "server-only";

/** The whole body, or "tooLarge" as soon as it passes `limit` bytes, or "aborted" if the client went away. */
export async function readAtMost(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array<ArrayBuffer> | "tooLarge" | "aborted"> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        void reader.cancel().catch(() => undefined);
        return "tooLarge";
      }
      chunks.push(value);
    }
  } catch {
    return "aborted";
  }
  // A fresh buffer of its own (never a view of a shared pool).
  return Buffer.concat(chunks) as Uint8Array<ArrayBuffer>;
}
