"use client";

import { keepPreviousData, useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { clsx } from "clsx";
import { Download } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { PROBLEM_CATEGORIES, PROBLEM_STATUSES, type ProblemCategory, type ProblemStatus } from "@dm/db/enums";
import { OverdueToggle, ResultSummary, SearchBox, useUrlInput } from "@/components/list";
import { Pager } from "@/components/tasks/pager";
import { Alert, Badge, buttonClass, Card, EmptyState, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { parseProblemSearch, toProblemSearch } from "./params";
import { ProblemStatusBadge } from "./problem-status";

/**
 * 问题清单: counts per status (the tabs), the closure rate with its formula, filters kept in the
 * URL, one page of problems (cards on phones, a table on wider screens) and the Excel export of
 * exactly what the filters select.
 */
export function ProblemLedger() {
  const t = useTranslations();
  const trpc = useTRPC();
  const { input, go, clear } = useUrlInput(parseProblemSearch, toProblemSearch);
  const { page: _page, status: _status, ...countFilters } = input;
  const { data: tree } = useSuspenseQuery(trpc.committee.tree.queryOptions());
  const { data: departments } = useSuspenseQuery(trpc.problem.departmentOptions.queryOptions());
  const { data: counts } = useQuery({ ...trpc.problem.counts.queryOptions({ ...countFilters, status: input.status }), placeholderData: keepPreviousData });
  const { data, isFetching, isError, error } = useQuery({ ...trpc.problem.list.queryOptions(input), placeholderData: keepPreviousData });

  // The areas one level below the viewer's own committee: counties for the city, townships for a county.
  const own = tree[0];
  const areas = tree.filter((c) => c.parentId === own?.id);
  // How many match the filters: the counts the tabs show (the list returns one page only).
  const total = counts ? (input.status ? (counts.byStatus[input.status] ?? 0) : counts.total) : undefined;
  const filtered = Boolean(input.search || input.status || input.category || input.committeeId || input.departmentId || input.overdue);
  const exportHref = `/api/problems/export${toProblemSearch({ ...input, page: 1 })}`;

  return (
    <div className="space-y-5">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatCard label={t("problems.stats.total")} value={counts?.total ?? "–"} />
        <StatCard label={t("problems.stats.closed")} value={counts?.closed ?? "–"} tone="text-emerald-700" />
        <StatCard
          label={t("problems.stats.closureRate")}
          value={counts ? (counts.closureRate === null ? "—" : `${counts.closureRate}%`) : "–"}
          hint={t("problems.stats.closureRateHint", { closed: counts?.closed ?? 0, total: counts?.total ?? 0 })}
          tone="text-brand-700"
        />
        <StatCard label={t("problems.stats.overdue")} value={counts?.overdue ?? "–"} tone={counts?.overdue ? "text-red-700" : undefined} hint={t("problems.stats.overdueHint")} />
      </div>

      <Card>
        <nav aria-label={t("problems.statusTabs")} className="flex gap-1 overflow-x-auto border-b border-slate-100 px-2 pt-2">
          {([undefined, ...PROBLEM_STATUSES] as (ProblemStatus | undefined)[]).map((s) => {
            const active = input.status === s;
            const n = s ? (counts?.byStatus[s] ?? 0) : (counts?.total ?? 0);
            return (
              <button
                key={s ?? "all"}
                type="button"
                aria-current={active ? "page" : undefined}
                onClick={() => go({ status: s })}
                className={clsx(
                  "flex shrink-0 items-center gap-1.5 rounded-t-md border-b-2 px-3 py-2 text-sm whitespace-nowrap",
                  active ? "border-brand-700 font-medium text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900",
                )}
              >
                {s ? t(`problemStatus.${s}`) : t("problems.allStatuses")}
                <span className={clsx("rounded-full px-1.5 text-xs tabular-nums", active ? "bg-brand-50 text-brand-800" : "bg-slate-100 text-slate-600")}>{n}</span>
              </button>
            );
          })}
        </nav>
        <div className="space-y-3 border-b border-slate-100 p-4">
          <SearchBox id="problem-search" label={t("problems.search")} placeholder={t("problems.searchPlaceholder")} value={input.search} onSearch={(search) => go({ search })} />
          <div className="grid grid-cols-2 gap-2 lg:grid-cols-5">
            <select aria-label={t("problems.category")} className={inputClass} value={input.category ?? ""} onChange={(e) => go({ category: (e.target.value || undefined) as ProblemCategory | undefined })}>
              <option value="">{t("problems.allCategories")}</option>
              {PROBLEM_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`problemCategory.${c}`)}
                </option>
              ))}
            </select>
            {areas.length ? (
              <select aria-label={t("problems.area")} className={inputClass} value={input.committeeId ?? ""} onChange={(e) => go({ committeeId: e.target.value ? Number(e.target.value) : undefined })}>
                <option value="">{t("problems.allAreas")}</option>
                {areas.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            ) : null}
            <select
              aria-label={t("problems.department")}
              className={clsx(inputClass, "col-span-2 lg:col-span-1")}
              value={input.departmentId ?? ""}
              onChange={(e) => go({ departmentId: e.target.value ? Number(e.target.value) : undefined })}
            >
              <option value="">{t("problems.allDepartments")}</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.committeeName} · {d.name}
                </option>
              ))}
            </select>
            <OverdueToggle checked={Boolean(input.overdue)} label={t("problems.overdueOnly")} onChange={(overdue) => go({ overdue: overdue || undefined })} />
            <a href={exportHref} className={clsx(buttonClass.secondary, "col-span-2 lg:col-span-1")} download>
              <Download className="h-4 w-4" aria-hidden />
              {t("problems.export")}
            </a>
          </div>
        </div>

        {isError ? <Alert className="m-4">{error.message}</Alert> : null}

        <ResultSummary text={total !== undefined ? t("problems.total", { total }) : t("common.loading")} clearLabel={t("problems.clear")} onClear={filtered ? clear : undefined} />

        {data && data.items.length === 0 ? (
          <EmptyState title={filtered ? t("problems.emptyFiltered") : t("problems.empty")} hint={filtered ? t("problems.emptyFilteredHint") : t("problems.emptyHint")} />
        ) : (
          <div className={isFetching ? "opacity-60 transition-opacity" : undefined} aria-busy={isFetching}>
            <ul className="divide-y divide-slate-100 md:hidden">
              {data?.items.map((p) => (
                <li key={p.id}>
                  <Link href={`/problems/${p.id}`} className="block px-4 py-3 hover:bg-slate-50">
                    <div className="flex items-start justify-between gap-2">
                      <span className="font-medium text-slate-900">{p.title}</span>
                      <ProblemStatusBadge status={p.status} />
                    </div>
                    <p className="mt-1 text-xs text-slate-500">
                      {t(`problemCategory.${p.category}`)} · {p.committeeName}
                      {p.departmentName ? ` · ${p.departmentName}` : ""}
                    </p>
                    <p className="mt-1 flex flex-wrap items-center gap-x-2 text-xs text-slate-500">
                      <span>
                        {t("problems.deadline")} <span className={clsx("tabular-nums", p.overdue ? "font-medium text-red-700" : "text-slate-700")}>{p.deadline ?? t("problems.noDeadline")}</span>
                      </span>
                      {p.overdue ? <Badge tone="red">{t("problems.overdue")}</Badge> : null}
                      <span>· {t("problems.raisedBy", { name: p.raisingName })}</span>
                    </p>
                  </Link>
                </li>
              ))}
            </ul>
            <div className="hidden overflow-x-auto md:block">
              <table className="w-full text-left text-sm">
                <thead className="text-xs text-slate-500">
                  <tr className="border-b border-slate-100">
                    <th scope="col" className="px-4 py-2.5 font-medium">
                      {t("problems.problem")}
                    </th>
                    <th scope="col" className="px-3 py-2.5 font-medium whitespace-nowrap">
                      {t("problems.category")}
                    </th>
                    <th scope="col" className="px-3 py-2.5 font-medium whitespace-nowrap">
                      {t("problems.area")}
                    </th>
                    <th scope="col" className="px-3 py-2.5 font-medium whitespace-nowrap">
                      {t("problems.department")}
                    </th>
                    <th scope="col" className="px-3 py-2.5 font-medium whitespace-nowrap">
                      {t("problems.deadline")}
                    </th>
                    <th scope="col" className="px-3 py-2.5 font-medium whitespace-nowrap">
                      {t("problems.status")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {data?.items.map((p) => (
                    <tr key={p.id} className="hover:bg-slate-50">
                      <td className="max-w-md px-4 py-2.5">
                        <Link href={`/problems/${p.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                          {p.title}
                        </Link>
                        <p className="mt-0.5 truncate text-xs text-slate-500">
                          {t("problems.raisedBy", { name: p.raisingName })} · {t(`problemSource.${p.source}`)}
                        </p>
                      </td>
                      <td className="px-3 py-2.5 whitespace-nowrap">{t(`problemCategory.${p.category}`)}</td>
                      <td className="px-3 py-2.5">
                        <span className="whitespace-nowrap">{p.committeeName}</span>
                        {p.countyName && p.countyName !== p.committeeName ? <p className="text-xs whitespace-nowrap text-slate-500">{p.countyName}</p> : null}
                      </td>
                      <td className="px-3 py-2.5 text-slate-700">{p.departmentName ?? <span className="text-slate-500">{t("problems.noDepartment")}</span>}</td>
                      <td className="px-3 py-2.5 whitespace-nowrap">
                        <span className={clsx("tabular-nums", p.overdue ? "font-medium text-red-700" : "text-slate-700")}>{p.deadline ?? "—"}</span>
                        {p.overdue ? (
                          <span className="ml-1.5">
                            <Badge tone="red">{t("problems.overdue")}</Badge>
                          </span>
                        ) : null}
                      </td>
                      <td className="px-3 py-2.5 whitespace-nowrap">
                        <ProblemStatusBadge status={p.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}

        {data && total !== undefined ? <Pager page={data.page} pageSize={data.pageSize} total={total} onPage={(page) => go({ page })} /> : null}
      </Card>
    </div>
  );
}

function StatCard({ label, value, hint, tone }: { label: string; value: number | string; hint?: string; tone?: string }) {
  return (
    <Card className="px-4 py-3 sm:px-5 sm:py-4">
      <p className="text-sm text-slate-500">{label}</p>
      <p className={clsx("mt-1 text-2xl font-semibold tabular-nums sm:text-3xl", tone ?? "text-slate-900")}>{value}</p>
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    </Card>
  );
}
