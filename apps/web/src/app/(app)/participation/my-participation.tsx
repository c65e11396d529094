"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";
import type { AppRouter } from "@dm/api";
import { ParticipationRecord, YearSelect } from "./participation-record";

/** The signed-in member's own year (`record`, from the server), with the year in the URL. */
export function MyParticipation({ year, record }: { year: number; record: inferRouterOutputs<AppRouter>["participation"]["mine"] }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <YearSelect year={year} onChange={(y) => startTransition(() => router.replace(`${pathname}?year=${y}`, { scroll: false }))} />
      </div>
      <div className={pending ? "opacity-60 transition-opacity" : undefined} aria-busy={pending}>
        <ParticipationRecord record={record} />
      </div>
    </div>
  );
}
