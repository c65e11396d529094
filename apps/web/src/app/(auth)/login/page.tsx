import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Emblem } from "@/components/ui";
import { LanguageSwitch } from "@/components/language-switch";
import { withClientMessages } from "@/i18n/client-messages";
import { currentAccount } from "@/server/viewer";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("login"))("title") };
}

/**
 * Only same-site paths: an open redirect after sign-in would help phishing. The proxy sends an
 * absolute callbackUrl built from the server's own idea of its origin (`http://localhost:3000/members`
 * even when the browser used another host name), so an absolute URL keeps only its path and
 * query, which can never leave this site.
 */
function safeCallback(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return "/";
  try {
    const url = new URL(v, "http://local");
    if (url.protocol !== "http:" && url.protocol !== "https:") return "/";
    // "//host/…" would be read by the browser as another site.
    if (url.pathname.startsWith("//") || url.pathname === "/login") return "/";
    return `${url.pathname}${url.search}`;
  } catch {
    return "/";
  }
}

async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  // Checked against the database: a signed-out or outdated token must not bounce back here.
  if (await currentAccount()) redirect(callbackUrl);
  const notice = params.notice === "passwordChanged" ? "passwordChanged" : null;
  const t = await getTranslations();
  const features = t.raw("login.features") as string[];
  return (
    <div className="flex min-h-dvh flex-col lg:flex-row">
      <aside className="relative overflow-hidden bg-gradient-to-br from-brand-800 via-brand-700 to-brand-900 px-6 py-8 text-white lg:flex lg:w-[46%] lg:flex-col lg:justify-between lg:px-14 lg:py-12">
        <div className="flex items-center gap-3">
          <Emblem className="h-10 w-10 text-gold-400" />
          <div>
            <p className="text-sm tracking-widest text-white/80">{t("app.org")}</p>
            <p className="text-lg font-semibold">{t("app.name")}</p>
          </div>
        </div>
        <div className="hidden lg:block">
          <p className="text-3xl leading-snug font-semibold">{t("app.name")}</p>
          <p className="mt-3 text-white/80">{t("login.tagline")}</p>
          <ul className="mt-10 space-y-4">
            {features.map((f) => (
              <li key={f} className="flex items-start gap-3 text-white/90">
                <span className="mt-2 h-1.5 w-1.5 shrink-0 rounded-full bg-gold-400" />
                {f}
              </li>
            ))}
          </ul>
        </div>
        <p className="hidden text-xs text-white/60 lg:block">{t("app.footer")}</p>
      </aside>
      <main className="flex flex-1 items-start justify-center px-4 py-8 sm:items-center sm:py-12">
        <div className="w-full max-w-sm">
          <div className="mb-6 flex items-center justify-between">
            <div>
              <h1 className="text-2xl font-semibold text-slate-900">{t("login.title")}</h1>
              <p className="mt-1 text-sm text-slate-500">{t("login.subtitle")}</p>
            </div>
            <LanguageSwitch />
          </div>
          {notice ? (
            <div role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
              {t(`login.${notice}`)}
            </div>
          ) : null}
          <LoginForm callbackUrl={callbackUrl} />
          <p className="mt-6 text-center text-xs text-slate-500">{t("login.hint")}</p>
        </div>
      </main>
    </div>
  );
}

export default withClientMessages(["language", "login"], LoginPage);
