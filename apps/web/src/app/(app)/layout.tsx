import { getTranslations } from "next-intl/server";
import { AppShell } from "@/components/shell/app-shell";
import { navFor } from "@/components/shell/nav";
import { requireAccount } from "@/server/viewer";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const account = await requireAccount();
  const t = await getTranslations("roles");
  return (
    <AppShell nav={navFor(account.role)} user={{ displayName: account.displayName, roleLabel: t(account.role), committeeName: account.committeeName }}>
      {children}
    </AppShell>
  );
}
