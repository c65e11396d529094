import { useTranslations } from "next-intl";
import type { TrendPoint } from "@/components/dashboard/figures";
import { useMonthLabel } from "@/components/monthly/month";
import { Card, CardHeader } from "@/components/ui";

const SERIES = ["activities", "problemsFound", "problemsClosed", "tasksApproved", "opinions", "reportsMissing"] as const;

/** The trend's numbers as a table: one row per month, so a phone reads it top to bottom. */
export function TrendTable({ trend }: { trend: TrendPoint[] }) {
  const t = useTranslations("dashboard");
  const monthLabel = useMonthLabel();
  return (
    <div className="overflow-x-auto border-t border-slate-100 print:overflow-visible">
      <table className="w-full border-collapse text-sm print:text-[10px]">
        <caption className="sr-only">{t("trendCaption")}</caption>
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr>
            <th scope="col" className="px-2 py-2 text-left font-medium sm:px-3">
              {t("month")}
            </th>
            {SERIES.map((s) => (
              <th key={s} scope="col" className="px-2 py-2 text-right font-medium sm:px-3">
                {t(`series.${s}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {trend.map((p) => (
            <tr key={p.month} data-month={p.month} className="border-t border-slate-100">
              <th scope="row" className="px-2 py-1.5 text-left font-normal whitespace-nowrap text-slate-700 sm:px-3">
                {monthLabel(p.month)}
              </th>
              {p.begun ? (
                SERIES.map((s) => (
                  <td key={s} data-figure={s} className="px-2 py-1.5 text-right tabular-nums sm:px-3">
                    {s === "reportsMissing" && p.reportsMissing === null ? <span className="text-slate-500">{t("notDue")}</span> : p[s]}
                  </td>
                ))
              ) : (
                <td colSpan={SERIES.length} className="px-2 py-1.5 text-right text-slate-500 sm:px-3">
                  {t("notBegun")}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 统计口径: what each figure counts, in words. */
export function Definitions({ dueDay }: { dueDay: number }) {
  const t = useTranslations("dashboard");
  const keys = ["tasks", "activities", "coverage", "participation", "reports", "problems", "adoption"] as const;
  return (
    <Card className="mt-5 break-inside-avoid">
      <CardHeader title={t("definitions")} />
      <ul className="list-disc space-y-1.5 px-4 py-3 pl-8 text-xs leading-5 text-slate-600 sm:px-5 sm:pl-9">
        {keys.map((k) => (
          <li key={k}>{t(`def.${k}`, { dueDay })}</li>
        ))}
      </ul>
    </Card>
  );
}
