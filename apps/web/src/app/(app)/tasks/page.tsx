import { Plus } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CITY_ROLES, roleAllows } from "@dm/api/domain/roles";
import { Forbidden } from "@/components/tasks/forbidden";
import { LinkButton, PageHeader } from "@/components/ui";
import { ExportButton } from "@/components/export-button";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getQueryClient, trpc } from "@/trpc/server";
import { parseTaskSearch, toURLSearchParams } from "./params";
import { TaskList } from "./task-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tasks"))("title") };
}

async function TasksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const account = await requireAccount();
  const t = await getTranslations("tasks");
  if (!roleAllows(account.role, CITY_ROLES)) return <Forbidden title={t("title")} />;
  const input = parseTaskSearch(toURLSearchParams(await searchParams));
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.task.list.queryOptions(input)),
    queryClient.prefetchQuery(trpc.campaign.list.queryOptions()),
    queryClient.prefetchQuery(trpc.committee.tree.queryOptions()),
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")}>
        <div className="flex flex-wrap gap-2">
          <ExportButton kind="tasks" />
          <LinkButton href={input.campaignId ? `/tasks/new?campaign=${input.campaignId}` : "/tasks/new"} variant="primary">
            <Plus className="h-4 w-4" aria-hidden />
            {t("new")}
          </LinkButton>
        </div>
      </PageHeader>
      <HydrateClient>
        <TaskList />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["assignmentStatus", "assignments", "common", "exports", "tasks", "work"], TasksPage);
