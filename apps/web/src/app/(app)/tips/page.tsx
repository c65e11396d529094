import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { toURLSearchParams } from "@/app/(app)/tasks/params";
import { Forbidden } from "@/components/tasks/forbidden";
import { PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getQueryClient, trpc } from "@/trpc/server";
import { parseTipSearch } from "./params";
import { TipList } from "./tip-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tips"))("title") };
}

async function TipsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const account = await requireAccount();
  const t = await getTranslations("tips");
  if (!can(account.role, "tip.triage")) return <Forbidden title={t("title")} />;
  const input = parseTipSearch(toURLSearchParams(await searchParams));
  await getQueryClient().prefetchQuery(trpc.tip.list.queryOptions(input));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")}>
        <a href="/tip" target="_blank" rel="noopener" className="text-sm text-brand-700 hover:underline">
          {t("publicForm")}
        </a>
      </PageHeader>
      <HydrateClient>
        <TipList />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["common", "tips", "work"], TipsPage);
