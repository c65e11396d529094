"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Pencil, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { ConfirmDialog } from "@/components/tasks/confirm-dialog";
import { describedBy, Field } from "@/components/tasks/field";
import { MutationError } from "@/components/tasks/mutation-error";
import { fieldErrorsOf } from "@/components/tasks/errors";
import { NoticeBanner } from "@/components/tasks/notice";
import type { Notice } from "@/components/tasks/review-actions";
import { Alert, buttonClass, Card, CardHeader, EmptyState, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { formatScore } from "./labels";

type Criterion = { id: number; name: string; maxScore: number; scored: number };

/**
 * 民主评议 for one committee and year: the criteria (kept by the committee's record keepers until
 * the year closes) and the results per department, averaged in the database.
 */
export function AppraisalAdmin({ year, committeeId }: { year: number; committeeId?: number }) {
  const t = useTranslations("groups.appraisal");
  const trpc = useTRPC();
  const { data: criteria } = useSuspenseQuery(trpc.appraisal.criteria.queryOptions({ year, committeeId }));
  const { data: results } = useSuspenseQuery(trpc.appraisal.results.queryOptions({ year, committeeId }));
  const [notice, setNotice] = useState<Notice | null>(null);
  const [editing, setEditing] = useState<Criterion | null>(null);
  const [removing, setRemoving] = useState<Criterion | null>(null);
  const state = criteria.closed ? "closed" : criteria.open ? "open" : "notStarted";

  return (
    <div className="space-y-4">
      <Alert tone="info">{t(`state.${state}`, { year, closes: `${year + 1}-01-31` })}</Alert>
      <NoticeBanner notice={notice} />

      <Card>
        <CardHeader title={t("results", { committee: results.committee.name, year })} />
        {results.departments.length === 0 || results.criteria.length === 0 ? (
          <EmptyState title={t("noResults")} hint={results.criteria.length === 0 ? t("noCriteria") : undefined} />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-slate-500">
                <tr className="border-b border-slate-100">
                  <th scope="col" className="px-4 py-2.5 font-medium whitespace-nowrap">
                    {t("rank")}
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium whitespace-nowrap">
                    {t("department")}
                  </th>
                  {results.criteria.map((c) => (
                    <th key={c.id} scope="col" className="px-3 py-2.5 text-right font-medium whitespace-nowrap">
                      {c.name}
                      <span className="block font-normal text-slate-500">{t("maxOf", { max: c.maxScore })}</span>
                    </th>
                  ))}
                  <th scope="col" className="px-3 py-2.5 text-right font-medium whitespace-nowrap">
                    {t("total")}
                    <span className="block font-normal text-slate-500">{t("maxOf", { max: results.maxTotal })}</span>
                  </th>
                  <th scope="col" className="px-4 py-2.5 text-right font-medium whitespace-nowrap">
                    {t("scorers")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {results.departments.map((d, i) => {
                  const byCriterion = new Map(d.criteria.map((c) => [c.criterionId, c]));
                  return (
                    <tr key={d.departmentId} data-department={d.departmentName}>
                      <td className="px-4 py-2.5 tabular-nums text-slate-500">{d.total === null ? "—" : i + 1}</td>
                      <td className="px-3 py-2.5 font-medium whitespace-nowrap text-slate-900">{d.departmentName}</td>
                      {results.criteria.map((c) => (
                        <td key={c.id} className="px-3 py-2.5 text-right tabular-nums">
                          {formatScore(byCriterion.get(c.id)?.average ?? null)}
                        </td>
                      ))}
                      <td className="px-3 py-2.5 text-right font-semibold tabular-nums text-slate-900">{formatScore(d.total)}</td>
                      <td className="px-4 py-2.5 text-right tabular-nums whitespace-nowrap">{t("scorersOf", { scorers: d.scorers, eligible: d.eligible })}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">{t("resultsHint")}</p>
      </Card>

      <Card>
        <CardHeader title={t("criteria", { year })} />
        {criteria.items.length === 0 ? (
          <EmptyState title={t("noCriteria")} hint={criteria.editable ? t("noCriteriaHint") : undefined} />
        ) : (
          <ul className="divide-y divide-slate-100">
            {criteria.items.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-2 px-4 py-2.5 sm:px-5">
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-slate-900">{c.name}</p>
                  <p className="text-xs text-slate-500">
                    {t("maxOf", { max: c.maxScore })}
                    {c.scored ? ` · ${t("scoredCount", { count: c.scored })}` : ""}
                  </p>
                </div>
                {criteria.editable ? (
                  <>
                    <button type="button" className="inline-flex h-9 items-center gap-1 rounded px-2 text-sm text-slate-600 hover:bg-slate-100" onClick={() => setEditing(c)} aria-label={t("editNamed", { name: c.name })}>
                      <Pencil className="h-4 w-4" aria-hidden />
                      <span className="hidden sm:inline">{t("edit")}</span>
                    </button>
                    <button
                      type="button"
                      className="inline-flex h-9 items-center gap-1 rounded px-2 text-sm text-red-700 hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-40"
                      disabled={c.scored > 0}
                      title={c.scored > 0 ? t("cannotRemove") : undefined}
                      onClick={() => setRemoving(c)}
                      aria-label={t("removeNamed", { name: c.name })}
                    >
                      <Trash2 className="h-4 w-4" aria-hidden />
                      <span className="hidden sm:inline">{t("remove")}</span>
                    </button>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {criteria.editable ? <CriterionForm year={year} onDone={(text) => setNotice({ tone: "success", text })} /> : null}
      </Card>

      {editing ? <CriterionForm year={year} criterion={editing} onDone={(text) => setNotice({ tone: "success", text })} onClose={() => setEditing(null)} /> : null}
      {removing ? <RemoveCriterion criterion={removing} onClose={() => setRemoving(null)} onDone={(text) => setNotice({ tone: "success", text })} /> : null}
    </div>
  );
}

/** Adds a criterion (inline under the list), or edits one (in a dialog). */
function CriterionForm({ year, criterion, onDone, onClose }: { year: number; criterion?: Criterion; onDone: (text: string) => void; onClose?: () => void }) {
  const t = useTranslations("groups.appraisal");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState(criterion?.name ?? "");
  const [maxScore, setMaxScore] = useState(criterion ? String(criterion.maxScore) : "");
  const refresh = () => queryClient.invalidateQueries(trpc.appraisal.pathFilter());
  const add = useMutation(
    trpc.appraisal.addCriterion.mutationOptions({
      onSuccess: async () => {
        onDone(t("added", { name: name.trim() }));
        setName("");
        setMaxScore("");
        await refresh();
      },
    }),
  );
  const update = useMutation(
    trpc.appraisal.updateCriterion.mutationOptions({
      onSuccess: async () => {
        onDone(t("updated", { name: name.trim() }));
        await refresh();
        onClose?.();
      },
    }),
  );
  const mutation = criterion ? update : add;
  const nameErrors = fieldErrorsOf(mutation.error, "name");
  const maxErrors = fieldErrorsOf(mutation.error, "maxScore");
  const submit = () => {
    const max = /^\d+$/.test(maxScore.trim()) ? Number(maxScore) : Number.NaN;
    if (criterion) update.mutate({ id: criterion.id, name, maxScore: max });
    else add.mutate({ year, name, maxScore: max });
  };
  const fields = (
    <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
      <Field id={`${id}-name`} label={t("criterionName")} required errors={nameErrors} className="flex-1">
        <input id={`${id}-name`} className={inputClass} value={name} maxLength={40} placeholder={t("criterionPlaceholder")} onChange={(e) => setName(e.target.value)} {...describedBy(`${id}-name`, { errors: nameErrors })} />
      </Field>
      <Field id={`${id}-max`} label={t("maxScore")} required errors={maxErrors} className="sm:w-28">
        <input id={`${id}-max`} type="number" inputMode="numeric" min={1} max={100} className={inputClass} value={maxScore} onChange={(e) => setMaxScore(e.target.value)} {...describedBy(`${id}-max`, { errors: maxErrors })} />
      </Field>
    </div>
  );
  const formError = mutation.error && !nameErrors.length && !maxErrors.length ? <MutationError error={mutation.error} /> : null;

  if (criterion)
    return (
      <ConfirmDialog open title={t("editTitle")} description={criterion.name} confirmLabel={t("save")} pending={update.isPending} onClose={() => onClose?.()} onConfirm={submit}>
        {fields}
        {formError}
      </ConfirmDialog>
    );
  return (
    <form
      noValidate
      className="space-y-2 border-t border-slate-100 p-4 sm:px-5"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {fields}
      {formError}
      <button type="submit" className={buttonClass.primary} disabled={add.isPending}>
        <Plus className="h-4 w-4" aria-hidden />
        {t("add")}
      </button>
    </form>
  );
}

function RemoveCriterion({ criterion, onClose, onDone }: { criterion: Criterion; onClose: () => void; onDone: (text: string) => void }) {
  const t = useTranslations("groups.appraisal");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.appraisal.removeCriterion.mutationOptions({
      onSuccess: async () => {
        onDone(t("removed", { name: criterion.name }));
        await queryClient.invalidateQueries(trpc.appraisal.pathFilter());
        onClose();
      },
    }),
  );
  return (
    <ConfirmDialog open tone="danger" title={t("removeTitle", { name: criterion.name })} confirmLabel={t("remove")} pending={remove.isPending} onClose={onClose} onConfirm={() => remove.mutate({ id: criterion.id })}>
      {remove.error ? <MutationError error={remove.error} /> : null}
    </ConfirmDialog>
  );
}
