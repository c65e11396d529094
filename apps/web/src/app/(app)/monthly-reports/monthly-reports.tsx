"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { clsx } from "clsx";
import { ChevronRight, FilePen } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Fragment, useState } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@dm/api";
import { countStates, REPORT_STATES, type ReportState } from "@dm/api/domain/monthly-report";
import { useDateTimeLabel, useDayLabel, useMonthLabel } from "@/components/monthly/month";
import { ReportStateBadge } from "@/components/monthly/report-state";
import { Badge, Card, CardHeader, EmptyState, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { writeHref } from "./params";

type Item = inferRouterOutputs<AppRouter>["monthlyReport"]["status"]["items"][number];

/** The counts on the filter buttons take their state's colour (as the badges do) when not zero. */
const COUNT_CLASS: Record<ReportState, string> = {
  submitted: "bg-emerald-50 text-emerald-800",
  late: "bg-amber-50 text-amber-800",
  missing: "bg-red-50 text-red-700",
  pending: "bg-slate-100 text-slate-700",
};

interface Props {
  campaignId: number;
  month: string;
  /** The months to offer, newest first. */
  months: string[];
  /** County staff and liaisons: they also see and write their own reports. */
  writes: boolean;
}

export function MonthlyReports({ campaignId, month, months, writes }: Props) {
  const t = useTranslations("monthlyReports");
  const trpc = useTRPC();
  const router = useRouter();
  const monthLabel = useMonthLabel();
  const { data: campaigns } = useSuspenseQuery(trpc.campaign.list.queryOptions());
  const go = (next: { campaign?: number; month?: string }) =>
    router.push(`/monthly-reports?campaign=${next.campaign ?? campaignId}${next.month ? `&month=${next.month}` : next.campaign ? "" : `&month=${month}`}`);

  return (
    <div className="space-y-5">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[minmax(0,24rem)_12rem]">
        <div>
          <label htmlFor="report-campaign" className="mb-1 block text-sm font-medium text-slate-700">
            {t("campaign")}
          </label>
          <select id="report-campaign" className={inputClass} value={campaignId} onChange={(e) => go({ campaign: Number(e.target.value) })}>
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="report-month" className="mb-1 block text-sm font-medium text-slate-700">
            {t("month")}
          </label>
          <select id="report-month" className={inputClass} value={month} onChange={(e) => go({ month: e.target.value })}>
            {months.map((m) => (
              <option key={m} value={m}>
                {monthLabel(m)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {writes ? <OwnReports campaignId={campaignId} /> : null}
      <SubmissionStatus campaignId={campaignId} month={month} hideWhenOnlyOwn={writes} />
    </div>
  );
}

/** The caller's own committee, month by month: state, activities held, and the way to the form. */
function OwnReports({ campaignId }: { campaignId: number }) {
  const t = useTranslations("monthlyReports");
  const trpc = useTRPC();
  const monthLabel = useMonthLabel();
  const dayLabel = useDayLabel();
  const { data } = useSuspenseQuery(trpc.monthlyReport.ownList.queryOptions({ campaignId }));
  return (
    <Card>
      <CardHeader title={t("own")} />
      <p className="px-4 pt-3 text-sm text-slate-500 sm:px-5">{t("ownHint")}</p>
      {data.months.length === 0 ? (
        <EmptyState title={t("ownEmpty")} />
      ) : (
        <ul className="divide-y divide-slate-100" aria-label={t("own")}>
          {data.months.map((m) => {
            const action = m.reportStatus === "submitted" ? t("view") : m.reportStatus === "draft" ? t("continue") : t("write");
            return (
              <li key={m.month}>
                <Link href={writeHref(campaignId, m.month)} className="flex items-center gap-3 px-4 py-3 hover:bg-slate-50 sm:px-5">
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-medium text-slate-900">{monthLabel(m.month)}</span>
                      <ReportStateBadge state={m.state} />
                      {m.reportStatus === "draft" ? <Badge tone="blue">{t("draft")}</Badge> : null}
                    </div>
                    <p className="mt-1 text-xs text-slate-500">
                      {t("activitiesHeld", { count: m.activitiesHeld })} · {t("due", { date: dayLabel(m.dueDate) })}
                    </p>
                  </div>
                  <span className={clsx("inline-flex shrink-0 items-center gap-1 text-sm font-medium", m.reportStatus === "submitted" ? "text-slate-600" : "text-brand-700")}>
                    {m.reportStatus === "submitted" ? null : <FilePen className="h-4 w-4" aria-hidden />}
                    {action}
                    <ChevronRight className="h-4 w-4" aria-hidden />
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

/**
 * 填报情况: every county and township in scope for one month, with the counts by state as
 * filters. Townships sit under their county; a submitted report opens.
 */
function SubmissionStatus({ campaignId, month, hideWhenOnlyOwn }: { campaignId: number; month: string; hideWhenOnlyOwn: boolean }) {
  const t = useTranslations("monthlyReports");
  const trpc = useTRPC();
  const monthLabel = useMonthLabel();
  const dayLabel = useDayLabel();
  const dateTime = useDateTimeLabel();
  const { data } = useSuspenseQuery(trpc.monthlyReport.status.queryOptions({ campaignId, month }));
  const [filter, setFilter] = useState<ReportState | null>(null);
  // Townships sit under their county, folded away for the city (a county sees its own open).
  const inList = new Set(data.items.map((i) => i.committeeId));
  const heads = data.items.filter((i) => !(i.level === "township" && i.parentId !== null && inList.has(i.parentId)));
  const townshipsOf = new Map<number, Item[]>();
  for (const i of data.items) if (!heads.includes(i)) townshipsOf.set(i.parentId!, [...(townshipsOf.get(i.parentId!) ?? []), i]);
  const [open, setOpen] = useState<Set<number>>(() => new Set(heads.length === 1 ? [heads[0]!.committeeId] : []));
  const toggle = (id: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  // A liaison's only row is its own, already listed above.
  if (hideWhenOnlyOwn && data.items.length <= 1) return null;

  const names = new Map(data.items.map((i) => [i.committeeId, i.name]));
  const shown = filter ? data.items.filter((i) => i.state === filter) : data.items;
  const itemRow = (i: Item, indent: boolean) => {
    // Filtered, a township names its county instead of sitting under it.
    const parent = filter && i.level === "township" && i.parentId !== null ? names.get(i.parentId) : undefined;
    return (
      <li key={i.committeeId} data-committee={i.name} className={clsx("flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2.5 sm:px-5", indent && "pl-10 sm:pl-12")}>
        <div className="min-w-0 flex-1">
          <p className={clsx("text-slate-900", i.level === "county" && "font-medium")}>
            {i.name}
            {parent ? <span className="ml-1.5 text-xs font-normal text-slate-500">{parent}</span> : null}
          </p>
          <p className="text-xs text-slate-500">
            {i.submittedAt ? t("submittedAtValue", { at: dateTime(i.submittedAt) }) : i.hasDraft ? t("draftNotSubmitted") : null}
            {i.activitiesHeld !== null ? ` · ${t("activitiesHeld", { count: i.activitiesHeld })}` : null}
          </p>
        </div>
        <ReportStateBadge state={i.state} />
        {i.reportId ? (
          <Link href={`/monthly-reports/${i.reportId}`} className="text-sm font-medium text-brand-700 hover:underline" aria-label={`${t("open")}：${i.name}`}>
            {t("open")}
          </Link>
        ) : (
          <span className="w-16" aria-hidden />
        )}
      </li>
    );
  };
  const tabs: { key: ReportState | null; label: string; n: number }[] = [
    { key: null, label: t("all"), n: data.items.length },
    ...REPORT_STATES.map((s) => ({ key: s, label: t(`states.${s}`), n: data.counts[s] })),
  ];

  return (
    <Card>
      <CardHeader title={t("statusOf", { month: monthLabel(month) })} />
      <div className="space-y-3 px-4 pt-3 sm:px-5">
        <p className="text-sm text-slate-500">{t("statusHint", { date: dayLabel(data.dueDate) })}</p>
        <div role="group" aria-label={t("state")} className="flex flex-wrap gap-2">
          {tabs.map((tab) => (
            <button
              key={tab.key ?? "all"}
              type="button"
              aria-pressed={filter === tab.key}
              onClick={() => setFilter(tab.key)}
              className={clsx(
                "inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-sm",
                filter === tab.key ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
              )}
            >
              {tab.label}
              <span
                className={clsx(
                  "rounded-full px-1.5 text-xs font-semibold tabular-nums",
                  filter === tab.key ? "bg-white/20" : tab.key && tab.n ? COUNT_CLASS[tab.key] : "bg-slate-100 text-slate-600",
                )}
              >
                {tab.n}
              </span>
            </button>
          ))}
        </div>
      </div>
      {shown.length === 0 ? (
        <EmptyState title={t("noneInState")} />
      ) : (
        <ul className="mt-3 divide-y divide-slate-100 border-t border-slate-100" aria-label={t("status")}>
          {filter
            ? shown.map((i) => itemRow(i, false))
            : heads.map((head) => {
                const towns = townshipsOf.get(head.committeeId) ?? [];
                const isOpen = open.has(head.committeeId);
                const counts = countStates(towns.map((tw) => tw.state));
                return (
                  <Fragment key={head.committeeId}>
                    {itemRow(head, false)}
                    {towns.length ? (
                      <li className="bg-slate-50/70">
                        <button
                          type="button"
                          aria-expanded={isOpen}
                          onClick={() => toggle(head.committeeId)}
                          className="flex w-full flex-wrap items-center gap-2 px-4 py-1.5 pl-7 text-left text-xs text-slate-600 hover:bg-slate-100 sm:px-5 sm:pl-8"
                        >
                          <ChevronRight className={clsx("h-3.5 w-3.5 transition-transform", isOpen && "rotate-90")} aria-hidden />
                          <span>{t("townshipsOf", { count: towns.length })}</span>
                          {REPORT_STATES.filter((s) => counts[s] > 0).map((s) => (
                            <span key={s} className={clsx("rounded px-1.5 tabular-nums", COUNT_CLASS[s])}>
                              {t(`states.${s}`)} {counts[s]}
                            </span>
                          ))}
                        </button>
                      </li>
                    ) : null}
                    {isOpen ? towns.map((tw) => itemRow(tw, true)) : null}
                  </Fragment>
                );
              })}
        </ul>
      )}
    </Card>
  );
}
