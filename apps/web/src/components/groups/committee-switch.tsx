"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { inputClass } from "@/components/ui";

/** Chooses whose register or appraisal a page shows, among the committees in the caller's scope (`?committee=`). */
export function CommitteeSwitch({ committees, current }: { committees: [number, string][]; current: number }) {
  const t = useTranslations("groups");
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  return (
    <select
      aria-label={t("committeeSwitch")}
      className={`${inputClass} w-auto!`}
      value={current}
      onChange={(e) => {
        const next = new URLSearchParams(params.toString());
        if (e.target.value === String(committees[0]![0])) next.delete("committee");
        else next.set("committee", e.target.value);
        const query = next.toString();
        router.push(query ? `${pathname}?${query}` : pathname);
      }}
    >
      {committees.map(([id, name]) => (
        <option key={id} value={id}>
          {name}
        </option>
      ))}
    </select>
  );
}
