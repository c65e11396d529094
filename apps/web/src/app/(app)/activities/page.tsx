import { Plus } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { MemberActivityList } from "@/components/activities/member-list";
import { parseActivitySearch, parseMemberView } from "@/components/activities/params";
import { StaffActivityList } from "@/components/activities/staff-list";
import { Forbidden } from "@/components/tasks/forbidden";
import { LinkButton, PageHeader } from "@/components/ui";
import { ExportButton } from "@/components/export-button";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { getCaller } from "@/trpc/server";
import { toURLSearchParams } from "../tasks/params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("activities"))("title") };
}

/**
 * Staff manage the activities organised in their scope; members see those open to them. Both
 * lists are rendered from data loaded here (no React Query: the two share the page's code, and a
 * member's phone loads it).
 */
async function ActivitiesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const account = await requireAccount();
  const t = await getTranslations("activities");
  const params = toURLSearchParams(await searchParams);
  const caller = await getCaller();
  if (can(account.role, "activity.join")) {
    const [data, calendar] = await Promise.all([caller.activity.forMember(parseMemberView(params)), caller.activity.calendar()]);
    return (
      <>
        <PageHeader title={t("title")} description={t("memberDescription")} />
        <MemberActivityList data={data} calendar={calendar} />
      </>
    );
  }
  if (!can(account.role, "activity.organise")) return <Forbidden title={t("title")} />;
  const [data, choices] = await Promise.all([caller.activity.list(parseActivitySearch(params)), caller.activity.choices()]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")}>
        <div className="flex flex-wrap gap-2">
          <ExportButton kind="activities" />
          <LinkButton href="/activities/new" variant="primary">
            <Plus className="h-4 w-4" aria-hidden />
            {t("new")}
          </LinkButton>
        </div>
      </PageHeader>
      <StaffActivityList data={data} choices={choices} />
    </>
  );
}

export default withClientMessages(["activities", "activityStatus", "activityTypes", "attendance", "exports", "registrationStatus", "work"], ActivitiesPage);
