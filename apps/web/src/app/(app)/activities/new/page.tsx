import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { ActivityForm } from "@/components/activities/activity-form";
import { Forbidden } from "@/components/tasks/forbidden";
import { PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getQueryClient, trpc } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("activities"))("newTitle") };
}

async function NewActivityPage() {
  const account = await requireAccount();
  const t = await getTranslations("activities");
  if (!can(account.role, "activity.organise")) return <Forbidden title={t("newTitle")} />;
  await getQueryClient().prefetchQuery(trpc.activity.choices.queryOptions());
  return (
    <>
      <PageHeader title={t("newTitle")} description={t("newDescription")} />
      <HydrateClient>
        <ActivityForm />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["activities", "activityTypes", "attachments", "audiences", "errors", "tasks", "work"], NewActivityPage);
