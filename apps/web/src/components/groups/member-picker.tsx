"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Plus, Search, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { GROUP_ROLES, type GroupRole } from "@dm/db/enums";
import { buttonClass, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";

export interface PickedMember {
  memberId: number;
  name: string;
  detail: string;
  role: GroupRole;
}

/** Roles a group member can take; 民主监督员 belongs to an individual appointment. */
const GROUP_MEMBER_ROLES = GROUP_ROLES.filter((r) => r !== "supervisor");

/**
 * Picks members from the caller's roster subtree (the roster's own search, so the scope rule is the
 * roster's) and gives each a role. An individual appointment holds one member, as 民主监督员.
 */
export function MemberPicker({ value, onChange, individual, describedBy }: { value: PickedMember[]; onChange: (next: PickedMember[]) => void; individual: boolean; describedBy?: string }) {
  const t = useTranslations("groups.form");
  const tg = useTranslations("groups");
  const trpc = useTRPC();
  const id = useId();
  const [typed, setTyped] = useState("");
  const [search, setSearch] = useState("");
  // Ask the roster once typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const { data, isFetching } = useQuery({ ...trpc.member.list.queryOptions({ search: search || undefined, pageSize: 10 }), placeholderData: keepPreviousData, enabled: search.length > 0 });
  const chosen = new Set(value.map((m) => m.memberId));
  const full = individual && value.length >= 1;

  const add = (m: { id: number; name: string; committeeName: string; sector: string }) => {
    const role: GroupRole = individual ? "supervisor" : value.some((v) => v.role === "leader") ? "member" : "leader";
    onChange([...value, { memberId: m.id, name: m.name, detail: `${m.committeeName} · ${m.sector}`, role }]);
    setTyped("");
    setSearch("");
  };

  return (
    <div className="space-y-3">
      {value.length ? (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-describedby={describedBy}>
          {value.map((m) => (
            <li key={m.memberId} className="flex flex-wrap items-center gap-2 px-3 py-2">
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium text-slate-900">{m.name}</p>
                <p className="truncate text-xs text-slate-500">{m.detail}</p>
              </div>
              {individual ? (
                <span className="text-sm text-slate-700">{tg("roles.supervisor")}</span>
              ) : (
                <select
                  aria-label={t("roleOf", { name: m.name })}
                  className={`${inputClass} w-28!`}
                  value={m.role}
                  onChange={(e) => onChange(value.map((v) => (v.memberId === m.memberId ? { ...v, role: e.target.value as GroupRole } : v)))}
                >
                  {GROUP_MEMBER_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {tg(`roles.${r}`)}
                    </option>
                  ))}
                </select>
              )}
              <button
                type="button"
                aria-label={t("remove", { name: m.name })}
                className="inline-flex h-9 w-9 items-center justify-center rounded text-slate-500 hover:bg-slate-100 hover:text-slate-700"
                onClick={() => onChange(value.filter((v) => v.memberId !== m.memberId))}
              >
                <X className="h-4 w-4" aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      ) : null}

      {full ? null : (
        <div>
          <label htmlFor={`${id}-search`} className="sr-only">
            {t("searchMember")}
          </label>
          <div className="relative">
            <Search className="pointer-events-none absolute top-2.5 left-3 h-4 w-4 text-slate-400" aria-hidden />
            <input id={`${id}-search`} type="search" className={`${inputClass} pl-9`} placeholder={t("searchMember")} value={typed} maxLength={50} onChange={(e) => setTyped(e.target.value)} />
          </div>
          {search ? (
            <ul className={`mt-2 max-h-64 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 ${isFetching ? "opacity-60" : ""}`} aria-label={t("matches")}>
              {data && data.items.length === 0 ? <li className="px-3 py-2 text-sm text-slate-500">{t("noMatches")}</li> : null}
              {data?.items.map((m) => (
                <li key={m.id} className="flex items-center gap-2 px-3 py-2">
                  <div className="min-w-0 flex-1">
                    <p className="text-sm font-medium text-slate-900">{m.name}</p>
                    <p className="truncate text-xs text-slate-500">
                      {m.committeeName} · {m.sector}
                      {m.workplace ? ` · ${m.workplace}` : ""}
                    </p>
                  </div>
                  <button type="button" className={buttonClass.secondary} disabled={chosen.has(m.id)} onClick={() => add(m)} aria-label={t("addNamed", { name: m.name })}>
                    <Plus className="h-4 w-4" aria-hidden />
                    {chosen.has(m.id) ? t("added") : t("add")}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
    </div>
  );
}
