"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CalendarClock, Check, CornerUpLeft, FileCheck2, RotateCcw, Send, ShieldCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { ProblemAction } from "@dm/api/domain/problem";
import { AttachmentUploader, type UploadedFile } from "@/components/attachments/attachment-uploader";
import { ConfirmDialog } from "@/components/tasks/confirm-dialog";
import { describedBy, Field } from "@/components/tasks/field";
import { fieldErrorsOf, isConflict } from "@/components/tasks/errors";
import type { Notice } from "@/components/tasks/review-actions";
import { Alert, buttonClass, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";

interface Problem {
  id: number;
  version: number;
  committeeId: number;
  departmentId: number | null;
  deadline: string | null;
  plan: string;
  raisingName: string;
  committeeName: string;
  allowedActions: ProblemAction[];
}

interface ErrorLike {
  message: string;
  data?: { code?: string; fieldErrors?: Record<string, string[]> } | null;
}

/** After a step: the problem, the ledger and the unread count (the other side was told) reload. */
function useRefreshProblems() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries(trpc.problem.pathFilter()), queryClient.invalidateQueries(trpc.tip.pathFilter()), queryClient.invalidateQueries(trpc.notification.pathFilter())]);
}

/**
 * The steps the viewer may take now (the server's `allowedActions`): 交办 and 报告整改完成 as
 * forms, 验收 / 不通过 / 回头看 as confirmed buttons; a reason is required where the problem goes
 * back to rectification. Someone else's step first (CONFLICT) shows as a notice and reloads.
 */
export function ProblemActions({ problem, onNotice }: { problem: Problem; onNotice: (notice: Notice | null) => void }) {
  const t = useTranslations("problems.actions");
  const allowed = new Set(problem.allowedActions);
  const refresh = useRefreshProblems();
  const done = (text: string) => {
    onNotice({ tone: "success", text });
    void refresh();
  };
  const conflict = (error: ErrorLike) => {
    if (!isConflict(error)) return false;
    onNotice({ tone: "error", text: error.message });
    void refresh();
    return true;
  };

  return (
    <div className="space-y-6">
      {allowed.has("assign") ? <AssignForm problem={problem} onDone={() => done(t("assignedNotice"))} onConflict={conflict} /> : null}
      {allowed.has("report") ? <ReportForm problem={problem} onDone={() => done(t("reportedNotice", { name: problem.raisingName }))} onConflict={conflict} /> : null}
      {allowed.has("verify") || allowed.has("reject") ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-600">{t("verifyHint", { name: problem.committeeName })}</p>
          <div className="flex flex-wrap gap-2">
            <StepButton action="verify" problem={problem} onDone={() => done(t("verifiedNotice"))} onConflict={conflict} />
            <StepButton action="reject" problem={problem} onDone={() => done(t("rejectedNotice"))} onConflict={conflict} />
          </div>
        </div>
      ) : null}
      {allowed.has("scheduleLookback") ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-600">{t("lookbackHint")}</p>
          <StepButton action="scheduleLookback" problem={problem} onDone={() => done(t("lookbackScheduledNotice"))} onConflict={conflict} />
        </div>
      ) : null}
      {allowed.has("passLookback") || allowed.has("reopen") ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-600">{t("lookbackOutcomeHint")}</p>
          <div className="flex flex-wrap gap-2">
            <StepButton action="passLookback" problem={problem} onDone={() => done(t("lookbackPassedNotice"))} onConflict={conflict} />
            <StepButton action="reopen" problem={problem} onDone={() => done(t("reopenedNotice"))} onConflict={conflict} />
          </div>
        </div>
      ) : null}
    </div>
  );
}

type StepProps = { problem: Problem; onDone: () => void; onConflict: (error: ErrorLike) => boolean };

function AssignForm({ problem, onDone, onConflict }: StepProps) {
  const t = useTranslations("problems");
  const tw = useTranslations("work");
  const trpc = useTRPC();
  const id = useId();
  const { data: departments } = useQuery(trpc.problem.departments.queryOptions({ committeeId: problem.committeeId }));
  const [plan, setPlan] = useState(problem.plan);
  const [departmentId, setDepartmentId] = useState<number | null>(problem.departmentId);
  const [deadline, setDeadline] = useState(problem.deadline ?? "");
  const [missing, setMissing] = useState<string[]>([]);
  const assign = useMutation(trpc.problem.assign.mutationOptions({ onSuccess: onDone, onError: (e) => void onConflict(e) }));
  const errs = (name: string) => [...(missing.includes(name) ? [tw("required")] : []), ...fieldErrorsOf(assign.error, name)];
  const formError = assign.error && !isConflict(assign.error) && !["plan", "departmentId", "deadline"].some((n) => fieldErrorsOf(assign.error, n).length) ? assign.error.message : null;

  return (
    <form
      noValidate
      className="space-y-4"
      aria-labelledby={`${id}-heading`}
      onSubmit={(e) => {
        e.preventDefault();
        const need = [!plan.trim() && "plan", !departmentId && "departmentId", !deadline && "deadline"].filter((n): n is string => Boolean(n));
        setMissing(need);
        if (!need.length && departmentId) assign.mutate({ id: problem.id, version: problem.version, plan, departmentId, deadline });
      }}
    >
      <h3 id={`${id}-heading`} className="text-sm font-semibold text-slate-800">
        {t("actions.assignHeading")}
      </h3>
      <p className="text-sm text-slate-500">{t("actions.assignHint")}</p>
      <Field id={`${id}-plan`} label={t("plan")} required errors={errs("plan")}>
        <textarea id={`${id}-plan`} rows={4} maxLength={5000} className={inputClass} value={plan} placeholder={t("actions.planPlaceholder")} onChange={(e) => setPlan(e.target.value)} {...describedBy(`${id}-plan`, { errors: errs("plan") })} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`${id}-department`} label={t("department")} required errors={errs("departmentId")}>
          <select id={`${id}-department`} className={inputClass} value={departmentId ?? ""} onChange={(e) => setDepartmentId(e.target.value ? Number(e.target.value) : null)} {...describedBy(`${id}-department`, { errors: errs("departmentId") })}>
            <option value="">{t("form.choose")}</option>
            {departments?.map((d) => (
              <option key={d.id} value={d.id}>
                {d.committeeName} · {d.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-deadline`} label={t("deadline")} required errors={errs("deadline")}>
          <input id={`${id}-deadline`} type="date" className={inputClass} value={deadline} onChange={(e) => setDeadline(e.target.value)} {...describedBy(`${id}-deadline`, { errors: errs("deadline") })} />
        </Field>
      </div>
      {formError ? <Alert>{formError}</Alert> : null}
      <button type="submit" className={buttonClass.primary} disabled={assign.isPending}>
        <Send className="h-4 w-4" aria-hidden />
        {assign.isPending ? tw("working") : t("actions.assign")}
      </button>
    </form>
  );
}

function ReportForm({ problem, onDone, onConflict }: StepProps) {
  const t = useTranslations("problems");
  const tw = useTranslations("work");
  const trpc = useTRPC();
  const id = useId();
  const [text, setText] = useState("");
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [missing, setMissing] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const report = useMutation(
    trpc.problem.report.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        onDone();
      },
      onError: (e) => {
        setConfirming(false);
        onConflict(e);
      },
    }),
  );
  const errs = (name: string) => [...(missing.includes(name) ? [name === "attachmentIds" ? t("actions.evidenceRequired") : tw("required")] : []), ...fieldErrorsOf(report.error, name)];
  const formError = report.error && !isConflict(report.error) && !errs("text").length && !errs("attachmentIds").length ? report.error.message : null;

  return (
    <>
      <form
        noValidate
        className="space-y-4"
        aria-labelledby={`${id}-heading`}
        onSubmit={(e) => {
          e.preventDefault();
          const need = [!text.trim() && "text", files.length === 0 && "attachmentIds"].filter((n): n is string => Boolean(n));
          setMissing(need);
          if (!need.length) {
            report.reset();
            setConfirming(true);
          }
        }}
      >
        <h3 id={`${id}-heading`} className="text-sm font-semibold text-slate-800">
          {t("actions.reportHeading")}
        </h3>
        <Field id={`${id}-text`} label={t("actions.reportText")} required errors={errs("text")}>
          <textarea id={`${id}-text`} rows={4} maxLength={5000} className={inputClass} value={text} placeholder={t("actions.reportPlaceholder")} onChange={(e) => setText(e.target.value)} {...describedBy(`${id}-text`, { errors: errs("text") })} />
        </Field>
        <div>
          <p className="mb-1 text-sm font-medium text-slate-700">
            {t("actions.evidence")}
            <span className="ml-0.5 text-red-600" aria-hidden>
              *
            </span>
          </p>
          <AttachmentUploader value={files} onChange={setFiles} />
          {errs("attachmentIds").length ? <p className="mt-1 text-sm text-red-600">{errs("attachmentIds").join("；")}</p> : null}
        </div>
        {formError ? <Alert>{formError}</Alert> : null}
        <button type="submit" className={buttonClass.primary} disabled={report.isPending}>
          <FileCheck2 className="h-4 w-4" aria-hidden />
          {t("actions.report")}
        </button>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t("actions.reportTitle")}
        description={t("actions.reportBody", { name: problem.raisingName })}
        confirmLabel={t("actions.reportConfirm")}
        pending={report.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() => report.mutate({ id: problem.id, version: problem.version, text, attachmentIds: files.map((f) => f.id) })}
      />
    </>
  );
}

type DialogAction = "verify" | "reject" | "scheduleLookback" | "passLookback" | "reopen";

const STEP_LOOK: Record<DialogAction, { icon: typeof Check; button: keyof typeof buttonClass; tone: "primary" | "danger" | "success"; text: "optional" | "required"; date?: true }> = {
  verify: { icon: Check, button: "success", tone: "success", text: "optional" },
  reject: { icon: CornerUpLeft, button: "danger", tone: "danger", text: "required" },
  scheduleLookback: { icon: CalendarClock, button: "secondary", tone: "primary", text: "optional", date: true },
  passLookback: { icon: ShieldCheck, button: "success", tone: "success", text: "optional" },
  reopen: { icon: RotateCcw, button: "danger", tone: "danger", text: "required" },
};

/** One confirmed step: a button, then a dialog with its reason or comment (and a date for a look-back). */
function StepButton({ action, problem, onDone, onConflict }: StepProps & { action: DialogAction }) {
  const t = useTranslations("problems.steps");
  const tw = useTranslations("work");
  const trpc = useTRPC();
  const id = useId();
  const look = STEP_LOOK[action];
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [date, setDate] = useState("");
  const [missing, setMissing] = useState<string[]>([]);
  const options = {
    onSuccess: () => {
      setOpen(false);
      setText("");
      onDone();
    },
    onError: (e: ErrorLike) => {
      if (onConflict(e)) setOpen(false);
    },
  };
  const verify = useMutation(trpc.problem.verify.mutationOptions(options));
  const reject = useMutation(trpc.problem.reject.mutationOptions(options));
  const schedule = useMutation(trpc.problem.scheduleLookback.mutationOptions(options));
  const pass = useMutation(trpc.problem.passLookback.mutationOptions(options));
  const reopen = useMutation(trpc.problem.reopen.mutationOptions(options));
  const mutation = { verify, reject, scheduleLookback: schedule, passLookback: pass, reopen }[action];
  const textName = look.text === "required" ? "reason" : "comment";
  const textErrors = [...(missing.includes("text") ? [tw("required")] : []), ...fieldErrorsOf(mutation.error, textName)];
  const dateErrors = [...(missing.includes("date") ? [tw("required")] : []), ...fieldErrorsOf(mutation.error, "date")];
  const formError = mutation.error && !isConflict(mutation.error) && !textErrors.length && !dateErrors.length ? mutation.error.message : null;
  const Icon = look.icon;

  function confirm() {
    const need = [look.text === "required" && !text.trim() && "text", look.date && !date && "date"].filter((n): n is string => Boolean(n));
    setMissing(need);
    if (need.length) return;
    const base = { id: problem.id, version: problem.version };
    if (action === "verify") verify.mutate({ ...base, comment: text });
    if (action === "reject") reject.mutate({ ...base, reason: text });
    if (action === "scheduleLookback") schedule.mutate({ ...base, date, comment: text });
    if (action === "passLookback") pass.mutate({ ...base, comment: text });
    if (action === "reopen") reopen.mutate({ ...base, reason: text });
  }

  return (
    <>
      <button
        type="button"
        className={buttonClass[look.button]}
        onClick={() => {
          mutation.reset();
          setMissing([]);
          setOpen(true);
        }}
      >
        <Icon className="h-4 w-4" aria-hidden />
        {t(`${action}.button`)}
      </button>
      <ConfirmDialog open={open} title={t(`${action}.title`)} description={t(`${action}.body`, { name: problem.committeeName })} confirmLabel={t(`${action}.confirm`)} tone={look.tone} pending={mutation.isPending} onClose={() => setOpen(false)} onConfirm={confirm}>
        {look.date ? (
          <Field id={`${id}-date`} label={t("scheduleLookback.date")} required errors={dateErrors}>
            <input id={`${id}-date`} type="date" className={inputClass} value={date} onChange={(e) => setDate(e.target.value)} {...describedBy(`${id}-date`, { errors: dateErrors })} />
          </Field>
        ) : null}
        <Field id={`${id}-text`} label={t(`${action}.text`)} required={look.text === "required"} errors={textErrors}>
          <textarea id={`${id}-text`} rows={3} maxLength={2000} className={inputClass} value={text} onChange={(e) => setText(e.target.value)} {...describedBy(`${id}-text`, { errors: textErrors })} />
        </Field>
        {formError ? <Alert>{formError}</Alert> : null}
      </ConfirmDialog>
    </>
  );
}
