import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { Forbidden } from "@/components/tasks/forbidden";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { ExportButton } from "@/components/export-button";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getCaller, getQueryClient, trpc } from "@/trpc/server";
import { toURLSearchParams } from "../tasks/params";
import { MonthlyReports } from "./monthly-reports";
import { resolveReportPeriod } from "./params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("monthlyReports"))("title") };
}

/** 月报: the caller's own months (counties and townships) and who has submitted for a month. */
async function MonthlyReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const account = await requireAccount();
  const t = await getTranslations("monthlyReports");
  if (!can(account.role, "coverage.read")) return <Forbidden title={t("title")} />;
  const campaigns = await (await getCaller()).campaign.list();
  const period = resolveReportPeriod(toURLSearchParams(await searchParams), campaigns);
  if (!period) {
    return (
      <>
        <PageHeader title={t("title")} />
        <Card>
          <EmptyState title={t("noCampaigns")} hint={t("noCampaignsHint")} />
        </Card>
      </>
    );
  }
  const writes = can(account.role, "monthlyReport.write");
  const queryClient = getQueryClient();
  queryClient.setQueryData(trpc.campaign.list.queryKey(), campaigns);
  await Promise.all([
    queryClient.prefetchQuery(trpc.monthlyReport.status.queryOptions({ campaignId: period.campaignId, month: period.month })),
    writes ? queryClient.prefetchQuery(trpc.monthlyReport.ownList.queryOptions({ campaignId: period.campaignId })) : null,
  ]);
  const dueDay = campaigns.find((c) => c.id === period.campaignId)!.reportDueDay;
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { day: dueDay })}>
        <ExportButton kind="monthly-reports" />
      </PageHeader>
      <HydrateClient>
        <MonthlyReports campaignId={period.campaignId} month={period.month} months={period.months} writes={writes} />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["exports", "monthlyReports"], MonthlyReportsPage);
