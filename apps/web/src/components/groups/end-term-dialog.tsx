"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { ConfirmDialog } from "@/components/tasks/confirm-dialog";
import { describedBy, Field } from "@/components/tasks/field";
import { MutationError } from "@/components/tasks/mutation-error";
import { fieldErrorsOf } from "@/components/tasks/errors";
import type { Notice } from "@/components/tasks/review-actions";
import { inputClass } from "@/components/ui";
import { type Inputs, useCall } from "@/trpc/lazy";

/** 提前结束任期, after confirmation: the term's last day becomes the chosen date (today by default). */
export function EndTermDialog({ group, today, onClose, onNotice }: { group: { id: number; version: number; termStart: string }; today: string; onClose: () => void; onNotice: (notice: Notice) => void }) {
  const t = useTranslations("groups.endTerm");
  const id = useId();
  const [endDate, setEndDate] = useState(today);
  const end = useCall((client, input: Inputs["group"]["endTerm"]) => client.group.endTerm.mutate(input), {
    onSuccess: (result) => {
      onNotice({ tone: "success", text: t("done", { date: result.termEnd }) });
      onClose();
    },
  });
  const errors = fieldErrorsOf(end.error, "endDate");
  return (
    <ConfirmDialog
      open
      tone="danger"
      title={t("title")}
      description={t("body")}
      confirmLabel={t("confirm")}
      pending={end.isPending}
      onClose={onClose}
      onConfirm={() => end.mutate({ id: group.id, version: group.version, endDate })}
    >
      <Field id={`${id}-end`} label={t("date")} required errors={errors}>
        <input id={`${id}-end`} type="date" className={inputClass} value={endDate} min={group.termStart} max={today} onChange={(e) => setEndDate(e.target.value)} {...describedBy(`${id}-end`, { errors })} />
      </Field>
      {end.error && !errors.length ? <MutationError error={end.error} /> : null}
    </ConfirmDialog>
  );
}
