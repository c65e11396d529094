"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { VisitForm } from "@dm/db/enums";
import { describedBy, Field } from "@/components/tasks/field";
import { MutationError } from "@/components/tasks/mutation-error";
import { fieldErrorsOf } from "@/components/tasks/errors";
import { buttonClass, Card, inputClass } from "@/components/ui";
import { type Inputs, useCall } from "@/trpc/lazy";

/** 提出意见建议 to the department, optionally from one of the group's visits. */
export function OpinionForm({
  group,
  visits,
  today,
  visitId: preselected,
}: {
  group: { id: number; termStart: string; termEnd: string };
  visits: { id: number; date: string; form: VisitForm; summary: string }[];
  today: string;
  visitId?: number;
}) {
  const t = useTranslations("groups.opinion");
  const tg = useTranslations("groups");
  const router = useRouter();
  const id = useId();
  const [title, setTitle] = useState("");
  const [content, setContent] = useState("");
  const [raisedOn, setRaisedOn] = useState(today);
  const [visitId, setVisitId] = useState<number | null>(visits.some((v) => v.id === preselected) ? preselected! : null);
  const [missing, setMissing] = useState<{ title?: boolean; content?: boolean }>({});

  // The group's page (loaded afresh) says it was saved.
  const save = useCall((client, input: Inputs["group"]["raiseOpinion"]) => client.group.raiseOpinion.mutate(input), {
    onSuccess: () => router.push(`/groups/${group.id}?saved=opinion`),
    refresh: false,
  });

  const submit = () => {
    const next = { title: !title.trim(), content: !content.trim() };
    setMissing(next);
    if (next.title || next.content) return;
    save.mutate({ groupId: group.id, visitId, title, content, raisedOn });
  };

  const titleErrors = [...(missing.title ? [t("titleRequired")] : []), ...fieldErrorsOf(save.error, "title")];
  const contentErrors = [...(missing.content ? [t("contentRequired")] : []), ...fieldErrorsOf(save.error, "content")];
  const dateErrors = fieldErrorsOf(save.error, "raisedOn");
  const visitErrors = fieldErrorsOf(save.error, "visitId");
  const formError = save.error && !titleErrors.length && !contentErrors.length && !dateErrors.length && !visitErrors.length ? save.error : null;
  const maxDate = group.termEnd < today ? group.termEnd : today;

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
        <Field id={`${id}-title`} label={t("subject")} required errors={titleErrors}>
          <input id={`${id}-title`} className={inputClass} value={title} maxLength={80} placeholder={t("subjectPlaceholder")} onChange={(e) => setTitle(e.target.value)} {...describedBy(`${id}-title`, { errors: titleErrors })} />
        </Field>
        <Field id={`${id}-content`} label={t("content")} required errors={contentErrors}>
          <textarea
            id={`${id}-content`}
            rows={7}
            maxLength={5000}
            className={inputClass}
            value={content}
            placeholder={t("contentPlaceholder")}
            onChange={(e) => setContent(e.target.value)}
            {...describedBy(`${id}-content`, { errors: contentErrors })}
          />
        </Field>
        <Field id={`${id}-visit`} label={t("visit")} errors={visitErrors}>
          <select id={`${id}-visit`} className={inputClass} value={visitId ?? ""} onChange={(e) => setVisitId(e.target.value ? Number(e.target.value) : null)} {...describedBy(`${id}-visit`, { errors: visitErrors })}>
            <option value="">{t("noVisit")}</option>
            {visits.map((v) => (
              <option key={v.id} value={v.id}>
                {v.date} {tg(`visitForms.${v.form}`)} · {v.summary.length > 24 ? `${v.summary.slice(0, 24)}…` : v.summary}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-date`} label={t("raisedOn")} required errors={dateErrors}>
          <input id={`${id}-date`} type="date" className={inputClass} value={raisedOn} min={group.termStart} max={maxDate} onChange={(e) => setRaisedOn(e.target.value)} {...describedBy(`${id}-date`, { errors: dateErrors })} />
        </Field>
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
