import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CITY_ROLES, roleAllows } from "@dm/api/domain/roles";
import { Forbidden } from "@/components/tasks/forbidden";
import { orNotFound, routeId } from "@/components/tasks/server";
import { PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getCaller, getQueryClient, trpc } from "@/trpc/server";
import { TaskForm } from "../../task-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tasks"))("editTitle") };
}

async function EditTaskPage({ params }: { params: Promise<{ id: string }> }) {
  const account = await requireAccount();
  const t = await getTranslations("tasks");
  const id = routeId((await params).id);
  if (!roleAllows(account.role, CITY_ROLES)) return <Forbidden title={t("editTitle")} />;
  const task = await orNotFound((await getCaller()).task.byId({ id }));
  if (!task.canEdit) return <Forbidden title={t("editTitle")} />;
  const queryClient = getQueryClient();
  await Promise.all([queryClient.prefetchQuery(trpc.campaign.list.queryOptions()), queryClient.prefetchQuery(trpc.campaign.choices.queryOptions())]);
  return (
    <>
      <PageHeader title={t("editTitle")} description={task.title} />
      <HydrateClient>
        <TaskForm task={task} />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["attachments", "errors", "tasks", "work"], EditTaskPage);
