"use client";

import { useMutation } from "@tanstack/react-query";
import { Check, CornerUpLeft } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Alert, buttonClass, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { ConfirmDialog } from "./confirm-dialog";
import { describedBy, Field } from "./field";
import { fieldErrorsOf, isConflict } from "./errors";
import { useRefreshWork } from "./mutations";

export type Notice = { tone: "success" | "error"; text: string };

/**
 * 审核办结 / 退回 for a reported assignment. Both ask for confirmation; a return needs a reason.
 * When someone else acted first (CONFLICT), the message says so and the data reloads. The
 * outcome goes to `onNotice`: the buttons themselves disappear once the status moves on.
 */
export function ReviewActions({ assignment, onNotice }: { assignment: { id: number; version: number; committeeName: string }; onNotice: (notice: Notice | null) => void }) {
  const t = useTranslations("work");
  const trpc = useTRPC();
  const refresh = useRefreshWork();
  const [dialog, setDialog] = useState<"approve" | "return" | null>(null);
  const [comment, setComment] = useState("");
  const [reason, setReason] = useState("");
  const [reasonMissing, setReasonMissing] = useState(false);
  const id = useId();

  const done = (text: string) => {
    setDialog(null);
    onNotice({ tone: "success", text });
    void refresh();
  };
  const failed = (error: { message: string; data?: { code?: string } | null }) => {
    if (!isConflict(error)) return; // shown in the dialog
    setDialog(null);
    onNotice({ tone: "error", text: error.message });
    void refresh();
  };
  const approve = useMutation(trpc.assignment.approve.mutationOptions({ onSuccess: () => done(t("approvedNotice", { name: assignment.committeeName })), onError: failed }));
  const ret = useMutation(trpc.assignment.return.mutationOptions({ onSuccess: () => done(t("returnedNotice", { name: assignment.committeeName })), onError: failed }));

  const open = (which: "approve" | "return") => {
    approve.reset();
    ret.reset();
    onNotice(null);
    setReasonMissing(false);
    setDialog(which);
  };

  const reasonErrors = [...(reasonMissing ? [t("reasonRequired")] : []), ...fieldErrorsOf(ret.error, "reason")];
  const approveError = approve.error && !isConflict(approve.error) ? approve.error.message : null;
  const returnError = ret.error && !isConflict(ret.error) && fieldErrorsOf(ret.error, "reason").length === 0 ? ret.error.message : null;

  return (
    <>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass.success} onClick={() => open("approve")}>
          <Check className="h-4 w-4" aria-hidden />
          {t("approve")}
        </button>
        <button type="button" className={buttonClass.danger} onClick={() => open("return")}>
          <CornerUpLeft className="h-4 w-4" aria-hidden />
          {t("return")}
        </button>
      </div>

      <ConfirmDialog
        open={dialog === "approve"}
        title={t("approveTitle", { name: assignment.committeeName })}
        description={t("approveBody")}
        confirmLabel={t("approveConfirm")}
        tone="success"
        pending={approve.isPending}
        onClose={() => setDialog(null)}
        onConfirm={() => approve.mutate({ id: assignment.id, version: assignment.version, comment })}
      >
        <Field id={`${id}-comment`} label={t("reviewCommentOptional")} errors={fieldErrorsOf(approve.error, "comment")}>
          <textarea id={`${id}-comment`} rows={3} maxLength={2000} className={inputClass} value={comment} onChange={(e) => setComment(e.target.value)} />
        </Field>
        {approveError ? <Alert>{approveError}</Alert> : null}
      </ConfirmDialog>

      <ConfirmDialog
        open={dialog === "return"}
        title={t("returnTitle", { name: assignment.committeeName })}
        description={t("returnBody")}
        confirmLabel={t("returnConfirm")}
        tone="danger"
        pending={ret.isPending}
        onClose={() => setDialog(null)}
        onConfirm={() => {
          const missing = !reason.trim();
          setReasonMissing(missing);
          if (!missing) ret.mutate({ id: assignment.id, version: assignment.version, reason });
        }}
      >
        <Field id={`${id}-reason`} label={t("returnReasonField")} required errors={reasonErrors}>
          <textarea
            id={`${id}-reason`}
            rows={4}
            maxLength={2000}
            className={inputClass}
            value={reason}
            placeholder={t("returnReasonPlaceholder")}
            onChange={(e) => setReason(e.target.value)}
            {...describedBy(`${id}-reason`, { errors: reasonErrors })}
          />
        </Field>
        {returnError ? <Alert>{returnError}</Alert> : null}
      </ConfirmDialog>
    </>
  );
}
