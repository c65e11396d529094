"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTRPC } from "@/trpc/react";
import { ParticipationRecord, YearSelect } from "./participation-record";
import { parseYear } from "./years";

/** The signed-in member's own year, with the year in the URL. */
export function MyParticipation() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const year = parseYear(useSearchParams().get("year"));
  const { data } = useSuspenseQuery(trpc.participation.mine.queryOptions({ year }));
  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <YearSelect year={year} onChange={(y) => router.replace(`${pathname}?year=${y}`, { scroll: false })} />
      </div>
      <ParticipationRecord record={data} />
    </div>
  );
}
