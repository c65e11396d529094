import { Plus } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { GroupList } from "@/components/groups/group-list";
import { GroupsNav } from "@/components/groups/groups-nav";
import { toURLSearchParams } from "@/app/(app)/tasks/params";
import { Forbidden } from "@/components/tasks/forbidden";
import { LinkButton, PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { getCaller } from "@/trpc/server";
import { parseGroupSearch } from "./params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups"))("title") };
}

/**
 * Staff see the groups in their scope; a member sees the groups they serve in. Rendered from data
 * loaded here, without React Query (a member's phone loads this page's code).
 */
async function GroupsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const account = await requireAccount();
  const t = await getTranslations("groups");
  const staff = can(account.role, "group.read");
  if (!staff && !can(account.role, "group.serve")) return <Forbidden title={t("title")} />;
  const parsed = parseGroupSearch(toURLSearchParams(await searchParams));
  const caller = await getCaller();
  const [departments, data] = await Promise.all([staff ? caller.department.inScope() : Promise.resolve([]), caller.group.list(staff ? parsed : { page: parsed.page })]);
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
      <GroupList data={data} departments={departments} mine={!staff} />
    </>
  );
}

export default withClientMessages(["groups", "roles", "work"], GroupsPage);
