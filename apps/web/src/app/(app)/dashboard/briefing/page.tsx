import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { useTranslations } from "next-intl";
import { getFormatter, getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { BreakdownTable, useRate } from "@/components/dashboard/figures";
import { ReportStateBadge } from "@/components/monthly/report-state";
import { Forbidden } from "@/components/tasks/forbidden";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { getCaller } from "@/trpc/server";
import { toURLSearchParams } from "../../tasks/params";
import { begunMonths, briefingParams } from "../params";
import { PeriodForm } from "../period-form";
import { PrintButton } from "./print-button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("briefing"))("title") };
}

type Caller = Awaited<ReturnType<typeof getCaller>>;
type Briefing = Awaited<ReturnType<Caller["dashboard"]["briefing"]>>;

/**
 * 月度工作简报: one committee's month as an A4 document, for print-to-PDF from the browser. The
 * controls and the app's shell are hidden in print (globals.css sets the page); a county may
 * brief itself and its townships only (the API answers NOT_FOUND otherwise: a 404 here).
 */
async function BriefingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const account = await requireAccount();
  const t = await getTranslations("briefing");
  if (!can(account.role, "dashboard.read")) return <Forbidden title={t("title")} />;
  const caller = await getCaller();
  const [campaigns, tree] = await Promise.all([caller.campaign.list(), caller.committee.overview()]);
  const chosen = briefingParams(toURLSearchParams(await searchParams), campaigns, tree.committee.id);
  if (!chosen) {
    return (
      <>
        <PageHeader title={t("title")} />
        <Card>
          <EmptyState title={(await getTranslations("dashboard"))("noCampaign")} />
        </Card>
      </>
    );
  }
  let b: Briefing;
  try {
    b = await caller.dashboard.briefing(chosen);
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
  const campaign = campaigns.find((c) => c.id === b.campaign.id)!;
  const committees = [tree.committee, ...tree.children];
  if (!committees.some((c) => c.id === b.committee.id)) committees.push({ ...tree.committee, id: b.committee.id, name: b.committee.name });

  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3 print:hidden">
        <PeriodForm
          action="/dashboard/briefing"
          campaigns={campaigns.map((c) => ({ id: c.id, title: c.title }))}
          campaignId={b.campaign.id}
          months={begunMonths(campaign)}
          month={b.month}
          extra={
            <div className="w-48">
              <label htmlFor="briefing-committee" className="mb-1 block text-sm font-medium text-slate-700">
                {t("committee")}
              </label>
              <select id="briefing-committee" name="committee" defaultValue={b.committee.id} className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
                {committees.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
          }
        />
        <div className="flex gap-2">
          <Link href={`/dashboard?campaign=${b.campaign.id}&month=${b.month}`} className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
            {t("back")}
          </Link>
          <PrintButton />
        </div>
      </div>
      <BriefingDocument b={b} />
    </>
  );
}

async function BriefingDocument({ b }: { b: Briefing }) {
  const t = await getTranslations("briefing");
  const types = await getTranslations("activityTypes");
  const format = await getFormatter();
  const monthName = format.dateTime(new Date(`${b.month}-01T00:00:00+08:00`), { year: "numeric", month: "long" });
  const day = (d: Date) => format.dateTime(d, { month: "long", day: "numeric" });
  const c = b.total;
  const counts = b.reports.reduce((acc, r) => ({ ...acc, [r.state]: acc[r.state] + 1 }), { submitted: 0, late: 0, missing: 0, pending: 0 });
  const hasChildren = b.rows.length > 1;

  return (
    <article className="briefing mx-auto max-w-[210mm] bg-white px-5 py-8 text-[15px] leading-7 text-slate-900 shadow-sm ring-1 ring-slate-200 sm:px-[15mm] sm:py-[14mm] print:max-w-none print:p-0 print:text-[12pt] print:leading-6 print:shadow-none print:ring-0">
      <header className="border-b-2 border-brand-700 pb-3 text-center">
        <p className="text-3xl font-bold tracking-[0.3em] text-brand-700 sm:text-4xl">{t("title")}</p>
        <h1 className="mt-3 text-lg font-semibold">{t("heading", { committee: b.committee.name, month: monthName })}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("subtitle", { campaign: b.campaign.title })}</p>
        <p className="text-xs text-slate-500">{t("issued", { date: format.dateTime(new Date(`${b.today}T12:00:00+08:00`), { dateStyle: "long" }) })}</p>
      </header>

      <Section title={t("overview")}>
        <p className="indent-8">
          {t("overviewText", {
            activities: c.activitiesInMonth,
            coverage: hasChildren ? t("coverageText", { covered: b.coverage.covered, of: b.coverage.of }) : t("coverageOwn", { held: String(c.activitiesInMonth > 0) }),
            participants: c.participantsInMonth,
            problemsInMonth: c.problemsInMonth,
            problemsClosedInMonth: c.problemsClosedInMonth,
            opinionsInMonth: c.opinionsInMonth,
            tasksApprovedInMonth: c.tasksApprovedInMonth,
          })}
        </p>
        <KeyFigures b={b} />
      </Section>

      <Section title={t("activities")}>
        {b.activities.length === 0 ? (
          <p className="text-slate-600">{t("noActivities")}</p>
        ) : (
          <Table
            head={[t("activityColumns.date"), t("activityColumns.committee"), t("activityColumns.title"), t("activityColumns.type"), t("activityColumns.place"), t("activityColumns.attendees")]}
            rows={b.activities.map((a) => [day(a.startsAt), a.committeeName, a.title, types(a.type), a.place, String(a.attendees)])}
            numeric={[5]}
          />
        )}
      </Section>

      <Section title={t("reports")}>
        {b.reports.length === 0 ? (
          <p className="text-slate-600">{t("noReports")}</p>
        ) : (
          <>
            <p>{t("reportSummary", counts)}</p>
            <ul className="mt-2 grid grid-cols-2 gap-x-6 gap-y-1 sm:grid-cols-3 print:grid-cols-3">
              {b.reports.map((r) => (
                <li key={r.committeeId} data-committee={r.name} className="flex items-center justify-between gap-2 border-b border-dotted border-slate-300 py-0.5 text-sm">
                  <span>{r.name}</span>
                  <ReportStateBadge state={r.state} />
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>

      <Section title={t("problems")}>
        <ProblemsSummary b={b} />
        <TitledList title={t("problemsFound")} items={b.problemsFound.map((p) => `${p.committeeName}：${p.title}`)} empty={t("noProblems")} />
        <TitledList title={t("problemsClosed")} items={b.problemsClosed.map((p) => `${p.committeeName}：${p.title}`)} empty={t("noProblems")} />
      </Section>

      <Section title={t("opinions")}>
        <OpinionsSummary b={b} />
      </Section>

      <Section title={t("tasks")}>
        <p>{t("tasksSummary", { total: c.tasks, approvedInMonth: c.tasksApprovedInMonth, approved: c.tasksApproved, overdue: c.tasksOverdue })}</p>
        <TitledList title={t("tasksApproved")} items={b.tasksApproved.map((a) => `${a.committeeName}：${a.title}`)} empty={t("noProblems")} />
        <TitledList
          title={t("tasksOverdue")}
          items={b.tasksOverdue.map((a) => `${a.committeeName}：${a.title}（${t("deadline", { date: format.dateTime(new Date(`${a.deadline}T12:00:00+08:00`), { dateStyle: "medium" }) })}）`)}
          empty={t("noProblems")}
        />
      </Section>

      {hasChildren ? (
        <Section title={t("breakdown")}>
          <BreakdownTable rows={b.rows} total={{ ...b.total, rates: b.rates }} />
        </Section>
      ) : null}
    </article>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="mt-6 print:mt-5">
      <h2 className="mb-2 text-base font-bold text-slate-900 break-after-avoid print:text-[13pt]">{title}</h2>
      {children}
    </section>
  );
}

function Table({ head, rows, numeric = [] }: { head: string[]; rows: string[][]; numeric?: number[] }) {
  return (
    <div className="overflow-x-auto print:overflow-visible">
      <table className="w-full min-w-[36rem] border-collapse text-sm print:min-w-0 print:text-[10pt]">
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={h} scope="col" className={`border border-slate-300 bg-slate-50 px-2 py-1 font-medium ${numeric.includes(i) ? "text-right" : "text-left"}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r} className="break-inside-avoid">
              {row.map((cell, i) => (
                <td key={i} className={`border border-slate-300 px-2 py-1 align-top ${numeric.includes(i) ? "text-right tabular-nums" : ""}`}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TitledList({ title, items, empty }: { title: string; items: string[]; empty: string }) {
  return (
    <div className="mt-2 break-inside-avoid">
      <h3 className="text-sm font-semibold text-slate-700">{title}</h3>
      {items.length === 0 ? (
        <p className="text-sm text-slate-500">{empty}</p>
      ) : (
        <ol className="list-decimal pl-6 text-sm">
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** The month's figures beside the campaign's to date. */
function KeyFigures({ b }: { b: Briefing }) {
  const d = useTranslations("dashboard");
  const t = useTranslations("briefing");
  const rate = useRate();
  const c = b.total;
  const rows: [string, string | number, string | number][] = [
    [d("series.activities"), c.activitiesInMonth, c.activities],
    [d("series.problemsFound"), c.problemsInMonth, c.problems],
    [d("series.problemsClosed"), c.problemsClosedInMonth, c.problemsClosed],
    [d("series.opinions"), c.opinionsInMonth, c.opinions],
    [d("series.tasksApproved"), c.tasksApprovedInMonth, c.tasksApproved],
    [d("stats.participation"), `${c.participantsInMonth}/${c.members}`, `${rate(b.rates.participation)}（${c.participants}/${c.members}）`],
    [d("stats.closure"), d("none"), rate(b.rates.closure)],
    [d("stats.adoption"), d("none"), rate(b.rates.adoption)],
  ];
  const cell = "border border-slate-300 px-2 py-1";
  return (
    <table className="mt-3 w-full border-collapse text-sm break-inside-avoid print:text-[10pt]" data-figures="briefing">
      <thead>
        <tr>
          <th scope="col" className={`${cell} bg-slate-50 text-left font-medium`}>
            {t("figures")}
          </th>
          <th scope="col" className={`${cell} bg-slate-50 text-right font-medium`}>
            {t("thisMonth")}
          </th>
          <th scope="col" className={`${cell} bg-slate-50 text-right font-medium`}>
            {t("cumulative")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, month, total]) => (
          <tr key={label}>
            <th scope="row" className={`${cell} text-left font-normal`}>
              {label}
            </th>
            <td className={`${cell} text-right tabular-nums`}>{month}</td>
            <td className={`${cell} text-right tabular-nums`}>{total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ProblemsSummary({ b }: { b: Briefing }) {
  const t = useTranslations("briefing");
  const rate = useRate();
  const c = b.total;
  return <p>{t("problemsSummary", { found: c.problemsInMonth, closed: c.problemsClosedInMonth, total: c.problems, totalClosed: c.problemsClosed, closure: rate(b.rates.closure), overdue: c.problemsOverdue })}</p>;
}

function OpinionsSummary({ b }: { b: Briefing }) {
  const t = useTranslations("briefing");
  const rate = useRate();
  const c = b.total;
  const answered = c.opinionsAdopted + c.opinionsPartlyAdopted + c.opinionsNotAdopted;
  return <p>{t("opinionsSummary", { inMonth: c.opinionsInMonth, total: c.opinions, answered, adopted: c.opinionsAdopted, partly: c.opinionsPartlyAdopted, not: c.opinionsNotAdopted, rate: rate(b.rates.adoption) })}</p>;
}

export default withClientMessages(["briefing"], BriefingPage);
