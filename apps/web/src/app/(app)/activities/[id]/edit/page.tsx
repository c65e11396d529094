import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { ActivityForm } from "@/components/activities/activity-form";
import { Forbidden } from "@/components/tasks/forbidden";
import { orNotFound, routeId } from "@/components/tasks/server";
import { PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getCaller, getQueryClient, trpc } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("activities"))("editTitle") };
}

async function EditActivityPage({ params }: { params: Promise<{ id: string }> }) {
  const account = await requireAccount();
  const t = await getTranslations("activities");
  const id = routeId((await params).id);
  if (!can(account.role, "activity.organise")) return <Forbidden title={t("editTitle")} />;
  const activity = await orNotFound((await getCaller()).activity.byId({ id }));
  if (!activity.actions.edit) return <Forbidden title={t("editTitle")} />;
  await getQueryClient().prefetchQuery(trpc.activity.choices.queryOptions());
  return (
    <>
      <PageHeader title={t("editTitle")} description={activity.title} />
      <HydrateClient>
        <ActivityForm activity={activity} />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["activities", "activityTypes", "attachments", "audiences", "errors", "tasks", "work"], EditActivityPage);
