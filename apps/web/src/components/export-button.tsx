"use client";

import { clsx } from "clsx";
import { FileSpreadsheet } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { buttonClass } from "./ui";
import type { ExportKind } from "./export-kinds";

/**
 * 导出 Excel: downloads /api/exports/<kind> with the page's current filters (its query string,
 * without the page number: the file holds every page). A plain link, so the browser downloads
 * what the route handler sends.
 */
export function ExportButton({ kind, className }: { kind: ExportKind; className?: string }) {
  const t = useTranslations("exports");
  const params = new URLSearchParams(useSearchParams().toString());
  params.delete("page");
  const query = params.toString();
  return (
    <a href={`/api/exports/${kind}${query ? `?${query}` : ""}`} className={clsx(buttonClass.secondary, className)} title={t("hint")} download>
      <FileSpreadsheet className="h-4 w-4" aria-hidden />
      {t("button")}
    </a>
  );
}
