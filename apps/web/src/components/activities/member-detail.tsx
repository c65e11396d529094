"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { CheckCircle2, Clock, MapPin, QrCode, Users } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { AppRouter } from "@dm/api";
import { AttachmentList } from "@/components/attachments/attachment-list";
import { AttachmentUploader, type UploadedFile } from "@/components/attachments/attachment-uploader";
import { ConfirmDialog } from "@/components/tasks/confirm-dialog";
import { describedBy, Field } from "@/components/tasks/field";
import { MutationError } from "@/components/tasks/mutation-error";
import { fieldErrorsOf } from "@/components/tasks/errors";
import { NoticeBanner } from "@/components/tasks/notice";
import type { Notice } from "@/components/tasks/review-actions";
import { Badge, buttonClass, Card, CardHeader, inputClass } from "@/components/ui";
import { type Inputs, useCall } from "@/trpc/lazy";
import { ActivityStatusBadge, AttendanceBadge, useDateTime, useTimeRange } from "./labels";

type View = inferRouterOutputs<AppRouter>["activity"]["view"];

/**
 * One activity on a member's phone: what, when, where; sign up or cancel; check-in; findings.
 * Rendered from the server's view of it (`a`); after a change the page is rendered again.
 */
export function MemberActivityDetail({ activity: a }: { activity: View }) {
  const t = useTranslations();
  const range = useTimeRange();
  const dateTime = useDateTime();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const signUp = useCall((client, input: Inputs["activity"]["signUp"]) => client.activity.signUp.mutate(input), {
    onSuccess: (r) => setNotice({ tone: "success", text: r.status === "waiting" ? t("activities.joinedWaiting", { position: r.waitingAhead + 1 }) : t("activities.signedUp") }),
    onError: (e) => setNotice({ tone: "error", text: e.message }),
  });
  const cancel = useCall((client, input: Inputs["activity"]["cancelSignUp"]) => client.activity.cancelSignUp.mutate(input), {
    onSuccess: () => {
      setConfirmCancel(false);
      setNotice({ tone: "success", text: t("activities.signUpCancelled") });
    },
  });
  const full = a.capacity !== null && a.registered >= a.capacity;
  const checkInTimes = { opens: dateTime(a.checkInWindow.opens), closes: dateTime(a.checkInWindow.closes) };

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <div>
        <div className="flex flex-wrap items-center gap-1.5">
          <Badge tone="brand">{t(`activityTypes.${a.type}`)}</Badge>
          <ActivityStatusBadge status={a.status} />
        </div>
        <h1 className="mt-2 text-xl font-semibold leading-snug text-slate-900">{a.title}</h1>
        <p className="mt-1 text-sm text-slate-500">{a.focusArea ? t("activities.campaignAndArea", { campaign: a.campaignTitle, area: a.focusArea }) : a.campaignTitle}</p>
      </div>
      <NoticeBanner notice={notice} />

      <Card className="space-y-2 p-4 text-sm text-slate-700">
        <p className="flex items-start gap-2 tabular-nums">
          <Clock className="mt-0.5 h-4 w-4 shrink-0 text-slate-400" aria-hidden />
          {range(a.startsAt, a.endsAt)}
        </p>
        <p className="flex items-start gap-2">
          <MapPin className="mt-0.5 h-4 w-4 shrink-0 text-slate-400" aria-hidden />
          {a.place}
        </p>
        <p className="flex items-start gap-2">
          <Users className="mt-0.5 h-4 w-4 shrink-0 text-slate-400" aria-hidden />
          {a.organizer === a.committeeName ? a.organizer : `${a.organizer}（${a.committeeName}）`} · {a.capacity ? t("activities.placesLeft", { registered: a.registered, capacity: a.capacity }) : t("activities.placesUnlimited", { registered: a.registered })}
        </p>
        <p className="text-xs text-slate-500">{a.signupOpen ? t("activities.deadlineLine", { time: dateTime(a.signupDeadline) }) : t("activities.signupClosed")}</p>
        {a.description ? <p className="whitespace-pre-wrap border-t border-slate-100 pt-2">{a.description}</p> : null}
      </Card>

      <Card>
        <CardHeader title={t("activities.myStatus")} />
        <div className="space-y-3 p-4 text-sm" data-testid="my-status">
          {!a.mine ? (
            <>
              <p className="text-slate-600">{t("activities.notSignedUp")}</p>
              {a.signupOpen ? (
                <button type="button" className={`${buttonClass.primary} w-full py-3 text-base`} disabled={signUp.isPending} onClick={() => signUp.mutate({ id: a.id })}>
                  {signUp.isPending ? t("work.working") : full ? t("activities.signUpWaiting") : t("activities.signUp")}
                </button>
              ) : null}
            </>
          ) : (
            <>
              {a.mine.status === "registered" ? (
                <p className="flex items-center gap-2 font-medium text-emerald-800">
                  <CheckCircle2 className="h-5 w-5" aria-hidden />
                  {t("activities.youAreRegistered")}
                </p>
              ) : (
                <p className="font-medium text-amber-800">{t("activities.youAreWaiting", { ahead: a.mine.waitingAhead })}</p>
              )}
              {a.mine.checkedInAt ? (
                <p className="text-emerald-800">{t("activities.youCheckedIn", { time: dateTime(a.mine.checkedInAt) })}</p>
              ) : a.mine.status === "registered" && a.status === "planned" ? (
                <p className="flex items-start gap-2 rounded-md bg-sky-50 px-3 py-2 text-sky-900">
                  <QrCode className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
                  {t("activities.checkInHowTo", checkInTimes)}
                </p>
              ) : null}
              {a.mine.attendance ? (
                <p className="flex items-center gap-2">
                  {t("activities.yourAttendance")}
                  <AttendanceBadge attendance={a.mine.attendance} />
                  {a.mine.attendanceNote ? <span className="text-slate-500">（{a.mine.attendanceNote}）</span> : null}
                </p>
              ) : null}
              {a.signupOpen ? (
                <button type="button" className={`${buttonClass.secondary} w-full`} onClick={() => setConfirmCancel(true)}>
                  {t("activities.cancelSignUp")}
                </button>
              ) : null}
            </>
          )}
        </div>
      </Card>

      {a.attachments.length ? (
        <Card>
          <CardHeader title={t("activities.photos")} />
          <div className="p-4">
            <AttachmentList files={a.attachments} />
          </div>
        </Card>
      ) : null}

      {a.canAddFinding || a.findings.length ? <Findings activityId={a.id} findings={a.findings} canAdd={a.canAddFinding} onDone={setNotice} /> : null}

      <ConfirmDialog
        open={confirmCancel}
        title={t("activities.cancelSignUpTitle")}
        description={t("activities.cancelSignUpBody")}
        confirmLabel={t("activities.cancelSignUpConfirm")}
        tone="danger"
        pending={cancel.isPending}
        onClose={() => setConfirmCancel(false)}
        onConfirm={() => cancel.mutate({ id: a.id })}
      >
        {cancel.error ? <MutationError error={cancel.error} /> : null}
      </ConfirmDialog>
    </div>
  );
}

type Finding = { id: number; text: string; createdAt: Date; attachments: { id: number; fileName: string; mimeType: string; size: number }[] };

function Findings({ activityId, findings, canAdd, onDone }: { activityId: number; findings: Finding[]; canAdd: boolean; onDone: (n: Notice) => void }) {
  const t = useTranslations();
  const dateTime = useDateTime();
  const [text, setText] = useState("");
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const add = useCall((client, input: Inputs["activity"]["addFinding"]) => client.activity.addFinding.mutate(input), {
    onSuccess: () => {
      setText("");
      setFiles([]);
      onDone({ tone: "success", text: t("activities.findingAdded") });
    },
  });
  const errors = fieldErrorsOf(add.error, "text");
  return (
    <Card>
      <CardHeader title={t("activities.myFindings")} />
      {findings.length ? (
        <ul className="divide-y divide-slate-100">
          {findings.map((f) => (
            <li key={f.id} className="space-y-2 px-4 py-3 text-sm">
              <p className="text-xs tabular-nums text-slate-500">{dateTime(f.createdAt)}</p>
              <p className="whitespace-pre-wrap text-slate-800">{f.text}</p>
              <AttachmentList files={f.attachments} />
            </li>
          ))}
        </ul>
      ) : null}
      {canAdd ? (
        <form
          noValidate
          className="space-y-3 border-t border-slate-100 p-4"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate({ activityId, text, attachmentIds: files.map((f) => f.id) });
          }}
        >
          <Field id="finding-text" label={t("activities.addFinding")} required errors={errors}>
            <textarea id="finding-text" rows={4} maxLength={5000} className={inputClass} value={text} placeholder={t("activities.findingPlaceholder")} onChange={(e) => setText(e.target.value)} {...describedBy("finding-text", { errors })} />
          </Field>
          <AttachmentUploader value={files} onChange={setFiles} max={10} />
          {add.error && !errors.length ? <MutationError error={add.error} /> : null}
          <button type="submit" className={`${buttonClass.primary} w-full sm:w-auto`} disabled={add.isPending}>
            {add.isPending ? t("work.working") : t("activities.findingSubmit")}
          </button>
        </form>
      ) : null}
    </Card>
  );
}
