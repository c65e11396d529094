"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { AppRouter } from "@dm/api";
import type { MemberFields } from "@dm/api/schemas/member";
import { MEMBER_LEVELS, PARTIES, SECTORS } from "@dm/db/enums";
import { describedBy, Field } from "@/components/tasks/field";
import { MutationError } from "@/components/tasks/mutation-error";
import { fieldErrorsOf } from "@/components/tasks/errors";
import { buttonClass, Card, CardHeader, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";

type Member = inferRouterOutputs<AppRouter>["member"]["byId"];
type Values = Record<keyof MemberFields, string>;

const blank = (committeeId: number): Values => ({ name: "", gender: "", sector: "", party: "", level: "", phone: "", workplace: "", committeeId: String(committeeId) });

/** Create a member, or edit one at the version read (a concurrent edit gets CONFLICT and a reload). */
export function MemberForm({ member, defaultCommitteeId }: { member?: Member; defaultCommitteeId: number }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data: committees } = useSuspenseQuery(trpc.member.committeeChoices.queryOptions());
  const [values, setValues] = useState<Values>(() =>
    member
      ? { name: member.name, gender: member.gender, sector: member.sector, party: member.party, level: member.level, phone: member.phone, workplace: member.workplace, committeeId: String(member.committeeId) }
      : blank(defaultCommitteeId),
  );
  const set = (key: keyof Values, value: string) => setValues((v) => ({ ...v, [key]: value }));

  const onSuccess = async ({ id }: { id: number }) => {
    await queryClient.invalidateQueries(trpc.member.pathFilter());
    router.push(`/members/${id}`);
    router.refresh();
  };
  const create = useMutation(trpc.member.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.member.update.mutationOptions({ onSuccess }));
  const mutation = member ? update : create;
  const errs = (name: keyof Values) => fieldErrorsOf(mutation.error, name);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    // An unchosen option is missing ("required"), not a wrong choice.
    const chosen = (v: string) => v || undefined;
    const data = { ...values, gender: chosen(values.gender), sector: chosen(values.sector), party: chosen(values.party), level: chosen(values.level), committeeId: Number(values.committeeId) } as MemberFields;
    if (member) update.mutate({ id: member.id, version: member.version, data });
    else create.mutate(data);
  }

  const baseDepth = committees[0] ? committees[0].path.split("/").length : 0;
  const id = (name: string) => `member-${name}`;
  const text = (name: "name" | "phone" | "workplace", extra: React.InputHTMLAttributes<HTMLInputElement> = {}, hint?: string) => (
    <Field id={id(name)} label={t(`memberForm.${name}`)} required={name !== "workplace"} hint={hint} errors={errs(name)} className={name === "workplace" ? "sm:col-span-2" : undefined}>
      <input id={id(name)} className={inputClass} value={values[name]} onChange={(e) => set(name, e.target.value)} {...describedBy(id(name), { hint, errors: errs(name) })} {...extra} />
    </Field>
  );
  const select = (name: "gender" | "sector" | "party" | "level" | "committeeId", options: { value: string; label: string }[]) => (
    <Field id={id(name)} label={t(`memberForm.${name === "committeeId" ? "committee" : name}`)} required errors={errs(name)}>
      <select id={id(name)} className={inputClass} value={values[name]} onChange={(e) => set(name, e.target.value)} {...describedBy(id(name), { errors: errs(name) })}>
        {name === "committeeId" ? null : <option value="">{t("memberForm.choose")}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );

  return (
    <form noValidate onSubmit={submit} className="space-y-5">
      <Card>
        <CardHeader title={t("memberForm.basics")} />
        <div className="grid grid-cols-1 gap-4 p-4 sm:grid-cols-2 sm:p-5">
          {text("name", { maxLength: 50, autoComplete: "off" })}
          {select("gender", [
            { value: "男", label: t("common.male") },
            { value: "女", label: t("common.female") },
          ])}
          {text("phone", { inputMode: "numeric", maxLength: 11, autoComplete: "off" }, t("memberForm.phoneHint"))}
          {select(
            "committeeId",
            committees.map((c) => ({ value: String(c.id), label: `${"\u3000".repeat(Math.max(0, c.path.split("/").length - baseDepth))}${c.name}` })),
          )}
          {select("sector", SECTORS.map((s) => ({ value: s, label: s })))}
          {select("party", PARTIES.map((p) => ({ value: p, label: p })))}
          {select("level", MEMBER_LEVELS.map((l) => ({ value: l, label: t(`memberLevels.${l}`) })))}
          {text("workplace", { maxLength: 100 })}
        </div>
      </Card>
      {mutation.error ? <MutationError error={mutation.error} /> : null}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <button type="button" className={buttonClass.secondary} onClick={() => router.back()}>
          {t("memberForm.cancel")}
        </button>
        <button type="submit" className={buttonClass.primary} disabled={mutation.isPending}>
          {mutation.isPending ? t("memberForm.saving") : member ? t("memberForm.save") : t("memberForm.create")}
        </button>
      </div>
    </form>
  );
}
