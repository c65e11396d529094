import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter, createContext, errorText, isDatabaseDown, MAX_BATCH_SIZE, MAX_REQUEST_BYTES } from "@dm/api";
import { sessionFromCookie } from "@dm/auth/session-token";
import { getDb, outageCode } from "@dm/db";
import { readAtMost } from "@/server/read-body";
import { requestLocale } from "../../attachments/_shared";

/**
 * The request with its body read, at most MAX_REQUEST_BYTES: tRPC would buffer whatever a client
 * sends, signed in or not. A larger body is refused (413) in the caller's language.
 */
async function bounded(request: Request): Promise<Request | Response> {
  if (request.method !== "POST") return request;
  const declared = Number(request.headers.get("content-length") ?? 0);
  const body = declared > MAX_REQUEST_BYTES ? "tooLarge" : await readAtMost(request.body, MAX_REQUEST_BYTES);
  if (body === "tooLarge" || body === "aborted") {
    const error = new TRPCError({ code: body === "tooLarge" ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST" });
    const status = body === "tooLarge" ? 413 : 400;
    return Response.json({ error: { json: { message: errorText(error, requestLocale(request)), data: { code: error.code, httpStatus: status } } } }, { status });
  }
  return new Request(request.url, { method: "POST", headers: request.headers, body, signal: request.signal });
}

async function handler(request: Request) {
  const req = await bounded(request);
  if (req instanceof Response) return req;
  const session = await sessionFromCookie(req.headers.get("cookie"));
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: () => createContext({ db: getDb(), session, headers: req.headers }),
    responseMeta({ errors }) {
      // A database outage is the service being unavailable, not a bug: 503 so clients retry
      // (a batch with an outage among its answers, too).
      return errors.some((e) => e.code === "SERVICE_UNAVAILABLE" || isDatabaseDown(e.cause)) ? { status: 503, headers: { "Retry-After": "5" } } : {};
    },
    onError({ error, path, ctx }) {
      // One line per request during an outage: the cause is known, its stack says nothing new.
      if (error.code === "SERVICE_UNAVAILABLE" || isDatabaseDown(error.cause)) console.warn(`[trpc] ${path} request=${ctx?.requestId}: database unavailable (${outageCode(error) ?? "?"})`);
      else if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc] ${path} request=${ctx?.requestId}`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
