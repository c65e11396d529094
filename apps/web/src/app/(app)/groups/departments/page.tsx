import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { CommitteeSwitch } from "@/components/groups/committee-switch";
import { DepartmentRegister } from "@/components/groups/department-register";
import { GroupsNav } from "@/components/groups/groups-nav";
import { Forbidden } from "@/components/tasks/forbidden";
import { PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getCaller, getQueryClient, trpc } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups.departments"))("title") };
}

/** The caller's own register (editable by its record keepers), or one below it with ?committee=. */
async function DepartmentsPage({ searchParams }: { searchParams: Promise<{ committee?: string }> }) {
  const account = await requireAccount();
  const t = await getTranslations("groups");
  if (!can(account.role, "group.read")) return <Forbidden title={t("departments.title")} />;
  const registers = await (await getCaller()).department.inScope();
  const committees = [...new Map([[account.committeeId, account.committeeName], ...registers.map((d) => [d.committeeId, d.committeeName] as const)]).entries()];
  const raw = Number((await searchParams).committee);
  const committeeId = committees.some(([id]) => id === raw) && raw !== account.committeeId ? raw : undefined;
  await getQueryClient().prefetchQuery(trpc.department.list.queryOptions({ committeeId }));
  return (
    <>
      <PageHeader title={t("departments.title")} description={t("departments.description")}>
        {committees.length > 1 ? <CommitteeSwitch committees={committees} current={committeeId ?? account.committeeId} /> : null}
      </PageHeader>
      <GroupsNav />
      <HydrateClient>
        <DepartmentRegister committeeId={committeeId} editable={!committeeId && can(account.role, "group.manage")} />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["groups", "work"], DepartmentsPage);
