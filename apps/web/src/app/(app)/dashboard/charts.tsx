"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { AppRouter } from "@dm/api";
import { Chart, type ChartSeries } from "@/components/dashboard/chart";
import { useMonthLabel } from "@/components/monthly/month";

type Overview = inferRouterOutputs<AppRouter>["dashboard"]["overview"];

/**
 * The dashboard's two charts: the trend by month (activities as bars, problems and tasks as
 * lines) and, per child committee, the campaign's activities and problems.
 */
export function DashboardCharts({ kind, data }: { kind: "trend" | "breakdown"; data: Overview }) {
  const t = useTranslations("dashboard");
  const monthLabel = useMonthLabel();
  const chart = useMemo(() => {
    if (kind === "trend") {
      const begun = data.trend.filter((p) => p.begun);
      const series: ChartSeries[] = [
        { name: t("series.activities"), type: "bar", data: begun.map((p) => p.activities) },
        { name: t("series.problemsFound"), type: "line", data: begun.map((p) => p.problemsFound) },
        { name: t("series.problemsClosed"), type: "line", data: begun.map((p) => p.problemsClosed) },
        { name: t("series.tasksApproved"), type: "line", data: begun.map((p) => p.tasksApproved) },
      ];
      return { label: t("trend"), categories: begun.map((p) => monthLabel(p.month, "short")), series, horizontal: false };
    }
    const rows = data.rows.slice(1);
    const series: ChartSeries[] = [
      { name: t("columns.activities"), type: "bar", data: rows.map((r) => r.counts.activities) },
      { name: t("columns.problems"), type: "bar", data: rows.map((r) => r.counts.problems) },
      { name: t("columns.closed"), type: "bar", data: rows.map((r) => r.counts.problemsClosed) },
    ];
    return { label: t("breakdownChart"), categories: rows.map((r) => r.name.replace(/政协$/, "")), series, horizontal: true };
  }, [kind, data, t, monthLabel]);

  const height = kind === "breakdown" ? (chart.categories.length > 6 ? "h-96" : "h-64") : "h-64 sm:h-72";
  return <Chart label={chart.label} categories={chart.categories} series={chart.series} horizontal={chart.horizontal} height={height} />;
}
