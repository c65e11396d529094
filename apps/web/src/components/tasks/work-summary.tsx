import { getTranslations } from "next-intl/server";
import type { Role } from "@dm/db";
import { CITY_ROLES, roleAllows } from "@dm/api/domain/roles";
import { LinkButton, Stat } from "@/components/ui";
import { getCaller } from "@/trpc/server";

/**
 * The home page's "my tasks": for the city, tasks by what needs doing (review, overdue); for
 * counties and townships, their inbox by what needs doing (accept, in hand, overdue).
 */
export async function WorkSummary({ role }: { role: Role }) {
  const t = await getTranslations("home");
  const caller = await getCaller();
  if (roleAllows(role, CITY_ROLES)) {
    const [all, reported, overdue] = await Promise.all([caller.task.list({}), caller.task.list({ status: "reported" }), caller.task.list({ overdue: true })]);
    return (
      <section className="mt-5">
        <SectionHeader title={t("myTasks")} action={<LinkButton href="/tasks">{t("viewTasks")}</LinkButton>} />
        <div className="grid grid-cols-3 gap-3 sm:gap-4">
          <Stat label={t("tasksTotal")} value={all.total} href="/tasks" />
          <Stat label={t("tasksToReview")} value={reported.total} href="/tasks?status=reported" />
          <Stat label={t("tasksOverdue")} value={overdue.total} href="/tasks?overdue=1" />
        </div>
      </section>
    );
  }
  if (role === "county_staff" || role === "township_liaison") {
    const counts = await caller.assignment.inboxCounts();
    return (
      <section className="mt-5">
        <SectionHeader title={t("myTasks")} action={<LinkButton href="/assignments">{t("viewInbox")}</LinkButton>} />
        <div className="grid grid-cols-3 gap-3 sm:gap-4">
          <Stat label={t("toAccept")} value={counts.byStatus.sent ?? 0} href="/assignments?status=sent" />
          <Stat label={t("inHand")} value={(counts.byStatus.accepted ?? 0) + (counts.byStatus.in_progress ?? 0)} href="/assignments" />
          <Stat label={t("assignmentsOverdue")} value={counts.overdue} href="/assignments?overdue=1" />
        </div>
      </section>
    );
  }
  return null;
}

function SectionHeader({ title, action }: { title: string; action: React.ReactNode }) {
  return (
    <div className="mb-3 flex items-center justify-between gap-3">
      <h2 className="text-base font-semibold text-slate-800">{title}</h2>
      {action}
    </div>
  );
}
