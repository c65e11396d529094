"use client";

import type { TRPCClientErrorLike } from "@trpc/client";
import type { inferRouterInputs } from "@trpc/server";
import { useRouter } from "next/navigation";
import { useCallback, useRef, useState, useTransition } from "react";
import type { AppRouter } from "@dm/api";
import type { Client } from "./links";

/**
 * Calling the API from pages rendered on the server — the pages members open on their phones.
 * Those pages get their data as props from the server, so they need neither React Query nor the
 * tRPC client to show it; the client (with its links and superjson) is loaded the first time an
 * island calls a procedure, not with the page. After a change, the page is rendered again on the
 * server (router.refresh) instead of invalidating queries.
 */

let loading: Promise<Client> | undefined;

export function loadClient(): Promise<Client> {
  loading ??= import("./links").then(
    (m) => m.createClient(),
    (error: unknown) => {
      loading = undefined; // a failed chunk load is tried again next time
      throw error;
    },
  );
  return loading;
}

/** Fired on window after a successful change, so the header's unread count looks again. */
export const CHANGED_EVENT = "dm:changed";

export function announceChange() {
  window.dispatchEvent(new Event(CHANGED_EVENT));
}

export type CallError = TRPCClientErrorLike<AppRouter>;

/** Procedure inputs, to type the calls: `(client, input: Inputs["group"]["endTerm"]) => …`. */
export type Inputs = inferRouterInputs<AppRouter>;

interface Options<TOutput> {
  onSuccess?: (output: TOutput) => void | Promise<void>;
  onError?: (error: CallError) => void;
  /** Render the page again on the server after success (default). Off when onSuccess navigates away. */
  refresh?: boolean;
}

/**
 * A mutation for an island: `mutate(input)` runs `call` with the (lazily loaded) client. Shaped
 * like React Query's useMutation where the islands use it: isPending (until the refreshed page
 * has arrived), isSuccess, error (tRPC's, with per-field messages in data.fieldErrors), data,
 * variables (the last input), reset.
 */
export function useCall<TInput, TOutput>(call: (client: Client, input: TInput) => Promise<TOutput>, options: Options<TOutput> = {}) {
  const router = useRouter();
  const [running, setRunning] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const [error, setError] = useState<CallError | null>(null);
  const [data, setData] = useState<TOutput | undefined>(undefined);
  const [isSuccess, setSuccess] = useState(false);
  const [variables, setVariables] = useState<TInput | undefined>(undefined);
  // The latest call and callbacks, so `mutate` keeps its identity (effects may depend on it).
  const latest = useRef({ call, options });
  latest.current = { call, options };
  const mutate = useCallback(
    async (input: TInput) => {
      const { call, options } = latest.current;
      setRunning(true);
      setError(null);
      setSuccess(false);
      setVariables(input);
      try {
        const output = await call(await loadClient(), input);
        setData(output);
        setSuccess(true);
        announceChange();
        await options.onSuccess?.(output);
        if (options.refresh ?? true) startRefresh(() => router.refresh());
      } catch (e) {
        const failure = toCallError(e);
        setError(failure);
        options.onError?.(failure);
      } finally {
        setRunning(false);
      }
    },
    [router],
  );
  const reset = useCallback(() => {
    setError(null);
    setData(undefined);
    setSuccess(false);
    setVariables(undefined);
  }, []);
  return { mutate, isPending: running || refreshing, isSuccess, error, data, variables, reset };
}

/** tRPC's client errors carry the server's localized message; anything else (offline) keeps its own. */
function toCallError(e: unknown): CallError {
  if (e && typeof e === "object" && "message" in e) return e as CallError;
  return { message: String(e), data: undefined, shape: undefined } as unknown as CallError;
}
