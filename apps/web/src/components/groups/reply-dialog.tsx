"use client";

import { clsx } from "clsx";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ADOPTIONS, type Adoption } from "@dm/db/enums";
import { ConfirmDialog } from "@/components/tasks/confirm-dialog";
import { describedBy, Field } from "@/components/tasks/field";
import { MutationError } from "@/components/tasks/mutation-error";
import { fieldErrorsOf, isConflict } from "@/components/tasks/errors";
import type { Notice } from "@/components/tasks/review-actions";
import { inputClass } from "@/components/ui";
import { type Inputs, useCall } from "@/trpc/lazy";

export interface ReplyTarget {
  id: number;
  version: number;
  title: string;
  raisedOn: string;
  reply: string;
  repliedOn: string | null;
  adoption: Adoption | null;
}

/**
 * 登记部门答复: the department's reply, its date and whether it was adopted, recorded (or
 * corrected) by the dispatching committee's staff at the version they saw.
 */
export function ReplyDialog({ opinion, today, onClose, onNotice }: { opinion: ReplyTarget; today: string; onClose: () => void; onNotice: (notice: Notice) => void }) {
  const t = useTranslations("groups.reply");
  const tg = useTranslations("groups");
  const router = useRouter();
  const id = useId();
  const [reply, setReply] = useState(opinion.reply);
  const [repliedOn, setRepliedOn] = useState(opinion.repliedOn ?? today);
  const [adoption, setAdoption] = useState<Adoption | null>(opinion.adoption);
  const [missing, setMissing] = useState<{ reply?: boolean; adoption?: boolean }>({});

  const save = useCall((client, input: Inputs["group"]["replyOpinion"]) => client.group.replyOpinion.mutate(input), {
    onSuccess: () => {
      onNotice({ tone: "success", text: t("saved", { title: opinion.title, adoption: tg(`adoption.${adoption!}`) }) });
      onClose();
    },
    // Someone else answered first: show the page as it is now.
    onError: (error) => {
      if (isConflict(error)) router.refresh();
    },
  });

  const submit = () => {
    const next = { reply: !reply.trim(), adoption: adoption === null };
    setMissing(next);
    if (next.reply || next.adoption) return;
    save.mutate({ id: opinion.id, version: opinion.version, reply, repliedOn, adoption: adoption! });
  };

  const replyErrors = [...(missing.reply ? [t("replyRequired")] : []), ...fieldErrorsOf(save.error, "reply")];
  const dateErrors = fieldErrorsOf(save.error, "repliedOn");
  const adoptionErrors = [...(missing.adoption ? [t("adoptionRequired")] : []), ...fieldErrorsOf(save.error, "adoption")];
  const formError = save.error && !replyErrors.length && !dateErrors.length && !adoptionErrors.length ? save.error : null;
  const dateHint = t("dateHint", { raisedOn: opinion.raisedOn });

  return (
    <ConfirmDialog open title={opinion.adoption ? t("editTitle") : t("title")} description={opinion.title} confirmLabel={t("submit")} pending={save.isPending} onClose={onClose} onConfirm={submit}>
      <Field id={`${id}-reply`} label={t("text")} required errors={replyErrors}>
        <textarea
          id={`${id}-reply`}
          rows={4}
          maxLength={5000}
          className={inputClass}
          value={reply}
          placeholder={t("textPlaceholder")}
          onChange={(e) => setReply(e.target.value)}
          {...describedBy(`${id}-reply`, { errors: replyErrors })}
        />
      </Field>
      <Field id={`${id}-date`} label={t("date")} required hint={dateHint} errors={dateErrors}>
        <input
          id={`${id}-date`}
          type="date"
          className={inputClass}
          value={repliedOn}
          min={opinion.raisedOn}
          max={today}
          required
          onChange={(e) => setRepliedOn(e.target.value)}
          {...describedBy(`${id}-date`, { hint: dateHint, errors: dateErrors })}
        />
      </Field>
      <fieldset aria-describedby={adoptionErrors.length ? `${id}-adoption-error` : undefined}>
        <legend className="mb-1 text-sm font-medium text-slate-700">
          {t("adoption")}
          <span className="ml-0.5 text-red-600" aria-hidden>
            *
          </span>
        </legend>
        <div className="grid grid-cols-3 gap-2">
          {ADOPTIONS.map((a) => (
            <label
              key={a}
              className={clsx(
                "flex min-h-11 cursor-pointer items-center justify-center rounded-md border px-2 py-2 text-sm font-medium has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600/40",
                adoption === a ? "border-brand-600 bg-brand-50 text-brand-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
              )}
            >
              <input type="radio" name={`${id}-adoption`} value={a} checked={adoption === a} onChange={() => setAdoption(a)} className="sr-only" />
              {tg(`adoption.${a}`)}
            </label>
          ))}
        </div>
        {adoptionErrors.length ? (
          <p id={`${id}-adoption-error`} className="mt-1 text-sm text-red-600">
            {adoptionErrors.join("；")}
          </p>
        ) : null}
      </fieldset>
      {formError ? <MutationError error={formError} /> : null}
    </ConfirmDialog>
  );
}
