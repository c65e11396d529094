"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { RotateCcw, Send } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { ActivityList } from "@/components/monthly/activity-list";
import { useDateTimeLabel, useDayLabel, useMonthLabel } from "@/components/monthly/month";
import { ReportStateBadge } from "@/components/monthly/report-state";
import { ReportView } from "@/components/monthly/report-view";
import { ConfirmDialog } from "@/components/tasks/confirm-dialog";
import { describedBy, Field } from "@/components/tasks/field";
import { MutationError } from "@/components/tasks/mutation-error";
import { fieldErrorsOf } from "@/components/tasks/errors";
import { NoticeBanner } from "@/components/tasks/notice";
import type { Notice } from "@/components/tasks/review-actions";
import { Alert, buttonClass, Card, CardHeader, PageHeader, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";

interface Values {
  summary: string;
  activitiesHeld: string;
  activitySummary: string;
  problems: string;
  nextPlan: string;
}

type TextField = Exclude<keyof Values, "activitiesHeld">;

/**
 * 填写月报: a draft can be saved and resumed; submitting (after a confirmation) makes it
 * read-only. A new report starts from the month's activity records. The form keeps what was
 * typed on any error, including a CONFLICT, and warns before leaving with unsaved changes.
 */
export function ReportForm({ campaignId, month }: { campaignId: number; month: string }) {
  const t = useTranslations("monthlyReports");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const monthLabel = useMonthLabel();
  const dayLabel = useDayLabel();
  const dateTime = useDateTimeLabel();
  const { data } = useSuspenseQuery(trpc.monthlyReport.own.queryOptions({ campaignId, month }));
  const { report, prefill } = data;
  const [values, setValues] = useState<Values>(() => ({
    summary: report?.summary ?? "",
    activitiesHeld: String(report?.activitiesHeld ?? prefill.activitiesHeld),
    activitySummary: report ? report.activitySummary : prefill.activitySummary,
    problems: report?.problems ?? "",
    nextPlan: report?.nextPlan ?? "",
  }));
  const [version, setVersion] = useState<number | null>(report?.version ?? null);
  const [dirty, setDirty] = useState(false);
  const [missing, setMissing] = useState<TextField[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const refresh = () => queryClient.invalidateQueries(trpc.monthlyReport.pathFilter());
  const save = useMutation(
    trpc.monthlyReport.saveDraft.mutationOptions({
      onSuccess: (r) => {
        setVersion(r.version);
        setDirty(false);
        setNotice({ tone: "success", text: t("savedNotice", { at: dateTime(new Date()) }) });
        void queryClient.invalidateQueries(trpc.monthlyReport.ownList.pathFilter());
        void queryClient.invalidateQueries(trpc.monthlyReport.status.pathFilter());
      },
    }),
  );
  const submit = useMutation(
    trpc.monthlyReport.submit.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        setDirty(false);
        setNotice({ tone: "success", text: t("submittedNotice") });
        void refresh();
      },
      onError: () => setConfirming(false),
    }),
  );
  const error = submit.error ?? save.error;
  const pending = save.isPending || submit.isPending;

  const header = (
    <PageHeader title={t("formTitle", { committee: data.committeeName, month: monthLabel(month) })} description={t("formDescription", { campaign: data.campaign.title })}>
      <div className="flex items-center gap-2 text-sm text-slate-500">
        <ReportStateBadge state={data.state} />
        <span>{t("due", { date: dayLabel(data.dueDate) })}</span>
      </div>
    </PageHeader>
  );

  // Submitted: read-only for the committee, and it says so.
  if (report?.status === "submitted") {
    return (
      <>
        {header}
        <NoticeBanner notice={notice} className="mb-4" />
        <Alert tone="info" className="mb-5">
          {t("readOnly", { at: dateTime(report.submittedAt!) })}
        </Alert>
        <ReportView report={report} activities={data.activities} />
      </>
    );
  }

  const set = (key: keyof Values, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setDirty(true);
    if (missing.includes(key as TextField)) setMissing((m) => m.filter((k) => k !== key));
  };
  const payload = () => ({ campaignId, month, version, ...values, activitiesHeld: Number(values.activitiesHeld) });
  const errs = (name: keyof Values) => [...(missing.includes(name as TextField) ? [t("required")] : []), ...fieldErrorsOf(error, name)];
  const fieldNames = ["summary", "activitiesHeld", "activitySummary", "problems", "nextPlan"] as const;
  const formError = error && !fieldNames.some((n) => fieldErrorsOf(error, n).length) ? error : null;

  const textArea = (name: TextField, rows: number, hint?: string, required?: boolean) => (
    <Field id={`report-${name}`} label={t(name)} hint={hint} errors={errs(name)} required={required}>
      <textarea
        id={`report-${name}`}
        rows={rows}
        maxLength={5000}
        className={inputClass}
        placeholder={t(`${name}Placeholder`)}
        value={values[name]}
        onChange={(e) => set(name, e.target.value)}
        {...describedBy(`report-${name}`, { hint, errors: errs(name) })}
      />
    </Field>
  );

  return (
    <>
      {header}
      <NoticeBanner notice={notice} className="mb-4" />
      <form
        noValidate
        className="grid gap-5 lg:grid-cols-3 lg:items-start"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(payload());
        }}
      >
        <Card className="lg:col-span-2">
          <div className="space-y-5 p-4 sm:p-5">
            {textArea("summary", 5, undefined, true)}
            <div className="grid gap-4 sm:grid-cols-[10rem_minmax(0,1fr)]">
              <Field id="report-activitiesHeld" label={t("activitiesHeldField")} errors={errs("activitiesHeld")}>
                <input
                  id="report-activitiesHeld"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={999}
                  className={`${inputClass} tabular-nums`}
                  value={values.activitiesHeld}
                  onChange={(e) => set("activitiesHeld", e.target.value)}
                  {...describedBy("report-activitiesHeld", { hint: true, errors: errs("activitiesHeld") })}
                />
              </Field>
              <p id="report-activitiesHeld-hint" className="text-xs text-slate-500 sm:pt-7">
                {t("activitiesHeldHint")}
              </p>
            </div>
            {textArea("activitySummary", 5)}
            {textArea("problems", 4)}
            {textArea("nextPlan", 4, undefined, true)}
          </div>
          <div className="flex flex-col gap-3 border-t border-slate-100 p-4 sm:flex-row sm:items-center sm:px-5">
            <button type="submit" className={buttonClass.secondary} disabled={pending}>
              {save.isPending ? t("saveDraftWorking") : t("saveDraft")}
            </button>
            <button
              type="button"
              className={buttonClass.primary}
              disabled={pending}
              onClick={() => {
                const empty = (["summary", "nextPlan"] as const).filter((k) => !values[k].trim());
                setMissing(empty);
                if (empty.length === 0) setConfirming(true);
              }}
            >
              <Send className="h-4 w-4" aria-hidden />
              {t("submit")}
            </button>
            {dirty ? <span className="text-sm text-amber-700">{t("unsaved")}</span> : null}
          </div>
          {formError ? <MutationError className="mx-4 mb-4 sm:mx-5" error={formError} /> : null}
        </Card>

        <Card>
          <CardHeader
            title={t("records")}
            action={
              <button
                type="button"
                className="inline-flex items-center gap-1 text-sm text-brand-700 hover:underline"
                onClick={() => {
                  set("activitiesHeld", String(prefill.activitiesHeld));
                  set("activitySummary", prefill.activitySummary);
                }}
              >
                <RotateCcw className="h-3.5 w-3.5" aria-hidden />
                {t("refill")}
              </button>
            }
          />
          <p className="px-4 pt-3 text-xs text-slate-500">{t("recordsHint")}</p>
          <ActivityList items={data.activities} empty={t("noRecords")} compact />
        </Card>
      </form>

      <ConfirmDialog
        open={confirming}
        title={t("submitTitle", { month: monthLabel(month) })}
        description={t("submitBody")}
        confirmLabel={t("submitConfirm")}
        pending={submit.isPending}
        onConfirm={() => submit.mutate(payload())}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
