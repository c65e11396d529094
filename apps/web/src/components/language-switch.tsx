"use client";

import { clsx } from "clsx";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocale } from "@/server/actions";

export function LanguageSwitch({ tone = "light" }: { tone?: "light" | "dark" }) {
  const t = useTranslations("language");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div role="group" aria-label={t("label")} className="inline-flex items-center gap-1 text-xs">
      {(["zh-CN", "en"] as const).map((l) => (
        <button
          key={l}
          type="button"
          disabled={pending || l === locale}
          aria-pressed={l === locale}
          onClick={() =>
            startTransition(async () => {
              await setLocale(l);
              router.refresh();
            })
          }
          className={clsx(
            "rounded px-2 py-1",
            tone === "dark" ? "text-white/80 hover:text-white aria-pressed:bg-white/15 aria-pressed:text-white" : "text-slate-500 hover:text-slate-900 aria-pressed:bg-slate-200 aria-pressed:text-slate-900",
          )}
        >
          {t(l)}
        </button>
      ))}
    </div>
  );
}
