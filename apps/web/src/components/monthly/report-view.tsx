import { useTranslations } from "next-intl";
import { Card, CardHeader } from "@/components/ui";
import { ActivityList, type ListedActivity } from "./activity-list";

export interface ReportContent {
  summary: string;
  activitiesHeld: number;
  activitySummary: string;
  problems: string;
  nextPlan: string;
}

/** A monthly report as read: its four parts, then the activity records of the month. */
export function ReportView({ report, activities }: { report: ReportContent; activities: readonly ListedActivity[] }) {
  const t = useTranslations("monthlyReports");
  const section = (label: string, text: string, extra?: React.ReactNode) => (
    <div className="px-4 py-4 sm:px-5">
      <dt className="text-sm font-medium text-slate-500">
        {label}
        {extra}
      </dt>
      <dd className={text.trim() ? "mt-1.5 text-sm whitespace-pre-wrap text-slate-900" : "mt-1.5 text-sm text-slate-500"}>{text.trim() || t("empty")}</dd>
    </div>
  );
  return (
    <div className="grid gap-5 lg:grid-cols-3 lg:items-start">
      <Card className="lg:col-span-2">
        <dl className="divide-y divide-slate-100">
          {section(t("summary"), report.summary)}
          {section(
            t("activitySummary"),
            report.activitySummary,
            <span className="ml-2 font-normal text-slate-700">{t("activitiesHeld", { count: report.activitiesHeld })}</span>,
          )}
          {section(t("problems"), report.problems)}
          {section(t("nextPlan"), report.nextPlan)}
        </dl>
      </Card>
      <Card>
        <CardHeader title={t("records")} />
        <ActivityList items={activities} empty={t("noRecords")} compact />
      </Card>
    </div>
  );
}
