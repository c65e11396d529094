import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { currentAppraisalYear } from "@dm/api/domain/appraisal";
import { chinaToday } from "@dm/api/domain/china-time";
import { BackLink } from "@/components/groups/back-link";
import { ScoreForm } from "@/components/groups/score-form";
import { groupForMember } from "@/components/groups/server";
import { Forbidden } from "@/components/tasks/forbidden";
import { PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { getCaller } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups.score"))("title") };
}

/** 民主评议打分 of the year whose appraisal is open (last year's through January). */
async function ScorePage({ params }: { params: Promise<{ id: string }> }) {
  const { group, t } = await groupForMember((await params).id);
  if (!group) return <Forbidden title={t("score.title")} />;
  const year = currentAppraisalYear(chinaToday());
  const form = await (await getCaller()).appraisal.form({ groupId: group.id, year });
  return (
    <>
      <BackLink href={`/groups/${group.id}`} label={group.name} />
      <PageHeader title={t("score.titleYear", { year })} description={group.departmentName} />
      <ScoreForm groupId={group.id} year={year} committeeName={group.committeeName} form={form} />
    </>
  );
}

export default withClientMessages(["groups", "work"], ScorePage);
