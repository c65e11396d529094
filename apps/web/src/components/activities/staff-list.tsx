"use client";

import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { AppRouter } from "@dm/api";
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, type ActivityStatus, type ActivityType } from "@dm/db/enums";
import { ResultSummary, SearchBox, useUrlInput } from "@/components/list";
import { Pager } from "@/components/tasks/pager";
import { Badge, Card, EmptyState, inputClass } from "@/components/ui";
import { ActivityStatusBadge, useTimeRange } from "./labels";
import { parseActivitySearch, toActivitySearch } from "./params";

type Outputs = inferRouterOutputs<AppRouter>["activity"];

/**
 * 活动管理: activities organised within the caller's scope, filtered by URL, rendered from the
 * server's answer for it (the page shares its code with the members' list, which goes without
 * React Query).
 */
export function StaffActivityList({ data, choices }: { data: Outputs["list"]; choices: Outputs["choices"] }) {
  const t = useTranslations();
  const range = useTimeRange();
  const { input, go, clear, pending: isFetching } = useUrlInput(parseActivitySearch, toActivitySearch);
  const filtered = Boolean(input.search || input.campaignId || input.month || input.status || input.type);

  return (
    <Card>
      <div className="space-y-3 border-b border-slate-100 p-4">
        <SearchBox id="activity-search" label={t("activities.search")} placeholder={t("activities.searchPlaceholder")} value={input.search} onSearch={(search) => go({ search })} />
        <div className="grid grid-cols-2 gap-2 lg:grid-cols-4">
          <select aria-label={t("activities.campaign")} className={`${inputClass} col-span-2 lg:col-span-1`} value={input.campaignId ?? ""} onChange={(e) => go({ campaignId: e.target.value ? Number(e.target.value) : undefined })}>
            <option value="">{t("activities.allCampaigns")}</option>
            {choices.campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
          <input type="month" aria-label={t("activities.month")} className={inputClass} value={input.month ?? ""} onChange={(e) => go({ month: e.target.value || undefined })} />
          <select aria-label={t("activities.type")} className={inputClass} value={input.type ?? ""} onChange={(e) => go({ type: (e.target.value || undefined) as ActivityType | undefined })}>
            <option value="">{t("activities.allTypes")}</option>
            {ACTIVITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`activityTypes.${type}`)}
              </option>
            ))}
          </select>
          <select aria-label={t("activities.status")} className={`${inputClass} col-span-2 lg:col-span-1`} value={input.status ?? ""} onChange={(e) => go({ status: (e.target.value || undefined) as ActivityStatus | undefined })}>
            <option value="">{t("activities.allStatuses")}</option>
            {ACTIVITY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`activityStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>

      <ResultSummary text={t("activities.total", { total: data.total })} clearLabel={t("activities.clear")} onClear={filtered ? clear : undefined} />

      {data.items.length === 0 ? (
        <EmptyState title={filtered ? t("activities.emptyFiltered") : t("activities.empty")} hint={filtered ? t("activities.emptyFilteredHint") : t("activities.emptyHint")} />
      ) : (
        <div className={isFetching ? "opacity-60 transition-opacity" : undefined} aria-busy={isFetching}>
          <ul className="divide-y divide-slate-100 md:hidden">
            {data.items.map((a) => (
              <li key={a.id}>
                <Link href={`/activities/${a.id}`} className="block px-4 py-3 hover:bg-slate-50">
                  <div className="flex items-start justify-between gap-2">
                    <span className="font-medium text-slate-900">{a.title}</span>
                    <ActivityStatusBadge status={a.status} />
                  </div>
                  <p className="mt-1 text-xs text-slate-500">
                    {t(`activityTypes.${a.type}`)} · {a.committeeName}
                  </p>
                  <p className="mt-1 text-xs tabular-nums text-slate-600">{range(a.startsAt, a.endsAt)}</p>
                  <p className="mt-1 text-xs text-slate-500">
                    {t("activities.signups")} {a.registered}
                    {a.capacity ? `/${a.capacity}` : ""} · {t("activities.arrived")} {a.arrived}
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
                    {t("activities.activity")}
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium whitespace-nowrap">
                    {t("activities.time")}
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium whitespace-nowrap">
                    {t("activities.organiserCommittee")}
                  </th>
                  <th scope="col" className="px-3 py-2.5 text-center font-medium whitespace-nowrap">
                    {t("activities.signups")}
                  </th>
                  <th scope="col" className="px-3 py-2.5 text-center font-medium whitespace-nowrap">
                    {t("activities.arrived")}
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium whitespace-nowrap">
                    {t("activities.status")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.items.map((a) => (
                  <tr key={a.id} className="hover:bg-slate-50">
                    <td className="max-w-md px-4 py-2.5">
                      <Link href={`/activities/${a.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                        {a.title}
                      </Link>
                      <p className="mt-0.5 flex items-center gap-1.5 truncate text-xs text-slate-500">
                        <Badge>{t(`activityTypes.${a.type}`)}</Badge>
                        <span className="truncate">{a.place}</span>
                      </p>
                    </td>
                    <td className="px-3 py-2.5 whitespace-nowrap tabular-nums text-slate-700">{range(a.startsAt, a.endsAt)}</td>
                    <td className="px-3 py-2.5 whitespace-nowrap text-slate-700">{a.committeeName}</td>
                    <td className="px-3 py-2.5 text-center tabular-nums">
                      {a.registered}
                      {a.capacity ? <span className="text-slate-500">/{a.capacity}</span> : null}
                      {a.waiting ? <span className="ml-1 text-xs text-amber-700">+{a.waiting}</span> : null}
                    </td>
                    <td className="px-3 py-2.5 text-center tabular-nums">{a.arrived}</td>
                    <td className="px-3 py-2.5">
                      <ActivityStatusBadge status={a.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(page) => go({ page })} />
    </Card>
  );
}
