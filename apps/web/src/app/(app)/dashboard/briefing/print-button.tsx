"use client";

import { Printer } from "lucide-react";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui";

/** 打印: the browser's print dialog, where "Save as PDF" makes the PDF. */
export function PrintButton() {
  const t = useTranslations("briefing");
  return (
    <button type="button" onClick={() => window.print()} className={buttonClass.primary}>
      <Printer className="h-4 w-4" aria-hidden />
      {t("print")}
    </button>
  );
}
