import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getQueryClient, trpc } from "@/trpc/server";
import { RulesForm } from "./rules-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pointRules"))("title") };
}

/** Everyone may read how points are earned; city staff edit the values. */
async function PointRulesPage() {
  const account = await requireAccount();
  const t = await getTranslations("pointRules");
  await getQueryClient().prefetchQuery(trpc.participation.rules.queryOptions());
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrateClient>
        <RulesForm editable={can(account.role, "points.configure")} />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["participation", "pointRules", "work"], PointRulesPage);
