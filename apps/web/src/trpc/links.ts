import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@dm/api";

/** The browser's tRPC client: batched requests to /api/trpc, superjson on the wire. */
export function createClient() {
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })] });
}

export type Client = ReturnType<typeof createClient>;
