import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { chinaToday } from "@dm/api/domain/china-time";
import { can } from "@dm/api/domain/roles";
import { BackLink } from "@/components/groups/back-link";
import { GroupForm } from "@/components/groups/group-form";
import { loadGroup } from "@/components/groups/server";
import { Forbidden } from "@/components/tasks/forbidden";
import { routeId } from "@/components/tasks/server";
import { PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getQueryClient, trpc } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups.form"))("editTitle") };
}

/** Only the dispatching committee edits; others in scope see "no access", the rest a 404. */
async function EditGroupPage({ params }: { params: Promise<{ id: string }> }) {
  const account = await requireAccount();
  const t = await getTranslations("groups");
  const id = routeId((await params).id);
  if (!can(account.role, "group.manage")) return <Forbidden title={t("form.editTitle")} />;
  const group = await loadGroup(id);
  if (!group.can.manage) return <Forbidden title={t("form.editTitle")} />;
  await getQueryClient().prefetchQuery(trpc.department.list.queryOptions({}));
  return (
    <>
      <BackLink href={`/groups/${group.id}`} label={group.name} />
      <PageHeader title={t("form.editTitle")} description={group.name} />
      <HydrateClient>
        <GroupForm group={group} today={chinaToday()} committeeName={account.committeeName} />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["groups", "roles", "work"], EditGroupPage);
