"use client";

import { keepPreviousData, useQuery, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { MEMBER_LEVELS, SECTORS } from "@dm/db/enums";
import { MEMBER_PAGE_SIZES, type MemberListInput } from "@dm/api/schemas/member";
import { ResultSummary, SearchBox, useUrlInput } from "@/components/list";
import { Badge, buttonClass, Card, EmptyState, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { parseMemberSearch, toSearchParams } from "./params";

export function MemberDirectory() {
  const t = useTranslations();
  const trpc = useTRPC();
  const { input, go, clear } = useUrlInput(parseMemberSearch, toSearchParams);
  const { data: committees } = useSuspenseQuery(trpc.committee.tree.queryOptions());
  const { data, isFetching, isError, error } = useQuery({ ...trpc.member.list.queryOptions(input), placeholderData: keepPreviousData });


  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const filtered = Boolean(input.search || input.committeeId || input.sector || input.level || input.status);

  return (
    <Card>
      <div className="flex flex-col gap-3 border-b border-slate-100 p-4 lg:flex-row lg:items-center">
        <SearchBox id="member-search" className="flex-1" label={t("members.search")} placeholder={t("members.searchPlaceholder")} value={input.search} onSearch={(search) => go({ search })} />
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:flex">
          <select aria-label={t("members.committee")} className={inputClass} value={input.committeeId ?? ""} onChange={(e) => go({ committeeId: e.target.value ? Number(e.target.value) : undefined })}>
            <option value="">{t("members.allCommittees")}</option>
            {committees.map((c) => (
              <option key={c.id} value={c.id}>
                {"\u3000".repeat(Math.max(0, c.path.split("/").length - 3 - (committees[0]!.path.split("/").length - 3)))}
                {c.name}
              </option>
            ))}
          </select>
          <select aria-label={t("members.sector")} className={inputClass} value={input.sector ?? ""} onChange={(e) => go({ sector: (e.target.value || undefined) as MemberListInput["sector"] })}>
            <option value="">{t("members.allSectors")}</option>
            {SECTORS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <select aria-label={t("members.level")} className={inputClass} value={input.level ?? ""} onChange={(e) => go({ level: (e.target.value || undefined) as MemberListInput["level"] })}>
            <option value="">{t("members.allLevels")}</option>
            {MEMBER_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`memberLevels.${l}`)}
              </option>
            ))}
          </select>
          <select aria-label={t("members.status")} className={inputClass} value={input.status ?? "active"} onChange={(e) => go({ status: e.target.value === "inactive" ? "inactive" : undefined })}>
            <option value="active">{t("members.statusActive")}</option>
            <option value="inactive">{t("members.statusInactive")}</option>
          </select>
        </div>
      </div>

      {isError ? (
        <div role="alert" className="m-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {error.message}
        </div>
      ) : null}

      <ResultSummary text={data ? t("members.total", { total: data.total }) : t("members.loading")} clearLabel={t("members.clear")} onClear={filtered ? clear : undefined} />

      {data && data.items.length === 0 ? (
        <EmptyState title={t("members.empty")} hint={t("members.emptyHint")} />
      ) : (
        <div className={isFetching ? "opacity-60 transition-opacity" : undefined} aria-busy={isFetching}>
          {/* Phones get cards; wider screens a table. */}
          <ul className="divide-y divide-slate-100 md:hidden">
            {data?.items.map((m) => (
              <li key={m.id} className="px-4 py-3">
                <div className="flex items-center justify-between gap-2">
                  <Link href={`/members/${m.id}`} prefetch={false} className="font-medium text-brand-700 hover:underline">
                    {m.name}
                  </Link>
                  <span className="flex gap-1">
                    {m.active ? null : <Badge tone="red">{t("members.inactive")}</Badge>}
                    <Badge tone="gold">{m.sector}</Badge>
                  </span>
                </div>
                <p className="mt-1 text-xs text-slate-500">
                  {m.committeeName} · {t(`memberLevels.${m.level}`)} · {m.party}
                </p>
                <p className="mt-1 text-xs text-slate-500">
                  <a href={`tel:${m.phone}`} className="text-brand-700">
                    {m.phone}
                  </a>{" "}
                  · {m.workplace}
                </p>
              </li>
            ))}
          </ul>
          <div className="hidden overflow-x-auto md:block">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-slate-500">
                <tr className="border-b border-slate-100">
                  {(["name", "gender", "committee", "sector", "party", "level", "phone", "workplace", "signIn"] as const).map((h) => (
                    <th key={h} scope="col" className="px-4 py-2.5 font-medium whitespace-nowrap">
                      {t(`members.${h}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data?.items.map((m) => (
                  <tr key={m.id} className="hover:bg-slate-50">
                    <td className="px-4 py-2.5 font-medium whitespace-nowrap">
                      <Link href={`/members/${m.id}`} prefetch={false} className="text-brand-700 hover:underline">
                        {m.name}
                      </Link>
                    </td>
                    <td className="px-4 py-2.5 whitespace-nowrap">{m.gender}</td>
                    <td className="px-4 py-2.5 whitespace-nowrap">{m.committeeName}</td>
                    <td className="px-4 py-2.5 whitespace-nowrap">{m.sector}</td>
                    <td className="px-4 py-2.5 whitespace-nowrap">{m.party}</td>
                    <td className="px-4 py-2.5 whitespace-nowrap">{t(`memberLevels.${m.level}`)}</td>
                    <td className="px-4 py-2.5 whitespace-nowrap tabular-nums">{m.phone}</td>
                    <td className="max-w-64 truncate px-4 py-2.5 text-slate-600" title={m.workplace}>
                      {m.workplace}
                    </td>
                    <td className="px-4 py-2.5 whitespace-nowrap">{m.hasSignIn ? <Badge tone="green">{t("members.hasSignIn")}</Badge> : <span className="text-xs text-slate-500">{t("members.noSignIn")}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}

      {data && data.total > 0 ? (
        <nav className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 px-4 py-3 text-sm" aria-label={t("members.page", { page: data.page, pages })}>
          <span className="text-slate-500">{t("members.page", { page: data.page, pages })}</span>
          <div className="flex items-center gap-2">
            <select aria-label={t("members.pageSize", { size: data.pageSize })} className={`${inputClass} w-auto`} value={data.pageSize} onChange={(e) => go({ pageSize: Number(e.target.value) as MemberListInput["pageSize"] })}>
              {MEMBER_PAGE_SIZES.map((s) => (
                <option key={s} value={s}>
                  {t("members.pageSize", { size: s })}
                </option>
              ))}
            </select>
            <button type="button" className={buttonClass.secondary} disabled={data.page <= 1} onClick={() => go({ page: data.page - 1 })}>
              {t("members.prev")}
            </button>
            <button type="button" className={buttonClass.secondary} disabled={data.page >= pages} onClick={() => go({ page: data.page + 1 })}>
              {t("members.next")}
            </button>
          </div>
        </nav>
      ) : null}
    </Card>
  );
}
