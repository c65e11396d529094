import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/button-class";
import { Emblem } from "@/components/emblem";

/** A plain link home (no next/link): the 404 boundary is in every page's first load. */
export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-6 text-center">
      <Emblem className="h-12 w-12 text-brand-700" />
      <p className="mt-6 text-5xl font-semibold text-slate-300">404</p>
      <h1 className="mt-3 text-xl font-semibold text-slate-900">{t("notFoundTitle")}</h1>
      <p className="mt-2 text-sm text-slate-500">{t("notFoundBody")}</p>
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load on purpose, see above */}
      <a href="/" className={`${buttonClass.primary} mt-6`}>
        {t("backHome")}
      </a>
    </main>
  );
}
