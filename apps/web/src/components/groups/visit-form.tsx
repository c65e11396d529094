"use client";

import { clsx } from "clsx";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { VISIT_FORMS, type VisitForm as Form } from "@dm/db/enums";
import { AttachmentUploader, type UploadedFile } from "@/components/attachments/attachment-uploader";
import { describedBy, Field } from "@/components/tasks/field";
import { MutationError } from "@/components/tasks/mutation-error";
import { fieldErrorsOf } from "@/components/tasks/errors";
import { buttonClass, Card, inputClass } from "@/components/ui";
import { type Inputs, useCall } from "@/trpc/lazy";

/** 记录走访, made for a phone: date, form of supervision, what was found, photos. */
export function VisitForm({ group, today }: { group: { id: number; termStart: string; termEnd: string }; today: string }) {
  const t = useTranslations("groups.visit");
  const tg = useTranslations("groups");
  const router = useRouter();
  const id = useId();
  const [date, setDate] = useState(today);
  const [form, setForm] = useState<Form | null>(null);
  const [summary, setSummary] = useState("");
  const [photos, setPhotos] = useState<UploadedFile[]>([]);
  const [missing, setMissing] = useState<{ form?: boolean; summary?: boolean }>({});

  // The group's page (loaded afresh) says it was saved.
  const save = useCall((client, input: Inputs["group"]["recordVisit"]) => client.group.recordVisit.mutate(input), {
    onSuccess: () => router.push(`/groups/${group.id}?saved=visit`),
    refresh: false,
  });

  const submit = () => {
    const next = { form: form === null, summary: !summary.trim() };
    setMissing(next);
    if (next.form || next.summary) return;
    save.mutate({ groupId: group.id, date, form: form!, summary, attachmentIds: photos.map((p) => p.id) });
  };

  const dateErrors = fieldErrorsOf(save.error, "date");
  const formErrors = [...(missing.form ? [t("formRequired")] : []), ...fieldErrorsOf(save.error, "form")];
  const summaryErrors = [...(missing.summary ? [t("summaryRequired")] : []), ...fieldErrorsOf(save.error, "summary")];
  const photoErrors = fieldErrorsOf(save.error, "attachmentIds");
  const formError = save.error && !dateErrors.length && !formErrors.length && !summaryErrors.length && !photoErrors.length ? save.error : null;
  const maxDate = group.termEnd < today ? group.termEnd : today;
  const dateHint = t("dateHint", { start: group.termStart, end: maxDate });

  return (
    <Card>
      <form
        noValidate
        className="space-y-4 p-4 sm:p-5"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Field id={`${id}-date`} label={t("date")} required hint={dateHint} errors={dateErrors}>
          <input
            id={`${id}-date`}
            type="date"
            className={inputClass}
            value={date}
            min={group.termStart}
            max={maxDate}
            onChange={(e) => setDate(e.target.value)}
            {...describedBy(`${id}-date`, { hint: dateHint, errors: dateErrors })}
          />
        </Field>
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-700">
            {t("form")}
            <span className="ml-0.5 text-red-600" aria-hidden>
              *
            </span>
          </legend>
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-5">
            {VISIT_FORMS.map((f) => (
              <label
                key={f}
                className={clsx(
                  "flex min-h-11 cursor-pointer items-center justify-center rounded-md border px-2 py-2 text-sm font-medium has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600/40",
                  form === f ? "border-brand-600 bg-brand-50 text-brand-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
                )}
              >
                <input type="radio" name={`${id}-form`} value={f} checked={form === f} onChange={() => setForm(f)} className="sr-only" />
                {tg(`visitForms.${f}`)}
              </label>
            ))}
          </div>
          {formErrors.length ? <p className="mt-1 text-sm text-red-600">{formErrors.join("；")}</p> : null}
        </fieldset>
        <Field id={`${id}-summary`} label={t("summary")} required errors={summaryErrors}>
          <textarea
            id={`${id}-summary`}
            rows={6}
            maxLength={5000}
            className={inputClass}
            value={summary}
            placeholder={t("summaryPlaceholder")}
            onChange={(e) => setSummary(e.target.value)}
            {...describedBy(`${id}-summary`, { errors: summaryErrors })}
          />
        </Field>
        <div>
          <p className="mb-1 text-sm font-medium text-slate-700">{t("photos")}</p>
          <AttachmentUploader value={photos} onChange={setPhotos} max={9} />
          {photoErrors.length ? <p className="mt-1 text-sm text-red-600">{photoErrors.join("；")}</p> : null}
        </div>
        {formError ? <MutationError error={formError} /> : null}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <button type="button" className={buttonClass.secondary} onClick={() => router.back()} disabled={save.isPending}>
            {tg("cancel")}
          </button>
          <button type="submit" className={buttonClass.primary} disabled={save.isPending}>
            {save.isPending ? tg("saving") : t("submit")}
          </button>
        </div>
      </form>
    </Card>
  );
}
