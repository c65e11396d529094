"use client";

import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui";

/** 第 n / m 页 with previous and next; hidden when there is nothing to page. */
export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const t = useTranslations("work");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total === 0) return null;
  return (
    <nav className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 px-4 py-3 text-sm" aria-label={t("pagination")}>
      <span className="text-slate-500">{t("page", { page, pages })}</span>
      <div className="flex items-center gap-2">
        <button type="button" className={buttonClass.secondary} disabled={page <= 1} onClick={() => onPage(page - 1)}>
          {t("prev")}
        </button>
        <button type="button" className={buttonClass.secondary} disabled={page >= pages} onClick={() => onPage(page + 1)}>
          {t("next")}
        </button>
      </div>
    </nav>
  );
}
