import { ClipboardList, Pencil, Send } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { LEADING_GROUP_ROLES } from "@dm/db/enums";
import { CITY_ROLES, roleAllows } from "@dm/api/domain/roles";
import { AttachmentList } from "@/components/attachments/attachment-list";
import { orNotFound, routeId } from "@/components/tasks/server";
import { Badge, Card, CardHeader, LinkButton, PageHeader } from "@/components/ui";
import { requireAccount } from "@/server/viewer";
import { getCaller } from "@/trpc/server";

type Props = { params: Promise<{ id: string }> };

const load = cache(async (id: number) => (await getCaller()).campaign.byId({ id }));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = routeId((await params).id);
  const campaign = await load(id).catch(() => null);
  return { title: campaign?.title ?? (await getTranslations("campaigns"))("title") };
}

export default async function CampaignPage({ params }: Props) {
  const account = await requireAccount();
  const id = routeId((await params).id);
  const campaign = await orNotFound(load(id));
  const t = await getTranslations();
  const isCity = roleAllows(account.role, CITY_ROLES);
  const mayEdit = isCity && campaign.committeeId === account.committeeId;

  // Leader-to-county links arrive one row per pair; show one line per leader.
  const links = new Map<number, { name: string; counties: string[] }>();
  for (const l of campaign.countyLinks) {
    const entry = links.get(l.leaderUserId) ?? { name: l.leaderName, counties: [] };
    entry.counties.push(l.committeeName);
    links.set(l.leaderUserId, entry);
  }

  return (
    <>
      <PageHeader title={campaign.title} description={`${t("campaigns.yearBadge", { year: campaign.year })} · ${campaign.topic}`}>
        {mayEdit ? (
          <div className="flex flex-wrap gap-2">
            <LinkButton href={`/tasks?campaign=${campaign.id}`}>
              <ClipboardList className="h-4 w-4" aria-hidden />
              {t("campaigns.viewTasks")}
            </LinkButton>
            <LinkButton href={`/tasks/new?campaign=${campaign.id}`}>
              <Send className="h-4 w-4" aria-hidden />
              {t("campaigns.newTask")}
            </LinkButton>
            <LinkButton href={`/campaigns/${campaign.id}/edit`} variant="primary">
              <Pencil className="h-4 w-4" aria-hidden />
              {t("campaigns.edit")}
            </LinkButton>
          </div>
        ) : null}
      </PageHeader>

      <div className="grid gap-5 lg:grid-cols-3">
        <div className="space-y-5 lg:col-span-2">
          <Card>
            <CardHeader title={t("campaigns.basics")} />
            <dl className="grid grid-cols-1 gap-x-6 gap-y-3 px-4 py-4 text-sm sm:grid-cols-2 sm:px-5">
              <div>
                <dt className="text-slate-500">{t("campaigns.dates")}</dt>
                <dd className="mt-0.5 text-slate-900 tabular-nums">
                  {campaign.startDate} ~ {campaign.endDate}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("campaigns.topic")}</dt>
                <dd className="mt-0.5 text-slate-900">{campaign.topic}</dd>
              </div>
              {campaign.description ? (
                <div className="sm:col-span-2">
                  <dt className="text-slate-500">{t("campaigns.descriptionField")}</dt>
                  <dd className="mt-0.5 whitespace-pre-wrap text-slate-900">{campaign.description}</dd>
                </div>
              ) : null}
            </dl>
          </Card>

          <Card>
            <CardHeader title={t("campaigns.focusAreas")} />
            <ol className="list-inside list-decimal space-y-1.5 px-4 py-4 text-sm text-slate-800 marker:text-slate-400 sm:px-5">
              {campaign.focusAreas.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ol>
          </Card>

          <Card>
            <CardHeader title={t("campaigns.methods")} />
            <div className="flex flex-wrap gap-2 px-4 py-4 sm:px-5">
              {campaign.methods.map((m) => (
                <Badge key={m} tone="gold">
                  {m}
                </Badge>
              ))}
            </div>
          </Card>

          <Card>
            <CardHeader title={t("campaigns.documents")} />
            <div className="px-4 py-4 sm:px-5">
              {campaign.documents.length ? <AttachmentList files={campaign.documents} /> : <p className="text-sm text-slate-500">{t("campaigns.noDocuments")}</p>}
            </div>
          </Card>
        </div>

        <div className="space-y-5">
          <Card>
            <CardHeader title={t("campaigns.leadingGroup")} />
            {campaign.leadingGroup.length === 0 ? (
              <p className="px-4 py-4 text-sm text-slate-500 sm:px-5">{t("campaigns.noLeadingGroup")}</p>
            ) : (
              <dl className="space-y-3 px-4 py-4 text-sm sm:px-5">
                {LEADING_GROUP_ROLES.map((role) => {
                  const people = campaign.leadingGroup.filter((p) => p.role === role);
                  if (people.length === 0) return null;
                  return (
                    <div key={role}>
                      <dt className="text-xs font-medium text-slate-500">{t(`leadingGroupRoles.${role}`)}</dt>
                      <dd className="mt-1 space-y-1">
                        {people.map((p) => (
                          <p key={p.userId}>
                            <span className="font-medium text-slate-900">{p.name}</span>
                            {p.title ? <span className="text-slate-500"> · {p.title}</span> : null}
                          </p>
                        ))}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            )}
          </Card>

          <Card>
            <CardHeader title={t("campaigns.countyLinks")} />
            {links.size === 0 ? (
              <p className="px-4 py-4 text-sm text-slate-500 sm:px-5">{t("campaigns.noCountyLinks")}</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {[...links.entries()].map(([leaderId, l]) => (
                  <li key={leaderId} className="px-4 py-3 text-sm sm:px-5">
                    <p className="font-medium text-slate-900">{l.name}</p>
                    <div className="mt-1.5 flex flex-wrap gap-1.5">
                      {l.counties.map((c) => (
                        <Badge key={c}>{c}</Badge>
                      ))}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
