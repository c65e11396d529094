import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { Forbidden } from "@/components/tasks/forbidden";
import { PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getQueryClient, trpc } from "@/trpc/server";
import { MemberForm } from "../member-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("memberForm"))("newTitle") };
}

async function NewMemberPage() {
  const account = await requireAccount();
  const t = await getTranslations("memberForm");
  if (!can(account.role, "member.write")) return <Forbidden title={t("newTitle")} />;
  await getQueryClient().prefetchQuery(trpc.member.committeeChoices.queryOptions());
  return (
    <>
      <PageHeader title={t("newTitle")} />
      <HydrateClient>
        <MemberForm defaultCommitteeId={account.committeeId} />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["common", "memberForm", "memberLevels", "work"], NewMemberPage);
