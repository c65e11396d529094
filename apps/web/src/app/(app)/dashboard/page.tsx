import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { BreakdownTable } from "@/components/dashboard/figures";
import { Forbidden } from "@/components/tasks/forbidden";
import { Card, CardHeader, EmptyState, PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { getCaller } from "@/trpc/server";
import { toURLSearchParams } from "../tasks/params";
import { DashboardCharts } from "./charts";
import { Headline } from "./headline";
import { PeriodForm } from "./period-form";
import { begunMonths, briefingHref, dashboardParams } from "./params";
import { Definitions, TrendTable } from "./tables";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

/**
 * 数据看板: the caller's committee and everything below it for one campaign, rendered on the
 * server (every number is in the HTML, for phones, print and screen readers); the charts load
 * afterwards in the browser.
 */
async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const account = await requireAccount();
  const t = await getTranslations("dashboard");
  if (!can(account.role, "dashboard.read")) return <Forbidden title={t("title")} />;
  const caller = await getCaller();
  const campaigns = await caller.campaign.list();
  const chosen = dashboardParams(toURLSearchParams(await searchParams), campaigns);
  if (!chosen) {
    return (
      <>
        <PageHeader title={t("title")} />
        <Card>
          <EmptyState title={t("noCampaign")} hint={t("noCampaignHint")} />
        </Card>
      </>
    );
  }
  const d = await caller.dashboard.overview(chosen);
  const campaign = campaigns.find((c) => c.id === d.campaign.id)!;
  const briefing = (committeeId: number) => briefingHref({ campaignId: d.campaign.id, committeeId, month: d.month });
  const format = await getFormatter();
  const breakdownTitle = d.rows.length === 1 ? t("breakdownOwn") : d.committee.level === "city" ? t("breakdownCounty") : t("breakdownTownship");

  return (
    <>
      <PageHeader title={t("title")} description={t("description", { committee: d.committee.name, campaign: d.campaign.title })}>
        <a href={briefing(d.committee.id)} className="inline-flex items-center justify-center gap-2 rounded-md bg-brand-700 px-4 py-2 text-sm font-medium whitespace-nowrap text-white shadow-sm hover:bg-brand-800 print:hidden">
          {t("briefing")}
        </a>
      </PageHeader>

      <PeriodForm campaigns={campaigns.map((c) => ({ id: c.id, title: c.title }))} campaignId={d.campaign.id} months={begunMonths(campaign)} month={d.month} />

      {/* The figures may come from the cache (up to DASHBOARD_CACHE_SECONDS old): say when they were computed. */}
      <p className="mt-3 text-xs text-slate-500">
        <time dateTime={d.computedAt.toISOString()} data-testid="computed-at">
          {t("computedAt", { time: format.dateTime(d.computedAt, { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false, timeZone: "Asia/Shanghai" }) })}
        </time>
      </p>

      <Headline data={d} />

      <Card className="mt-5 break-inside-avoid">
        <CardHeader title={t("trend")} />
        <div className="px-2 pt-3 sm:px-4">
          <DashboardCharts kind="trend" data={d} />
        </div>
        <TrendTable trend={d.trend} />
      </Card>

      <Card className="mt-5">
        <CardHeader title={breakdownTitle} />
        {d.rows.length > 1 ? (
          <>
            <p className="px-4 pt-3 text-xs text-slate-500 sm:px-5">{t("breakdownCaption")}</p>
            <div className="px-2 pt-2 sm:px-4">
              <DashboardCharts kind="breakdown" data={d} />
            </div>
          </>
        ) : null}
        <BreakdownTable rows={d.rows} total={{ ...d.total, rates: d.rates }} briefing={briefing} />
      </Card>

      <Definitions dueDay={d.campaign.reportDueDay} />
    </>
  );
}

export default withClientMessages(["dashboard"], DashboardPage);
