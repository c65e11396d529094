"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { clsx } from "clsx";
import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Fragment, useState } from "react";
import type { AppRouter } from "@dm/api";
import { type CellState, cellsOf, gapsOf } from "@dm/api/domain/coverage";
import { useMonthLabel } from "@/components/monthly/month";
import { Alert, Card, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { cellHref, type Period } from "./params";

type Matrix = inferRouterOutputs<AppRouter>["coverage"]["matrix"];
type Row = Matrix["rows"][number];

const CELL_CLASS: Record<CellState, string> = {
  held: "bg-emerald-50 text-emerald-800 hover:bg-emerald-100",
  gap: "bg-red-50 font-semibold text-red-700 ring-1 ring-inset ring-red-200 hover:bg-red-100",
  open: "text-slate-500 hover:bg-slate-100",
  future: "text-slate-300",
};

/**
 * 活动覆盖: committees × months with the number of activities held. Past months with none are
 * red; the current month with none yet is grey; months not begun are dashes. The first column
 * stays put while the months scroll sideways (phones).
 */
export function CoverageMatrix({ period }: { period: Period }) {
  const t = useTranslations("coverage");
  const trpc = useTRPC();
  const router = useRouter();
  const monthLabel = useMonthLabel();
  const { data: campaigns } = useSuspenseQuery(trpc.campaign.list.queryOptions());
  const { data: m } = useSuspenseQuery(trpc.coverage.matrix.queryOptions(period));
  const [expanded, setExpanded] = useState<Set<number>>(new Set());

  const years = [...new Set([...campaigns.map((c) => c.year), new Date().getFullYear(), m.year])].sort((a, b) => b - a);
  const periodValue = period.campaignId !== undefined ? `c${period.campaignId}` : `y${period.year}`;
  const stateText = (state: CellState, count: number) =>
    state === "held" ? t("cellCount", { count }) : t(state === "gap" ? "stateGap" : state === "open" ? "stateOpen" : "stateFuture");

  // The month just ended (the last one gone by): who held nothing, to chase.
  const lastPast = m.months.findLastIndex((x) => x.phase === "past");
  const missed = lastPast >= 0 ? m.rows.filter((r) => r.counts[lastPast] === 0).map((r) => r.name) : [];
  const toggle = (id: number) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const caption = (row: Row, nested: boolean) => {
    if (row.kind === "subtree") return t("withTownships");
    if (!nested && row.committeeId === m.rows[0]?.committeeId && m.rows.length > 1) return t("own");
    if (nested && row.level !== "township") return t("own");
    return null;
  };

  const renderRow = (row: Row, nested: boolean) => {
    const open = expanded.has(row.committeeId);
    const label = caption(row, nested);
    const cells = cellsOf(row.counts, m.months);
    const gaps = gapsOf(row.counts, m.months);
    return (
      <tr key={`${nested ? "n" : "r"}-${row.committeeId}-${row.kind}`} className={nested ? "bg-slate-50" : undefined}>
        <th scope="row" className={clsx("sticky left-0 z-10 border-b border-r border-slate-100 px-2 py-1.5 text-left font-normal sm:px-3", nested ? "bg-slate-50 pl-6 sm:pl-8" : "bg-white")}>
          <div className="flex items-center gap-1">
            {row.children ? (
              <button
                type="button"
                onClick={() => toggle(row.committeeId)}
                aria-expanded={open}
                aria-label={t(open ? "collapse" : "expand", { name: row.name })}
                className="-ml-1 rounded p-0.5 text-slate-500 hover:bg-slate-100 hover:text-brand-700"
              >
                <ChevronRight className={clsx("h-4 w-4 transition-transform", open && "rotate-90")} aria-hidden />
              </button>
            ) : null}
            <div className="min-w-0">
              <p className={clsx("truncate text-slate-900", !nested && "font-medium")}>{row.name}</p>
              {label ? <p className="truncate text-[10px] leading-tight text-slate-500">{label}</p> : null}
            </div>
          </div>
        </th>
        {row.counts.map((count, i) => {
          const month = m.months[i]!.month;
          const state = cells[i]!;
          // "本级" tells a county's own row from its rolled-up one in the breakdown.
          const name = label === t("own") ? `${row.name}（${label}）` : row.name;
          const aria = t("cellLabel", { name, month: monthLabel(month), state: stateText(state, count) });
          return (
            <td key={month} data-state={state} className="border-b border-slate-100 p-0.5 text-center tabular-nums">
              {state === "future" ? (
                <span aria-label={aria} title={aria} className={clsx("block rounded px-1 py-1.5", CELL_CLASS.future)}>
                  —
                </span>
              ) : (
                <Link href={cellHref(period, row.committeeId, month, row.kind === "subtree")} aria-label={aria} title={aria} className={clsx("block rounded px-1 py-1.5", CELL_CLASS[state])}>
                  {count}
                </Link>
              )}
            </td>
          );
        })}
        <td className={clsx("border-b border-slate-100 px-2 py-1.5 text-center tabular-nums", gaps ? "font-semibold text-red-700" : "text-slate-300")}>{gaps}</td>
      </tr>
    );
  };

  return (
    <Card>
      <div className="flex flex-col gap-3 border-b border-slate-100 p-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="sm:w-96">
          <label htmlFor="coverage-period" className="mb-1 block text-sm font-medium text-slate-700">
            {t("period")}
          </label>
          <select
            id="coverage-period"
            className={inputClass}
            value={periodValue}
            onChange={(e) => {
              const v = e.target.value;
              router.push(v.startsWith("c") ? `/coverage?campaign=${v.slice(1)}` : `/coverage?year=${v.slice(1)}`);
            }}
          >
            {campaigns.length ? (
              <optgroup label={t("campaigns")}>
                {campaigns.map((c) => (
                  <option key={c.id} value={`c${c.id}`}>
                    {c.title}
                  </option>
                ))}
              </optgroup>
            ) : null}
            <optgroup label={t("years")}>
              {years.map((y) => (
                <option key={y} value={`y${y}`}>
                  {t("yearOption", { year: y })}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <ul aria-label={t("legend")} className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
          {(["held", "gap", "open", "future"] as const).map((s) => (
            <li key={s} className="flex items-center gap-1.5">
              <span className={clsx("inline-flex h-5 w-6 items-center justify-center rounded text-[11px] tabular-nums", CELL_CLASS[s], s === "open" && "ring-1 ring-inset ring-slate-200")}>
                {s === "held" ? 1 : s === "future" ? "—" : 0}
              </span>
              {t(s === "held" ? "stateHeld" : s === "gap" ? "stateGap" : s === "open" ? "stateOpen" : "stateFuture")}
            </li>
          ))}
        </ul>
      </div>

      {lastPast >= 0 && m.rows.length > 0 ? (
        <Alert tone={missed.length ? "error" : "success"} className="mx-4 mt-4">
          {missed.length
            ? t("lastMonthGaps", { month: monthLabel(m.months[lastPast]!.month), names: missed.join("、") })
            : t("lastMonthAllHeld", { month: monthLabel(m.months[lastPast]!.month) })}
        </Alert>
      ) : null}

      {m.rows.length === 0 ? (
        <p className="px-4 py-12 text-center text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <>
          <p className="px-4 pt-3 text-xs text-slate-500 sm:hidden">{t("scrollHint")}</p>
          <div className="overflow-x-auto p-2 sm:p-4">
            <table className="w-full min-w-[40rem] table-fixed border-separate border-spacing-0 text-sm">
              <thead className="text-xs text-slate-500">
                <tr>
                  <th scope="col" className="sticky left-0 z-10 w-32 border-b border-r border-slate-100 bg-white px-2 py-2 text-left font-medium sm:w-44 sm:px-3">
                    {t("committee")}
                  </th>
                  {m.months.map(({ month, phase }, i) => (
                    <th key={month} scope="col" className={clsx("border-b border-slate-100 px-0.5 py-2 text-center font-medium whitespace-nowrap", phase === "current" && "text-brand-700")}>
                      {i === 0 || month.endsWith("-01") ? <span className="block text-[10px] font-normal text-slate-500">{month.slice(0, 4)}</span> : null}
                      {monthLabel(month, "short")}
                    </th>
                  ))}
                  <th scope="col" className="w-14 border-b border-slate-100 px-1 py-2 text-center font-medium whitespace-nowrap">
                    {t("gaps")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {m.rows.map((row) => (
                  <Fragment key={`${row.committeeId}-${row.kind}`}>
                    {renderRow(row, false)}
                    {row.children && expanded.has(row.committeeId) ? row.children.map((child) => renderRow(child, true)) : null}
                  </Fragment>
                ))}
              </tbody>
              {m.rows.length > 1 ? (
                <tfoot>
                  <tr className="text-slate-700">
                    <th scope="row" className="sticky left-0 z-10 border-r border-slate-100 bg-white px-2 py-2 text-left font-medium sm:px-3">
                      {t("total")}
                    </th>
                    {m.total.map((n, i) => (
                      <td key={m.months[i]!.month} className="px-0.5 py-2 text-center font-medium tabular-nums">
                        {m.months[i]!.phase === "future" ? <span className="text-slate-300">—</span> : n}
                      </td>
                    ))}
                    <td />
                  </tr>
                </tfoot>
              ) : null}
            </table>
          </div>
        </>
      )}
    </Card>
  );
}
