import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { Forbidden } from "@/components/tasks/forbidden";
import { PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { MemberImport } from "./member-import";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("memberImport"))("title") };
}

async function MemberImportPage() {
  const account = await requireAccount();
  const t = await getTranslations("memberImport");
  if (!can(account.role, "member.write")) return <Forbidden title={t("title")} />;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrateClient>
        <MemberImport />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["memberImport", "work"], MemberImportPage);
