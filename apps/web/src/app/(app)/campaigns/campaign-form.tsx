"use client";

import { useMutation, useSuspenseQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { clsx } from "clsx";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { AppRouter } from "@dm/api";
import { DEFAULT_FOCUS_AREAS, DEFAULT_METHODS, LEADING_GROUP_ROLES, type LeadingGroupRole } from "@dm/db/enums";
import { AttachmentList } from "@/components/attachments/attachment-list";
import { AttachmentUploader, type UploadedFile } from "@/components/attachments/attachment-uploader";
import { CommitteeChecklist } from "@/components/tasks/committee-checklist";
import { describedBy, Field } from "@/components/tasks/field";
import { MutationError } from "@/components/tasks/mutation-error";
import { fieldErrorsOf } from "@/components/tasks/errors";
import { buttonClass, Card, CardHeader, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { EditableList } from "./editable-list";

type Campaign = inferRouterOutputs<AppRouter>["campaign"]["byId"];

interface Values {
  title: string;
  year: string;
  topic: string;
  startDate: string;
  endDate: string;
  description: string;
  focusAreas: string[];
  methods: string[];
  reportDueDay: string;
  /** userId → role; people not in the group are absent. */
  group: Record<number, LeadingGroupRole>;
  /** leader userId → county ids. */
  links: Record<number, number[]>;
}

function initialValues(campaign?: Campaign): Values {
  if (!campaign) {
    const year = new Date().getFullYear();
    return {
      title: "",
      year: String(year),
      topic: "",
      startDate: `${year}-01-01`,
      endDate: `${year}-12-31`,
      description: "",
      focusAreas: [...DEFAULT_FOCUS_AREAS],
      methods: [...DEFAULT_METHODS],
      reportDueDay: "5",
      group: {},
      links: {},
    };
  }
  const links: Record<number, number[]> = {};
  for (const l of campaign.countyLinks) links[l.leaderUserId] = [...(links[l.leaderUserId] ?? []), l.committeeId];
  return {
    title: campaign.title,
    year: String(campaign.year),
    topic: campaign.topic,
    startDate: campaign.startDate,
    endDate: campaign.endDate,
    description: campaign.description,
    focusAreas: [...campaign.focusAreas],
    methods: [...campaign.methods],
    reportDueDay: String(campaign.reportDueDay),
    group: Object.fromEntries(campaign.leadingGroup.map((m) => [m.userId, m.role])),
    links,
  };
}

/** Create or edit a campaign (city roles). Lists start from the six focus areas and five methods. */
export function CampaignForm({ campaign }: { campaign?: Campaign }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const { data: choices } = useSuspenseQuery(trpc.campaign.choices.queryOptions());
  const [values, setValues] = useState<Values>(() => initialValues(campaign));
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const onSuccess = ({ id }: { id: number }) => {
    router.push(`/campaigns/${id}`);
    router.refresh();
  };
  const create = useMutation(trpc.campaign.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.campaign.update.mutationOptions({ onSuccess }));
  const mutation = campaign ? update : create;
  const error = mutation.error;
  const errs = (name: string) => fieldErrorsOf(error, name);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const data = {
      title: values.title,
      year: Number(values.year),
      topic: values.topic,
      startDate: values.startDate,
      endDate: values.endDate,
      description: values.description,
      focusAreas: values.focusAreas.map((s) => s.trim()).filter(Boolean),
      methods: values.methods.map((s) => s.trim()).filter(Boolean),
      reportDueDay: Number(values.reportDueDay),
      leadingGroup: Object.entries(values.group).map(([userId, role]) => ({ userId: Number(userId), role })),
      countyLinks: Object.entries(values.links)
        .filter(([, ids]) => ids.length > 0)
        .map(([leaderUserId, committeeIds]) => ({ leaderUserId: Number(leaderUserId), committeeIds })),
      attachmentIds: files.map((f) => f.id),
    };
    if (campaign) update.mutate({ id: campaign.id, version: campaign.version, data });
    else create.mutate(data);
  }

  const leaders = choices.people.filter((p) => p.role === "city_leader");
  const text = (name: "title" | "topic" | "startDate" | "endDate" | "year" | "reportDueDay", type = "text", extra: React.InputHTMLAttributes<HTMLInputElement> = {}, hint?: string) => (
    <Field id={`campaign-${name}`} label={t(`campaigns.fields.${name}`)} hint={hint} required errors={errs(name)}>
      <input
        id={`campaign-${name}`}
        type={type}
        className={inputClass}
        value={values[name]}
        onChange={(e) => set(name, e.target.value)}
        {...describedBy(`campaign-${name}`, { hint, errors: errs(name) })}
        {...extra}
      />
    </Field>
  );

  return (
    <form noValidate onSubmit={submit} className="space-y-5">
      <Card>
        <CardHeader title={t("campaigns.basics")} />
        <div className="grid grid-cols-1 gap-4 p-4 sm:grid-cols-2 sm:p-5">
          <div className="sm:col-span-2">{text("title", "text", { maxLength: 100, placeholder: t("campaigns.titlePlaceholder") })}</div>
          {text("topic", "text", { maxLength: 100, placeholder: t("campaigns.topicPlaceholder") })}
          {text("year", "number", { min: 2000, max: 2100, inputMode: "numeric" })}
          {text("startDate", "date")}
          {text("endDate", "date", { min: values.startDate })}
          {text("reportDueDay", "number", { min: 1, max: 28, step: 1, inputMode: "numeric" }, t("campaigns.reportDueDayHint"))}
          <Field id="campaign-description" label={t("campaigns.descriptionField")} errors={errs("description")} className="sm:col-span-2">
            <textarea id="campaign-description" rows={4} maxLength={5000} className={inputClass} value={values.description} onChange={(e) => set("description", e.target.value)} />
          </Field>
        </div>
      </Card>

      <Card>
        <CardHeader title={t("campaigns.contentAndMethods")} />
        <div className="grid grid-cols-1 gap-6 p-4 lg:grid-cols-2 sm:p-5">
          <EditableList id="campaign-focusAreas" legend={t("campaigns.focusAreas")} items={values.focusAreas} onChange={(v) => set("focusAreas", v)} defaults={DEFAULT_FOCUS_AREAS} errors={errs("focusAreas")} />
          <EditableList id="campaign-methods" legend={t("campaigns.methods")} items={values.methods} onChange={(v) => set("methods", v)} defaults={DEFAULT_METHODS} errors={errs("methods")} />
        </div>
      </Card>

      <Card>
        <CardHeader title={t("campaigns.leadingGroup")} />
        <div className="p-4 sm:p-5">
          <p className="mb-3 text-sm text-slate-500">{t("campaigns.leadingGroupHint")}</p>
          <ul className="grid grid-cols-1 gap-2 md:grid-cols-2">
            {choices.people.map((p) => (
              <li key={p.id} className="flex items-center justify-between gap-3 rounded-md border border-slate-200 px-3 py-2">
                <div className="min-w-0">
                  <p className="text-sm font-medium text-slate-900">{p.name}</p>
                  <p className="truncate text-xs text-slate-500">{p.title || t(`roles.${p.role}`)}</p>
                </div>
                <select
                  aria-label={t("campaigns.groupRoleOf", { name: p.name })}
                  className={clsx(inputClass, "w-28! shrink-0")}
                  value={values.group[p.id] ?? ""}
                  onChange={(e) => {
                    const role = e.target.value as LeadingGroupRole | "";
                    const group = { ...values.group };
                    if (role) group[p.id] = role;
                    else delete group[p.id];
                    set("group", group);
                  }}
                >
                  <option value="">{t("campaigns.notInGroup")}</option>
                  {LEADING_GROUP_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`leadingGroupRoles.${r}`)}
                    </option>
                  ))}
                </select>
              </li>
            ))}
          </ul>
          {errs("leadingGroup").length ? <p className="mt-1 text-sm text-red-600">{errs("leadingGroup").join("；")}</p> : null}
        </div>
      </Card>

      <Card>
        <CardHeader title={t("campaigns.countyLinks")} />
        <div className="space-y-5 p-4 sm:p-5">
          <p className="text-sm text-slate-500">{t("campaigns.countyLinksHint")}</p>
          {leaders.length === 0 ? <p className="text-sm text-slate-500">{t("campaigns.noLeaders")}</p> : null}
          {leaders.map((l) => (
            <CommitteeChecklist
              key={l.id}
              legend={l.title ? `${l.name} · ${l.title}` : l.name}
              options={choices.counties}
              value={values.links[l.id] ?? []}
              onChange={(ids) => set("links", { ...values.links, [l.id]: ids })}
            />
          ))}
          {errs("countyLinks").length ? <p className="text-sm text-red-600">{errs("countyLinks").join("；")}</p> : null}
        </div>
      </Card>

      <Card>
        <CardHeader title={t("campaigns.documents")} />
        <div className="space-y-3 p-4 sm:p-5">
          <p className="text-sm text-slate-500">{t("campaigns.documentsHint")}</p>
          {campaign && campaign.documents.length ? <AttachmentList files={campaign.documents} /> : null}
          <AttachmentUploader value={files} onChange={setFiles} />
          {errs("attachmentIds").length ? <p className="text-sm text-red-600">{errs("attachmentIds").join("；")}</p> : null}
        </div>
      </Card>

      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <button type="submit" className={buttonClass.primary} disabled={mutation.isPending || mutation.isSuccess}>
          {mutation.isPending || mutation.isSuccess ? t("work.saving") : campaign ? t("campaigns.save") : t("campaigns.create")}
        </button>
        <button type="button" className={buttonClass.secondary} onClick={() => router.back()}>
          {t("work.cancel")}
        </button>
        {error ? (
          <MutationError className="sm:flex-1" error={error} />
        ) : null}
      </div>
    </form>
  );
}
