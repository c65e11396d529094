import { Plus } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { toURLSearchParams } from "@/app/(app)/tasks/params";
import { Forbidden } from "@/components/tasks/forbidden";
import { LinkButton, PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getQueryClient, trpc } from "@/trpc/server";
import { parseProblemSearch } from "./params";
import { ProblemLedger } from "./problem-ledger";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("problems"))("title") };
}

async function ProblemsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const account = await requireAccount();
  const t = await getTranslations("problems");
  if (!can(account.role, "problem.read")) return <Forbidden title={t("title")} />;
  const input = parseProblemSearch(toURLSearchParams(await searchParams));
  const { page: _page, ...filters } = input;
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.problem.list.queryOptions(input)),
    queryClient.prefetchQuery(trpc.problem.counts.queryOptions(filters)),
    queryClient.prefetchQuery(trpc.problem.departmentOptions.queryOptions()),
    queryClient.prefetchQuery(trpc.committee.tree.queryOptions()),
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")}>
        {can(account.role, "problem.write") ? (
          <LinkButton href="/problems/new" variant="primary">
            <Plus className="h-4 w-4" aria-hidden />
            {t("new")}
          </LinkButton>
        ) : null}
      </PageHeader>
      <HydrateClient>
        <ProblemLedger />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["common", "problemCategory", "problemSource", "problemStatus", "problems", "work"], ProblemsPage);
