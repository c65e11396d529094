"use client";

import { clsx } from "clsx";
import { useSuspenseQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { AttachmentList } from "@/components/attachments/attachment-list";
import { NoticeBanner } from "@/components/tasks/notice";
import type { Notice } from "@/components/tasks/review-actions";
import { formatDateTime } from "@/components/tasks/timeline";
import { Alert, Badge, Card, CardHeader, PageHeader } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { ProblemActions } from "../problem-actions";
import { ProblemStatusBadge } from "../problem-status";
import { ProblemTimeline } from "../problem-timeline";

export function ProblemDetail({ id }: { id: number }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const { data: p } = useSuspenseQuery(trpc.problem.byId.queryOptions({ id }));
  const [notice, setNotice] = useState<Notice | null>(null);
  const last = p.events.at(-1);
  // A rejection or a reopening stands until the next report: it is what the rectifier acts on.
  const standing = p.status === "rectifying" && last && (last.type === "rejected" || last.type === "reopened") ? last : null;
  const mayVerify = p.allowedActions.includes("verify");

  return (
    <>
      <Link href="/problems" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-brand-700">
        <ArrowLeft className="h-4 w-4" aria-hidden />
        {t("problems.backToLedger")}
      </Link>
      <PageHeader title={p.title} description={t("problems.detail.subtitle", { raising: p.raisingName, area: p.committeeName })} />

      {/* One grid: on phones the details come right after the status, before the actions; on
          wide screens they sit in the right column beside them. The last left-hand row takes what
          height the details need beyond the others, so no gap opens under the status. */}
      <div className={clsx("grid gap-5 lg:grid-cols-3 lg:items-start", p.allowedActions.length ? "lg:grid-rows-[auto_auto_1fr]" : "lg:grid-rows-[auto_1fr]")}>
        <Card className="lg:col-span-2">
          <div className="space-y-3 px-4 py-4 sm:px-5">
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-sm text-slate-500">{t("problems.detail.currentStatus")}</span>
              <ProblemStatusBadge status={p.status} />
              {p.overdue ? <Badge tone="red">{t("problems.overdue")}</Badge> : null}
              <span className="ml-auto text-sm text-slate-500">
                {t("problems.deadline")} <span className={p.overdue ? "font-medium text-red-700 tabular-nums" : "text-slate-700 tabular-nums"}>{p.deadline ?? t("problems.noDeadline")}</span>
              </span>
            </div>
            {standing ? (
              <div className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" role="note">
                <p className="font-medium">{t(standing.type === "rejected" ? "problems.detail.rejectedBanner" : "problems.detail.reopenedBanner", { name: standing.actorCommittee })}</p>
                <p className="mt-1 whitespace-pre-wrap">{standing.comment}</p>
              </div>
            ) : null}
            {p.status === "awaiting_verification" && !mayVerify ? <Alert tone="info">{t("problems.detail.awaitingVerification", { name: p.raisingName })}</Alert> : null}
            {p.status === "closed" ? (
              <Alert tone="success">
                {t("problems.detail.closedBanner", { at: p.closedAt ? formatDateTime(format, p.closedAt) : "" })}
                {p.lookbackOn ? ` ${t("problems.detail.lookbackOn", { date: p.lookbackOn })}` : ""}
              </Alert>
            ) : null}
            <NoticeBanner notice={notice} />
          </div>
        </Card>

        <div className="lg:col-start-3 lg:[grid-row:1/span_var(--rows)]" style={{ "--rows": p.allowedActions.length ? 3 : 2 } as React.CSSProperties}>
          <Card>
            <CardHeader title={t("problems.detail.info")} />
            <dl className="space-y-3 px-4 py-4 text-sm sm:px-5">
              <Item label={t("problems.category")}>{t(`problemCategory.${p.category}`)}</Item>
              <Item label={t("problems.area")}>{p.committeeName}</Item>
              <Item label={t("problems.form.location")}>
                {p.location}
                {p.latitude !== null && p.longitude !== null ? <span className="ml-1 text-xs text-slate-500 tabular-nums">（{p.latitude}, {p.longitude}）</span> : null}
              </Item>
              <Item label={t("problems.raising")}>{p.raisingName}</Item>
              <Item label={t("problems.department")}>{p.departmentName ?? <span className="text-slate-500">{t("problems.noDepartment")}</span>}</Item>
              <Item label={t("problems.source")}>
                {t(`problemSource.${p.source}`)}
                {p.tip ? (
                  <Link href={`/tips/${p.tip.id}`} className="ml-1 text-brand-700 hover:underline">
                    {t("problems.detail.tipLink", { code: `${p.tip.code.slice(0, 5)}-${p.tip.code.slice(5)}` })}
                  </Link>
                ) : p.sourceLabel ? (
                  <span className="ml-1 text-slate-600">· {p.sourceLabel}</span>
                ) : null}
              </Item>
              {p.plan ? <Item label={t("problems.plan")}>{p.plan}</Item> : null}
              <Item label={t("problems.form.description")}>{p.description}</Item>
              <Item label={t("problems.form.evidence")}>{p.attachments.length ? <AttachmentList files={p.attachments} /> : <span className="text-slate-500">{t("problems.detail.noFiles")}</span>}</Item>
              {p.tip?.attachments.length ? <Item label={t("problems.detail.tipPhotos")}>{<AttachmentList files={p.tip.attachments} />}</Item> : null}
              <Item label={t("problems.detail.createdAt")}>
                <span className="tabular-nums">{formatDateTime(format, p.createdAt)}</span>
              </Item>
            </dl>
          </Card>
        </div>

        {p.allowedActions.length ? (
          <Card className="lg:col-span-2">
            <CardHeader title={t("problems.detail.handle")} />
            <div className="px-4 py-4 sm:px-5">
              <ProblemActions key={p.version} problem={p} onNotice={setNotice} />
            </div>
          </Card>
        ) : null}

        <Card className="lg:col-span-2">
          <CardHeader title={t("problems.detail.timeline")} />
          <div className="px-4 py-4 sm:px-5">
            <ProblemTimeline events={p.events} />
          </div>
        </Card>
      </div>
    </>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="mt-0.5 whitespace-pre-wrap text-slate-900">{children}</dd>
    </div>
  );
}
