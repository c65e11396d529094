import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter, createContext, isDatabaseDown } from "@dm/api";
import { auth, sessionClaims } from "@dm/auth";
import { getDb, outageCode } from "@dm/db";

async function handler(req: Request) {
  const session = await auth();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext({ db: getDb(), session: sessionClaims(session), headers: req.headers }),
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
