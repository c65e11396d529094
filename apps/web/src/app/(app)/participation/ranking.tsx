"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { clsx } from "clsx";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { AppRouter } from "@dm/api";
import { ResultSummary, useUrlInput } from "@/components/list";
import { Pager } from "@/components/tasks/pager";
import { Card, EmptyState, inputClass } from "@/components/ui";
import { parseRankingSearch, toRankingSearch } from "./params";
import { YearSelect } from "./participation-record";

const COUNTS = ["present", "late", "absent", "excused", "finding"] as const;

type Outputs = inferRouterOutputs<AppRouter>;

/**
 * 积分排名: a committee's members (its subtree, in scope) by points for a year, 20 to a page,
 * rendered from the server's answer for the URL (the page shares its code with the members' own
 * record, which goes without React Query).
 */
export function Ranking({ data, committees }: { data: Outputs["participation"]["ranking"]; committees: Outputs["committee"]["tree"] }) {
  const t = useTranslations("participation");
  const { input, go, pending: isFetching } = useUrlInput(parseRankingSearch, toRankingSearch);
  const baseDepth = committees[0] ? committees[0].path.split("/").length : 0;
  const memberLink = (id: number) => `/members/${id}?year=${input.year}`;

  return (
    <Card>
      <div className="flex flex-col gap-2 border-b border-slate-100 p-4 sm:flex-row sm:items-center">
        <select aria-label={t("committee")} className={clsx(inputClass, "sm:w-64")} value={input.committeeId ?? data.committee?.id ?? ""} onChange={(e) => go({ committeeId: Number(e.target.value) || undefined })}>
          {committees.map((c) => (
            <option key={c.id} value={c.id}>
              {"\u3000".repeat(Math.max(0, c.path.split("/").length - baseDepth))}
              {c.name}
            </option>
          ))}
        </select>
        <YearSelect year={input.year} onChange={(year) => go({ year })} />
      </div>

      {data.committee ? <ResultSummary text={t("rankingTotal", { committee: data.committee.name, total: data.total })} clearLabel="" /> : null}

      {data.items.length === 0 ? (
        <EmptyState title={t("rankingEmpty")} />
      ) : (
        <div className={isFetching ? "opacity-60 transition-opacity" : undefined} aria-busy={isFetching}>
          <ol className="divide-y divide-slate-100 md:hidden" aria-label={t("ranking")}>
            {data.items.map((r) => (
              <li key={r.memberId} className="flex items-center gap-3 px-4 py-3">
                <span className={clsx("flex h-8 w-8 shrink-0 items-center justify-center rounded-full text-sm font-semibold tabular-nums", r.rank <= 3 ? "bg-amber-100 text-amber-800" : "bg-slate-100 text-slate-600")}>{r.rank}</span>
                <div className="min-w-0 flex-1">
                  <Link href={memberLink(r.memberId)} prefetch={false} className="font-medium text-brand-700 hover:underline">
                    {r.name}
                  </Link>
                  <p className="truncate text-xs text-slate-500">
                    {r.committeeName} · {t("rule.present")} {r.present} · {t("rule.late")} {r.late} · {t("rule.finding")} {r.finding}
                  </p>
                </div>
                <span className="text-lg font-semibold tabular-nums text-slate-900">{r.points}</span>
              </li>
            ))}
          </ol>
          <div className="hidden overflow-x-auto md:block">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-slate-500">
                <tr className="border-b border-slate-100">
                  <th scope="col" className="px-4 py-2.5 font-medium">{t("rank")}</th>
                  <th scope="col" className="px-4 py-2.5 font-medium">{t("name")}</th>
                  <th scope="col" className="px-4 py-2.5 font-medium">{t("memberCommittee")}</th>
                  {COUNTS.map((c) => (
                    <th key={c} scope="col" className="px-4 py-2.5 text-right font-medium whitespace-nowrap">
                      {t(`attendanceColumn.${c}`)}
                    </th>
                  ))}
                  <th scope="col" className="px-4 py-2.5 text-right font-medium">{t("points")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.items.map((r) => (
                  <tr key={r.memberId} className="hover:bg-slate-50">
                    <td className="px-4 py-2.5 tabular-nums">{r.rank}</td>
                    <td className="px-4 py-2.5 font-medium whitespace-nowrap">
                      <Link href={memberLink(r.memberId)} prefetch={false} className="text-brand-700 hover:underline">
                        {r.name}
                      </Link>
                    </td>
                    <td className="px-4 py-2.5 whitespace-nowrap text-slate-600">{r.committeeName}</td>
                    {COUNTS.map((c) => (
                      <td key={c} className="px-4 py-2.5 text-right tabular-nums text-slate-600">
                        {r[c]}
                      </td>
                    ))}
                    <td className="px-4 py-2.5 text-right font-semibold tabular-nums text-slate-900">{r.points}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(page) => go({ page })} />
    </Card>
  );
}
