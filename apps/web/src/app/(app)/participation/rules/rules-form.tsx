"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { DEFAULT_POINT_RULES, POINT_MAX, POINT_MIN, POINT_RULE_CODES, type PointRuleCode, type PointRules } from "@dm/api/domain/points";
import { MutationError } from "@/components/tasks/mutation-error";
import { fieldErrorsOf } from "@/components/tasks/errors";
import { Alert, buttonClass, Card, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";

type Draft = Record<PointRuleCode, string>;
const toDraft = (rules: PointRules): Draft => Object.fromEntries(POINT_RULE_CODES.map((c) => [c, String(rules[c])])) as Draft;

/** The points rules as a table; for city staff, with inputs, checks per rule and a version guard. */
export function RulesForm({ editable }: { editable: boolean }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.participation.rules.queryOptions());
  const [draft, setDraft] = useState<Draft>(() => toDraft(data.rules));
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.participation.updateRules.mutationOptions({
      onSuccess: async (fresh) => {
        setDraft(toDraft(fresh.rules));
        setSaved(true);
        queryClient.setQueryData(trpc.participation.rules.queryKey(), fresh);
        await queryClient.invalidateQueries(trpc.participation.pathFilter());
      },
    }),
  );

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setSaved(false);
    const rules = Object.fromEntries(POINT_RULE_CODES.map((c) => [c, draft[c].trim() === "" ? Number.NaN : Number(draft[c])])) as PointRules;
    save.mutate({ rules, version: data.version });
  }

  return (
    <form noValidate onSubmit={submit} className="space-y-4">
      <Card>
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr className="border-b border-slate-100">
              <th scope="col" className="px-4 py-2.5 font-medium sm:px-5">{t("pointRules.rule")}</th>
              <th scope="col" className="hidden px-4 py-2.5 font-medium sm:table-cell">{t("pointRules.meaning")}</th>
              <th scope="col" className="w-32 px-4 py-2.5 text-right font-medium sm:px-5">{t("pointRules.points")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {POINT_RULE_CODES.map((code) => {
              const errors = fieldErrorsOf(save.error, `rules.${code}`);
              const id = `rule-${code}`;
              return (
                <tr key={code} className="align-middle">
                  <td className="px-4 py-3 sm:px-5">
                    <label htmlFor={id} className="font-medium text-slate-800">
                      {t(`participation.rule.${code}`)}
                    </label>
                    <p className="mt-0.5 text-xs text-slate-500 sm:hidden">{t(`participation.ruleHint.${code}`)}</p>
                  </td>
                  <td className="hidden px-4 py-3 text-slate-600 sm:table-cell">{t(`participation.ruleHint.${code}`)}</td>
                  <td className="px-4 py-3 text-right sm:px-5">
                    {editable ? (
                      <>
                        <input
                          id={id}
                          type="number"
                          inputMode="numeric"
                          min={POINT_MIN}
                          max={POINT_MAX}
                          step={1}
                          className={`${inputClass} text-right tabular-nums`}
                          value={draft[code]}
                          onChange={(e) => setDraft((d) => ({ ...d, [code]: e.target.value }))}
                          aria-invalid={errors.length > 0}
                          aria-describedby={errors.length ? `${id}-error` : undefined}
                        />
                        {errors.length ? (
                          <p id={`${id}-error`} className="mt-1 text-left text-xs text-red-600">
                            {errors.join("；")}
                          </p>
                        ) : null}
                      </>
                    ) : (
                      <span id={id} className="text-base font-semibold tabular-nums text-slate-900">
                        {data.rules[code]}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div className="space-y-1 border-t border-slate-100 px-4 py-3 text-xs text-slate-500 sm:px-5">
          <p>{data.updatedAt ? t("pointRules.lastUpdated", { date: format.dateTime(data.updatedAt, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }) }) : t("pointRules.neverUpdated")}</p>
          {editable ? <p>{t("pointRules.range", { min: POINT_MIN, max: POINT_MAX })}</p> : <p>{t("pointRules.readOnly")}</p>}
          <p>{t("pointRules.notes")}</p>
        </div>
      </Card>
      {saved ? <Alert tone="success">{t("pointRules.saved")}</Alert> : null}
      {save.error ? <MutationError error={save.error} /> : null}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:items-center sm:justify-between">
        <Link href="/participation" className="inline-flex items-center gap-1 text-sm text-brand-700 hover:underline">
          <ArrowLeft className="h-4 w-4" aria-hidden />
          {t("pointRules.back")}
        </Link>
        {editable ? (
          <div className="flex flex-col-reverse gap-2 sm:flex-row">
            <button type="button" className={buttonClass.secondary} onClick={() => setDraft(toDraft(DEFAULT_POINT_RULES))}>
              {t("pointRules.defaults")}
            </button>
            <button type="submit" className={buttonClass.primary} disabled={save.isPending}>
              {save.isPending ? t("pointRules.saving") : t("pointRules.save")}
            </button>
          </div>
        ) : null}
      </div>
    </form>
  );
}
