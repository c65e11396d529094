"use client";

import { Download, FileUp, UserPlus } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui";
import { parseMemberSearch, toSearchParams } from "./params";

/** 新增 / 导入 / 导出 for staff who keep the roster; the export carries the list's current filters. */
export function RosterActions() {
  const t = useTranslations("rosterActions");
  const searchParams = useSearchParams();
  const { page: _page, pageSize: _size, ...filters } = parseMemberSearch(new URLSearchParams(searchParams.toString()));
  return (
    <div className="flex flex-wrap gap-2">
      <Link href="/members/new" className={buttonClass.primary}>
        <UserPlus className="h-4 w-4" aria-hidden />
        {t("add")}
      </Link>
      <Link href="/members/import" className={buttonClass.secondary}>
        <FileUp className="h-4 w-4" aria-hidden />
        {t("import")}
      </Link>
      {/* A plain link: the browser downloads the file the route handler makes. */}
      <a href={`/api/members/export${toSearchParams(filters)}`} className={buttonClass.secondary} title={t("exportHint")} download>
        <Download className="h-4 w-4" aria-hidden />
        {t("export")}
      </a>
    </div>
  );
}
