"use client";

import { useMutation, useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { ArrowLeft, ChevronRight, ListChecks, Stamp } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { AttachmentList } from "@/components/attachments/attachment-list";
import { isConflict } from "@/components/tasks/errors";
import { useRefreshWork } from "@/components/tasks/mutations";
import { NoticeBanner } from "@/components/tasks/notice";
import { PassDownForm } from "@/components/tasks/pass-down-form";
import { ReportForm } from "@/components/tasks/report-form";
import { type Notice, ReviewActions } from "@/components/tasks/review-actions";
import { standingReturn } from "@/components/tasks/rules";
import { Deadline, OverdueBadge, ProgressBar, ProgressDue, StatusBadge } from "@/components/tasks/status";
import { formatDateTime, Timeline } from "@/components/tasks/timeline";
import { Alert, buttonClass, Card, CardHeader, LinkButton, PageHeader } from "@/components/ui";
import { useTRPC } from "@/trpc/react";

export function AssignmentDetail({ id }: { id: number }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const refresh = useRefreshWork();
  const { data: a } = useSuspenseQuery(trpc.assignment.byId.queryOptions({ id }));
  const mayPassDown = a.allowedActions.includes("passDown");
  const { data: tree } = useQuery({ ...trpc.committee.tree.queryOptions(), enabled: mayPassDown });
  const [notice, setNotice] = useState<Notice | null>(null);
  const accept = useMutation(
    trpc.assignment.accept.mutationOptions({
      onSuccess: () => {
        setNotice({ tone: "success", text: t("work.acceptedNotice") });
        void refresh();
      },
      onError: (error) => {
        if (!isConflict(error)) return;
        setNotice({ tone: "error", text: error.message });
        void refresh();
      },
    }),
  );

  const allowed = new Set(a.allowedActions);
  const returned = a.status === "in_progress" ? standingReturn(a.events) : null;
  const mayReport = allowed.has("progress") || allowed.has("report");
  const mayReview = allowed.has("approve") || allowed.has("return");
  const townships = (tree ?? []).filter((c) => c.parentId === a.committeeId && c.level === "township");
  const isCounty = a.committeeLevel === "county";
  const childDone = a.children.filter((c) => c.status === "approved").length;

  const hasActions = allowed.size > 0;
  const showTownships = isCounty && (a.children.length > 0 || mayPassDown);
  // Cards in the main column (status, actions, townships, timeline): the task card spans them.
  const leftCards = 2 + (hasActions ? 1 : 0) + (showTownships ? 1 : 0);

  return (
    <>
      {a.parentId ? (
        <Link href={`/assignments/${a.parentId}`} className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-brand-700">
          <ArrowLeft className="h-4 w-4" aria-hidden />
          {t("assignments.backToParent")}
        </Link>
      ) : null}
      <PageHeader title={a.task.title} description={t("assignments.sentBy", { issuer: a.issuerName, committee: a.committeeName })}>
        <LinkButton href={`/problems/new?source=assignment&sourceId=${a.id}`}>
          <ListChecks className="h-4 w-4" aria-hidden />
          {t("assignments.raiseProblem")}
        </LinkButton>
      </PageHeader>

      {/* One grid: on phones the task comes right after its status, before the actions; on
          wide screens it sits in the right column beside them. */}
      <div className="grid gap-5 lg:grid-cols-3 lg:items-start">
        <Card className="lg:col-span-2">
          <div className="space-y-3 px-4 py-4 sm:px-5">
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-sm text-slate-500">{t("assignments.currentStatus")}</span>
              <StatusBadge status={a.status} />
              <OverdueBadge overdue={a.overdue} />
              <span className="ml-auto text-sm text-slate-500">
                {t("assignments.due")} <Deadline deadline={a.deadline} overdue={a.overdue} />
              </span>
            </div>
            <ProgressBar percent={a.percent} label={t("work.progressOf", { name: a.committeeName })} />
            {returned ? (
              <div className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" role="note">
                <p className="font-medium">{t("assignments.returnedBanner", { name: returned.actorName })}</p>
                <p className="mt-1 whitespace-pre-wrap">{returned.comment}</p>
              </div>
            ) : null}
            {a.status === "reported" && !mayReview ? <Alert tone="info">{t("assignments.awaitingReview", { issuer: a.issuerName })}</Alert> : null}
            {a.status === "approved" ? <Alert tone="success">{t("assignments.approvedBanner")}</Alert> : null}
            <NoticeBanner notice={notice} />
          </div>
        </Card>

        <div className="lg:col-start-3 lg:[grid-row:1/span_var(--rows)]" style={{ "--rows": leftCards } as React.CSSProperties}>
          <Card>
            <CardHeader title={t("assignments.taskInfo")} />
            <dl className="space-y-3 px-4 py-4 text-sm sm:px-5">
              <div>
                <dt className="text-slate-500">{t("tasks.focusArea")}</dt>
                <dd className="mt-0.5 text-slate-900">{a.task.focusArea}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("tasks.method")}</dt>
                <dd className="mt-0.5 text-slate-900">{a.task.method}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("assignments.taskDeadline")}</dt>
                <dd className="mt-0.5 text-slate-900 tabular-nums">{a.task.deadline}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("assignments.sentAt")}</dt>
                <dd className="mt-0.5 text-slate-900 tabular-nums">{formatDateTime(format, a.sentAt)}</dd>
              </div>
              {a.task.description ? (
                <div>
                  <dt className="text-slate-500">{t("tasks.descriptionField")}</dt>
                  <dd className="mt-0.5 whitespace-pre-wrap text-slate-900">{a.task.description}</dd>
                </div>
              ) : null}
              <div>
                <dt className="text-slate-500">{t("tasks.attachments")}</dt>
                <dd className="mt-1">{a.task.attachments.length ? <AttachmentList files={a.task.attachments} /> : <span className="text-slate-500">{t("assignments.noFiles")}</span>}</dd>
              </div>
              <div>
                <Link href={`/campaigns/${a.task.campaignId}`} className="text-brand-700 hover:underline">
                  {t("assignments.viewCampaign")}
                </Link>
              </div>
            </dl>
          </Card>
        </div>

        {hasActions ? (
          <Card className="lg:col-span-2">
            <CardHeader title={mayReview ? t("assignments.review") : t("assignments.handle")} />
            <div className="space-y-6 px-4 py-4 sm:px-5">
              {allowed.has("accept") ? (
                <div className="space-y-3">
                  <p className="text-sm text-slate-600">{t("assignments.acceptHint")}</p>
                  <button type="button" className={buttonClass.primary} disabled={accept.isPending} onClick={() => accept.mutate({ id: a.id, version: a.version })}>
                    <Stamp className="h-4 w-4" aria-hidden />
                    {accept.isPending ? t("work.working") : t("work.accept")}
                  </button>
                  {accept.error && !isConflict(accept.error) ? <Alert>{accept.error.message}</Alert> : null}
                </div>
              ) : null}
              {mayReport ? (
                <section aria-labelledby="report-heading">
                  <h3 id="report-heading" className="mb-3 text-sm font-semibold text-slate-800">
                    {t("assignments.reportHeading")}
                  </h3>
                  <ReportForm
                    key={a.version}
                    assignment={a}
                    afterReturn={returned !== null}
                    canProgress={allowed.has("progress")}
                    canReport={allowed.has("report")}
                    onNotice={setNotice}
                  />
                </section>
              ) : null}
              {mayPassDown ? (
                <section aria-labelledby="passdown-heading" className="border-t border-slate-100 pt-5">
                  <h3 id="passdown-heading" className="text-sm font-semibold text-slate-800">
                    {t("assignments.passDownHeading")}
                  </h3>
                  <p className="mt-1 mb-3 text-sm text-slate-500">{t("assignments.passDownHint")}</p>
                  {tree ? (
                    <PassDownForm assignment={a} townships={townships} alreadySent={a.children.map((c) => c.committeeId)} onNotice={setNotice} />
                  ) : (
                    <p className="text-sm text-slate-500">{t("common.loading")}</p>
                  )}
                </section>
              ) : null}
              {mayReview ? (
                <div className="space-y-3">
                  <p className="text-sm text-slate-600">{t("assignments.reviewHint", { name: a.committeeName })}</p>
                  <ReviewActions assignment={a} onNotice={setNotice} />
                </div>
              ) : null}
            </div>
          </Card>
        ) : null}

        {showTownships ? (
          <Card className="lg:col-span-2">
            <CardHeader title={t("assignments.townshipProgress")} action={a.children.length ? <span className="text-sm text-slate-500">{t("assignments.townshipDone", { done: childDone, total: a.children.length })}</span> : undefined} />
            {a.children.length === 0 ? (
              <p className="px-4 py-4 text-sm text-slate-500 sm:px-5">{t("assignments.noTownshipsYet")}</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {a.children.map((c) => (
                  <li key={c.id}>
                    <Link href={`/assignments/${c.id}`} className="flex items-center gap-3 px-4 py-3 hover:bg-slate-50 sm:px-5">
                      <div className="min-w-0 flex-1 space-y-1.5">
                        <div className="flex flex-wrap items-center gap-2">
                          <span className="font-medium text-slate-900">{c.committeeName}</span>
                          <StatusBadge status={c.status} />
                          <OverdueBadge overdue={c.overdue} />
                          {c.status === "reported" ? <span className="text-xs font-medium text-violet-700">{t("assignments.needsReview")}</span> : null}
                        </div>
                        <ProgressDue percent={c.percent} label={t("work.progressOf", { name: c.committeeName })} deadline={c.deadline} overdue={c.overdue} />
                      </div>
                      <ChevronRight className="h-4 w-4 shrink-0 text-slate-400" aria-hidden />
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        ) : null}

        <Card className="lg:col-span-2">
          <CardHeader title={t("assignments.timeline")} />
          <div className="px-4 py-4 sm:px-5">
            <Timeline events={a.events} />
          </div>
        </Card>
      </div>
    </>
  );
}
