import { Plus } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { MemberActivityList } from "@/components/activities/member-list";
import { parseActivitySearch, parseMemberView } from "@/components/activities/params";
import { StaffActivityList } from "@/components/activities/staff-list";
import { Forbidden } from "@/components/tasks/forbidden";
import { LinkButton, PageHeader } from "@/components/ui";
import { ExportButton } from "@/components/export-button";
import { requireAccount } from "@/server/viewer";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { toURLSearchParams } from "../tasks/params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("activities"))("title") };
}

/** Staff manage the activities organised in their scope; members see those open to them. */
export default async function ActivitiesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const account = await requireAccount();
  const t = await getTranslations("activities");
  const params = toURLSearchParams(await searchParams);
  const queryClient = getQueryClient();
  if (can(account.role, "activity.join")) {
    await queryClient.prefetchQuery(trpc.activity.forMember.queryOptions(parseMemberView(params)));
    return (
      <>
        <PageHeader title={t("title")} description={t("memberDescription")} />
        <HydrateClient>
          <MemberActivityList />
        </HydrateClient>
      </>
    );
  }
  if (!can(account.role, "activity.organise")) return <Forbidden title={t("title")} />;
  await Promise.all([queryClient.prefetchQuery(trpc.activity.list.queryOptions(parseActivitySearch(params))), queryClient.prefetchQuery(trpc.activity.choices.queryOptions())]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")}>
        <div className="flex flex-wrap gap-2">
          <ExportButton kind="activities" />
          <LinkButton href="/activities/new" variant="primary">
            <Plus className="h-4 w-4" aria-hidden />
            {t("new")}
          </LinkButton>
        </div>
      </PageHeader>
      <HydrateClient>
        <StaffActivityList />
      </HydrateClient>
    </>
  );
}
