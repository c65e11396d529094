import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { chinaToday } from "@dm/api/domain/china-time";
import { can } from "@dm/api/domain/roles";
import { BackLink } from "@/components/groups/back-link";
import { GroupForm } from "@/components/groups/group-form";
import { Forbidden } from "@/components/tasks/forbidden";
import { PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getQueryClient, trpc } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups.form"))("newTitle") };
}

async function NewGroupPage() {
  const account = await requireAccount();
  const t = await getTranslations("groups");
  if (!can(account.role, "group.manage")) return <Forbidden title={t("form.newTitle")} />;
  await getQueryClient().prefetchQuery(trpc.department.list.queryOptions({}));
  return (
    <>
      <BackLink href="/groups" label={t("title")} />
      <PageHeader title={t("form.newTitle")} description={t("form.newDescription", { committee: account.committeeName })} />
      <HydrateClient>
        <GroupForm today={chinaToday()} committeeName={account.committeeName} />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["groups", "roles", "work"], NewGroupPage);
