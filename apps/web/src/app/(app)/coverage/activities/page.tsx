import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { ActivityList } from "@/components/monthly/activity-list";
import { monthInstant } from "@/components/monthly/month";
import { Forbidden } from "@/components/tasks/forbidden";
import { orNotFound } from "@/components/tasks/server";
import { Card, PageHeader } from "@/components/ui";
import { requireAccount } from "@/server/viewer";
import { getCaller } from "@/trpc/server";
import { toURLSearchParams } from "../../tasks/params";
import { periodQuery } from "../params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("coverage"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const int = (v: string | null) => (v && /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : undefined);

/** The activities behind one cell of the coverage matrix: a committee (or its subtree) in one month. */
export default async function CoverageCellPage({ searchParams }: Props) {
  const account = await requireAccount();
  const t = await getTranslations("coverage");
  if (!can(account.role, "coverage.read")) return <Forbidden title={t("title")} />;
  const params = toURLSearchParams(await searchParams);
  const campaignId = int(params.get("campaign"));
  const year = campaignId ? undefined : int(params.get("year"));
  const committeeId = int(params.get("committee"));
  const month = params.get("month") ?? "";
  if ((!campaignId && !year) || !committeeId || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || (year && (year < 2000 || year > 2100))) notFound();
  const subtree = params.get("scope") === "all";
  const period = campaignId ? { campaignId } : { year: year! };
  const cell = await orNotFound((await getCaller()).coverage.cell({ ...period, committeeId, month, subtree }));
  const format = await getFormatter();
  const monthText = format.dateTime(monthInstant(month), { year: "numeric", month: "long" });
  const periodText = cell.campaign ? cell.campaign.title : t("yearOption", { year: cell.year });

  return (
    <>
      <Link href={`/coverage?${periodQuery(period)}`} className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-brand-700">
        <ArrowLeft className="h-4 w-4" aria-hidden />
        {t("back")}
      </Link>
      <PageHeader
        title={t("listTitle", { name: cell.committee.name, scope: subtree ? t("andTownships") : "", month: monthText })}
        description={t("listDescription", { period: periodText })}
      />
      <Card>
        {cell.items.length ? <p className="px-4 pt-3 text-sm text-slate-500">{t("listTotal", { total: cell.items.length })}</p> : null}
        <ActivityList items={cell.items} empty={t("listEmpty")} emptyHint={t("listEmptyHint")} />
      </Card>
    </>
  );
}
