"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { clsx } from "clsx";
import { CalendarX2, ClipboardCheck, Footprints, MessageSquarePlus, Pencil } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { AppRouter } from "@dm/api";
import { AttachmentList } from "@/components/attachments/attachment-list";
import { NoticeBanner } from "@/components/tasks/notice";
import type { Notice } from "@/components/tasks/review-actions";
import { Badge, buttonClass, Card, CardHeader, EmptyState, LinkButton } from "@/components/ui";
import { AdoptionRate } from "./adoption-rate";
import { EndTermDialog } from "./end-term-dialog";
import { ADOPTION_TONES, ROLE_TONES, TERM_TONES } from "./labels";
import { ReplyDialog, type ReplyTarget } from "./reply-dialog";

type Group = inferRouterOutputs<AppRouter>["group"]["byId"];
type Opinion = Group["opinions"][number];
type OpinionFilter = "all" | "awaiting" | "answered";

/**
 * One group: who serves in it, its adoption rate, the opinions with the department's replies and
 * the visits with their photos. Staff of the dispatching committee edit it, end its term and
 * record replies; its members record visits, raise opinions and score the appraisal. Rendered
 * from the server's record (`group`); after a change the page is rendered again.
 */
export function GroupDetail({ group, appraisalYear, appraisalOpen }: { group: Group; appraisalYear: number; appraisalOpen: boolean }) {
  const t = useTranslations("groups");
  // A member's form comes back here with ?saved=visit|opinion: say it worked.
  const saved = useSearchParams().get("saved");
  const [notice, setNotice] = useState<Notice | null>(saved === "visit" || saved === "opinion" ? { tone: "success", text: t(`detail.saved.${saved}`) } : null);
  const [replying, setReplying] = useState<ReplyTarget | null>(null);
  const [ending, setEnding] = useState(false);
  const [filter, setFilter] = useState<OpinionFilter>("all");

  const recording = group.can.serve && group.status === "active";
  const visitDate = new Map(group.visits.map((v) => [v.id, v.date]));
  const opinions = group.opinions.filter((o) => (filter === "all" ? true : filter === "awaiting" ? o.adoption === null : o.adoption !== null));

  return (
    <div className="space-y-4">
      <div>
        <div className="flex flex-wrap items-center gap-1.5">
          <Badge tone={TERM_TONES[group.status]}>{t(`termStatus.${group.status}`)}</Badge>
          <Badge>{t(`kinds.${group.kind}`)}</Badge>
          {group.myRole ? <Badge tone={ROLE_TONES[group.myRole]}>{t("myRole", { role: t(`roles.${group.myRole}`) })}</Badge> : null}
        </div>
        <h1 className="mt-2 text-xl font-semibold text-slate-900 sm:text-2xl">{group.name}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("dispatchedTo", { committee: group.committeeName, department: group.departmentName })}</p>
        <p className="mt-0.5 text-sm tabular-nums text-slate-500">{t("term", { start: group.termStart, end: group.termEnd })}</p>
      </div>

      {group.can.manage || group.can.serve ? (
        <div className="flex flex-wrap gap-2">
          {recording ? (
            <>
              <LinkButton href={`/groups/${group.id}/visit`} variant="primary">
                <Footprints className="h-4 w-4" aria-hidden />
                {t("detail.recordVisit")}
              </LinkButton>
              <LinkButton href={`/groups/${group.id}/opinion`} variant="primary">
                <MessageSquarePlus className="h-4 w-4" aria-hidden />
                {t("detail.raiseOpinion")}
              </LinkButton>
            </>
          ) : null}
          {group.can.serve && appraisalOpen ? (
            <LinkButton href={`/groups/${group.id}/appraisal`}>
              <ClipboardCheck className="h-4 w-4" aria-hidden />
              {t("detail.score", { year: appraisalYear })}
            </LinkButton>
          ) : null}
          {group.can.manage ? (
            <>
              <LinkButton href={`/groups/${group.id}/edit`}>
                <Pencil className="h-4 w-4" aria-hidden />
                {t("detail.edit")}
              </LinkButton>
              {group.termEnd >= group.today ? (
                <button type="button" className={buttonClass.danger} onClick={() => setEnding(true)}>
                  <CalendarX2 className="h-4 w-4" aria-hidden />
                  {t("detail.endTerm")}
                </button>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}

      <NoticeBanner notice={notice} />

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Card className="px-4 py-4 sm:px-5">
          <AdoptionRate tally={group.adoption} />
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader title={t("detail.members", { count: group.members.length })} />
          <ul className="grid grid-cols-1 gap-x-4 divide-y divide-slate-100 sm:grid-cols-2 sm:divide-y-0">
            {group.members.map((m) => (
              <li key={m.memberId} className="flex items-start gap-2 px-4 py-2.5 sm:px-5">
                <Badge tone={ROLE_TONES[m.role]}>{t(`roles.${m.role}`)}</Badge>
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">{m.name}</p>
                  <p className="truncate text-xs text-slate-500" title={`${m.committeeName} · ${m.sector} · ${m.workplace}`}>
                    {m.committeeName} · {m.sector}
                    {m.workplace ? ` · ${m.workplace}` : ""}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </Card>
      </div>

      <Card>
        <CardHeader
          title={t("detail.opinions", { count: group.opinions.length })}
          action={
            <div role="group" aria-label={t("detail.filterLabel")} className="flex rounded-md border border-slate-200 p-0.5 text-xs">
              {(["all", "awaiting", "answered"] as const).map((f) => (
                <button
                  key={f}
                  type="button"
                  aria-pressed={filter === f}
                  onClick={() => setFilter(f)}
                  className={clsx("rounded px-2 py-1 font-medium", filter === f ? "bg-brand-700 text-white" : "text-slate-600 hover:bg-slate-50")}
                >
                  {t(`detail.filter.${f}`)}
                </button>
              ))}
            </div>
          }
        />
        {opinions.length === 0 ? (
          <EmptyState title={t("detail.noOpinions")} hint={recording ? t("detail.noOpinionsHint") : undefined} />
        ) : (
          <ul className="divide-y divide-slate-100">
            {opinions.map((o) => (
              <OpinionItem key={o.id} opinion={o} visitDate={o.visitId ? visitDate.get(o.visitId) : undefined} canReply={group.can.reply} onReply={() => setReplying(o)} />
            ))}
          </ul>
        )}
      </Card>

      <Card>
        <CardHeader title={t("detail.visits", { count: group.visits.length })} />
        {group.visits.length === 0 ? (
          <EmptyState title={t("detail.noVisits")} hint={recording ? t("detail.noVisitsHint") : undefined} />
        ) : (
          <ul className="divide-y divide-slate-100">
            {group.visits.map((v) => (
              <li key={v.id} id={`visit-${v.id}`} className="px-4 py-3 sm:px-5">
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="font-medium tabular-nums text-slate-900">{v.date}</span>
                  <Badge tone="blue">{t(`visitForms.${v.form}`)}</Badge>
                  <span className="text-xs text-slate-500">{t("detail.recordedBy", { name: v.recordedBy })}</span>
                </div>
                <p className="mt-1 text-sm whitespace-pre-line text-slate-700">{v.summary}</p>
                {v.photos.length ? (
                  <div className="mt-2">
                    <AttachmentList files={v.photos} />
                  </div>
                ) : null}
                {recording ? (
                  <Link href={`/groups/${group.id}/opinion?visit=${v.id}`} className="mt-1 inline-block text-sm text-brand-700 hover:underline">
                    {t("detail.opinionFromVisit")}
                  </Link>
                ) : null}
                {group.can.raiseProblem ? (
                  <Link href={`/problems/new?source=visit&sourceId=${v.id}`} className="mt-1 inline-block text-sm text-brand-700 hover:underline">
                    {t("detail.problemFromVisit")}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>

      {replying ? <ReplyDialog opinion={replying} today={group.today} onClose={() => setReplying(null)} onNotice={setNotice} /> : null}
      {ending ? <EndTermDialog group={group} today={group.today} onClose={() => setEnding(false)} onNotice={setNotice} /> : null}
    </div>
  );
}

function OpinionItem({ opinion: o, visitDate, canReply, onReply }: { opinion: Opinion; visitDate?: string; canReply: boolean; onReply: () => void }) {
  const t = useTranslations("groups");
  return (
    <li id={`opinion-${o.id}`} className="scroll-mt-20 px-4 py-3 sm:px-5" data-opinion={o.title}>
      <div className="flex items-start justify-between gap-2">
        <h3 className="font-medium text-slate-900">{o.title}</h3>
        <Badge tone={ADOPTION_TONES[o.adoption ?? "none"]}>{t(`adoption.${o.adoption ?? "none"}`)}</Badge>
      </div>
      <p className="mt-0.5 text-xs text-slate-500">
        {t("detail.raised", { name: o.raisedBy, date: o.raisedOn })}
        {visitDate ? ` · ${t("detail.fromVisit", { date: visitDate })}` : ""}
      </p>
      <p className="mt-1 text-sm whitespace-pre-line text-slate-700">{o.content}</p>
      {o.adoption ? (
        <div className="mt-2 rounded-md border-l-4 border-brand-200 bg-slate-50 px-3 py-2 text-sm">
          <p className="text-xs font-medium text-slate-500">{t("detail.reply", { date: o.repliedOn ?? "" })}</p>
          <p className="mt-0.5 whitespace-pre-line text-slate-700">{o.reply}</p>
        </div>
      ) : (
        <p className="mt-2 text-xs text-amber-700">{t("detail.awaiting")}</p>
      )}
      {canReply ? (
        o.adoption ? (
          <button type="button" className="mt-1 text-sm text-brand-700 hover:underline" onClick={onReply}>
            {t("reply.editButton")}
          </button>
        ) : (
          <button type="button" className={`${buttonClass.primary} mt-2`} onClick={onReply}>
            {t("reply.button")}
          </button>
        )
      ) : null}
    </li>
  );
}
