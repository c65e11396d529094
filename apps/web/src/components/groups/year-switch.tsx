"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { inputClass } from "@/components/ui";

/** Chooses the appraisal year (`?year=`). */
export function YearSwitch({ years, current }: { years: number[]; current: number }) {
  const t = useTranslations("groups.appraisal");
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  return (
    <select
      aria-label={t("year")}
      className={`${inputClass} w-auto!`}
      value={current}
      onChange={(e) => {
        const next = new URLSearchParams(params.toString());
        next.set("year", e.target.value);
        router.push(`${pathname}?${next.toString()}`);
      }}
    >
      {years.map((y) => (
        <option key={y} value={y}>
          {t("yearOption", { year: y })}
        </option>
      ))}
    </select>
  );
}
