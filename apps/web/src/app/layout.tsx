import type { Metadata, Viewport } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/i18n/client-messages";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: t("name"), template: `%s · ${t("shortName")}` }, description: t("footer") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#9a1f19" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        {/* The error page's text; layouts and pages below pass their own (i18n/client-messages.tsx).
            React Query and the tRPC client come with the pages that use them (trpc/hydrate.tsx). */}
        <ClientMessages namespaces={["errors"]}>{children}</ClientMessages>
      </body>
    </html>
  );
}
