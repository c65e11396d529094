import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { Forbidden } from "@/components/tasks/forbidden";
import { orNotFound, routeId } from "@/components/tasks/server";
import { PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getCaller, getQueryClient, trpc } from "@/trpc/server";
import { MemberForm } from "../../member-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("memberForm"))("editTitle") };
}

async function EditMemberPage({ params }: { params: Promise<{ id: string }> }) {
  const account = await requireAccount();
  const t = await getTranslations("memberForm");
  const id = routeId((await params).id);
  if (!can(account.role, "member.write")) return <Forbidden title={t("editTitle")} />;
  const member = await orNotFound((await getCaller()).member.byId({ id }));
  await getQueryClient().prefetchQuery(trpc.member.committeeChoices.queryOptions());
  return (
    <>
      <PageHeader title={t("editTitle")} description={member.name} />
      <HydrateClient>
        <MemberForm member={member} defaultCommitteeId={account.committeeId} />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["common", "memberForm", "memberLevels", "work"], EditMemberPage);
