import { Plus } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { GroupList } from "@/components/groups/group-list";
import { GroupsNav } from "@/components/groups/groups-nav";
import { toURLSearchParams } from "@/app/(app)/tasks/params";
import { Forbidden } from "@/components/tasks/forbidden";
import { LinkButton, PageHeader } from "@/components/ui";
import { requireAccount } from "@/server/viewer";
import { getCaller, getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { parseGroupSearch } from "./params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups"))("title") };
}

/** Staff see the groups in their scope; a member sees the groups they serve in. */
export default async function GroupsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const account = await requireAccount();
  const t = await getTranslations("groups");
  const staff = can(account.role, "group.read");
  if (!staff && !can(account.role, "group.serve")) return <Forbidden title={t("title")} />;
  const input = staff ? parseGroupSearch(toURLSearchParams(await searchParams)) : { page: 1 };
  const [departments] = await Promise.all([
    staff ? (await getCaller()).department.inScope() : Promise.resolve([]),
    getQueryClient().prefetchQuery(trpc.group.list.queryOptions(input)),
  ]);
  return (
    <>
      <PageHeader title={staff ? t("title") : t("myTitle")} description={staff ? t("description") : t("myDescription")}>
        {can(account.role, "group.manage") ? (
          <LinkButton href="/groups/new" variant="primary">
            <Plus className="h-4 w-4" aria-hidden />
            {t("dispatch")}
          </LinkButton>
        ) : null}
      </PageHeader>
      {staff ? <GroupsNav /> : null}
      <HydrateClient>
        <GroupList departments={departments} mine={!staff} />
      </HydrateClient>
    </>
  );
}
