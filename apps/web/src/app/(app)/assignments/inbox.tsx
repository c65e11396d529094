"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { clsx } from "clsx";
import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from "@dm/db/enums";
import { OverdueToggle, ResultSummary, SearchBox, useUrlInput } from "@/components/list";
import { Pager } from "@/components/tasks/pager";
import { Deadline, OverdueBadge, ProgressBar, ProgressDue, StatusBadge } from "@/components/tasks/status";
import { Alert, Card, EmptyState } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { parseInboxSearch, toInboxSearch } from "./params";

export function Inbox() {
  const t = useTranslations();
  const trpc = useTRPC();
  const { input, go, clear } = useUrlInput(parseInboxSearch, toInboxSearch);
  const { data, isFetching, isError, error } = useQuery({ ...trpc.assignment.inbox.queryOptions(input), placeholderData: keepPreviousData });

  const filtered = Boolean(input.status || input.overdue || input.search);

  const tabs: (AssignmentStatus | undefined)[] = [undefined, ...ASSIGNMENT_STATUSES];
  const { data: counts } = useQuery(trpc.assignment.inboxCounts.queryOptions());
  const countOf = (s: AssignmentStatus | undefined) => (counts ? (s ? (counts.byStatus[s] ?? 0) : counts.total) : null);

  return (
    <Card>
      <div className="space-y-3 border-b border-slate-100 p-4">
        <div role="group" aria-label={t("assignments.statusFilter")} className="-mx-1 flex gap-1 overflow-x-auto px-1 pb-1">
          {tabs.map((s) => {
            const active = input.status === s;
            return (
              <button
                key={s ?? "all"}
                type="button"
                aria-pressed={active}
                onClick={() => go({ status: s })}
                className={clsx("shrink-0 rounded-full px-3 py-1.5 text-sm whitespace-nowrap", active ? "bg-brand-700 font-medium text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200")}
              >
                {s ? t(`assignmentStatus.${s}`) : t("assignments.all")}
                {countOf(s) !== null ? <span className={clsx("ml-1.5 tabular-nums", active ? "text-white/80" : "text-slate-500")}>{countOf(s)}</span> : null}
              </button>
            );
          })}
        </div>
        <div className="flex flex-col gap-2 sm:flex-row">
          <SearchBox id="inbox-search" className="flex-1" label={t("assignments.search")} placeholder={t("assignments.searchPlaceholder")} value={input.search} onSearch={(search) => go({ search })} />
          <OverdueToggle checked={Boolean(input.overdue)} label={t("assignments.overdueOnly")} onChange={(overdue) => go({ overdue: overdue || undefined })} />
        </div>
      </div>

      {isError ? <Alert className="m-4">{error.message}</Alert> : null}

      <ResultSummary text={data ? t("assignments.total", { total: data.total }) : t("common.loading")} clearLabel={t("assignments.clear")} onClear={filtered ? clear : undefined} />

      {data && data.items.length === 0 ? (
        <EmptyState title={filtered ? t("assignments.emptyFiltered") : t("assignments.empty")} hint={filtered ? t("assignments.emptyFilteredHint") : t("assignments.emptyHint")} />
      ) : (
        <div className={isFetching ? "opacity-60 transition-opacity" : undefined} aria-busy={isFetching}>
          <ul className="divide-y divide-slate-100 md:hidden">
            {data?.items.map((a) => (
              <li key={a.id}>
                <Link href={`/assignments/${a.id}`} className={clsx("flex items-center gap-3 px-4 py-3 hover:bg-slate-50", a.status === "sent" && "bg-amber-50/40")}>
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-1.5">
                      <StatusBadge status={a.status} />
                      <OverdueBadge overdue={a.overdue} />
                    </div>
                    <p className="mt-1 font-medium text-slate-900">{a.taskTitle}</p>
                    <p className="mt-0.5 text-xs text-slate-500">
                      {a.issuerName} · {a.focusArea}
                    </p>
                    <ProgressDue className="mt-2" percent={a.percent} label={t("work.progressOf", { name: a.taskTitle })} deadline={a.deadline} overdue={a.overdue} />
                  </div>
                  <ChevronRight className="h-4 w-4 shrink-0 text-slate-400" aria-hidden />
                </Link>
              </li>
            ))}
          </ul>
          <div className="hidden overflow-x-auto md:block">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-slate-500">
                <tr className="border-b border-slate-100">
                  {(["task", "issuer", "status", "progress", "deadline"] as const).map((h) => (
                    <th key={h} scope="col" className="px-4 py-2.5 font-medium whitespace-nowrap">
                      {t(`assignments.${h}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data?.items.map((a) => (
                  <tr key={a.id} className={clsx("hover:bg-slate-50", a.status === "sent" && "bg-amber-50/40")}>
                    <td className="max-w-md px-4 py-2.5">
                      <Link href={`/assignments/${a.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                        {a.taskTitle}
                      </Link>
                      <p className="mt-0.5 truncate text-xs text-slate-500">{a.focusArea}</p>
                    </td>
                    <td className="px-4 py-2.5 whitespace-nowrap text-slate-600">{a.issuerName}</td>
                    <td className="px-4 py-2.5 whitespace-nowrap">
                      <span className="inline-flex gap-1.5">
                        <StatusBadge status={a.status} />
                        <OverdueBadge overdue={a.overdue} />
                      </span>
                    </td>
                    <td className="w-48 px-4 py-2.5">
                      <ProgressBar percent={a.percent} label={t("work.progressOf", { name: a.taskTitle })} />
                    </td>
                    <td className="px-4 py-2.5 whitespace-nowrap">
                      <Deadline deadline={a.deadline} overdue={a.overdue} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}

      {data ? <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(page) => go({ page })} /> : null}
    </Card>
  );
}
