import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { RecordForm } from "@/components/activities/record-form";
import { Forbidden } from "@/components/tasks/forbidden";
import { orNotFound, routeId } from "@/components/tasks/server";
import { PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getCaller, getQueryClient, trpc } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("activities"))("recordTitle") };
}

async function RecordPage({ params }: { params: Promise<{ id: string }> }) {
  const account = await requireAccount();
  const t = await getTranslations("activities");
  const id = routeId((await params).id);
  if (!can(account.role, "activity.organise")) return <Forbidden title={t("recordTitle")} />;
  const activity = await orNotFound((await getCaller()).activity.byId({ id }));
  if (!activity.actions.record) return <Forbidden title={t("recordTitle")} />;
  getQueryClient().setQueryData(trpc.activity.byId.queryKey({ id }), activity);
  return (
    <>
      <PageHeader title={t("recordTitle")} description={activity.title} />
      <HydrateClient>
        <RecordForm id={id} />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["activities", "attachments", "errors", "work"], RecordPage);
