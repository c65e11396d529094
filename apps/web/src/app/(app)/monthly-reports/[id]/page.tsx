import { ArrowLeft, FilePen } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { cache } from "react";
import { can } from "@dm/api/domain/roles";
import { monthInstant } from "@/components/monthly/month";
import { ReportStateBadge } from "@/components/monthly/report-state";
import { ReportView } from "@/components/monthly/report-view";
import { Forbidden } from "@/components/tasks/forbidden";
import { orNotFound, routeId } from "@/components/tasks/server";
import { Alert, LinkButton, PageHeader } from "@/components/ui";
import { requireAccount } from "@/server/viewer";
import { getCaller } from "@/trpc/server";
import { writeHref } from "../params";

type Props = { params: Promise<{ id: string }> };

const load = cache(async (id: number) => (await getCaller()).monthlyReport.byId({ id }));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const report = await load(routeId((await params).id)).catch(() => null);
  return { title: report ? `${report.committeeName} ${report.month}` : (await getTranslations("monthlyReports"))("title") };
}

/** One report, read-only: submitted ones in the caller's scope, or the caller's own draft (else 404). */
export default async function MonthlyReportPage({ params }: Props) {
  const account = await requireAccount();
  const t = await getTranslations("monthlyReports");
  if (!can(account.role, "coverage.read")) return <Forbidden title={t("title")} />;
  const report = await orNotFound(load(routeId((await params).id)));
  const format = await getFormatter();
  const monthText = format.dateTime(monthInstant(report.month), { year: "numeric", month: "long" });
  const at = (d: Date) => format.dateTime(d, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false });
  const due = format.dateTime(new Date(`${report.dueDate}T12:00:00+08:00`), { month: "short", day: "numeric" });

  return (
    <>
      <Link href={`/monthly-reports?campaign=${report.campaign.id}&month=${report.month}`} className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-brand-700">
        <ArrowLeft className="h-4 w-4" aria-hidden />
        {t("backToList")}
      </Link>
      <PageHeader title={t("viewTitle", { committee: report.committeeName, month: monthText })} description={report.campaign.title}>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-500">
          <ReportStateBadge state={report.state} />
          {report.submittedAt ? (
            <span>
              {t("submittedAtValue", { at: at(report.submittedAt) })}
              {report.submittedByName ? ` · ${t("submittedBy", { name: report.submittedByName })}` : null}
            </span>
          ) : null}
        </div>
      </PageHeader>
      {report.state === "late" ? (
        <Alert className="mb-5">{t("lateNote", { date: due })}</Alert>
      ) : null}
      {report.status === "draft" ? (
        <Alert tone="info" className="mb-5">
          <span className="mr-3">{t("draftView")}</span>
          {report.mine && can(account.role, "monthlyReport.write") ? (
            <LinkButton href={writeHref(report.campaign.id, report.month)}>
              <FilePen className="h-4 w-4" aria-hidden />
              {t("editDraft")}
            </LinkButton>
          ) : null}
        </Alert>
      ) : null}
      <ReportView report={report} activities={report.activities} />
    </>
  );
}
