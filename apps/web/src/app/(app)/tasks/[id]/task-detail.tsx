"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { clsx } from "clsx";
import { ChevronDown, ExternalLink, Pencil } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { AppRouter } from "@dm/api";
import { ASSIGNMENT_STATUSES } from "@dm/db/enums";
import { AttachmentList } from "@/components/attachments/attachment-list";
import { NoticeBanner } from "@/components/tasks/notice";
import { type Notice, ReviewActions } from "@/components/tasks/review-actions";
import { standingReturn } from "@/components/tasks/rules";
import { Deadline, OverdueBadge, ProgressBar, StatusBadge } from "@/components/tasks/status";
import { formatDateTime, Timeline } from "@/components/tasks/timeline";
import { Badge, Card, CardHeader, EmptyState, LinkButton, PageHeader } from "@/components/ui";
import { useTRPC } from "@/trpc/react";

type Task = inferRouterOutputs<AppRouter>["task"]["byId"];
type Assignment = Task["assignments"][number];

export function TaskDetail({ id }: { id: number }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const { data: task } = useSuspenseQuery(trpc.task.byId.queryOptions({ id }));
  const [notice, setNotice] = useState<Notice | null>(null);

  const top = task.assignments.filter((a) => a.parentId === null || !task.assignments.some((p) => p.id === a.parentId));
  const childrenOf = (a: Assignment) => task.assignments.filter((c) => c.parentId === a.id);
  const counts = Object.fromEntries(ASSIGNMENT_STATUSES.map((s) => [s, top.filter((a) => a.status === s).length])) as Record<(typeof ASSIGNMENT_STATUSES)[number], number>;
  const overdue = top.filter((a) => a.overdue).length;
  const average = top.length ? Math.round(top.reduce((s, a) => s + (a.status === "approved" ? 100 : a.percent), 0) / top.length) : 0;

  return (
    <>
      <PageHeader title={task.title} description={task.campaignTitle}>
        {task.canEdit ? (
          <LinkButton href={`/tasks/${task.id}/edit`}>
            <Pencil className="h-4 w-4" aria-hidden />
            {t("tasks.edit")}
          </LinkButton>
        ) : null}
      </PageHeader>

      <div className="grid gap-5 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title={t("tasks.basics")} />
          <dl className="grid grid-cols-1 gap-x-6 gap-y-3 px-4 py-4 text-sm sm:grid-cols-2 sm:px-5">
            <Item label={t("tasks.campaign")}>
              <Link href={`/campaigns/${task.campaignId}`} className="text-brand-700 hover:underline">
                {task.campaignTitle}
              </Link>
            </Item>
            <Item label={t("tasks.deadline")}>
              <span className="tabular-nums">{task.deadline}</span>
            </Item>
            <Item label={t("tasks.focusArea")}>{task.focusArea}</Item>
            <Item label={t("tasks.method")}>{task.method}</Item>
            <Item label={t("tasks.responsibleLeader")}>{task.responsibleLeaderName ?? t("tasks.noLeader")}</Item>
            <Item label={t("tasks.createdAt")}>
              <span className="tabular-nums">{formatDateTime(format, task.createdAt)}</span>
            </Item>
            {task.description ? (
              <Item label={t("tasks.descriptionField")} wide>
                <span className="whitespace-pre-wrap">{task.description}</span>
              </Item>
            ) : null}
            {task.attachments.length ? (
              <Item label={t("tasks.attachments")} wide>
                <AttachmentList files={task.attachments} />
              </Item>
            ) : null}
          </dl>
        </Card>

        <Card>
          <CardHeader title={t("tasks.overview")} />
          <div className="space-y-4 px-4 py-4 sm:px-5">
            <div>
              <p className="mb-1 text-sm text-slate-500">{t("tasks.averageProgress")}</p>
              <ProgressBar percent={average} label={t("tasks.averageProgress")} />
            </div>
            <dl className="grid grid-cols-3 gap-2 text-center">
              {ASSIGNMENT_STATUSES.map((s) => (
                <div key={s} className="rounded-md bg-slate-50 px-2 py-2">
                  <dt className="text-xs text-slate-500">{t(`assignmentStatus.${s}`)}</dt>
                  <dd className="text-lg font-semibold text-slate-900 tabular-nums">{counts[s]}</dd>
                </div>
              ))}
              <div className={clsx("rounded-md px-2 py-2", overdue ? "bg-red-50" : "bg-slate-50")}>
                <dt className={clsx("text-xs", overdue ? "text-red-700" : "text-slate-500")}>{t("work.overdue")}</dt>
                <dd className={clsx("text-lg font-semibold tabular-nums", overdue ? "text-red-700" : "text-slate-900")}>{overdue}</dd>
              </div>
            </dl>
          </div>
        </Card>
      </div>

      <Card className="mt-5">
        <CardHeader title={t("tasks.progressByCounty", { count: top.length })} />
        <NoticeBanner notice={notice} className="mx-4 mt-4 sm:mx-5" />
        {top.length === 0 ? (
          <EmptyState title={t("tasks.noAssignments")} />
        ) : (
          <ul className="divide-y divide-slate-100">
            {top.map((a) => (
              <li key={a.id} className="px-4 py-4 sm:px-5" data-committee={a.committeeName}>
                <AssignmentRow assignment={a} review={a.allowedActions.includes("approve")} onNotice={setNotice} />
                {childrenOf(a).length ? (
                  <ul className="mt-3 space-y-3 border-l-2 border-slate-100 pl-3 sm:ml-2 sm:pl-4" aria-label={t("tasks.townshipsOf", { name: a.committeeName })}>
                    {childrenOf(a).map((c) => (
                      <li key={c.id} data-committee={c.committeeName}>
                        <AssignmentRow assignment={c} review={false} onNotice={setNotice} township />
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}

function Item({ label, wide, children }: { label: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <dt className="text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}

/** One committee's assignment: status, percent, deadline, its timeline on demand, and review when due. */
function AssignmentRow({ assignment: a, review, township, onNotice }: { assignment: Assignment; review: boolean; township?: boolean; onNotice: (n: Notice | null) => void }) {
  const t = useTranslations();
  const [open, setOpen] = useState(false);
  const returned = a.status === "in_progress" ? standingReturn(a.events) : null;
  const timelineId = `timeline-${a.id}`;
  return (
    <div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="flex min-w-40 flex-1 flex-wrap items-center gap-2">
          <span className={clsx("font-medium text-slate-900", township && "text-sm")}>{a.committeeName}</span>
          {township ? <Badge>{t("levels.township")}</Badge> : null}
          <StatusBadge status={a.status} />
          <OverdueBadge overdue={a.overdue} />
        </div>
        <ProgressBar percent={a.percent} className="w-full sm:w-48" label={t("work.progressOf", { name: a.committeeName })} />
        <span className="text-xs text-slate-500">
          {t("tasks.deadline")} <Deadline deadline={a.deadline} overdue={a.overdue} />
        </span>
      </div>
      {returned ? (
        <p className="mt-2 rounded-md bg-red-50 px-3 py-1.5 text-xs text-red-800">
          {t("work.commentLabels.returned")}
          {returned.comment}
        </p>
      ) : null}
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <button type="button" className="inline-flex items-center gap-1 text-sm text-brand-700 hover:underline" aria-expanded={open} aria-controls={timelineId} onClick={() => setOpen((o) => !o)}>
          <ChevronDown className={clsx("h-4 w-4 transition", open && "rotate-180")} aria-hidden />
          {open ? t("work.hideTimeline") : t("work.showTimeline", { count: a.events.length })}
        </button>
        <Link href={`/assignments/${a.id}`} className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-brand-700 hover:underline">
          <ExternalLink className="h-3.5 w-3.5" aria-hidden />
          {t("tasks.openAssignment")}
        </Link>
        {review ? (
          <div className="w-full sm:ml-auto sm:w-auto">
            <ReviewActions assignment={a} onNotice={onNotice} />
          </div>
        ) : null}
      </div>
      {open ? (
        <div id={timelineId} className="mt-3 rounded-md bg-slate-50 p-3 sm:p-4">
          <Timeline events={a.events} />
        </div>
      ) : null}
    </div>
  );
}
