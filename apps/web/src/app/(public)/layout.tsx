import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/language-switch";
import { Emblem } from "@/components/ui";
import { ClientMessages } from "@/i18n/client-messages";

/** Pages for the public (no sign-in): a plain header, a narrow column made for phones. */
export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations();
  return (
    <ClientMessages namespaces={["language"]}>
      <div className="flex min-h-dvh flex-col bg-slate-50">
        <header className="bg-gradient-to-r from-brand-800 to-brand-700 text-white">
          <div className="mx-auto flex max-w-xl items-center gap-3 px-4 py-3">
            <Emblem className="h-8 w-8 shrink-0 text-gold-400" />
            <Link href="/tip" className="min-w-0 flex-1">
              <p className="truncate text-xs text-white/80">{t("app.org")}</p>
              <p className="truncate text-base font-semibold">{t("tipForm.platform")}</p>
            </Link>
            <LanguageSwitch tone="dark" />
          </div>
        </header>
        <main className="mx-auto w-full max-w-xl flex-1 px-4 py-5">{children}</main>
        <footer className="px-4 py-6 text-center text-xs text-slate-500">{t("tipForm.footer")}</footer>
      </div>
    </ClientMessages>
  );
}
