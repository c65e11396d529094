import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CITY_ROLES, roleAllows } from "@dm/api/domain/roles";
import { Forbidden } from "@/components/tasks/forbidden";
import { PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getQueryClient, trpc } from "@/trpc/server";
import { CampaignForm } from "../campaign-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("campaigns"))("newTitle") };
}

async function NewCampaignPage() {
  const account = await requireAccount();
  const t = await getTranslations("campaigns");
  if (!roleAllows(account.role, CITY_ROLES)) return <Forbidden title={t("newTitle")} />;
  await getQueryClient().prefetchQuery(trpc.campaign.choices.queryOptions());
  return (
    <>
      <PageHeader title={t("newTitle")} description={t("newDescription")} />
      <HydrateClient>
        <CampaignForm />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["attachments", "campaigns", "errors", "leadingGroupRoles", "roles", "work"], NewCampaignPage);
