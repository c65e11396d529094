import { getTranslations } from "next-intl/server";
import { AppShell } from "@/components/shell/app-shell";
import { navFor } from "@/components/shell/nav";
import { ClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { getCaller } from "@/trpc/server";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const account = await requireAccount();
  const t = await getTranslations("roles");
  // The header's unread count arrives with the page rather than as a request after it.
  const unread = await (await getCaller()).notification.unreadCount();
  return (
    <ClientMessages namespaces={["language", "notifications"]}>
      <AppShell nav={navFor(account.role)} user={{ displayName: account.displayName, roleLabel: t(account.role), committeeName: account.committeeName }} unread={unread}>
        {children}
      </AppShell>
    </ClientMessages>
  );
}
