"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { clsx } from "clsx";
import { Image as ImageIcon, MapPin } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { TIP_STATUSES, type TipStatus } from "@dm/db/enums";
import { ResultSummary, SearchBox, useUrlInput } from "@/components/list";
import { Pager } from "@/components/tasks/pager";
import { formatDateTime } from "@/components/tasks/timeline";
import { Alert, Card, EmptyState } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { parseTipSearch, toTipSearch } from "./params";
import { TipStatusBadge } from "./tip-status";

/** 举报线索 routed to committees in scope: unhandled first, with tabs per status and search. */
export function TipList() {
  const t = useTranslations("tips");
  const tc = useTranslations("common");
  const format = useFormatter();
  const trpc = useTRPC();
  const { input, go, clear } = useUrlInput(parseTipSearch, toTipSearch);
  const { data, isFetching, isError, error } = useQuery({ ...trpc.tip.list.queryOptions(input), placeholderData: keepPreviousData });
  const filtered = Boolean(input.search || input.status);
  const all = data ? Object.values(data.byStatus).reduce((a, b) => a + (b ?? 0), 0) : 0;

  return (
    <Card>
      <nav aria-label={t("statusTabs")} className="flex gap-1 overflow-x-auto border-b border-slate-100 px-2 pt-2">
        {([undefined, ...TIP_STATUSES] as (TipStatus | undefined)[]).map((s) => {
          const active = input.status === s;
          const n = s ? (data?.byStatus[s] ?? 0) : all;
          return (
            <button
              key={s ?? "all"}
              type="button"
              aria-current={active ? "page" : undefined}
              onClick={() => go({ status: s })}
              className={clsx("flex shrink-0 items-center gap-1.5 rounded-t-md border-b-2 px-3 py-2 text-sm whitespace-nowrap", active ? "border-brand-700 font-medium text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900")}
            >
              {s ? t(`status.${s}`) : t("all")}
              <span className={clsx("rounded-full px-1.5 text-xs tabular-nums", active ? "bg-brand-50 text-brand-800" : "bg-slate-100 text-slate-600", s === "received" && n > 0 && !active && "bg-amber-100 text-amber-800")}>{n}</span>
            </button>
          );
        })}
      </nav>
      <div className="border-b border-slate-100 p-4">
        <SearchBox id="tip-search" label={t("search")} placeholder={t("searchPlaceholder")} value={input.search} onSearch={(search) => go({ search })} />
      </div>
      {isError ? <Alert className="m-4">{error.message}</Alert> : null}
      <ResultSummary text={data ? t("total", { total: data.total }) : tc("loading")} clearLabel={t("clear")} onClear={filtered ? clear : undefined} />
      {data && data.items.length === 0 ? (
        <EmptyState title={filtered ? t("emptyFiltered") : t("empty")} hint={filtered ? undefined : t("emptyHint")} />
      ) : (
        <ul className={clsx("divide-y divide-slate-100", isFetching && "opacity-60")} aria-busy={isFetching}>
          {data?.items.map((tip) => (
            <li key={tip.id}>
              <Link href={`/tips/${tip.id}`} className="block px-4 py-3 hover:bg-slate-50 sm:px-5">
                <div className="flex flex-wrap items-center gap-2">
                  <TipStatusBadge status={tip.status} />
                  <span className="font-mono text-xs tracking-wide text-slate-500">{tip.code}</span>
                  <time className="ml-auto text-xs text-slate-500 tabular-nums" dateTime={tip.createdAt.toISOString()}>
                    {formatDateTime(format, tip.createdAt)}
                  </time>
                </div>
                <p className="mt-1.5 line-clamp-2 text-sm text-slate-900">{tip.content}</p>
                <p className="mt-1 flex flex-wrap items-center gap-x-3 text-xs text-slate-500">
                  <span className="inline-flex items-center gap-1">
                    <MapPin className="h-3.5 w-3.5" aria-hidden />
                    {tip.areaName} · {tip.location}
                  </span>
                  {tip.photos ? (
                    <span className="inline-flex items-center gap-1">
                      <ImageIcon className="h-3.5 w-3.5" aria-hidden />
                      {t("photos", { count: tip.photos })}
                    </span>
                  ) : null}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {data ? <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(page) => go({ page })} /> : null}
    </Card>
  );
}
