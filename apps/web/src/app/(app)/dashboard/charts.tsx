import type { inferRouterOutputs } from "@trpc/server";
import { getFormatter, getTranslations } from "next-intl/server";
import type { AppRouter } from "@dm/api";
import { Chart, type ChartSeries } from "@/components/dashboard/chart";
import { monthInstant } from "@/components/monthly/month";

type Overview = inferRouterOutputs<AppRouter>["dashboard"]["overview"];

/**
 * The dashboard's two charts: the trend by month (activities as bars, problems and tasks as
 * lines) and, per child committee, the campaign's activities and problems. The series are made
 * here, on the server; the browser gets only what it draws.
 */
export async function DashboardCharts({ kind, data }: { kind: "trend" | "breakdown"; data: Overview }) {
  const t = await getTranslations("dashboard");
  const format = await getFormatter();
  if (kind === "trend") {
    const begun = data.trend.filter((p) => p.begun);
    const series: ChartSeries[] = [
      { name: t("series.activities"), type: "bar", data: begun.map((p) => p.activities) },
      { name: t("series.problemsFound"), type: "line", data: begun.map((p) => p.problemsFound) },
      { name: t("series.problemsClosed"), type: "line", data: begun.map((p) => p.problemsClosed) },
      { name: t("series.tasksApproved"), type: "line", data: begun.map((p) => p.tasksApproved) },
    ];
    const categories = begun.map((p) => format.dateTime(monthInstant(p.month), { month: "short" }));
    return <Chart label={t("trend")} categories={categories} series={series} />;
  }
  const rows = data.rows.slice(1);
  const series: ChartSeries[] = [
    { name: t("columns.activities"), type: "bar", data: rows.map((r) => r.counts.activities) },
    { name: t("columns.problems"), type: "bar", data: rows.map((r) => r.counts.problems) },
    { name: t("columns.closed"), type: "bar", data: rows.map((r) => r.counts.problemsClosed) },
  ];
  const categories = rows.map((r) => r.name.replace(/政协$/, ""));
  return <Chart label={t("breakdownChart")} categories={categories} series={series} horizontal height={categories.length > 6 ? "h-96" : "h-64"} />;
}
