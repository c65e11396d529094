"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Save } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { AttachmentList } from "@/components/attachments/attachment-list";
import { AttachmentUploader, type UploadedFile } from "@/components/attachments/attachment-uploader";
import { describedBy, Field } from "@/components/tasks/field";
import { MutationError } from "@/components/tasks/mutation-error";
import { fieldErrorsOf } from "@/components/tasks/errors";
import { buttonClass, Card, CardHeader, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";

/** 活动记录: minutes, problems found, opinions raised, photos; and, once started, 已举办. */
export function RecordForm({ id }: { id: number }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data: a } = useSuspenseQuery(trpc.activity.byId.queryOptions({ id }));
  const [minutes, setMinutes] = useState(a.minutes);
  const [findings, setFindings] = useState(a.findings);
  const [opinionCount, setOpinionCount] = useState(String(a.opinionCount));
  const [markHeld, setMarkHeld] = useState(a.actions.markHeld);
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const save = useMutation(
    trpc.activity.record.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.activity.pathFilter());
        router.push(`/activities/${id}`);
      },
    }),
  );
  const errs = (name: string) => fieldErrorsOf(save.error, name);

  return (
    <form
      noValidate
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ id, version: a.version, minutes, findings, opinionCount: Number(opinionCount || 0), attachmentIds: files.map((f) => f.id), markHeld: markHeld && a.actions.markHeld });
      }}
    >
      <Card>
        <CardHeader title={t("activities.recordTitle")} />
        <div className="grid grid-cols-1 gap-4 p-4 sm:p-5">
          <Field id="record-minutes" label={t("activities.minutes")} errors={errs("minutes")}>
            <textarea id="record-minutes" rows={6} maxLength={20000} className={inputClass} value={minutes} placeholder={t("activities.minutesPlaceholder")} onChange={(e) => setMinutes(e.target.value)} {...describedBy("record-minutes", { errors: errs("minutes") })} />
          </Field>
          <Field id="record-findings" label={t("activities.findings")} errors={errs("findings")}>
            <textarea id="record-findings" rows={5} maxLength={20000} className={inputClass} value={findings} placeholder={t("activities.findingsPlaceholder")} onChange={(e) => setFindings(e.target.value)} {...describedBy("record-findings", { errors: errs("findings") })} />
          </Field>
          <Field id="record-opinions" label={t("activities.opinionCount")} errors={errs("opinionCount")} className="max-w-xs">
            <input id="record-opinions" type="number" inputMode="numeric" min={0} className={inputClass} value={opinionCount} onChange={(e) => setOpinionCount(e.target.value)} {...describedBy("record-opinions", { errors: errs("opinionCount") })} />
          </Field>
        </div>
      </Card>
      <Card>
        <CardHeader title={t("activities.photos")} />
        <div className="space-y-3 p-4 sm:p-5">
          <AttachmentList files={a.attachments} />
          <AttachmentUploader value={files} onChange={setFiles} max={30} />
          {errs("attachmentIds").length ? <p className="text-sm text-red-600">{errs("attachmentIds").join("；")}</p> : null}
        </div>
      </Card>
      {a.actions.markHeld ? (
        <label className="flex items-start gap-3 rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm">
          <input type="checkbox" className="mt-0.5 h-4 w-4 accent-emerald-700" checked={markHeld} onChange={(e) => setMarkHeld(e.target.checked)} />
          <span>
            <span className="font-medium text-emerald-900">{t("activities.markHeld")}</span>
            <span className="mt-0.5 block text-emerald-800">{t("activities.markHeldHint")}</span>
          </span>
        </label>
      ) : null}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <button type="submit" className={buttonClass.primary} disabled={save.isPending || save.isSuccess}>
          <Save className="h-4 w-4" aria-hidden />
          {save.isPending || save.isSuccess ? t("work.saving") : t("activities.saveRecord")}
        </button>
        <button type="button" className={buttonClass.secondary} onClick={() => router.back()}>
          {t("work.cancel")}
        </button>
        {save.error ? <MutationError className="sm:flex-1" error={save.error} /> : null}
      </div>
    </form>
  );
}
