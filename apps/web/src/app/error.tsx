"use client";

import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/button-class";
import { isServiceUnavailable } from "@/trpc/unavailable";

/**
 * `retry` (Next.js) fetches the page's server components again before re-rendering: what a page
 * that failed on the server, e.g. during a database outage, needs to recover. The link home is a
 * plain link, not next/link: after an error a full load is the surer recovery, and this
 * boundary's code is part of every page's first load.
 */
export default function ErrorPage({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const t = useTranslations("errors");
  // The database is unavailable for a moment: say so, and that trying again is the remedy.
  const unavailable = isServiceUnavailable(error);
  return (
    <main className="flex min-h-[60dvh] flex-col items-center justify-center px-6 text-center">
      <h1 className="text-xl font-semibold text-slate-900">{t(unavailable ? "unavailableTitle" : "errorTitle")}</h1>
      <p className="mt-2 max-w-md text-sm text-slate-500">{t(unavailable ? "unavailableBody" : "errorBody")}</p>
      {error.digest && !unavailable ? <p className="mt-2 text-xs text-slate-500">{t("reference", { digest: error.digest })}</p> : null}
      <div className="mt-6 flex gap-3">
        <button type="button" onClick={retry} className={buttonClass.primary}>
          {t("retry")}
        </button>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load on purpose, see above */}
        <a href="/" className={buttonClass.secondary}>
          {t("backHome")}
        </a>
      </div>
    </main>
  );
}
