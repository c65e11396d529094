"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Pencil, Plus } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { ConfirmDialog } from "@/components/tasks/confirm-dialog";
import { describedBy, Field } from "@/components/tasks/field";
import { MutationError } from "@/components/tasks/mutation-error";
import { fieldErrorsOf } from "@/components/tasks/errors";
import { NoticeBanner } from "@/components/tasks/notice";
import type { Notice } from "@/components/tasks/review-actions";
import { Badge, buttonClass, Card, CardHeader, EmptyState, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { formatRate } from "./labels";

type Department = { id: number; name: string; active: boolean };

/**
 * 职能部门名册: one committee's register with each department's groups and adoption rate. The
 * committee's own record keepers add, rename, deactivate and reactivate; others in scope read.
 */
export function DepartmentRegister({ committeeId, editable }: { committeeId?: number; editable: boolean }) {
  const t = useTranslations("groups.departments");
  const tg = useTranslations("groups");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.department.list.queryOptions({ committeeId }));
  const [notice, setNotice] = useState<Notice | null>(null);
  const [renaming, setRenaming] = useState<Department | null>(null);
  const [toggling, setToggling] = useState<Department | null>(null);
  const refresh = () => Promise.all([queryClient.invalidateQueries(trpc.department.pathFilter()), queryClient.invalidateQueries(trpc.group.pathFilter())]);

  const setActive = useMutation(
    trpc.department.setActive.mutationOptions({
      onSuccess: async (result) => {
        const name = data.items.find((d) => d.id === result.id)?.name ?? "";
        setNotice({ tone: "success", text: t(result.active ? "activated" : "deactivated", { name }) });
        setToggling(null);
        await refresh();
      },
    }),
  );

  return (
    <div className="space-y-4">
      <NoticeBanner notice={notice} />
      {editable ? <AddDepartment onAdded={(name) => setNotice({ tone: "success", text: t("added", { name }) })} refresh={refresh} /> : null}
      <Card>
        <CardHeader title={t("listTitle", { committee: data.committee.name, count: data.items.length })} />
        {data.items.length === 0 ? (
          <EmptyState title={t("empty")} hint={editable ? t("emptyHint") : undefined} />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-slate-500">
                <tr className="border-b border-slate-100">
                  <th scope="col" className="px-4 py-2.5 font-medium">
                    {t("columns.name")}
                  </th>
                  <th scope="col" className="hidden px-3 py-2.5 text-center font-medium whitespace-nowrap sm:table-cell">
                    {t("columns.groups")}
                  </th>
                  <th scope="col" className="hidden px-3 py-2.5 text-center font-medium whitespace-nowrap sm:table-cell">
                    {t("columns.opinions")}
                  </th>
                  <th scope="col" className="px-3 py-2.5 text-right font-medium whitespace-nowrap" title={tg("rate.hint")}>
                    {t("columns.rate")}
                  </th>
                  {editable ? (
                    <th scope="col" className="px-4 py-2.5 text-right font-medium">
                      <span className="sr-only">{t("columns.actions")}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.items.map((d) => (
                  <tr key={d.id} className={d.active ? undefined : "bg-slate-50 text-slate-500"} data-department={d.name}>
                    <td className="px-4 py-2.5">
                      <Link href={`/groups?department=${d.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                        {d.name}
                      </Link>
                      {d.active ? null : (
                        <span className="ml-2">
                          <Badge>{t("inactive")}</Badge>
                        </span>
                      )}
                      <p className="mt-0.5 text-xs text-slate-500 sm:hidden">
                        {t("columns.groups")} {t("groupCounts", { active: d.activeGroups, all: d.groups })} · {t("columns.opinions")} {t("opinionCounts", { total: d.opinions.total, answered: d.opinions.total - d.opinions.unanswered })}
                      </p>
                    </td>
                    <td className="hidden px-3 py-2.5 text-center tabular-nums whitespace-nowrap sm:table-cell">
                      {t("groupCounts", { active: d.activeGroups, all: d.groups })}
                    </td>
                    <td className="hidden px-3 py-2.5 text-center tabular-nums whitespace-nowrap sm:table-cell">
                      {t("opinionCounts", { total: d.opinions.total, answered: d.opinions.total - d.opinions.unanswered })}
                    </td>
                    <td className="px-3 py-2.5 text-right font-medium tabular-nums">{formatRate(d.opinions.rate) ?? <span className="text-slate-300">{tg("rate.none")}</span>}</td>
                    {editable ? (
                      <td className="px-4 py-2.5 text-right whitespace-nowrap">
                        <button type="button" className="mr-1 inline-flex h-9 items-center gap-1 rounded px-2 text-sm text-slate-600 hover:bg-slate-100" onClick={() => setRenaming(d)} aria-label={t("renameNamed", { name: d.name })}>
                          <Pencil className="h-4 w-4" aria-hidden />
                          <span className="hidden sm:inline">{t("rename")}</span>
                        </button>
                        <button type="button" className={d.active ? "inline-flex h-9 items-center rounded px-2 text-sm text-red-700 hover:bg-red-50" : "inline-flex h-9 items-center rounded px-2 text-sm text-brand-700 hover:bg-brand-50"} onClick={() => (d.active ? setToggling(d) : setActive.mutate({ id: d.id, active: true }))}>
                          {d.active ? t("deactivate") : t("activate")}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">{tg("rate.hint")}</p>
      </Card>

      {renaming ? <RenameDialog department={renaming} onClose={() => setRenaming(null)} onDone={(name) => setNotice({ tone: "success", text: t("renamed", { name }) })} refresh={refresh} /> : null}
      <ConfirmDialog
        open={toggling !== null}
        tone="danger"
        title={t("deactivateTitle", { name: toggling?.name ?? "" })}
        description={t("deactivateBody")}
        confirmLabel={t("deactivate")}
        pending={setActive.isPending}
        onClose={() => setToggling(null)}
        onConfirm={() => toggling && setActive.mutate({ id: toggling.id, active: false })}
      >
        {setActive.error ? <MutationError error={setActive.error} /> : null}
      </ConfirmDialog>
    </div>
  );
}

function AddDepartment({ onAdded, refresh }: { onAdded: (name: string) => void; refresh: () => Promise<unknown> }) {
  const t = useTranslations("groups.departments");
  const trpc = useTRPC();
  const id = useId();
  const [name, setName] = useState("");
  const [missing, setMissing] = useState(false);
  const add = useMutation(
    trpc.department.create.mutationOptions({
      onSuccess: async () => {
        onAdded(name.trim());
        setName("");
        await refresh();
      },
    }),
  );
  const errors = [...(missing ? [t("nameRequired")] : []), ...fieldErrorsOf(add.error, "name")];
  return (
    <Card className="p-4">
      <form
        noValidate
        className="flex flex-col gap-2 sm:flex-row sm:items-start"
        onSubmit={(e) => {
          e.preventDefault();
          setMissing(!name.trim());
          if (name.trim()) add.mutate({ name });
        }}
      >
        <Field id={`${id}-name`} label={t("add")} errors={errors} className="flex-1">
          <input id={`${id}-name`} className={inputClass} value={name} maxLength={40} placeholder={t("namePlaceholder")} onChange={(e) => setName(e.target.value)} {...describedBy(`${id}-name`, { errors })} />
        </Field>
        <button type="submit" className={`${buttonClass.primary} sm:mt-6`} disabled={add.isPending}>
          <Plus className="h-4 w-4" aria-hidden />
          {t("addButton")}
        </button>
      </form>
      {add.error && !errors.length ? <MutationError error={add.error} className="mt-2" /> : null}
    </Card>
  );
}

function RenameDialog({ department, onClose, onDone, refresh }: { department: Department; onClose: () => void; onDone: (name: string) => void; refresh: () => Promise<unknown> }) {
  const t = useTranslations("groups.departments");
  const trpc = useTRPC();
  const id = useId();
  const [name, setName] = useState(department.name);
  const rename = useMutation(
    trpc.department.rename.mutationOptions({
      onSuccess: async () => {
        onDone(name.trim());
        await refresh();
        onClose();
      },
    }),
  );
  const errors = fieldErrorsOf(rename.error, "name");
  return (
    <ConfirmDialog open title={t("renameTitle")} description={department.name} confirmLabel={t("save")} pending={rename.isPending} onClose={onClose} onConfirm={() => rename.mutate({ id: department.id, name })}>
      <Field id={`${id}-name`} label={t("columns.name")} required errors={errors}>
        <input id={`${id}-name`} className={inputClass} value={name} maxLength={40} onChange={(e) => setName(e.target.value)} {...describedBy(`${id}-name`, { errors })} />
      </Field>
      {rename.error && !errors.length ? <MutationError error={rename.error} /> : null}
    </ConfirmDialog>
  );
}
