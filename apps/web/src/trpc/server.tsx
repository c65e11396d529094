import "server-only";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache } from "react";
import { appRouter, createContext } from "@dm/api";
import { auth, sessionClaims } from "@dm/auth";
import { getDb } from "@dm/db";
import { makeQueryClient } from "./query-client";

/** One context per request for Server Components: the session from the cookie, the shared pool. */
const createRscContext = cache(async () => {
  return createContext({ db: getDb(), session: sessionClaims(await auth()), headers: await headers() });
});

export const getQueryClient = cache(makeQueryClient);

export const trpc = createTRPCOptionsProxy({ ctx: createRscContext, router: appRouter, queryClient: getQueryClient });

/**
 * Direct calls: for pages that render their client components from props (the pages members
 * open), or must redirect or 404 on the answer (prefetch hides errors).
 */
export const getCaller = cache(async () => appRouter.createCaller(await createRscContext()));
