"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { AppRouter } from "@dm/api";
import { describedBy } from "@/components/tasks/field";
import { MutationError } from "@/components/tasks/mutation-error";
import { fieldErrorsOf } from "@/components/tasks/errors";
import { NoticeBanner } from "@/components/tasks/notice";
import type { Notice } from "@/components/tasks/review-actions";
import { Alert, buttonClass, Card, EmptyState, inputClass } from "@/components/ui";
import { type Inputs, useCall } from "@/trpc/lazy";

/**
 * 民主评议打分: a member scores their group's department on each of the year's criteria, 0 to
 * the criterion's maximum. Scores can be changed until the year's appraisal closes. `form` (the
 * criteria and the scores given) comes from the server.
 */
export function ScoreForm({ groupId, year, committeeName, form }: { groupId: number; year: number; committeeName: string; form: inferRouterOutputs<AppRouter>["appraisal"]["form"] }) {
  const t = useTranslations("groups.score");
  const tg = useTranslations("groups");
  const saved = new Map(form.scores.map((s) => [s.criterionId, s.score]));
  const [values, setValues] = useState<Record<number, string>>(() => Object.fromEntries(form.criteria.map((c) => [c.id, saved.has(c.id) ? String(saved.get(c.id)) : ""])));
  const [local, setLocal] = useState<Record<number, string>>({});
  const [notice, setNotice] = useState<Notice | null>(null);

  const save = useCall((client, input: Inputs["appraisal"]["score"]) => client.appraisal.score.mutate(input), {
    onSuccess: () => setNotice({ tone: "success", text: t("saved") }),
  });

  if (!form.inTerm) return <Alert tone="info">{t("notInTerm", { year })}</Alert>;
  if (form.criteria.length === 0)
    return (
      <Card>
        <EmptyState title={t("noCriteria", { committee: committeeName, year })} />
      </Card>
    );

  const submit = () => {
    setNotice(null);
    const problems: Record<number, string> = {};
    const scores: { criterionId: number; score: number }[] = [];
    for (const c of form.criteria) {
      const raw = values[c.id]?.trim() ?? "";
      if (raw === "") continue;
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || n > c.maxScore) problems[c.id] = t("outOfRange", { max: c.maxScore });
      else scores.push({ criterionId: c.id, score: n });
    }
    if (scores.length === 0 && Object.keys(problems).length === 0) problems[form.criteria[0]!.id] = t("needOne");
    setLocal(problems);
    if (Object.keys(problems).length === 0) save.mutate({ groupId, year, scores });
  };

  // Server field errors are keyed by the position in the submitted list.
  const submitted = save.variables?.scores ?? [];
  const serverErrors = (criterionId: number) => {
    const index = submitted.findIndex((s) => s.criterionId === criterionId);
    return index < 0 ? [] : fieldErrorsOf(save.error, `scores.${index}`);
  };
  const total = form.criteria.reduce((sum, c) => sum + (/^\d+$/.test(values[c.id] ?? "") ? Number(values[c.id]) : 0), 0);
  const maxTotal = form.criteria.reduce((sum, c) => sum + c.maxScore, 0);
  const anyFieldError = form.criteria.some((c) => serverErrors(c.id).length);

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
        <p className="text-sm text-slate-600">{t("intro", { department: form.departmentName, year, closes: `${year + 1}-01-31` })}</p>
        {!form.open ? <Alert tone="info">{t("closed")}</Alert> : null}
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {form.criteria.map((c) => {
            const errors = [...(local[c.id] ? [local[c.id]!] : []), ...serverErrors(c.id)];
            const inputId = `criterion-${c.id}`;
            return (
              <li key={c.id} className="flex flex-wrap items-center gap-3 px-3 py-3">
                <label htmlFor={inputId} className="min-w-0 flex-1 text-sm font-medium text-slate-800">
                  {c.name}
                  <span className="ml-2 text-xs font-normal text-slate-500">{t("max", { max: c.maxScore })}</span>
                  {saved.has(c.id) ? <span className="ml-2 text-xs font-normal text-emerald-700">{t("scoredAlready", { score: saved.get(c.id)! })}</span> : null}
                </label>
                <input
                  id={inputId}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={c.maxScore}
                  step={1}
                  disabled={!form.open}
                  className={`${inputClass} w-24! text-right tabular-nums`}
                  value={values[c.id] ?? ""}
                  onChange={(e) => setValues((v) => ({ ...v, [c.id]: e.target.value }))}
                  {...describedBy(inputId, { errors })}
                />
                {errors.length ? (
                  <p id={`${inputId}-error`} className="w-full text-sm text-red-600">
                    {errors.join("；")}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
        <p className="text-right text-sm font-medium tabular-nums text-slate-700">{t("total", { total, max: maxTotal })}</p>
        <NoticeBanner notice={notice} />
        {save.error && !anyFieldError ? <MutationError error={save.error} /> : null}
        {form.open ? (
          <div className="flex justify-end">
            <button type="submit" className={`${buttonClass.primary} w-full sm:w-auto`} disabled={save.isPending}>
              {save.isPending ? tg("saving") : t("submit")}
            </button>
          </div>
        ) : null}
      </form>
    </Card>
  );
}
