"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { ArrowLeft, FilePlus2, XCircle } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { attachmentUrl } from "@/components/attachments/shared";
import { ConfirmDialog } from "@/components/tasks/confirm-dialog";
import { describedBy, Field } from "@/components/tasks/field";
import { fieldErrorsOf, isConflict } from "@/components/tasks/errors";
import { NoticeBanner } from "@/components/tasks/notice";
import type { Notice } from "@/components/tasks/review-actions";
import { formatDateTime } from "@/components/tasks/timeline";
import { Alert, buttonClass, Card, inputClass, PageHeader } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { ProblemForm } from "../../problems/problem-form";
import { ProblemStatusBadge } from "../../problems/problem-status";
import { TipStatusBadge } from "../tip-status";

/**
 * One tip for staff: what the citizen wrote, where, their photos and contact; then either 转为问题
 * (the problem form, prefilled from the tip) or 不予立案 with a reason.
 */
export function TipDetail({ id }: { id: number }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const formId = useId();
  const { data: tip } = useSuspenseQuery(trpc.tip.byId.queryOptions({ id }));
  const [converting, setConverting] = useState(false);
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonMissing, setReasonMissing] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const refresh = () => Promise.all([queryClient.invalidateQueries(trpc.tip.pathFilter()), queryClient.invalidateQueries(trpc.problem.pathFilter())]);
  const onConflict = (error: { message: string; data?: { code?: string } | null }) => {
    if (!isConflict(error)) return;
    setConverting(false);
    setDismissing(false);
    setNotice({ tone: "error", text: error.message });
    void refresh();
  };
  const convert = useMutation(
    trpc.tip.convert.mutationOptions({
      onSuccess: async ({ problemId }) => {
        await refresh();
        router.push(`/problems/${problemId}`);
      },
      onError: onConflict,
    }),
  );
  const dismiss = useMutation(
    trpc.tip.dismiss.mutationOptions({
      onSuccess: () => {
        setDismissing(false);
        setNotice({ tone: "success", text: t("tips.dismissedNotice") });
        void refresh();
      },
      onError: onConflict,
    }),
  );
  const reasonErrors = [...(reasonMissing ? [t("work.required")] : []), ...fieldErrorsOf(dismiss.error, "reason")];

  return (
    <>
      <Link href="/tips" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-brand-700">
        <ArrowLeft className="h-4 w-4" aria-hidden />
        {t("tips.backToList")}
      </Link>
      <PageHeader title={t("tips.detailTitle", { code: tip.displayCode })} description={t("tips.receivedAt", { at: formatDateTime(format, tip.createdAt), area: tip.committeeName })} />
      <div className="space-y-5">
        <Card>
          <div className="space-y-4 px-4 py-4 sm:px-5">
            <div className="flex flex-wrap items-center gap-2">
              <TipStatusBadge status={tip.status} />
              {tip.triagedAt ? <span className="text-sm text-slate-500">{t("tips.triagedBy", { name: tip.triagedByName ?? "", at: formatDateTime(format, tip.triagedAt) })}</span> : null}
            </div>
            <NoticeBanner notice={notice} />
            {tip.status === "dismissed" ? (
              <Alert tone="info">
                {t("tips.dismissReason")}
                {tip.dismissReason}
              </Alert>
            ) : null}
            {tip.problem ? (
              <div className="flex flex-wrap items-center gap-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
                {t("tips.becameProblem")}
                <Link href={`/problems/${tip.problem.id}`} className="font-medium text-brand-700 hover:underline">
                  {tip.problem.title}
                </Link>
                <ProblemStatusBadge status={tip.problem.status} />
              </div>
            ) : null}
            <dl className="grid gap-4 text-sm sm:grid-cols-2">
              <div className="sm:col-span-2">
                <dt className="text-slate-500">{t("tips.content")}</dt>
                <dd className="mt-0.5 whitespace-pre-wrap text-slate-900">{tip.content}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("tips.area")}</dt>
                <dd className="mt-0.5 text-slate-900">{tip.committeeName}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("tips.location")}</dt>
                <dd className="mt-0.5 text-slate-900">{tip.location}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("tips.contact")}</dt>
                <dd className="mt-0.5 text-slate-900">{tip.contact || <span className="text-slate-500">{t("tips.anonymous")}</span>}</dd>
              </div>
            </dl>
            {tip.photos.length ? (
              <div>
                <p className="text-sm text-slate-500">{t("tips.photosHeading")}</p>
                <ul className="mt-2 flex flex-wrap gap-2">
                  {tip.photos.map((photo) => (
                    <li key={photo.id}>
                      <a href={`${attachmentUrl(photo.id)}?inline=1`} target="_blank" rel="noopener" className="block overflow-hidden rounded-md border border-slate-200 hover:border-brand-600">
                        {/* eslint-disable-next-line @next/next/no-img-element -- a private file behind the session, not an optimisable asset */}
                        <img src={`${attachmentUrl(photo.id)}?inline=1`} alt={photo.fileName} className="h-28 w-28 object-cover" loading="lazy" />
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {tip.canTriage && !converting ? (
              <div className="flex flex-wrap gap-2 border-t border-slate-100 pt-4">
                <button type="button" className={buttonClass.primary} onClick={() => setConverting(true)}>
                  <FilePlus2 className="h-4 w-4" aria-hidden />
                  {t("tips.convert")}
                </button>
                <button
                  type="button"
                  className={buttonClass.danger}
                  onClick={() => {
                    dismiss.reset();
                    setReasonMissing(false);
                    setDismissing(true);
                  }}
                >
                  <XCircle className="h-4 w-4" aria-hidden />
                  {t("tips.dismiss")}
                </button>
              </div>
            ) : null}
          </div>
        </Card>

        {tip.canTriage && converting ? (
          <section aria-labelledby={`${formId}-convert`}>
            <h2 id={`${formId}-convert`} className="mb-1 text-base font-semibold text-slate-800">
              {t("tips.convertHeading")}
            </h2>
            <p className="mb-3 text-sm text-slate-500">{t("tips.convertHint")}</p>
            <ProblemForm
              initial={{ description: tip.content, location: tip.location, committeeId: tip.committeeId }}
              submitLabel={t("tips.convertSubmit")}
              pending={convert.isPending || convert.isSuccess}
              error={convert.error}
              errorPrefix="problem."
              onSubmit={(problem) => convert.mutate({ id: tip.id, version: tip.version, problem })}
            />
          </section>
        ) : null}
      </div>

      <ConfirmDialog
        open={dismissing}
        title={t("tips.dismissTitle")}
        description={t("tips.dismissBody")}
        confirmLabel={t("tips.dismissConfirm")}
        tone="danger"
        pending={dismiss.isPending}
        onClose={() => setDismissing(false)}
        onConfirm={() => {
          const missing = !reason.trim();
          setReasonMissing(missing);
          if (!missing) dismiss.mutate({ id: tip.id, version: tip.version, reason });
        }}
      >
        <Field id={`${formId}-reason`} label={t("tips.dismissReasonField")} required errors={reasonErrors}>
          <textarea id={`${formId}-reason`} rows={3} maxLength={2000} className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} {...describedBy(`${formId}-reason`, { errors: reasonErrors })} />
        </Field>
        {dismiss.error && !isConflict(dismiss.error) && !reasonErrors.length ? <Alert>{dismiss.error.message}</Alert> : null}
      </ConfirmDialog>
    </>
  );
}
