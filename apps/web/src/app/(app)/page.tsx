import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { WorkSummary } from "@/components/tasks/work-summary";
import { Badge, Card, CardHeader, EmptyState, LinkButton, PageHeader, Stat } from "@/components/ui";
import { requireAccount } from "@/server/viewer";
import { getCaller } from "@/trpc/server";

export default async function HomePage() {
  const account = await requireAccount();
  const overview = await (await getCaller()).committee.overview();
  const t = await getTranslations();
  const mayReadMembers = can(account.role, "member.read");

  return (
    <>
      <PageHeader title={t("home.greeting", { name: account.displayName })} description={[account.title, t(`roles.${account.role}`)].filter(Boolean).join(" · ")} />

      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
        <Card className="col-span-2 px-4 py-4 sm:px-5">
          <p className="text-sm text-slate-500">{t("home.yourCommittee")}</p>
          {overview.committee.level === "township" && account.parentCommitteeName ? <p className="mt-1 text-xs text-slate-500">{account.parentCommitteeName}</p> : null}
          <p className="mt-1 text-xl font-semibold text-slate-900">{overview.committee.name}</p>
          <div className="mt-2">
            <Badge tone="brand">{t(`levels.${overview.committee.level}`)}</Badge>
          </div>
        </Card>
        <Stat label={t("home.membersInScope")} value={overview.totals.members} hint={`${t("home.ownMembers")} ${overview.committee.ownMembers}`} />
        <Stat label={t("home.committeesInScope")} value={overview.totals.committees} hint={t("home.childCount", { count: overview.children.length })} />
      </div>

      <WorkSummary role={account.role} />

      {account.member ? (
        <Card className="mt-5">
          <CardHeader title={t("home.myProfile")} />
          <dl className="grid grid-cols-1 gap-x-6 gap-y-3 px-4 py-4 text-sm sm:grid-cols-2 sm:px-5">
            {(
              [
                ["sector", account.member.sector],
                ["party", account.member.party],
                ["level", t(`memberLevels.${account.member.level}`)],
                ["phone", account.member.phone],
                ["workplace", account.member.workplace],
              ] as const
            ).map(([key, value]) => (
              <div key={key} className="flex gap-3">
                <dt className="w-28 shrink-0 text-slate-500">{t(`home.${key}`)}</dt>
                <dd className="text-slate-900">{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
      ) : null}

      {overview.committee.level !== "township" ? (
        <Card className="mt-5">
          <CardHeader title={t("home.subCommittees")} action={<LinkButton href="/committees">{t("home.viewTree")}</LinkButton>} />
          {overview.children.length === 0 ? (
            <EmptyState title={t("home.noChildren")} />
          ) : (
            <ul className="grid grid-cols-1 divide-y divide-slate-100 sm:grid-cols-2 sm:divide-y-0 lg:grid-cols-3">
              {overview.children.map((c) => {
                const body = (
                  <>
                    <div className="min-w-0">
                      <p className="truncate font-medium text-slate-900">{c.name}</p>
                      <p className="mt-0.5 text-xs text-slate-500">
                        {t("home.memberCount", { count: c.subtreeMembers })}
                        {c.childCount > 0 ? ` · ${t("home.childCount", { count: c.childCount })}` : ""}
                      </p>
                    </div>
                    {mayReadMembers ? <ChevronRight className="h-4 w-4 shrink-0 text-slate-400" aria-hidden /> : null}
                  </>
                );
                return (
                  <li key={c.id} className="sm:border-b sm:border-slate-100">
                    {mayReadMembers ? (
                      <Link href={`/members?committee=${c.id}`} className="flex items-center justify-between gap-3 px-4 py-3 hover:bg-slate-50 sm:px-5">
                        {body}
                      </Link>
                    ) : (
                      <div className="flex items-center justify-between gap-3 px-4 py-3 sm:px-5">{body}</div>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
      ) : mayReadMembers ? (
        <div className="mt-5">
          <LinkButton href="/members">{t("home.viewMembers")}</LinkButton>
        </div>
      ) : null}
    </>
  );
}
