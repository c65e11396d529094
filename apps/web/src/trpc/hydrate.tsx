import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { TRPCReactProvider } from "./react";
import { getQueryClient } from "./server";

/**
 * The data prefetched through ./server.tsx, handed to React Query in the browser, with the
 * provider its hooks need. Pages members open render their client components from props
 * instead (./lazy.ts), so React Query stays out of their first load.
 *
 * Apart from ./server.tsx on purpose: a client component imported there would join the first
 * load of every page that asks the API anything (the bundler keeps the reference even where
 * HydrateClient is unused).
 */
export function HydrateClient({ children }: { children: React.ReactNode }) {
  return (
    <TRPCReactProvider>
      <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>
    </TRPCReactProvider>
  );
}
