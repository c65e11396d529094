"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { clsx } from "clsx";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { AppRouter } from "@dm/api";
import { GROUP_KINDS, type GroupKind } from "@dm/db/enums";
import { describedBy, Field } from "@/components/tasks/field";
import { MutationError } from "@/components/tasks/mutation-error";
import { fieldErrorsOf } from "@/components/tasks/errors";
import { Alert, buttonClass, Card, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { MemberPicker, type PickedMember } from "./member-picker";

type Group = inferRouterOutputs<AppRouter>["group"]["byId"];

/**
 * 派驻 (or its edit): a group or one supervisor, to a department of the caller's register, for a
 * term, with members of the caller's roster subtree in their roles. The server checks it all
 * again; here the person gets the common mistakes pointed out before sending.
 */
export function GroupForm({ group, today, committeeName }: { group?: Group; today: string; committeeName: string }) {
  const t = useTranslations("groups.form");
  const tg = useTranslations("groups");
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const id = useId();
  const { data: register } = useSuspenseQuery(trpc.department.list.queryOptions({}));
  const [kind, setKind] = useState<GroupKind>(group?.kind ?? "group");
  const [departmentId, setDepartmentId] = useState<number | null>(group?.departmentId ?? null);
  const [name, setName] = useState(group?.name ?? "");
  const [nameTouched, setNameTouched] = useState(Boolean(group));
  const year = Number(today.slice(0, 4));
  const [termStart, setTermStart] = useState(group?.termStart ?? today);
  const [termEnd, setTermEnd] = useState(group?.termEnd ?? `${year + 1}-12-31`);
  const [members, setMembers] = useState<PickedMember[]>(
    group?.members.map((m) => ({ memberId: m.memberId, name: m.name, detail: `${m.committeeName} · ${m.sector}`, role: m.role })) ?? [],
  );
  const [local, setLocal] = useState<Record<string, string>>({});

  const departments = register.items.filter((d) => d.active || d.id === group?.departmentId);
  const suggestedName = (k: GroupKind, deptId: number | null) => {
    const dept = register.items.find((d) => d.id === deptId);
    return dept ? t(k === "group" ? "nameSuggestionGroup" : "nameSuggestionIndividual", { committee: committeeName, department: dept.name }) : "";
  };

  const onSuccess = async ({ id: groupId }: { id: number }) => {
    await queryClient.invalidateQueries(trpc.group.pathFilter());
    await queryClient.invalidateQueries(trpc.department.pathFilter());
    router.push(`/groups/${groupId}`);
  };
  const create = useMutation(trpc.group.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.group.update.mutationOptions({ onSuccess }));
  const mutation = group ? update : create;

  const submit = () => {
    const problems: Record<string, string> = {};
    if (!departmentId) problems.departmentId = t("departmentRequired");
    if (!name.trim()) problems.name = t("nameRequired");
    if (members.length === 0) problems.members = t("needMember");
    else if (kind === "group" && members.filter((m) => m.role === "leader").length !== 1) problems.members = t("needLeader");
    if (termEnd < termStart) problems.termEnd = t("badTerm");
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const data = { departmentId: departmentId!, name, termStart, termEnd, members: members.map((m) => ({ memberId: m.memberId, role: kind === "individual" ? ("supervisor" as const) : m.role })) };
    if (group) update.mutate({ id: group.id, version: group.version, data });
    else create.mutate({ kind, ...data });
  };

  const errorsOf = (field: string) => [...(local[field] ? [local[field]!] : []), ...fieldErrorsOf(mutation.error, field)];
  const fields = ["departmentId", "name", "termStart", "termEnd", "members", "kind"] as const;
  const anyField = fields.some((f) => errorsOf(f).length);
  const membersHint = kind === "group" ? t("membersHintGroup") : t("membersHintIndividual");

  if (register.items.length === 0) return <Alert tone="info">{t("noDepartments")}</Alert>;

  return (
    <Card>
      <form
        noValidate
        className="space-y-5 p-4 sm:p-5"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {group ? null : (
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-slate-700">{t("kind")}</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {GROUP_KINDS.map((k) => (
                <label
                  key={k}
                  className={clsx(
                    "flex cursor-pointer flex-col rounded-md border px-3 py-2.5 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600/40",
                    kind === k ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-white hover:bg-slate-50",
                  )}
                >
                  <span className="flex items-center gap-2 text-sm font-medium text-slate-900">
                    <input
                      type="radio"
                      name={`${id}-kind`}
                      value={k}
                      checked={kind === k}
                      className="accent-brand-700"
                      onChange={() => {
                        setKind(k);
                        if (k === "individual") setMembers((list) => list.slice(0, 1).map((m) => ({ ...m, role: "supervisor" })));
                        else setMembers((list) => list.map((m) => ({ ...m, role: "leader" })));
                        if (!nameTouched) setName(suggestedName(k, departmentId));
                      }}
                    />
                    {t(`kinds.${k}`)}
                  </span>
                  <span className="mt-0.5 pl-6 text-xs text-slate-500">{t(`kindHints.${k}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        )}

        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={`${id}-dept`} label={t("department")} required errors={errorsOf("departmentId")}>
            <select
              id={`${id}-dept`}
              className={inputClass}
              value={departmentId ?? ""}
              onChange={(e) => {
                const next = e.target.value ? Number(e.target.value) : null;
                setDepartmentId(next);
                if (!nameTouched) setName(suggestedName(kind, next));
              }}
              {...describedBy(`${id}-dept`, { errors: errorsOf("departmentId") })}
            >
              <option value="">{t("chooseDepartment")}</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${id}-name`} label={t("name")} required errors={errorsOf("name")}>
            <input
              id={`${id}-name`}
              className={inputClass}
              value={name}
              maxLength={60}
              placeholder={t("namePlaceholder")}
              onChange={(e) => {
                setName(e.target.value);
                setNameTouched(true);
              }}
              {...describedBy(`${id}-name`, { errors: errorsOf("name") })}
            />
          </Field>
          <Field id={`${id}-start`} label={t("termStart")} required errors={errorsOf("termStart")}>
            <input id={`${id}-start`} type="date" className={inputClass} value={termStart} onChange={(e) => setTermStart(e.target.value)} {...describedBy(`${id}-start`, { errors: errorsOf("termStart") })} />
          </Field>
          <Field id={`${id}-end`} label={t("termEnd")} required errors={errorsOf("termEnd")}>
            <input id={`${id}-end`} type="date" className={inputClass} value={termEnd} min={termStart} onChange={(e) => setTermEnd(e.target.value)} {...describedBy(`${id}-end`, { errors: errorsOf("termEnd") })} />
          </Field>
        </div>

        <div>
          <p className="mb-1 text-sm font-medium text-slate-700">
            {kind === "group" ? t("members") : t("supervisor")}
            <span className="ml-0.5 text-red-600" aria-hidden>
              *
            </span>
          </p>
          <p id={`${id}-members-hint`} className="mb-2 text-xs text-slate-500">
            {membersHint}
          </p>
          <MemberPicker value={members} onChange={setMembers} individual={kind === "individual"} describedBy={`${id}-members-hint`} />
          {errorsOf("members").length ? <p className="mt-1 text-sm text-red-600">{errorsOf("members").join("；")}</p> : null}
        </div>

        {mutation.error && !anyField ? <MutationError error={mutation.error} /> : null}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <button type="button" className={buttonClass.secondary} onClick={() => router.back()} disabled={mutation.isPending}>
            {tg("cancel")}
          </button>
          <button type="submit" className={buttonClass.primary} disabled={mutation.isPending}>
            {mutation.isPending ? tg("saving") : group ? t("submitEdit") : t("submitCreate")}
          </button>
        </div>
      </form>
    </Card>
  );
}
