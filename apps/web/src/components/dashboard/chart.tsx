"use client";

import type { EChartsCoreOption } from "echarts/core";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

export interface ChartSeries {
  name: string;
  type: "bar" | "line";
  data: (number | null)[];
}

/** 政协红, gold, slate, teal, sky, violet: distinct in colour and in greyscale print. */
const COLORS = ["#b3261e", "#c49a45", "#475569", "#0f766e", "#0284c7", "#7c3aed"];

/**
 * A bar/line chart over categories, drawn by ECharts in the browser. ECharts is loaded lazily
 * (its own chunk), when the chart comes near the screen, or once the page has been open a few
 * seconds and the browser is idle (so the charts are there to print): on a phone the charts sit
 * below the fold, and the page's first seconds go to showing it and making it respond. The same
 * numbers are always in a table next to the chart, so the page reads without JavaScript, to
 * screen readers, and on paper.
 */
export function Chart({ label, categories, series, horizontal = false, height = "h-64 sm:h-72" }: { label: string; categories: string[]; series: ChartSeries[]; horizontal?: boolean; height?: string }) {
  const t = useTranslations("dashboard");
  const ref = useRef<HTMLDivElement>(null);
  const [wanted, setWanted] = useState(false);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const want = () => setWanted(true);
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && want(), { rootMargin: "200px 0px" });
    observer.observe(element);
    const later = window.setTimeout(() => ("requestIdleCallback" in window ? window.requestIdleCallback(want, { timeout: 2000 }) : want()), 4000);
    window.addEventListener("beforeprint", want);
    return () => {
      observer.disconnect();
      window.clearTimeout(later);
      window.removeEventListener("beforeprint", want);
    };
  }, []);

  useEffect(() => {
    if (!wanted) return;
    let disposed = false;
    let cleanup = () => {};
    void import("./echarts").then(({ init }) => {
      if (disposed || !ref.current) return;
      const chart = init(ref.current, undefined, { renderer: "svg" });
      const categoryAxis = { type: "category", data: categories, axisLabel: { interval: 0, hideOverlap: true, fontSize: 11 }, axisTick: { alignWithLabel: true } };
      const valueAxis = { type: "value", minInterval: 1, axisLabel: { fontSize: 11 } };
      const option: EChartsCoreOption = {
        color: COLORS,
        animation: false,
        textStyle: { fontFamily: "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif" },
        tooltip: { trigger: "axis" },
        legend: { top: 0, type: "scroll", textStyle: { fontSize: 12 } },
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        xAxis: horizontal ? valueAxis : categoryAxis,
        yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
        series: series.map((s) => ({ ...s, barMaxWidth: 18, smooth: false, symbolSize: 6, connectNulls: false })),
      };
      chart.setOption(option);
      setReady(true);
      // Follow the container: a phone turned sideways, the sidebar, and the page laid out for print.
      const resize = () => chart.resize();
      const observer = new ResizeObserver(resize);
      observer.observe(ref.current);
      const print = window.matchMedia("print");
      print.addEventListener("change", resize);
      cleanup = () => {
        observer.disconnect();
        print.removeEventListener("change", resize);
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [wanted, categories, series, horizontal]);

  return (
    <div className="relative break-inside-avoid">
      <div ref={ref} role="img" aria-label={label} className={`${height} w-full`} />
      {ready ? null : <p className="absolute inset-0 flex items-center justify-center text-sm text-slate-500 print:hidden">{t("chartLoading")}</p>}
    </div>
  );
}
