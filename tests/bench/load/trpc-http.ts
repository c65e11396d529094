/**
 * tRPC over HTTP as the web app's own client sends it (`httpBatchLink` with superjson): a query
 * is a GET with the batch's input in the URL, a mutation a POST with it in the body; the answer
 * is an array with one `result` or `error` per call. Pure: the load loop sends what these build.
 */

export interface HttpCall {
  method: "GET" | "POST";
  /** Path and query string. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** A batch of one call, superjson-encoded. The inputs here are plain JSON (numbers, strings). */
const batchOfOne = (input: unknown) => JSON.stringify({ 0: { json: input } });

export function queryCall(procedure: string, input: unknown): HttpCall {
  return { method: "GET", path: `/api/trpc/${procedure}?batch=1&input=${encodeURIComponent(batchOfOne(input))}`, headers: {} };
}

export function mutationCall(procedure: string, input: unknown): HttpCall {
  return { method: "POST", path: `/api/trpc/${procedure}?batch=1`, headers: { "content-type": "application/json" }, body: batchOfOne(input) };
}

export type Answer = { ok: true; data: unknown } | { ok: false; error: string; code?: string; current?: unknown };

/**
 * Reads the answer to a batch of one: a 2xx status and a `result`, else what went wrong, in a
 * line for the report (the tRPC error's code and message when there is one).
 */
export function readAnswer(status: number, body: string): Answer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, error: `HTTP ${status}: not JSON: ${body.slice(0, 120)}` };
  }
  const item = Array.isArray(parsed) ? (parsed[0] as Record<string, unknown> | undefined) : undefined;
  const error = item?.error as { json?: { message?: string; data?: { code?: string; current?: unknown } } } | undefined;
  if (error) {
    const data = error.json?.data;
    return { ok: false, error: `HTTP ${status}: ${data?.code ?? "error"}: ${error.json?.message ?? ""}`.trim(), code: data?.code, current: data?.current };
  }
  if (status < 200 || status > 299) return { ok: false, error: `HTTP ${status}` };
  const result = item?.result as { data?: { json?: unknown } } | undefined;
  if (!result?.data || !("json" in result.data)) return { ok: false, error: `HTTP ${status}: no result in ${body.slice(0, 120)}` };
  return { ok: true, data: result.data.json };
}

/**
 * The same verdict as `readAnswer` without parsing a successful answer: the load generator
 * shares the machine with the server, so a read's (large) body is only looked at when it fails.
 */
export function answerError(status: number, body: string): string | null {
  if (status >= 200 && status <= 299 && body.startsWith('[{"result":{"data":')) return null;
  const answer = readAnswer(status, body);
  return answer.ok ? null : answer.error;
}
