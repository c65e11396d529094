"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { Ban, ClipboardList, ListChecks, Pencil, QrCode, UserCheck } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { AppRouter } from "@dm/api";
import { ATTENDANCE_STATUSES, type AttendanceStatus } from "@dm/db/enums";
import { AttachmentList } from "@/components/attachments/attachment-list";
import { ConfirmDialog } from "@/components/tasks/confirm-dialog";
import { describedBy, Field } from "@/components/tasks/field";
import { MutationError } from "@/components/tasks/mutation-error";
import { fieldErrorsOf } from "@/components/tasks/errors";
import { NoticeBanner } from "@/components/tasks/notice";
import type { Notice } from "@/components/tasks/review-actions";
import { buttonClass, Card, CardHeader, EmptyState, inputClass, LinkButton, PageHeader } from "@/components/ui";
import { type Inputs, loadClient, useCall } from "@/trpc/lazy";
import { ActivityStatusBadge, AttendanceBadge, RegistrationBadge, useDateTime, useTimeRange } from "./labels";

type Activity = inferRouterOutputs<AppRouter>["activity"]["byId"];
type Registration = Activity["registrations"][number];
type MemberMatch = inferRouterOutputs<AppRouter>["member"]["list"]["items"][number];

/**
 * An activity as its organisers see it: the arrangements, who signed up and came, the record.
 * Rendered from the server's record (`a`; the page shares its code with the members' view, which
 * goes without React Query); after a change the page is rendered again.
 */
export function StaffActivityDetail({ activity: a }: { activity: Activity }) {
  const t = useTranslations();
  const range = useTimeRange();
  const dateTime = useDateTime();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [marking, setMarking] = useState<{ memberId: number | null; name: string; attendance: AttendanceStatus | null } | null>(null);
  const recorded = Boolean(a.minutes || a.findings || a.opinionCount || a.attachments.length);

  return (
    <>
      <PageHeader title={a.title} description={`${a.committeeName} · ${t(`activityTypes.${a.type}`)}`}>
        <div className="flex flex-wrap gap-2">
          {a.actions.checkInCode ? (
            <LinkButton href={`/activities/${a.id}/qr`} variant="primary">
              <QrCode className="h-4 w-4" aria-hidden />
              {t("activities.qr")}
            </LinkButton>
          ) : null}
          {a.actions.record ? (
            <LinkButton href={`/activities/${a.id}/record`}>
              <ClipboardList className="h-4 w-4" aria-hidden />
              {t("activities.record")}
            </LinkButton>
          ) : null}
          <LinkButton href={`/problems/new?source=activity&sourceId=${a.id}`}>
            <ListChecks className="h-4 w-4" aria-hidden />
            {t("activities.raiseProblem")}
          </LinkButton>
          {a.actions.edit ? (
            <LinkButton href={`/activities/${a.id}/edit`}>
              <Pencil className="h-4 w-4" aria-hidden />
              {t("activities.edit")}
            </LinkButton>
          ) : null}
          {a.actions.cancel ? (
            <button type="button" className={buttonClass.danger} onClick={() => setCancelling(true)}>
              <Ban className="h-4 w-4" aria-hidden />
              {t("activities.cancelActivity")}
            </button>
          ) : null}
        </div>
      </PageHeader>
      <NoticeBanner notice={notice} className="mb-4" />

      <div className="grid gap-5 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title={t("activities.basics")} action={<ActivityStatusBadge status={a.status} />} />
          <dl className="grid grid-cols-1 gap-x-6 gap-y-3 px-4 py-4 text-sm sm:grid-cols-2 sm:px-5">
            <Item label={t("activities.time")}>
              <span className="tabular-nums">{range(a.startsAt, a.endsAt)}</span>
            </Item>
            <Item label={t("activities.place")}>{a.place}</Item>
            <Item label={t("activities.organizer")}>{a.organizer}</Item>
            <Item label={t("activities.campaign")}>
              <Link href={`/campaigns/${a.campaignId}`} className="text-brand-700 hover:underline">
                {a.campaignTitle}
              </Link>
            </Item>
            {a.focusArea ? <Item label={t("activities.focusArea")}>{a.focusArea}</Item> : null}
            {a.taskTitle ? <Item label={t("activities.task")}>{a.taskTitle}</Item> : null}
            <Item label={t("activities.capacity")}>{a.capacity ?? t("activities.unlimited")}</Item>
            <Item label={t("activities.signupDeadline")}>
              <span className="tabular-nums">{dateTime(a.signupDeadline)}</span>
            </Item>
            <Item label={t("activities.audience")} wide={a.audience === "invited"}>
              {t(`audiences.${a.audience}`)}
              {a.audience === "invited" ? <span className="mt-1 block text-slate-600">{a.invitees.map((m) => m.name).join("、")}</span> : null}
            </Item>
            {a.heldAt ? (
              <Item label={t("activityStatus.held")}>
                <span className="tabular-nums">{t("activities.heldAt", { time: dateTime(a.heldAt) })}</span>
              </Item>
            ) : null}
            {a.description ? (
              <Item label={t("activities.descriptionField")} wide>
                <span className="whitespace-pre-wrap">{a.description}</span>
              </Item>
            ) : null}
          </dl>
        </Card>

        <Card>
          <CardHeader title={t("activities.record")} />
          <div className="space-y-3 px-4 py-4 text-sm sm:px-5">
            {recorded ? (
              <>
                <p>
                  <span className="text-slate-500">{t("activities.opinionCount")}：</span>
                  <span className="font-semibold tabular-nums">{a.opinionCount}</span>
                </p>
                {a.minutes ? <Block label={t("activities.minutes")} text={a.minutes} /> : null}
                {a.findings ? <Block label={t("activities.findings")} text={a.findings} /> : null}
                <AttachmentList files={a.attachments} />
              </>
            ) : (
              <p className="text-slate-500">{t("activities.notRecorded")}</p>
            )}
          </div>
        </Card>
      </div>

      <Card className="mt-5">
        <CardHeader
          title={t("activities.registrations")}
          action={
            a.actions.mark ? (
              <button type="button" className={buttonClass.secondary} onClick={() => setMarking({ memberId: null, name: "", attendance: null })}>
                <UserCheck className="h-4 w-4" aria-hidden />
                {t("activities.markAdd")}
              </button>
            ) : null
          }
        />
        <p className="px-4 pt-3 text-sm text-slate-600 sm:px-5" data-testid="activity-counts">
          {t("activities.countsLine", a.counts)}
        </p>
        {a.registrations.length === 0 ? (
          <EmptyState title={t("activities.registrationsEmpty")} />
        ) : (
          <ul className="mt-2 divide-y divide-slate-100">
            {a.registrations.map((r) => (
              <li
                key={r.id}
                className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-4 gap-y-1.5 px-4 py-2.5 text-sm sm:px-5 md:grid-cols-[minmax(0,1fr)_7rem_minmax(0,20rem)_4.5rem]"
                data-testid="registration"
                data-member={r.name}
              >
                <div className="min-w-0">
                  <span className="font-medium text-slate-900">{r.name}</span>
                  <span className="ml-2 text-xs text-slate-500">
                    {r.committeeName} · {r.sector}
                  </span>
                </div>
                <div>
                  <RegistrationBadge status={r.status} position={r.queuePosition} />
                </div>
                <AttendanceCell r={r} />
                <div className="text-right">
                  {a.actions.mark && r.status !== "cancelled" ? (
                    <button type="button" className={buttonClass.secondary} onClick={() => setMarking({ memberId: r.memberId, name: r.name, attendance: r.attendance })}>
                      {t("activities.mark")}
                    </button>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card className="mt-5">
        <CardHeader title={t("activities.memberFindings")} />
        {a.memberFindings.length === 0 ? (
          <EmptyState title={t("activities.memberFindingsEmpty")} />
        ) : (
          <ul className="divide-y divide-slate-100">
            {a.memberFindings.map((f) => (
              <li key={f.id} className="space-y-2 px-4 py-3 text-sm sm:px-5">
                <p className="text-xs text-slate-500">
                  {f.memberName} · <span className="tabular-nums">{dateTime(f.createdAt)}</span>
                </p>
                <p className="whitespace-pre-wrap text-slate-800">{f.text}</p>
                <AttachmentList files={f.attachments} />
              </li>
            ))}
          </ul>
        )}
      </Card>

      <CancelDialog activity={a} open={cancelling} onClose={() => setCancelling(false)} onDone={setNotice} />
      {marking ? <MarkDialog activityId={a.id} target={marking} onClose={() => setMarking(null)} onDone={setNotice} /> : null}
    </>
  );
}

function Item({ label, wide, children }: { label: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-800">{children}</dd>
    </div>
  );
}

function Block({ label, text }: { label: string; text: string }) {
  return (
    <div>
      <p className="text-xs text-slate-500">{label}</p>
      <p className="mt-0.5 whitespace-pre-wrap text-slate-800">{text}</p>
    </div>
  );
}

function AttendanceCell({ r }: { r: Registration }) {
  const t = useTranslations("activities");
  const dateTime = useDateTime();
  if (!r.attendance) return <span className="text-xs text-slate-500">{t("notMarked")}</span>;
  return (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500" data-testid="attendance">
      <AttendanceBadge attendance={r.attendance} />
      {r.checkedInAt ? (
        <span className="tabular-nums">
          {t("checkedInAt", { time: dateTime(r.checkedInAt) })} · {r.checkInMethod === "qr" ? t("viaQr") : t("viaManual")}
        </span>
      ) : null}
      {r.attendanceNote ? <span>（{r.attendanceNote}）</span> : null}
    </span>
  );
}

function CancelDialog({ activity, open, onClose, onDone }: { activity: Activity; open: boolean; onClose: () => void; onDone: (n: Notice) => void }) {
  const t = useTranslations("activities");
  const [reason, setReason] = useState("");
  const cancel = useCall((client, input: Inputs["activity"]["cancel"]) => client.activity.cancel.mutate(input), {
    onSuccess: () => {
      onClose();
      onDone({ tone: "success", text: t("cancelled") });
    },
  });
  return (
    <ConfirmDialog
      open={open}
      title={t("cancelTitle", { title: activity.title })}
      description={t("cancelBody", { count: activity.counts.registered + activity.counts.waiting })}
      confirmLabel={t("cancelConfirm")}
      tone="danger"
      pending={cancel.isPending}
      onClose={onClose}
      onConfirm={() => cancel.mutate({ id: activity.id, version: activity.version, reason })}
    >
      <Field id="cancel-reason" label={t("cancelReason")} errors={fieldErrorsOf(cancel.error, "reason")}>
        <input id="cancel-reason" className={inputClass} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      {cancel.error ? <MutationError error={cancel.error} /> : null}
    </ConfirmDialog>
  );
}

/** 手动签到: one member's attendance; with no member given, pick one from the roster first. */
function MarkDialog({ activityId, target, onClose, onDone }: { activityId: number; target: { memberId: number | null; name: string; attendance: AttendanceStatus | null }; onClose: () => void; onDone: (n: Notice) => void }) {
  const t = useTranslations();
  const [member, setMember] = useState(target.memberId ? { id: target.memberId, name: target.name } : null);
  const [search, setSearch] = useState("");
  const [attendance, setAttendance] = useState<AttendanceStatus>(target.attendance ?? "present");
  const [note, setNote] = useState("");
  const query = search.trim();
  const found = useMemberSearch(member ? "" : query);
  const mark = useCall((client, input: Inputs["activity"]["mark"]) => client.activity.mark.mutate(input), {
    onSuccess: () => {
      onClose();
      onDone({ tone: "success", text: t("activities.marked", { name: member?.name ?? "", attendance: t(`attendance.${attendance}`) }) });
    },
  });
  const noteErrors = fieldErrorsOf(mark.error, "note");
  return (
    <ConfirmDialog
      open
      title={target.memberId ? t("activities.markTitle", { name: target.name }) : t("activities.markAddTitle")}
      description={target.memberId ? undefined : t("activities.markAddHint")}
      confirmLabel={t("activities.markConfirm")}
      pending={mark.isPending}
      onClose={onClose}
      onConfirm={() => {
        if (member) mark.mutate({ activityId, memberId: member.id, attendance, note });
      }}
    >
      {!target.memberId ? (
        <Field id="mark-member" label={t("activities.markMember")}>
          {member ? (
            <p className="flex items-center justify-between rounded-md border border-slate-200 px-3 py-2 text-sm">
              {member.name}
              <button type="button" className="text-brand-700 hover:underline" onClick={() => setMember(null)}>
                {t("work.cancel")}
              </button>
            </p>
          ) : (
            <>
              <input id="mark-member" type="search" className={inputClass} value={search} placeholder={t("activities.inviteeSearch")} onChange={(e) => setSearch(e.target.value)} />
              {query && found ? (
                <ul className="mt-2 max-h-48 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
                  {found.items.length === 0 ? <li className="px-3 py-2 text-sm text-slate-500">{t("activities.inviteeNoMatch")}</li> : null}
                  {found.items.map((m) => (
                    <li key={m.id}>
                      <button type="button" className="flex min-h-11 w-full items-center gap-2 px-3 py-1.5 text-left text-sm hover:bg-slate-50" onClick={() => setMember({ id: m.id, name: m.name })}>
                        {m.name}
                        <span className="text-xs text-slate-500">{m.committeeName}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          )}
        </Field>
      ) : null}
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">{t("activities.attendanceCol")}</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {ATTENDANCE_STATUSES.map((s) => (
            <label key={s} className="flex min-h-11 items-center gap-2 rounded-md border border-slate-300 px-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
              <input type="radio" name="attendance" value={s} checked={attendance === s} onChange={() => setAttendance(s)} className="accent-brand-700" />
              {t(`attendance.${s}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field id="mark-note" label={attendance === "excused" ? t("activities.markNoteExcused") : t("activities.markNote")} required={attendance === "excused"} errors={noteErrors}>
        <input id="mark-note" className={inputClass} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} {...describedBy("mark-note", { errors: noteErrors })} />
      </Field>
      {mark.error && !noteErrors.length ? <MutationError error={mark.error} /> : null}
    </ConfirmDialog>
  );
}

/** Members in scope matching what is typed, asked a moment after typing stops; the last answer stays until the next. */
function useMemberSearch(query: string): { items: MemberMatch[] } | undefined {
  const [found, setFound] = useState<{ query: string; items: MemberMatch[] }>();
  useEffect(() => {
    if (!query) return;
    let stale = false;
    const timer = window.setTimeout(() => {
      loadClient()
        .then((client) => client.member.list.query({ search: query, pageSize: 10 }))
        .then((page) => !stale && setFound({ query, items: page.items }))
        .catch(() => {});
    }, 250);
    return () => {
      stale = true;
      window.clearTimeout(timer);
    };
  }, [query]);
  return query && found ? found : undefined;
}
