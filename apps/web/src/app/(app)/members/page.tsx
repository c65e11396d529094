import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getQueryClient, trpc } from "@/trpc/server";
import { MemberDirectory } from "./member-directory";
import { RosterActions } from "./roster-actions";
import { parseMemberSearch } from "./params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("members"))("title") };
}

async function MembersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const account = await requireAccount();
  const t = await getTranslations();
  if (!can(account.role, "member.read")) {
    return (
      <>
        <PageHeader title={t("members.title")} />
        <Card>
          <EmptyState title={t("errors.forbiddenTitle")} hint={t("errors.forbiddenBody")} />
        </Card>
      </>
    );
  }
  const raw = await searchParams;
  const params = new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.member.list.queryOptions(parseMemberSearch(params))),
    queryClient.prefetchQuery(trpc.committee.tree.queryOptions()),
  ]);
  return (
    <>
      <PageHeader title={t("members.title")} description={t("members.description")}>
        {can(account.role, "member.write") ? <RosterActions /> : null}
      </PageHeader>
      <HydrateClient>
        <MemberDirectory />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["memberLevels", "members", "rosterActions"], MembersPage);
