"use client";

import { useMutation } from "@tanstack/react-query";
import { ArrowDownToLine } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Alert, buttonClass, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { CommitteeChecklist } from "./committee-checklist";
import { describedBy, Field } from "./field";
import { fieldErrorsOf, isConflict } from "./errors";
import { useRefreshWork } from "./mutations";
import type { Notice } from "./review-actions";

/** 转交乡镇: a county sends its assignment on to some of its townships, with an optional earlier deadline. */
export function PassDownForm({
  assignment,
  townships,
  alreadySent,
  onNotice,
}: {
  assignment: { id: number; version: number; deadline: string };
  townships: { id: number; name: string }[];
  alreadySent: number[];
  onNotice: (notice: Notice | null) => void;
}) {
  const t = useTranslations("work");
  const trpc = useTRPC();
  const refresh = useRefreshWork();
  const id = useId();
  const [chosen, setChosen] = useState<number[]>([]);
  const [deadline, setDeadline] = useState("");
  const [noneChosen, setNoneChosen] = useState(false);
  const passDown = useMutation(
    trpc.assignment.passDown.mutationOptions({
      onSuccess: () => {
        const names = townships.filter((tw) => chosen.includes(tw.id)).map((tw) => tw.name);
        setChosen([]);
        setDeadline("");
        onNotice({ tone: "success", text: t("passedNotice", { names: names.join("、") }) });
        void refresh();
      },
      onError: (error) => {
        if (!isConflict(error)) return;
        onNotice({ tone: "error", text: error.message });
        void refresh();
      },
    }),
  );

  if (townships.length === 0) return <p className="text-sm text-slate-500">{t("noTownships")}</p>;

  const townshipErrors = [...(noneChosen ? [t("chooseTownship")] : []), ...fieldErrorsOf(passDown.error, "committeeIds")];
  const deadlineErrors = fieldErrorsOf(passDown.error, "deadline");
  const formError = passDown.error && !isConflict(passDown.error) && !townshipErrors.length && !deadlineErrors.length ? passDown.error.message : null;
  const deadlineHint = t("passDownDeadlineHint", { deadline: assignment.deadline });

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const none = chosen.length === 0;
        setNoneChosen(none);
        if (!none) passDown.mutate({ id: assignment.id, version: assignment.version, committeeIds: chosen, deadline: deadline || undefined });
      }}
    >
      <CommitteeChecklist legend={t("townships")} options={townships} value={chosen} onChange={setChosen} locked={alreadySent} errors={townshipErrors} />
      <Field id={`${id}-deadline`} label={t("passDownDeadline")} hint={deadlineHint} errors={deadlineErrors} className="max-w-xs">
        <input
          id={`${id}-deadline`}
          type="date"
          className={inputClass}
          value={deadline}
          max={assignment.deadline}
          onChange={(e) => setDeadline(e.target.value)}
          {...describedBy(`${id}-deadline`, { hint: deadlineHint, errors: deadlineErrors })}
        />
      </Field>
      {formError ? <Alert>{formError}</Alert> : null}
      <button type="submit" className={buttonClass.primary} disabled={passDown.isPending}>
        <ArrowDownToLine className="h-4 w-4" aria-hidden />
        {passDown.isPending ? t("working") : t("passDownSubmit")}
      </button>
    </form>
  );
}
