import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter, createContext, isDatabaseDown, MAX_BATCH_SIZE } from "@dm/api";
import { auth, sessionClaims } from "@dm/auth";
import { getDb } from "@dm/db";

async function handler(req: Request) {
  const session = await auth();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: () => createContext({ db: getDb(), session: sessionClaims(session), headers: req.headers }),
    responseMeta({ errors }) {
      // A database outage is the service being unavailable, not a bug: 503 so clients retry.
      return errors.some((e) => isDatabaseDown(e.cause)) ? { status: 503 } : {};
    },
    onError({ error, path, ctx }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc] ${path} request=${ctx?.requestId}`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
