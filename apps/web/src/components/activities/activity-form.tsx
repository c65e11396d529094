"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { Send, UserPlus, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { AppRouter } from "@dm/api";
import { ACTIVITY_AUDIENCES, ACTIVITY_TYPES, type ActivityAudience, type ActivityType } from "@dm/db/enums";
import { AttachmentList } from "@/components/attachments/attachment-list";
import { AttachmentUploader, type UploadedFile } from "@/components/attachments/attachment-uploader";
import { describedBy, Field } from "@/components/tasks/field";
import { MutationError } from "@/components/tasks/mutation-error";
import { fieldErrorsOf } from "@/components/tasks/errors";
import { Alert, buttonClass, Card, CardHeader, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { fromLocalInput, toLocalInput } from "./params";

type Activity = inferRouterOutputs<AppRouter>["activity"]["byId"];

interface Values {
  type: ActivityType | "";
  title: string;
  description: string;
  campaignId: number | null;
  taskId: number | null;
  focusArea: string;
  startsAt: string;
  endsAt: string;
  place: string;
  organizer: string;
  capacity: string;
  signupDeadline: string;
  audience: ActivityAudience;
  invitees: { id: number; name: string; committeeName: string }[];
}

/**
 * 组织活动 (create) or edit one. The campaign decides the focus areas and tasks offered; the
 * audience "invited" opens a member picker limited (by the roster's own scope) to the
 * organiser's subtree. Times are entered in local time and sent as moments.
 */
export function ActivityForm({ activity }: { activity?: Activity }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data: choices } = useSuspenseQuery(trpc.activity.choices.queryOptions());
  const [values, setValues] = useState<Values>(() =>
    activity
      ? {
          type: activity.type,
          title: activity.title,
          description: activity.description,
          campaignId: activity.campaignId,
          taskId: activity.taskId,
          focusArea: activity.focusArea ?? "",
          startsAt: toLocalInput(activity.startsAt),
          endsAt: toLocalInput(activity.endsAt),
          place: activity.place,
          organizer: activity.organizer,
          capacity: activity.capacity === null ? "" : String(activity.capacity),
          signupDeadline: toLocalInput(activity.signupDeadline),
          audience: activity.audience,
          invitees: activity.invitees,
        }
      : {
          type: "",
          title: "",
          description: "",
          campaignId: choices.campaigns[0]?.id ?? null,
          taskId: null,
          focusArea: "",
          startsAt: "",
          endsAt: "",
          place: "",
          organizer: choices.committeeName,
          capacity: "",
          signupDeadline: "",
          audience: "subtree",
          invitees: [],
        },
  );
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [missing, setMissing] = useState<string[]>([]);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const campaign = choices.campaigns.find((c) => c.id === values.campaignId);

  const onSuccess = async ({ id }: { id: number }) => {
    await queryClient.invalidateQueries(trpc.activity.pathFilter());
    router.push(`/activities/${id}`);
  };
  const create = useMutation(trpc.activity.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.activity.update.mutationOptions({ onSuccess }));
  const mutation = activity ? update : create;
  const error = mutation.error;
  const errs = (name: string) => [...(missing.includes(name) ? [t("activities.required")] : []), ...fieldErrorsOf(error, name)];

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const startsAt = fromLocalInput(values.startsAt);
    const endsAt = fromLocalInput(values.endsAt);
    const signupDeadline = fromLocalInput(values.signupDeadline);
    const need: string[] = [];
    if (!values.type) need.push("type");
    if (!values.title.trim()) need.push("title");
    if (!values.campaignId) need.push("campaignId");
    if (!startsAt) need.push("startsAt");
    if (!endsAt) need.push("endsAt");
    if (!signupDeadline) need.push("signupDeadline");
    if (!values.place.trim()) need.push("place");
    if (!values.organizer.trim()) need.push("organizer");
    if (values.audience === "invited" && values.invitees.length === 0) need.push("inviteeIds");
    setMissing(need);
    if (need.length || !values.type || !values.campaignId || !startsAt || !endsAt || !signupDeadline) return;
    const capacity = values.capacity.trim() === "" ? null : Number(values.capacity);
    const data = {
      type: values.type,
      title: values.title,
      description: values.description,
      campaignId: values.campaignId,
      taskId: values.taskId,
      focusArea: values.focusArea || null,
      startsAt,
      endsAt,
      place: values.place,
      organizer: values.organizer,
      capacity,
      signupDeadline,
      audience: values.audience,
      inviteeIds: values.audience === "invited" ? values.invitees.map((m) => m.id) : [],
      attachmentIds: files.map((f) => f.id),
    };
    if (activity) update.mutate({ id: activity.id, version: activity.version, data });
    else create.mutate(data);
  }

  const text = (key: "title" | "place" | "organizer", id: string, label: string, opts: { placeholder?: string; hint?: string; max: number }) => (
    <Field id={id} label={label} required hint={opts.hint} errors={errs(key)} className="sm:col-span-2">
      <input id={id} className={inputClass} maxLength={opts.max} value={values[key]} placeholder={opts.placeholder} onChange={(e) => set(key, e.target.value)} {...describedBy(id, { hint: opts.hint, errors: errs(key) })} />
    </Field>
  );
  const moment = (key: "startsAt" | "endsAt" | "signupDeadline", id: string, label: string, hint?: string) => (
    <Field id={id} label={label} required hint={hint} errors={errs(key)}>
      <input id={id} type="datetime-local" className={inputClass} value={values[key]} onChange={(e) => set(key, e.target.value)} {...describedBy(id, { hint, errors: errs(key) })} />
    </Field>
  );

  return (
    <form noValidate onSubmit={submit} className="space-y-5">
      <Card>
        <CardHeader title={t("activities.basics")} />
        <div className="grid grid-cols-1 gap-4 p-4 sm:grid-cols-2 sm:p-5">
          <Field id="activity-type" label={t("activities.type")} required errors={errs("type")}>
            <select id="activity-type" className={inputClass} value={values.type} onChange={(e) => set("type", e.target.value as ActivityType)} {...describedBy("activity-type", { errors: errs("type") })}>
              <option value="">{t("tasks.choose")}</option>
              {ACTIVITY_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`activityTypes.${type}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="activity-campaign" label={t("activities.campaign")} required errors={errs("campaignId")}>
            <select
              id="activity-campaign"
              className={inputClass}
              value={values.campaignId ?? ""}
              onChange={(e) => setValues((v) => ({ ...v, campaignId: e.target.value ? Number(e.target.value) : null, taskId: null, focusArea: "" }))}
              {...describedBy("activity-campaign", { errors: errs("campaignId") })}
            >
              <option value="">{t("activities.chooseCampaign")}</option>
              {choices.campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </Field>
          {text("title", "activity-title", t("activities.titleField"), { placeholder: t("activities.titlePlaceholder"), max: 120 })}
          <Field id="activity-focusArea" label={t("activities.focusArea")} errors={errs("focusArea")}>
            <select id="activity-focusArea" className={inputClass} value={values.focusArea} disabled={!campaign} onChange={(e) => set("focusArea", e.target.value)}>
              <option value="">{t("activities.noFocusArea")}</option>
              {campaign?.focusAreas.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </Field>
          <Field id="activity-task" label={t("activities.task")} errors={errs("taskId")}>
            <select id="activity-task" className={inputClass} value={values.taskId ?? ""} disabled={!campaign} onChange={(e) => set("taskId", e.target.value ? Number(e.target.value) : null)}>
              <option value="">{t("activities.noTask")}</option>
              {campaign?.tasks.map((task) => (
                <option key={task.id} value={task.id}>
                  {task.title}
                </option>
              ))}
            </select>
          </Field>
          {moment("startsAt", "activity-startsAt", t("activities.startsAt"))}
          {moment("endsAt", "activity-endsAt", t("activities.endsAt"))}
          {text("place", "activity-place", t("activities.place"), { placeholder: t("activities.placePlaceholder"), max: 200 })}
          {text("organizer", "activity-organizer", t("activities.organizer"), { hint: t("activities.organizerHint"), max: 100 })}
          <Field id="activity-description" label={t("activities.descriptionField")} errors={errs("description")} className="sm:col-span-2">
            <textarea id="activity-description" rows={4} maxLength={5000} className={inputClass} value={values.description} placeholder={t("activities.descriptionPlaceholder")} onChange={(e) => set("description", e.target.value)} />
          </Field>
        </div>
      </Card>

      <Card>
        <CardHeader title={t("activities.registrations")} />
        <div className="grid grid-cols-1 gap-4 p-4 sm:grid-cols-2 sm:p-5">
          <Field id="activity-capacity" label={t("activities.capacity")} hint={t("activities.capacityHint")} errors={errs("capacity")}>
            <input
              id="activity-capacity"
              type="number"
              inputMode="numeric"
              min={1}
              max={10000}
              className={inputClass}
              value={values.capacity}
              placeholder={t("activities.unlimited")}
              onChange={(e) => set("capacity", e.target.value)}
              {...describedBy("activity-capacity", { hint: true, errors: errs("capacity") })}
            />
          </Field>
          {moment("signupDeadline", "activity-signupDeadline", t("activities.signupDeadline"), t("activities.signupDeadlineHint"))}
          <fieldset className="sm:col-span-2">
            <legend className="mb-1 block text-sm font-medium text-slate-700">{t("activities.audience")}</legend>
            <div className="grid gap-2 sm:grid-cols-3">
              {ACTIVITY_AUDIENCES.map((audience) => (
                <label key={audience} className="flex min-h-11 items-center gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                  <input type="radio" name="audience" value={audience} checked={values.audience === audience} onChange={() => set("audience", audience)} className="accent-brand-700" />
                  {t(`audiences.${audience}`)}
                </label>
              ))}
            </div>
          </fieldset>
          {values.audience === "invited" ? (
            <div className="sm:col-span-2">
              <InviteePicker value={values.invitees} onChange={(invitees) => set("invitees", invitees)} errors={errs("inviteeIds")} />
            </div>
          ) : null}
        </div>
      </Card>

      <Card>
        <CardHeader title={t("activities.attachments")} />
        <div className="space-y-3 p-4 sm:p-5">
          {activity?.attachments.length ? <AttachmentList files={activity.attachments} /> : null}
          <AttachmentUploader value={files} onChange={setFiles} />
        </div>
      </Card>

      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <button type="submit" className={buttonClass.primary} disabled={mutation.isPending || mutation.isSuccess}>
          <Send className="h-4 w-4" aria-hidden />
          {mutation.isPending || mutation.isSuccess ? t("work.saving") : activity ? t("activities.save") : t("activities.create")}
        </button>
        <button type="button" className={buttonClass.secondary} onClick={() => router.back()}>
          {t("work.cancel")}
        </button>
        {missing.length ? <Alert className="sm:flex-1">{t("work.fixFields")}</Alert> : null}
        {error && !missing.length ? <MutationError className="sm:flex-1" error={error} /> : null}
      </div>
    </form>
  );
}

type Invitee = Values["invitees"][number];

/** Search the roster (the caller's scope) and add members to the invitation list. */
function InviteePicker({ value, onChange, errors }: { value: Invitee[]; onChange: (v: Invitee[]) => void; errors: string[] }) {
  const t = useTranslations("activities");
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const query = search.trim();
  const { data } = useQuery({ ...trpc.member.list.queryOptions({ search: query, pageSize: 10 }), enabled: query.length > 0, placeholderData: keepPreviousData });
  const chosen = new Set(value.map((m) => m.id));
  return (
    <Field id="activity-invitees" label={t("invitees")} required errors={errors}>
      <input id="activity-invitees" type="search" className={inputClass} value={search} placeholder={t("inviteeSearch")} onChange={(e) => setSearch(e.target.value)} {...describedBy("activity-invitees", { errors })} />
      {query && data ? (
        <ul className="mt-2 max-h-60 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
          {data.items.length === 0 ? <li className="px-3 py-2 text-sm text-slate-500">{t("inviteeNoMatch")}</li> : null}
          {data.items.map((m) => (
            <li key={m.id} className="flex min-h-11 items-center gap-3 px-3 py-1.5 text-sm">
              <span className="min-w-0 flex-1 truncate">
                {m.name} <span className="text-xs text-slate-500">{m.committeeName} · {m.sector}</span>
              </span>
              <button type="button" className={buttonClass.secondary} disabled={chosen.has(m.id)} onClick={() => onChange([...value, { id: m.id, name: m.name, committeeName: m.committeeName }])}>
                <UserPlus className="h-4 w-4" aria-hidden />
                {t("inviteeAdd")}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mt-2 flex flex-wrap gap-2">
        {value.length === 0 ? <p className="text-sm text-slate-500">{t("inviteeNone")}</p> : null}
        {value.map((m) => (
          <span key={m.id} className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-1 pl-3 pr-1 text-sm text-brand-800 ring-1 ring-brand-100">
            {m.name}
            <span className="text-xs text-brand-700/70">{m.committeeName}</span>
            <button type="button" aria-label={t("inviteeRemove", { name: m.name })} className="inline-flex h-7 w-7 items-center justify-center rounded-full hover:bg-brand-100" onClick={() => onChange(value.filter((x) => x.id !== m.id))}>
              <X className="h-3.5 w-3.5" aria-hidden />
            </button>
          </span>
        ))}
      </div>
    </Field>
  );
}
