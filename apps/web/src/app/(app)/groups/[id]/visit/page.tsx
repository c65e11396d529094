import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { chinaToday } from "@dm/api/domain/china-time";
import { BackLink } from "@/components/groups/back-link";
import { groupForMember } from "@/components/groups/server";
import { VisitForm } from "@/components/groups/visit-form";
import { Forbidden } from "@/components/tasks/forbidden";
import { Alert, PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups.visit"))("title") };
}

/** 记录走访: for the group's members, while the term runs. */
async function RecordVisitPage({ params }: { params: Promise<{ id: string }> }) {
  const { group, t } = await groupForMember((await params).id);
  if (!group) return <Forbidden title={t("visit.title")} />;
  return (
    <>
      <BackLink href={`/groups/${group.id}`} label={group.name} />
      <PageHeader title={t("visit.title")} description={t("dispatchedTo", { committee: group.committeeName, department: group.departmentName })} />
      {group.status === "active" ? <VisitForm group={group} today={chinaToday()} /> : <Alert tone="info">{t("notInTerm")}</Alert>}
    </>
  );
}

export default withClientMessages(["attachments", "errors", "groups", "work"], RecordVisitPage);
