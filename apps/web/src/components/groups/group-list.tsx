"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { ChevronRight, Footprints, MessageSquareText, Users } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { AppRouter } from "@dm/api";
import { GROUP_KINDS, type GroupKind } from "@dm/db/enums";
import type { TermStatus } from "@dm/api/schemas/group";
import { ResultSummary, SearchBox, useUrlInput } from "@/components/list";
import { Pager } from "@/components/tasks/pager";
import { Badge, Card, EmptyState, inputClass } from "@/components/ui";
import { parseGroupSearch, toGroupSearch } from "@/app/(app)/groups/params";
import { formatRate, ROLE_TONES, TERM_STATUS_CHOICES, TERM_TONES } from "./labels";

type Department = { id: number; name: string; active: boolean; committeeId: number; committeeName: string };

/**
 * 小组和监督员: the staff's searchable, filterable list (departments of every committee in scope,
 * grouped by committee), or a member's own groups as cards. Filters live in the URL; the list
 * (`data`) is the server's answer for them.
 */
export function GroupList({ data, departments, mine }: { data: inferRouterOutputs<AppRouter>["group"]["list"]; departments: Department[]; mine: boolean }) {
  const t = useTranslations("groups");
  const { input, go, clear, pending: isFetching } = useUrlInput(parseGroupSearch, toGroupSearch);
  const filtered = Boolean(input.search || input.departmentId || input.status || input.kind);
  const committees = [...new Map(departments.map((d) => [d.committeeId, d.committeeName])).entries()];

  return (
    <Card>
      {mine ? null : (
        <div className="space-y-3 border-b border-slate-100 p-4">
          <SearchBox id="group-search" label={t("search")} placeholder={t("searchPlaceholder")} value={input.search} onSearch={(search) => go({ search })} />
          <div className="grid grid-cols-2 gap-2 lg:grid-cols-3">
            <select
              aria-label={t("department")}
              className={`${inputClass} col-span-2 lg:col-span-1`}
              value={input.departmentId ?? ""}
              onChange={(e) => go({ departmentId: e.target.value ? Number(e.target.value) : undefined })}
            >
              <option value="">{t("allDepartments")}</option>
              {committees.map(([id, name]) => (
                <optgroup key={id} label={name}>
                  {departments
                    .filter((d) => d.committeeId === id)
                    .map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.active ? d.name : `${d.name}${t("inactiveSuffix")}`}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
            <select aria-label={t("status")} className={inputClass} value={input.status ?? ""} onChange={(e) => go({ status: (e.target.value || undefined) as TermStatus | undefined })}>
              <option value="">{t("allStatuses")}</option>
              {TERM_STATUS_CHOICES.map((s) => (
                <option key={s} value={s}>
                  {t(`termStatus.${s}`)}
                </option>
              ))}
            </select>
            <select aria-label={t("kind")} className={inputClass} value={input.kind ?? ""} onChange={(e) => go({ kind: (e.target.value || undefined) as GroupKind | undefined })}>
              <option value="">{t("allKinds")}</option>
              {GROUP_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}

      {mine ? null : <ResultSummary text={t("total", { total: data.total })} clearLabel={t("clear")} onClear={filtered ? clear : undefined} />}

      {data.items.length === 0 ? (
        mine ? (
          <EmptyState title={t("myEmpty")} hint={t("myEmptyHint")} />
        ) : (
          <EmptyState title={filtered ? t("emptyFiltered") : t("empty")} hint={filtered ? t("emptyFilteredHint") : data.canDispatch ? t("emptyHint") : undefined} />
        )
      ) : (
        <div className={isFetching ? "opacity-60 transition-opacity" : undefined} aria-busy={isFetching}>
          {/* Phones (and members everywhere) get cards; staff on wider screens a table. */}
          <ul className={mine ? "divide-y divide-slate-100" : "divide-y divide-slate-100 md:hidden"}>
            {data.items.map((g) => (
              <li key={g.id}>
                <Link href={`/groups/${g.id}`} className="flex items-center gap-3 px-4 py-3 hover:bg-slate-50">
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-1.5">
                      <Badge tone={TERM_TONES[g.status]}>{t(`termStatus.${g.status}`)}</Badge>
                      <Badge>{t(`kinds.${g.kind}`)}</Badge>
                      {g.myRole ? <Badge tone={ROLE_TONES[g.myRole]}>{t(`roles.${g.myRole}`)}</Badge> : null}
                    </div>
                    <p className="mt-1 font-medium text-slate-900">{g.name}</p>
                    <p className="mt-0.5 text-xs text-slate-500">
                      {t("dispatchedTo", { committee: g.committeeName, department: g.departmentName })}
                    </p>
                    <p className="mt-0.5 text-xs tabular-nums text-slate-500">{t("term", { start: g.termStart, end: g.termEnd })}</p>
                    <p className="mt-1.5 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600">
                      <span className="inline-flex items-center gap-1">
                        <Users className="h-3.5 w-3.5" aria-hidden />
                        {t("memberCount", { count: g.memberCount })}
                      </span>
                      <span className="inline-flex items-center gap-1">
                        <Footprints className="h-3.5 w-3.5" aria-hidden />
                        {t("visitCount", { count: g.visitCount })}
                      </span>
                      <span className="inline-flex items-center gap-1">
                        <MessageSquareText className="h-3.5 w-3.5" aria-hidden />
                        {t("opinionCount", { count: g.opinionCount })}
                      </span>
                      <span>
                        {t("rate.label")} {formatRate(g.adoptionRate) ?? t("rate.none")}
                      </span>
                    </p>
                  </div>
                  <ChevronRight className="h-4 w-4 shrink-0 text-slate-400" aria-hidden />
                </Link>
              </li>
            ))}
          </ul>
          {mine ? null : (
            <div className="hidden overflow-x-auto md:block">
              <table className="w-full text-left text-sm">
                <thead className="text-xs text-slate-500">
                  <tr className="border-b border-slate-100">
                    <th scope="col" className="px-4 py-2.5 font-medium">
                      {t("columns.name")}
                    </th>
                    <th scope="col" className="px-3 py-2.5 font-medium whitespace-nowrap">
                      {t("columns.leader")}
                    </th>
                    <th scope="col" className="px-3 py-2.5 font-medium whitespace-nowrap">
                      {t("columns.term")}
                    </th>
                    <th scope="col" className="px-2 py-2.5 text-center font-medium whitespace-nowrap">
                      {t("columns.visits")}
                    </th>
                    <th scope="col" className="px-2 py-2.5 text-center font-medium whitespace-nowrap">
                      {t("columns.opinions")}
                    </th>
                    <th scope="col" className="px-3 py-2.5 text-right font-medium whitespace-nowrap" title={t("rate.hint")}>
                      {t("columns.rate")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {data.items.map((g) => (
                    <tr key={g.id} className="hover:bg-slate-50">
                      <td className="max-w-md px-4 py-2.5">
                        <div className="flex items-center gap-1.5">
                          <Link href={`/groups/${g.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                            {g.name}
                          </Link>
                          {g.kind === "individual" ? <Badge>{t("kinds.individual")}</Badge> : null}
                        </div>
                        <p className="mt-0.5 text-xs text-slate-500">{t("dispatchedTo", { committee: g.committeeName, department: g.departmentName })}</p>
                      </td>
                      <td className="px-3 py-2.5 whitespace-nowrap">
                        {g.leaderName ?? "—"}
                        <span className="ml-1 text-xs text-slate-500">{t("memberCount", { count: g.memberCount })}</span>
                      </td>
                      <td className="px-3 py-2.5 whitespace-nowrap">
                        <Badge tone={TERM_TONES[g.status]}>{t(`termStatus.${g.status}`)}</Badge>
                        <p className="mt-0.5 text-xs tabular-nums text-slate-500">{t("term", { start: g.termStart, end: g.termEnd })}</p>
                      </td>
                      <td className="px-2 py-2.5 text-center tabular-nums">{g.visitCount}</td>
                      <td className="px-2 py-2.5 text-center tabular-nums">
                        {g.opinionCount}
                        {g.opinionCount > g.answered ? <span className="block text-xs text-amber-700">{t("awaitingCount", { count: g.opinionCount - g.answered })}</span> : null}
                      </td>
                      <td className="px-3 py-2.5 text-right font-medium tabular-nums">{formatRate(g.adoptionRate) ?? <span className="text-slate-300">{t("rate.none")}</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}

      <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(page) => go({ page })} />
    </Card>
  );
}
