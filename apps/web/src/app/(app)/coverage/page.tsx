import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { Forbidden } from "@/components/tasks/forbidden";
import { PageHeader } from "@/components/ui";
import { ExportButton } from "@/components/export-button";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getCaller, getQueryClient, trpc } from "@/trpc/server";
import { toURLSearchParams } from "../tasks/params";
import { CoverageMatrix } from "./coverage-matrix";
import { resolvePeriod } from "./params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("coverage"))("title") };
}

async function CoveragePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const account = await requireAccount();
  const t = await getTranslations("coverage");
  if (!can(account.role, "coverage.read")) return <Forbidden title={t("title")} />;
  const campaigns = await (await getCaller()).campaign.list();
  const period = resolvePeriod(toURLSearchParams(await searchParams), campaigns);
  const queryClient = getQueryClient();
  queryClient.setQueryData(trpc.campaign.list.queryKey(), campaigns);
  await queryClient.prefetchQuery(trpc.coverage.matrix.queryOptions(period));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")}>
        <ExportButton kind="coverage" />
      </PageHeader>
      <HydrateClient>
        <CoverageMatrix period={period} />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["coverage", "exports"], CoveragePage);
