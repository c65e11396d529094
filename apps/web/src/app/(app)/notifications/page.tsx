import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { getCaller } from "@/trpc/server";
import { NotificationList } from "./notification-list";
import { parsePage } from "./params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("title") };
}

async function NotificationsPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  await requireAccount();
  const t = await getTranslations("notifications");
  const { page: raw } = await searchParams;
  const page = parsePage(typeof raw === "string" ? raw : null);
  const caller = await getCaller();
  const [data, unread] = await Promise.all([caller.notification.list({ page }), caller.notification.unreadCount()]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <NotificationList data={data} unread={unread} />
    </>
  );
}

export default withClientMessages(["coverage", "notifications", "work"], NotificationsPage);
