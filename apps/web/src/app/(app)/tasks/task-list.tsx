"use client";

import { keepPreviousData, useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { clsx } from "clsx";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from "@dm/db/enums";
import { OverdueToggle, ResultSummary, SearchBox, useUrlInput } from "@/components/list";
import { Pager } from "@/components/tasks/pager";
import { STATUS_TONES } from "@/components/tasks/status";
import { Alert, Badge, Card, EmptyState, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { parseTaskSearch, toTaskSearch } from "./params";

/** Count cells: zero stays quiet, the rest take their status colour. */
const COUNT_TEXT: Record<AssignmentStatus, string> = {
  sent: "text-amber-700",
  accepted: "text-sky-700",
  in_progress: "text-sky-700",
  reported: "text-violet-700",
  approved: "text-emerald-700",
};

export function TaskList() {
  const t = useTranslations();
  const trpc = useTRPC();
  const { input, go, clear } = useUrlInput(parseTaskSearch, toTaskSearch);
  const { data: campaigns } = useSuspenseQuery(trpc.campaign.list.queryOptions());
  const { data: tree } = useSuspenseQuery(trpc.committee.tree.queryOptions());
  const { data, isFetching, isError, error } = useQuery({ ...trpc.task.list.queryOptions(input), placeholderData: keepPreviousData });

  const counties = tree.filter((c) => c.level === "county");
  const campaignTitle = new Map(campaigns.map((c) => [c.id, c.title]));
  const chosenCampaign = campaigns.find((c) => c.id === input.campaignId);
  // Focus areas of the chosen campaign, or of all of them.
  const focusAreas = chosenCampaign ? chosenCampaign.focusAreas : [...new Set(campaigns.flatMap((c) => c.focusAreas))];


  const filtered = Boolean(input.search || input.campaignId || input.status || input.committeeId || input.focusArea || input.overdue);

  return (
    <Card>
      <div className="space-y-3 border-b border-slate-100 p-4">
        <SearchBox id="task-search" label={t("tasks.search")} placeholder={t("tasks.searchPlaceholder")} value={input.search} onSearch={(search) => go({ search })} />
        <div className="grid grid-cols-2 gap-2 lg:grid-cols-5">
          <select
            aria-label={t("tasks.campaign")}
            className={clsx(inputClass, "col-span-2 lg:col-span-1")}
            value={input.campaignId ?? ""}
            onChange={(e) => go({ campaignId: e.target.value ? Number(e.target.value) : undefined, focusArea: undefined })}
          >
            <option value="">{t("tasks.allCampaigns")}</option>
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
          <select aria-label={t("tasks.status")} className={inputClass} value={input.status ?? ""} onChange={(e) => go({ status: (e.target.value || undefined) as AssignmentStatus | undefined })}>
            <option value="">{t("tasks.allStatuses")}</option>
            {ASSIGNMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`assignmentStatus.${s}`)}
              </option>
            ))}
          </select>
          <select aria-label={t("tasks.county")} className={inputClass} value={input.committeeId ?? ""} onChange={(e) => go({ committeeId: e.target.value ? Number(e.target.value) : undefined })}>
            <option value="">{t("tasks.allCounties")}</option>
            {counties.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <select aria-label={t("tasks.focusArea")} className={inputClass} value={input.focusArea ?? ""} onChange={(e) => go({ focusArea: e.target.value || undefined })}>
            <option value="">{t("tasks.allFocusAreas")}</option>
            {focusAreas.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
          <OverdueToggle checked={Boolean(input.overdue)} label={t("tasks.overdueOnly")} onChange={(overdue) => go({ overdue: overdue || undefined })} />
        </div>
      </div>

      {isError ? <Alert className="m-4">{error.message}</Alert> : null}

      <ResultSummary text={data ? t("tasks.total", { total: data.total }) : t("common.loading")} clearLabel={t("tasks.clear")} onClear={filtered ? clear : undefined} />

      {data && data.items.length === 0 ? (
        <EmptyState title={filtered ? t("tasks.emptyFiltered") : t("tasks.empty")} hint={filtered ? t("tasks.emptyFilteredHint") : t("tasks.emptyHint")} />
      ) : (
        <div className={isFetching ? "opacity-60 transition-opacity" : undefined} aria-busy={isFetching}>
          {/* Phones get cards; wider screens a table with a column per status. */}
          <ul className="divide-y divide-slate-100 md:hidden">
            {data?.items.map((task) => (
              <li key={task.id}>
                <Link href={`/tasks/${task.id}`} className="block px-4 py-3 hover:bg-slate-50">
                  <div className="flex items-start justify-between gap-2">
                    <span className="font-medium text-slate-900">{task.title}</span>
                    {task.overdue > 0 ? <Badge tone="red">{t("tasks.overdueCount", { count: task.overdue })}</Badge> : null}
                  </div>
                  <p className="mt-1 text-xs text-slate-500">
                    {campaignTitle.get(task.campaignId)} · {task.focusArea}
                  </p>
                  <p className="mt-1 text-xs text-slate-500">
                    {t("tasks.deadline")} <span className="tabular-nums text-slate-700">{task.deadline}</span> · {t("tasks.sentTo", { count: task.total })}
                  </p>
                  <div className="mt-2 flex flex-wrap gap-1.5">
                    {ASSIGNMENT_STATUSES.filter((s) => task.byStatus[s]).map((s) => (
                      <Badge key={s} tone={STATUS_TONES[s]}>
                        {t(`assignmentStatus.${s}`)} {task.byStatus[s]}
                      </Badge>
                    ))}
                  </div>
                </Link>
              </li>
            ))}
          </ul>
          <div className="hidden overflow-x-auto md:block">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-slate-500">
                <tr className="border-b border-slate-100">
                  <th scope="col" className="px-4 py-2.5 font-medium">
                    {t("tasks.task")}
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium whitespace-nowrap">
                    {t("tasks.deadline")}
                  </th>
                  <th scope="col" className="px-2 py-2.5 text-center font-medium whitespace-nowrap">
                    {t("tasks.sent")}
                  </th>
                  {ASSIGNMENT_STATUSES.map((s) => (
                    <th key={s} scope="col" className="px-2 py-2.5 text-center font-medium whitespace-nowrap">
                      {t(`assignmentStatus.${s}`)}
                    </th>
                  ))}
                  <th scope="col" className="px-3 py-2.5 text-center font-medium whitespace-nowrap">
                    {t("work.overdue")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data?.items.map((task) => (
                  <tr key={task.id} className="hover:bg-slate-50">
                    <td className="max-w-md px-4 py-2.5">
                      <Link href={`/tasks/${task.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                        {task.title}
                      </Link>
                      <p className="mt-0.5 truncate text-xs text-slate-500" title={`${campaignTitle.get(task.campaignId) ?? ""} · ${task.focusArea} · ${task.method}`}>
                        {campaignTitle.get(task.campaignId)} · {task.focusArea} · {task.method}
                      </p>
                    </td>
                    <td className="px-3 py-2.5 whitespace-nowrap tabular-nums">{task.deadline}</td>
                    <td className="px-2 py-2.5 text-center tabular-nums">{task.total}</td>
                    {ASSIGNMENT_STATUSES.map((s) => (
                      <td key={s} className={clsx("px-2 py-2.5 text-center tabular-nums", task.byStatus[s] ? `font-medium ${COUNT_TEXT[s]}` : "text-slate-300")}>
                        {task.byStatus[s] ?? 0}
                      </td>
                    ))}
                    <td className={clsx("px-3 py-2.5 text-center tabular-nums", task.overdue ? "font-semibold text-red-700" : "text-slate-300")}>{task.overdue}</td>
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
