import "server-only";
import type { TRPCError } from "@trpc/server";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache } from "react";
import { appRouter, createContext } from "@dm/api";
import { auth, sessionClaims } from "@dm/auth";
import { getDb } from "@dm/db";
import { markDatabaseDown } from "../../scripts/request-outcome.mjs";
import { makeQueryClient } from "./query-client";
import { UNAVAILABLE_DIGEST } from "./unavailable";

/** One context per request for Server Components: the session from the cookie, the shared pool. */
const createRscContext = cache(async () => {
  return createContext({ db: getDb(), session: sessionClaims(await auth()), headers: await headers() });
});

export const getQueryClient = cache(makeQueryClient);

export const trpc = createTRPCOptionsProxy({ ctx: createRscContext, router: appRouter, queryClient: getQueryClient });

/**
/**
 * A page's call failed because the database is unavailable: the error page says so (the
 * digest), and the production server answers 503 rather than 500.
 */
function onCallError({ error }: { error: TRPCError }) {
  if (error.code !== "SERVICE_UNAVAILABLE") return;
  Object.assign(error, { digest: UNAVAILABLE_DIGEST });
  markDatabaseDown();
}

/**
 * Direct calls: for pages that render their client components from props (the pages members
 * open), or must redirect or 404 on the answer (prefetch hides errors).
 */
export const getCaller = cache(async () => appRouter.createCaller(await createRscContext(), { onError: onCallError }));
