import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@dm/api";
import { MAX_BATCH_SIZE } from "@dm/api/limits";

/**
 * The browser's tRPC client: batched requests to /api/trpc, superjson on the wire, at most
 * MAX_BATCH_SIZE calls a request (the server refuses larger batches).
 */
export function createClient() {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: "/api/trpc", transformer: superjson, maxItems: MAX_BATCH_SIZE })],
  });
}

export type Client = ReturnType<typeof createClient>;
