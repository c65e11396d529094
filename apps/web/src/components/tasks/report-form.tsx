"use client";

import { useMutation } from "@tanstack/react-query";
import { FileCheck2, PenLine } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { AttachmentUploader, type UploadedFile } from "@/components/attachments/attachment-uploader";
import { Alert, buttonClass, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { ConfirmDialog } from "./confirm-dialog";
import { describedBy, Field } from "./field";
import { fieldErrorsOf, isConflict } from "./errors";
import { useRefreshWork } from "./mutations";
import type { Notice } from "./review-actions";

interface ReportFormProps {
  assignment: { id: number; version: number; percent: number };
  /** The last event was a return: the percent may go down this once. */
  afterReturn: boolean;
  canProgress: boolean;
  canReport: boolean;
  onNotice: (notice: Notice | null) => void;
}

/**
 * 报告进展 (a progress report: text, percent, files) and 上报完成 (the same at 100%, which sends it
 * for review). Every report stays on the timeline. The percent may not fall below the last
 * report unless it was just returned; the server enforces it, the slider only helps.
 */
export function ReportForm({ assignment, afterReturn, canProgress, canReport, onNotice }: ReportFormProps) {
  const t = useTranslations("work");
  const trpc = useTRPC();
  const refresh = useRefreshWork();
  const id = useId();
  const floor = afterReturn ? 0 : assignment.percent;
  const [text, setText] = useState("");
  const [percent, setPercent] = useState(assignment.percent);
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [textMissing, setTextMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const report = useMutation(
    trpc.assignment.reportProgress.mutationOptions({
      onSuccess: (result) => {
        setConfirming(false);
        setText("");
        setFiles([]);
        onNotice({ tone: "success", text: result.status === "reported" ? t("reportedNotice") : t("progressNotice", { percent: result.percent }) });
        void refresh();
      },
      onError: (error) => {
        setConfirming(false);
        if (!isConflict(error)) return;
        // The form starts afresh with the new version; the message stays with the page.
        onNotice({ tone: "error", text: error.message });
        void refresh();
      },
    }),
  );

  const submit = (complete: boolean) => {
    const missing = !text.trim();
    setTextMissing(missing);
    if (missing) return;
    report.mutate({ id: assignment.id, version: assignment.version, text, percent: complete ? 100 : percent, complete, attachmentIds: files.map((f) => f.id) });
  };

  const textErrors = [...(textMissing ? [t("textRequired")] : []), ...fieldErrorsOf(report.error, "text")];
  const percentErrors = fieldErrorsOf(report.error, "percent");
  const fileErrors = fieldErrorsOf(report.error, "attachmentIds");
  const formError = report.error && !isConflict(report.error) && !textErrors.length && !percentErrors.length && !fileErrors.length ? report.error.message : null;
  const percentHint = afterReturn ? t("percentHintReturned", { current: assignment.percent }) : t("percentHint", { current: assignment.percent });

  return (
    <>
      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit(false);
        }}
      >
        <Field id={`${id}-text`} label={t("reportText")} required errors={textErrors}>
          <textarea
            id={`${id}-text`}
            rows={4}
            maxLength={5000}
            className={inputClass}
            value={text}
            placeholder={t("reportTextPlaceholder")}
            onChange={(e) => setText(e.target.value)}
            {...describedBy(`${id}-text`, { errors: textErrors })}
          />
        </Field>

        {canProgress ? (
          <Field id={`${id}-percent`} label={t("percentField")} hint={percentHint} errors={percentErrors}>
            <div className="flex items-center gap-3">
              <input
                type="range"
                min={0}
                max={100}
                step={5}
                value={percent}
                aria-label={t("percentSlider")}
                onChange={(e) => setPercent(Math.max(floor, Number(e.target.value)))}
                className="h-2 flex-1 cursor-pointer accent-brand-700"
              />
              <div className="flex items-center gap-1">
                <input
                  id={`${id}-percent`}
                  type="number"
                  inputMode="numeric"
                  min={floor}
                  max={100}
                  value={percent}
                  onChange={(e) => setPercent(Math.max(0, Math.min(100, Math.round(Number(e.target.value) || 0))))}
                  className={`${inputClass} w-20! text-right tabular-nums`}
                  {...describedBy(`${id}-percent`, { hint: percentHint, errors: percentErrors })}
                />
                <span className="text-sm text-slate-500">%</span>
              </div>
            </div>
          </Field>
        ) : null}

        <div>
          <p className="mb-1 text-sm font-medium text-slate-700">{t("reportFiles")}</p>
          <AttachmentUploader value={files} onChange={setFiles} />
          {fileErrors.length ? <p className="mt-1 text-sm text-red-600">{fileErrors.join("；")}</p> : null}
        </div>

        {formError ? <Alert>{formError}</Alert> : null}

        <div className="flex flex-col gap-2 sm:flex-row">
          {canProgress ? (
            <button type="submit" className={buttonClass.secondary} disabled={report.isPending}>
              <PenLine className="h-4 w-4" aria-hidden />
              {report.isPending && !confirming ? t("working") : t("submitProgress")}
            </button>
          ) : null}
          {canReport ? (
            <button
              type="button"
              className={buttonClass.primary}
              disabled={report.isPending}
              onClick={() => {
                const missing = !text.trim();
                setTextMissing(missing);
                if (!missing) {
                  report.reset();
                  setConfirming(true);
                }
              }}
            >
              <FileCheck2 className="h-4 w-4" aria-hidden />
              {t("submitComplete")}
            </button>
          ) : null}
        </div>
      </form>

      <ConfirmDialog
        open={confirming}
        title={t("completeTitle")}
        description={t("completeBody")}
        confirmLabel={t("completeConfirm")}
        pending={report.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() => submit(true)}
      />
    </>
  );
}
