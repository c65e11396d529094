import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { chinaToday } from "@dm/api/domain/china-time";
import { BackLink } from "@/components/groups/back-link";
import { OpinionForm } from "@/components/groups/opinion-form";
import { groupForMember } from "@/components/groups/server";
import { Forbidden } from "@/components/tasks/forbidden";
import { Alert, PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups.opinion"))("title") };
}

/** 提出意见建议: for the group's members, while the term runs; `?visit=` preselects the visit it came from. */
async function RaiseOpinionPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ visit?: string }> }) {
  const { group, t } = await groupForMember((await params).id);
  if (!group) return <Forbidden title={t("opinion.title")} />;
  const visit = Number((await searchParams).visit);
  return (
    <>
      <BackLink href={`/groups/${group.id}`} label={group.name} />
      <PageHeader title={t("opinion.title")} description={t("opinion.to", { department: group.departmentName })} />
      {group.status === "active" ? (
        <OpinionForm group={group} visits={group.visits} today={chinaToday()} visitId={Number.isSafeInteger(visit) ? visit : undefined} />
      ) : (
        <Alert tone="info">{t("notInTerm")}</Alert>
      )}
    </>
  );
}

export default withClientMessages(["groups", "work"], RaiseOpinionPage);
