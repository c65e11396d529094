"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { Send } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { AppRouter } from "@dm/api";
import { AttachmentList } from "@/components/attachments/attachment-list";
import { AttachmentUploader, type UploadedFile } from "@/components/attachments/attachment-uploader";
import { CommitteeChecklist } from "@/components/tasks/committee-checklist";
import { describedBy, Field } from "@/components/tasks/field";
import { MutationError } from "@/components/tasks/mutation-error";
import { fieldErrorsOf } from "@/components/tasks/errors";
import { Alert, buttonClass, Card, CardHeader, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";

type Task = inferRouterOutputs<AppRouter>["task"]["byId"];

interface Values {
  campaignId: number | null;
  title: string;
  description: string;
  focusArea: string;
  method: string;
  deadline: string;
  responsibleLeaderId: number | null;
  committeeIds: number[];
}

/**
 * 下发 a task (create) or edit one. The campaign decides the choices of focus area and method
 * and the range of the deadline; counties are chosen with checkboxes. Editing can send the
 * task to further counties but never takes it back from one.
 */
export function TaskForm({ task, initialCampaignId }: { task?: Task; initialCampaignId?: number }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data: campaigns } = useSuspenseQuery(trpc.campaign.list.queryOptions());
  const { data: choices } = useSuspenseQuery(trpc.campaign.choices.queryOptions());
  const [values, setValues] = useState<Values>(() =>
    task
      ? {
          campaignId: task.campaignId,
          title: task.title,
          description: task.description,
          focusArea: task.focusArea,
          method: task.method,
          deadline: task.deadline,
          responsibleLeaderId: task.responsibleLeaderId,
          committeeIds: [],
        }
      : {
          campaignId: campaigns.find((c) => c.id === initialCampaignId)?.id ?? (campaigns.length === 1 ? campaigns[0]!.id : null),
          title: "",
          description: "",
          focusArea: "",
          method: "",
          deadline: "",
          responsibleLeaderId: null,
          committeeIds: [],
        },
  );
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [missing, setMissing] = useState<string[]>([]);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const campaign = campaigns.find((c) => c.id === values.campaignId);
  const leaders = choices.people.filter((p) => p.role === "city_leader");
  const alreadySent = task ? task.assignments.filter((a) => a.parentId === null).map((a) => a.committeeId) : [];

  const onSuccess = async ({ id }: { id: number }) => {
    await queryClient.invalidateQueries(trpc.task.pathFilter());
    router.push(`/tasks/${id}`);
  };
  const create = useMutation(trpc.task.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.task.update.mutationOptions({ onSuccess }));
  const mutation = task ? update : create;
  const error = mutation.error;
  const errs = (name: string) => [...(missing.includes(name) ? [t("work.required")] : []), ...fieldErrorsOf(error, name)];

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const need: string[] = [];
    if (!values.campaignId) need.push("campaignId");
    if (!values.title.trim()) need.push("title");
    if (!values.focusArea) need.push("focusArea");
    if (!values.method) need.push("method");
    if (!values.deadline) need.push("deadline");
    if (!task && values.committeeIds.length === 0) need.push("committeeIds");
    setMissing(need);
    if (need.length || !values.campaignId) return;
    const data = {
      campaignId: values.campaignId,
      title: values.title,
      description: values.description,
      focusArea: values.focusArea,
      method: values.method,
      deadline: values.deadline,
      responsibleLeaderId: values.responsibleLeaderId,
      attachmentIds: files.map((f) => f.id),
    };
    if (task) update.mutate({ id: task.id, version: task.version, data, addCommitteeIds: values.committeeIds });
    else create.mutate({ ...data, committeeIds: values.committeeIds });
  }

  const deadlineHint = campaign ? t("tasks.deadlineHint", { start: campaign.startDate, end: campaign.endDate }) : undefined;

  return (
    <form noValidate onSubmit={submit} className="space-y-5">
      <Card>
        <CardHeader title={t("tasks.basics")} />
        <div className="grid grid-cols-1 gap-4 p-4 sm:grid-cols-2 sm:p-5">
          <Field id="task-campaign" label={t("tasks.campaign")} required errors={errs("campaignId")} className="sm:col-span-2">
            <select
              id="task-campaign"
              className={inputClass}
              value={values.campaignId ?? ""}
              disabled={Boolean(task)}
              onChange={(e) => setValues((v) => ({ ...v, campaignId: e.target.value ? Number(e.target.value) : null, focusArea: "", method: "" }))}
              {...describedBy("task-campaign", { errors: errs("campaignId") })}
            >
              <option value="">{t("tasks.chooseCampaign")}</option>
              {campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </Field>
          <Field id="task-title" label={t("tasks.titleField")} required errors={errs("title")} className="sm:col-span-2">
            <input
              id="task-title"
              className={inputClass}
              maxLength={120}
              value={values.title}
              placeholder={t("tasks.titlePlaceholder")}
              onChange={(e) => set("title", e.target.value)}
              {...describedBy("task-title", { errors: errs("title") })}
            />
          </Field>
          <Field id="task-description" label={t("tasks.descriptionField")} errors={errs("description")} className="sm:col-span-2">
            <textarea
              id="task-description"
              rows={5}
              maxLength={5000}
              className={inputClass}
              value={values.description}
              placeholder={t("tasks.descriptionPlaceholder")}
              onChange={(e) => set("description", e.target.value)}
            />
          </Field>
          <Field id="task-focusArea" label={t("tasks.focusArea")} required errors={errs("focusArea")}>
            <select id="task-focusArea" className={inputClass} value={values.focusArea} disabled={!campaign} onChange={(e) => set("focusArea", e.target.value)} {...describedBy("task-focusArea", { errors: errs("focusArea") })}>
              <option value="">{campaign ? t("tasks.choose") : t("tasks.chooseCampaignFirst")}</option>
              {campaign?.focusAreas.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </Field>
          <Field id="task-method" label={t("tasks.method")} required errors={errs("method")}>
            <select id="task-method" className={inputClass} value={values.method} disabled={!campaign} onChange={(e) => set("method", e.target.value)} {...describedBy("task-method", { errors: errs("method") })}>
              <option value="">{campaign ? t("tasks.choose") : t("tasks.chooseCampaignFirst")}</option>
              {campaign?.methods.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </Field>
          <Field id="task-deadline" label={t("tasks.deadline")} required hint={deadlineHint} errors={errs("deadline")}>
            <input
              id="task-deadline"
              type="date"
              className={inputClass}
              value={values.deadline}
              min={campaign?.startDate}
              max={campaign?.endDate}
              onChange={(e) => set("deadline", e.target.value)}
              {...describedBy("task-deadline", { hint: deadlineHint, errors: errs("deadline") })}
            />
          </Field>
          <Field id="task-leader" label={t("tasks.responsibleLeader")} errors={errs("responsibleLeaderId")}>
            <select id="task-leader" className={inputClass} value={values.responsibleLeaderId ?? ""} onChange={(e) => set("responsibleLeaderId", e.target.value ? Number(e.target.value) : null)}>
              <option value="">{t("tasks.noLeader")}</option>
              {leaders.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.title ? `${l.name}（${l.title}）` : l.name}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </Card>

      <Card>
        <CardHeader title={task ? t("tasks.addCounties") : t("tasks.counties")} />
        <div className="p-4 sm:p-5">
          {task ? <p className="mb-3 text-sm text-slate-500">{t("tasks.addCountiesHint")}</p> : null}
          <CommitteeChecklist
            legend={t("tasks.countiesLegend")}
            options={choices.counties}
            value={values.committeeIds}
            onChange={(ids) => set("committeeIds", ids)}
            locked={alreadySent}
            errors={[...errs("committeeIds"), ...fieldErrorsOf(error, "addCommitteeIds")]}
          />
        </div>
      </Card>

      <Card>
        <CardHeader title={t("tasks.attachments")} />
        <div className="space-y-3 p-4 sm:p-5">
          {task && task.attachments.length ? <AttachmentList files={task.attachments} /> : null}
          <AttachmentUploader value={files} onChange={setFiles} />
          {fieldErrorsOf(error, "attachmentIds").length ? <p className="text-sm text-red-600">{fieldErrorsOf(error, "attachmentIds").join("；")}</p> : null}
        </div>
      </Card>

      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <button type="submit" className={buttonClass.primary} disabled={mutation.isPending || mutation.isSuccess}>
          <Send className="h-4 w-4" aria-hidden />
          {mutation.isPending || mutation.isSuccess ? t("work.saving") : task ? t("tasks.save") : t("tasks.send")}
        </button>
        <button type="button" className={buttonClass.secondary} onClick={() => router.back()}>
          {t("work.cancel")}
        </button>
        {missing.length ? <Alert className="sm:flex-1">{t("work.fixFields")}</Alert> : null}
        {error && !missing.length ? (
          <MutationError className="sm:flex-1" error={error} />
        ) : null}
      </div>
    </form>
  );
}
