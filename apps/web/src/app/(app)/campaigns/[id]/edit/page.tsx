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
import { CampaignForm } from "../../campaign-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("campaigns"))("editTitle") };
}

async function EditCampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const account = await requireAccount();
  const t = await getTranslations("campaigns");
  const id = routeId((await params).id);
  if (!roleAllows(account.role, CITY_ROLES)) return <Forbidden title={t("editTitle")} />;
  const campaign = await orNotFound((await getCaller()).campaign.byId({ id }));
  if (campaign.committeeId !== account.committeeId) return <Forbidden title={t("editTitle")} />;
  await getQueryClient().prefetchQuery(trpc.campaign.choices.queryOptions());
  return (
    <>
      <PageHeader title={t("editTitle")} description={campaign.title} />
      <HydrateClient>
        <CampaignForm campaign={campaign} />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["attachments", "campaigns", "errors", "leadingGroupRoles", "roles", "work"], EditCampaignPage);
