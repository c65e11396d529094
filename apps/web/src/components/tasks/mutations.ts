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
