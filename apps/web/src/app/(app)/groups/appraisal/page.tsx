import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { currentAppraisalYear } from "@dm/api/domain/appraisal";
import { chinaToday } from "@dm/api/domain/china-time";
import { can } from "@dm/api/domain/roles";
import { AppraisalAdmin } from "@/components/groups/appraisal-admin";
import { CommitteeSwitch } from "@/components/groups/committee-switch";
import { GroupsNav } from "@/components/groups/groups-nav";
import { YearSwitch } from "@/components/groups/year-switch";
import { Forbidden } from "@/components/tasks/forbidden";
import { PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getCaller, getQueryClient, trpc } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups.appraisal"))("title") };
}

/** Criteria and results of a year (?year=, the open appraisal's by default), for the caller's committee or one below it. */
async function AppraisalPage({ searchParams }: { searchParams: Promise<{ year?: string; committee?: string }> }) {
  const account = await requireAccount();
  const t = await getTranslations("groups");
  if (!can(account.role, "group.read")) return <Forbidden title={t("appraisal.title")} />;
  const query = await searchParams;
  const current = currentAppraisalYear(chinaToday());
  const asked = Number(query.year);
  const year = Number.isInteger(asked) && asked >= current - 10 && asked <= current + 1 ? asked : current;
  const registers = await (await getCaller()).department.inScope();
  const committees = [...new Map([[account.committeeId, account.committeeName], ...registers.map((d) => [d.committeeId, d.committeeName] as const)]).entries()];
  const raw = Number(query.committee);
  const committeeId = committees.some(([id]) => id === raw) && raw !== account.committeeId ? raw : undefined;
  const queryClient = getQueryClient();
  await Promise.all([queryClient.prefetchQuery(trpc.appraisal.criteria.queryOptions({ year, committeeId })), queryClient.prefetchQuery(trpc.appraisal.results.queryOptions({ year, committeeId }))]);
  return (
    <>
      <PageHeader title={t("appraisal.title")} description={t("appraisal.description")}>
        <div className="flex flex-wrap gap-2">
          <YearSwitch years={Array.from({ length: 5 }, (_, i) => current + 1 - i)} current={year} />
          {committees.length > 1 ? <CommitteeSwitch committees={committees} current={committeeId ?? account.committeeId} /> : null}
        </div>
      </PageHeader>
      <GroupsNav />
      <HydrateClient>
        <AppraisalAdmin year={year} committeeId={committeeId} />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["groups", "work"], AppraisalPage);
