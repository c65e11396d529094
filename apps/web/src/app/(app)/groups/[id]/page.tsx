import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { appraisalOpen, currentAppraisalYear } from "@dm/api/domain/appraisal";
import { chinaToday } from "@dm/api/domain/china-time";
import { can } from "@dm/api/domain/roles";
import { BackLink } from "@/components/groups/back-link";
import { GroupDetail } from "@/components/groups/group-detail";
import { loadGroup } from "@/components/groups/server";
import { Forbidden } from "@/components/tasks/forbidden";
import { routeId } from "@/components/tasks/server";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const group = await loadGroup(routeId((await params).id)).catch(() => null);
  return { title: group?.name ?? (await getTranslations("groups"))("title") };
}

/** 404 for a group outside the caller's view (another county's, or one a member is not in). */
async function GroupPage({ params }: Props) {
  const account = await requireAccount();
  const t = await getTranslations("groups");
  const id = routeId((await params).id);
  const staff = can(account.role, "group.read");
  if (!staff && !can(account.role, "group.serve")) return <Forbidden title={t("title")} />;
  const group = await loadGroup(id);
  const today = chinaToday();
  const year = currentAppraisalYear(today);
  return (
    <>
      <BackLink href="/groups" label={staff ? t("title") : t("myTitle")} />
      <GroupDetail group={group} appraisalYear={year} appraisalOpen={appraisalOpen(year, today)} />
    </>
  );
}

export default withClientMessages(["groups", "roles", "work"], GroupPage);
