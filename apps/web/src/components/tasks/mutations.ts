"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "@/trpc/react";

/**
 * After any change to tasks or assignments: refetch what shows them (lists, details, the home
 * summary's sources) and the unread count in the header, since the change may notify someone.
 */
export function useRefreshWork() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.assignment.pathFilter()),
        queryClient.invalidateQueries(trpc.task.pathFilter()),
        queryClient.invalidateQueries(trpc.notification.pathFilter()),
      ]),
    [queryClient, trpc],
  );
}

interface ErrorShape {
  message: string;
  data?: { code?: string; fieldErrors?: Record<string, string[]> } | null;
}

/**
 * The messages for one field of a failed mutation. Zod paths are dotted ("focusAreas.2") and
 * nested under "data." for updates; `name` matches the field and anything below it.
 */
export function fieldErrorsOf(error: ErrorShape | null | undefined, name: string): string[] {
  const all = error?.data?.fieldErrors;
  if (!all) return [];
  const out: string[] = [];
  for (const [key, messages] of Object.entries(all)) {
    const path = key.startsWith("data.") ? key.slice(5) : key;
    if (path === name || path.startsWith(`${name}.`)) out.push(...messages);
  }
  return [...new Set(out)];
}

/** The form-level message: the server's own words (already localized). */
export function formErrorOf(error: ErrorShape | null | undefined): string | null {
  return error ? error.message : null;
}

export const isConflict = (error: ErrorShape | null | undefined) => error?.data?.code === "CONFLICT";
