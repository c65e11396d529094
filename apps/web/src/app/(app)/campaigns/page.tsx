import { CalendarRange, ChevronRight, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CITY_ROLES, roleAllows } from "@dm/api/domain/roles";
import { Badge, Card, EmptyState, LinkButton, PageHeader } from "@/components/ui";
import { requireAccount } from "@/server/viewer";
import { getCaller } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("campaigns"))("title") };
}

export default async function CampaignsPage() {
  const account = await requireAccount();
  const t = await getTranslations("campaigns");
  const campaigns = await (await getCaller()).campaign.list();
  const mayCreate = roleAllows(account.role, CITY_ROLES) && account.committeeLevel === "city";

  return (
    <>
      <PageHeader title={t("title")} description={t("description")}>
        {mayCreate ? (
          <LinkButton href="/campaigns/new" variant="primary">
            <Plus className="h-4 w-4" aria-hidden />
            {t("new")}
          </LinkButton>
        ) : null}
      </PageHeader>
      <Card>
        {campaigns.length === 0 ? (
          <EmptyState title={t("empty")} hint={mayCreate ? t("emptyHintCity") : t("emptyHint")} />
        ) : (
          <ul className="divide-y divide-slate-100">
            {campaigns.map((c) => (
              <li key={c.id}>
                <Link href={`/campaigns/${c.id}`} className="flex items-center gap-3 px-4 py-4 hover:bg-slate-50 sm:px-5">
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <Badge tone="brand">{t("yearBadge", { year: c.year })}</Badge>
                      <span className="font-medium text-slate-900">{c.title}</span>
                    </div>
                    <p className="mt-1 text-sm text-slate-600">{c.topic}</p>
                    <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
                      <span className="inline-flex items-center gap-1 tabular-nums">
                        <CalendarRange className="h-3.5 w-3.5" aria-hidden />
                        {c.startDate} ~ {c.endDate}
                      </span>
                      <span>{t("counts", { areas: c.focusAreas.length, methods: c.methods.length })}</span>
                    </p>
                  </div>
                  <ChevronRight className="h-4 w-4 shrink-0 text-slate-400" aria-hidden />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
