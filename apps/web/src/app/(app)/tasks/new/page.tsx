import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CITY_ROLES, roleAllows } from "@dm/api/domain/roles";
import { Forbidden } from "@/components/tasks/forbidden";
import { PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getQueryClient, trpc } from "@/trpc/server";
import { TaskForm } from "../task-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tasks"))("newTitle") };
}

async function NewTaskPage({ searchParams }: { searchParams: Promise<{ campaign?: string | string[] }> }) {
  const account = await requireAccount();
  const t = await getTranslations("tasks");
  if (!roleAllows(account.role, CITY_ROLES)) return <Forbidden title={t("newTitle")} />;
  const { campaign } = await searchParams;
  const initialCampaignId = typeof campaign === "string" && /^\d{1,9}$/.test(campaign) ? Number(campaign) : undefined;
  const queryClient = getQueryClient();
  await Promise.all([queryClient.prefetchQuery(trpc.campaign.list.queryOptions()), queryClient.prefetchQuery(trpc.campaign.choices.queryOptions())]);
  return (
    <>
      <PageHeader title={t("newTitle")} description={t("newDescription")} />
      <HydrateClient>
        <TaskForm initialCampaignId={initialCampaignId} />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["attachments", "errors", "tasks", "work"], NewTaskPage);
