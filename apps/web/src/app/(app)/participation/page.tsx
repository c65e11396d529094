import { ListOrdered } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { Card, EmptyState, LinkButton, PageHeader } from "@/components/ui";
import { ExportButton } from "@/components/export-button";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { getCaller } from "@/trpc/server";
import { MyParticipation } from "./my-participation";
import { parseRankingSearch } from "./params";
import { Ranking } from "./ranking";
import { parseYear } from "./years";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("participation"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Members see their own year; staff see the ranking of the committees in their scope. Both are
 * rendered from data loaded here, without React Query (they share the page's code, and a
 * member's phone loads it).
 */
async function ParticipationPage({ searchParams }: Props) {
  const account = await requireAccount();
  const t = await getTranslations("participation");
  const raw = await searchParams;
  const caller = await getCaller();
  const rulesLink = (
    <LinkButton href="/participation/rules">
      <ListOrdered className="h-4 w-4" aria-hidden />
      {t("rulesLink")}
    </LinkButton>
  );

  if (can(account.role, "participation.read")) {
    const params = new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
    const [data, committees] = await Promise.all([caller.participation.ranking(parseRankingSearch(params)), caller.committee.tree()]);
    return (
      <>
        <PageHeader title={t("ranking")} description={t("staffDescription")}>
          <div className="flex flex-wrap gap-2">
            <ExportButton kind="points" />
            {rulesLink}
          </div>
        </PageHeader>
        <Ranking data={data} committees={committees} />
      </>
    );
  }

  if (account.role !== "member") {
    return (
      <>
        <PageHeader title={t("title")} />
        <Card>
          <EmptyState title={t("notMember")} />
        </Card>
      </>
    );
  }
  const year = parseYear(raw.year);
  const record = await caller.participation.mine({ year });
  return (
    <>
      <PageHeader title={t("title")} description={t("mineDescription")}>
        {rulesLink}
      </PageHeader>
      <MyParticipation year={year} record={record} />
    </>
  );
}

export default withClientMessages(["attendance", "exports", "participation", "work"], ParticipationPage);
