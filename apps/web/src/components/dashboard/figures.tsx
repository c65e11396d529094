import type { inferRouterOutputs } from "@trpc/server";
import { clsx } from "clsx";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { AppRouter } from "@dm/api";

type Overview = inferRouterOutputs<AppRouter>["dashboard"]["overview"];
export type BreakdownRow = Overview["rows"][number];
export type TrendPoint = Overview["trend"][number];

/** "42.9%", or a dash when there is nothing to divide by. */
export function useRate() {
  const t = useTranslations("dashboard");
  return (value: number | null) => (value === null ? t("none") : t("percent", { value }));
}

/** One headline figure: a label, the number, and what it is made of. */
export function Figure({ id, label, value, hint, tone = "plain", href }: { id: string; label: string; value: string | number; hint?: string; tone?: "plain" | "alert"; href?: string }) {
  return (
    // A <div> (not Card's <section>): it sits in a <dl>.
    <div data-figure={id} className="break-inside-avoid rounded-lg border border-slate-200 bg-white px-4 py-3.5 shadow-sm sm:px-5 sm:py-4">
      <dt className="text-sm text-slate-500">
        {href ? (
          <Link href={href} className="hover:text-brand-700 hover:underline">
            {label}
          </Link>
        ) : (
          label
        )}
      </dt>
      <dd className={clsx("mt-1 text-2xl font-semibold tabular-nums sm:text-3xl", tone === "alert" ? "text-red-700" : "text-slate-900")}>{value}</dd>
      {hint ? <dd className="mt-1 text-xs leading-5 text-slate-500">{hint}</dd> : null}
    </div>
  );
}

const num = "px-2 py-2 text-right tabular-nums sm:px-3";

/**
 * The breakdown: the committee's own work (本级), one row per child committee with its subtree,
 * and the total. The first column stays put while the figures scroll sideways on a phone.
 */
export function BreakdownTable({ rows, total, briefing }: { rows: BreakdownRow[]; total: Overview["total"] & { rates: Overview["rates"] }; briefing?: (committeeId: number) => string }) {
  const t = useTranslations("dashboard");
  const rate = useRate();
  const columns = ["tasks", "approved", "overdue", "activitiesInMonth", "activities", "participation", "reportsMissing", "problems", "closed", "problemsOverdue", "closure", "opinions", "adoption"] as const;
  const cells = (c: BreakdownRow["counts"], r: BreakdownRow["rates"]) =>
    [c.tasks, c.tasksApproved, c.tasksOverdue, c.activitiesInMonth, c.activities, rate(r.participation), c.reportsMissing, c.problems, c.problemsClosed, c.problemsOverdue, rate(r.closure), c.opinions, rate(r.adoption)] as const;
  const alert = (key: (typeof columns)[number], value: number | string) => (key === "overdue" || key === "reportsMissing" || key === "problemsOverdue") && typeof value === "number" && value > 0;

  return (
    <div className="overflow-x-auto print:overflow-visible">
      <table className="w-full min-w-[56rem] border-collapse text-sm print:min-w-0 print:text-[10px]">
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr>
            <th scope="col" className="sticky left-0 z-10 bg-slate-50 px-2 py-2 text-left font-medium sm:px-3">
              {t("columns.committee")}
            </th>
            {columns.map((key) => (
              <th key={key} scope="col" className="px-2 py-2 text-right font-medium whitespace-nowrap sm:px-3 print:whitespace-normal">
                {t(`columns.${key}`)}
              </th>
            ))}
            {briefing ? (
              <th scope="col" className="px-2 py-2 text-right font-medium whitespace-nowrap print:hidden sm:px-3">
                {t("columns.briefing")}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.committeeId}-${row.kind}`} data-committee={row.name} className="border-t border-slate-100">
              <th scope="row" className="sticky left-0 z-10 bg-white px-2 py-2 text-left font-medium whitespace-nowrap text-slate-800 sm:px-3">
                {row.name}
                {row.kind === "own" && rows.length > 1 ? <span className="ml-1 text-xs font-normal text-slate-500">（{t("ownRow")}）</span> : null}
              </th>
              {cells(row.counts, row.rates).map((value, i) => (
                <td key={columns[i]} data-figure={columns[i]} className={clsx(num, alert(columns[i]!, value) && "font-semibold text-red-700")}>
                  {value}
                </td>
              ))}
              {briefing ? (
                <td className={clsx(num, "print:hidden")}>
                  <Link href={briefing(row.committeeId)} className="whitespace-nowrap text-brand-700 hover:underline" aria-label={t("briefingOf", { name: row.name })}>
                    {t("columns.briefing")}
                  </Link>
                </td>
              ) : null}
            </tr>
          ))}
          {rows.length > 1 ? (
            <tr data-committee="total" className="border-t-2 border-slate-200 bg-slate-50 font-semibold">
              <th scope="row" className="sticky left-0 z-10 bg-slate-50 px-2 py-2 text-left sm:px-3">
                {t("total")}
              </th>
              {cells(total, total.rates).map((value, i) => (
                <td key={columns[i]} data-figure={columns[i]} className={num}>
                  {value}
                </td>
              ))}
              {briefing ? <td className="print:hidden" /> : null}
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
