"use client";

import { useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { ArrowLeft, Pencil } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { NoticeBanner } from "@/components/tasks/notice";
import type { Notice } from "@/components/tasks/review-actions";
import { Badge, Card, CardHeader, LinkButton, PageHeader } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { ParticipationRecord, YearSelect } from "../../participation/participation-record";
import { parseYear } from "../../participation/years";
import { SignInActions, StatusAction } from "./member-actions";

export function MemberDetail({ id, canWrite }: { id: number; canWrite: boolean }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const year = parseYear(useSearchParams().get("year"));
  const { data: member } = useSuspenseQuery(trpc.member.byId.queryOptions({ id }));
  const { data: record } = useSuspenseQuery(trpc.participation.ofMember.queryOptions({ memberId: id, year }));
  const [notice, setNotice] = useState<Notice | null>(null);
  const refresh = () => Promise.all([queryClient.invalidateQueries(trpc.member.pathFilter()), queryClient.invalidateQueries(trpc.participation.pathFilter())]);

  const facts: [string, React.ReactNode][] = [
    [t("members.gender"), member.gender],
    [t("members.committee"), member.committeeName],
    [t("members.sector"), member.sector],
    [t("members.party"), member.party],
    [t("members.level"), t(`memberLevels.${member.level}`)],
    [
      t("members.phone"),
      <a key="phone" href={`tel:${member.phone}`} className="text-brand-700 tabular-nums">
        {member.phone}
      </a>,
    ],
    [t("members.workplace"), member.workplace || "—"],
    [t("memberDetail.status"), member.active ? <Badge tone="green">{t("memberDetail.active")}</Badge> : <Badge tone="red">{t("memberDetail.inactive")}</Badge>],
  ];

  return (
    <>
      <Link href="/members" className="mb-3 inline-flex items-center gap-1 text-sm text-brand-700 hover:underline">
        <ArrowLeft className="h-4 w-4" aria-hidden />
        {t("memberDetail.back")}
      </Link>
      <PageHeader title={member.name} description={`${member.committeeName} · ${member.sector}`}>
        {canWrite ? (
          <div className="flex flex-wrap gap-2">
            <LinkButton href={`/members/${member.id}/edit`}>
              <Pencil className="h-4 w-4" aria-hidden />
              {t("memberDetail.edit")}
            </LinkButton>
            <StatusAction member={member} onNotice={setNotice} onDone={refresh} />
          </div>
        ) : null}
      </PageHeader>
      <NoticeBanner notice={notice} className="mb-4" />

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title={t("memberDetail.info")} />
          <dl className="grid grid-cols-1 gap-x-6 gap-y-3 p-4 text-sm sm:grid-cols-2 sm:p-5">
            {facts.map(([label, value]) => (
              <div key={label} className="flex gap-3 sm:block">
                <dt className="w-24 shrink-0 text-slate-500 sm:w-auto">{label}</dt>
                <dd className="text-slate-900 sm:mt-0.5">{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card>
          <CardHeader title={t("memberDetail.signIn")} />
          <div className="space-y-3 p-4 text-sm sm:p-5">
            {member.account ? (
              <div>
                <p>
                  <span className="text-slate-500">{t("memberDetail.username")}：</span>
                  <span className="font-medium text-slate-900">{member.account.username}</span>
                  {member.account.disabled ? (
                    <span className="ml-2">
                      <Badge tone="red">{t("memberDetail.signInDisabled")}</Badge>
                    </span>
                  ) : null}
                </p>
                <p className="mt-1 text-xs text-slate-500">{t("memberDetail.signInSince", { date: format.dateTime(member.account.createdAt, { year: "numeric", month: "2-digit", day: "2-digit" }) })}</p>
              </div>
            ) : (
              <p className="text-slate-500">{t("memberDetail.noSignIn")}</p>
            )}
            {canWrite && member.active ? <SignInActions member={member} onNotice={setNotice} onDone={refresh} /> : null}
          </div>
        </Card>
      </div>

      <div className="mt-6 mb-3 flex items-center justify-between gap-3">
        <h2 className="text-lg font-semibold whitespace-nowrap text-slate-900">{t("memberDetail.participation")}</h2>
        <YearSelect year={year} onChange={(y) => router.replace(`${pathname}?year=${y}`, { scroll: false })} />
      </div>
      <ParticipationRecord record={record} />
    </>
  );
}
