import { TRPCError } from "@trpc/server";
import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { Forbidden } from "@/components/tasks/forbidden";
import { orNotFound } from "@/components/tasks/server";
import { Alert, PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getCaller, getQueryClient, trpc } from "@/trpc/server";
import { toURLSearchParams } from "../../tasks/params";
import { ReportForm } from "./report-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("monthlyReports"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The caller's own report for one month: the form, or the submitted report read-only. */
async function WriteReportPage({ searchParams }: Props) {
  const account = await requireAccount();
  const t = await getTranslations("monthlyReports");
  if (!can(account.role, "monthlyReport.write")) return <Forbidden title={t("title")} />;
  const params = toURLSearchParams(await searchParams);
  const campaign = params.get("campaign") ?? "";
  const month = params.get("month") ?? "";
  if (!/^\d{1,9}$/.test(campaign) || Number(campaign) === 0 || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) notFound();
  const input = { campaignId: Number(campaign), month };
  let own;
  try {
    own = await orNotFound((await getCaller()).monthlyReport.own(input));
  } catch (error) {
    // A month not begun or outside the campaign: say why instead of an error page. (A direct
    // call's message is the catalogue key; the formatter translates only over HTTP.)
    if (!(error instanceof TRPCError && error.code === "BAD_REQUEST")) throw error;
    return (
      <>
        <BackLink label={t("backToList")} />
        <PageHeader title={t("title")} />
        <Alert>{t(error.message === "monthlyReport.notBegun" ? "notBegun" : "outsideCampaign")}</Alert>
      </>
    );
  }
  getQueryClient().setQueryData(trpc.monthlyReport.own.queryKey(input), own);
  return (
    <>
      <BackLink label={t("backToList")} href={`/monthly-reports?campaign=${input.campaignId}&month=${month}`} />
      <HydrateClient>
        <ReportForm campaignId={input.campaignId} month={month} />
      </HydrateClient>
    </>
  );
}

function BackLink({ label, href = "/monthly-reports" }: { label: string; href?: string }) {
  return (
    <Link href={href} className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-brand-700">
      <ArrowLeft className="h-4 w-4" aria-hidden />
      {label}
    </Link>
  );
}

export default withClientMessages(["coverage", "monthlyReports", "work"], WriteReportPage);
