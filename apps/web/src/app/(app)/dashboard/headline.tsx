import type { inferRouterOutputs } from "@trpc/server";
import { useTranslations } from "next-intl";
import type { AppRouter } from "@dm/api";
import { Figure, useRate } from "@/components/dashboard/figures";
import { useMonthLabel } from "@/components/monthly/month";
import { Card } from "@/components/ui";

type Overview = inferRouterOutputs<AppRouter>["dashboard"]["overview"];

/** The headline figures: the month's, then the campaign's to date, then the tasks by status. */
export function Headline({ data: d }: { data: Overview }) {
  const t = useTranslations("dashboard");
  const rate = useRate();
  const monthLabel = useMonthLabel();
  const c = d.total;
  const statuses = [
    ["sent", c.tasksSent],
    ["accepted", c.tasksAccepted],
    ["inProgress", c.tasksInProgress],
    ["reported", c.tasksReported],
    ["approved", c.tasksApproved],
    ["overdue", c.tasksOverdue],
  ] as const;

  return (
    <>
      <h2 className="mt-5 mb-2 text-sm font-semibold text-slate-600">{t("monthHeading", { month: monthLabel(d.month) })}</h2>
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Figure id="activitiesInMonth" label={t("stats.activitiesInMonth")} value={c.activitiesInMonth} hint={t("stats.activitiesInMonthHint", { count: c.activities })} />
        <Figure
          id="coverage"
          label={t("stats.coverage")}
          value={t("stats.coverageValue", { covered: d.coverage.covered, of: d.coverage.of })}
          hint={t("stats.coverageHint", { percent: rate(d.coverage.percent) })}
          href={`/coverage?campaign=${d.campaign.id}`}
        />
        <Figure
          id="reportsMissing"
          label={t("stats.reportsMissing")}
          value={c.reportsMissing}
          tone={c.reportsMissing > 0 ? "alert" : "plain"}
          hint={t("stats.reportsHint", { submitted: c.reportsSubmitted, late: c.reportsLate, pending: c.reportsPending })}
          href={`/monthly-reports?campaign=${d.campaign.id}&month=${d.month}`}
        />
        <Figure id="problemsInMonth" label={t("stats.problemsInMonth")} value={c.problemsInMonth} hint={t("stats.problemsInMonthHint", { closed: c.problemsClosedInMonth })} />
      </dl>

      <h2 className="mt-5 mb-2 text-sm font-semibold text-slate-600">{t("campaignHeading")}</h2>
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Figure id="tasks" label={t("stats.tasks")} value={c.tasks} hint={t("stats.tasksHint", { approved: c.tasksApproved, overdue: c.tasksOverdue })} />
        <Figure id="participation" label={t("stats.participation")} value={rate(d.rates.participation)} hint={t("stats.participationHint", { participants: c.participants, members: c.members })} />
        <Figure
          id="closure"
          label={t("stats.closure")}
          value={rate(d.rates.closure)}
          hint={t("stats.closureHint", { problems: c.problems, closed: c.problemsClosed, overdue: c.problemsOverdue })}
          href="/problems"
        />
        <Figure
          id="adoption"
          label={t("stats.adoption")}
          value={rate(d.rates.adoption)}
          hint={t("stats.adoptionHint", { opinions: c.opinions, adopted: c.opinionsAdopted, partly: c.opinionsPartlyAdopted, not: c.opinionsNotAdopted })}
        />
      </dl>

      <Card className="mt-3 break-inside-avoid">
        <div className="flex flex-wrap items-center gap-x-5 gap-y-2 px-4 py-3 sm:px-5">
          <h3 className="text-sm font-semibold text-slate-700">{t("tasksByStatus")}</h3>
          <dl className="flex flex-wrap gap-x-4 gap-y-1 text-sm" data-figure="tasksByStatus">
            {statuses.map(([key, n]) => (
              <div key={key} className="flex items-baseline gap-1.5">
                <dt className="text-slate-500">{t(`status.${key}`)}</dt>
                <dd className={key === "overdue" && n > 0 ? "font-semibold text-red-700 tabular-nums" : "font-semibold text-slate-900 tabular-nums"}>{n}</dd>
              </div>
            ))}
          </dl>
        </div>
      </Card>
    </>
  );
}
