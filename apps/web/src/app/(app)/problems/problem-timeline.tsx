"use client";

import { clsx } from "clsx";
import { CalendarClock, CheckCircle2, CornerUpLeft, FilePlus2, FileCheck2, RotateCcw, Send, ShieldCheck } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import type { ProblemEventType } from "@dm/db/enums";
import { AttachmentList } from "@/components/attachments/attachment-list";
import { formatDateTime } from "@/components/tasks/timeline";

export interface ProblemTimelineEvent {
  id: number;
  type: ProblemEventType;
  comment: string;
  at: Date;
  actorName: string;
  actorCommittee: string;
  attachments: { id: number; fileName: string; mimeType: string; size: number }[];
}

const ICONS: Record<ProblemEventType, typeof Send> = {
  created: FilePlus2,
  assigned: Send,
  reported: FileCheck2,
  verified: CheckCircle2,
  rejected: CornerUpLeft,
  lookback_scheduled: CalendarClock,
  lookback_passed: ShieldCheck,
  reopened: RotateCcw,
};

const DOT: Record<ProblemEventType, string> = {
  created: "bg-slate-100 text-slate-600",
  assigned: "bg-sky-100 text-sky-700",
  reported: "bg-violet-100 text-violet-700",
  verified: "bg-emerald-100 text-emerald-700",
  rejected: "bg-red-100 text-red-700",
  lookback_scheduled: "bg-amber-100 text-amber-800",
  lookback_passed: "bg-emerald-100 text-emerald-700",
  reopened: "bg-red-100 text-red-700",
};

/** Steps whose comment is a reason to act on: they stand out in red. */
const REASONS: readonly ProblemEventType[] = ["rejected", "reopened"];

/** A problem's timeline, oldest first: who (and which committee) did what, when, why, with what evidence. */
export function ProblemTimeline({ events }: { events: ProblemTimelineEvent[] }) {
  const t = useTranslations("problems.timeline");
  const format = useFormatter();
  return (
    <ol className="relative space-y-4 before:absolute before:top-2 before:bottom-2 before:left-3.5 before:w-px before:bg-slate-200">
      {events.map((e) => {
        const Icon = ICONS[e.type];
        return (
          <li key={e.id} className="relative flex gap-3" data-event={e.type}>
            <span className={clsx("relative z-10 mt-0.5 flex h-7 w-7 shrink-0 items-center justify-center rounded-full ring-4 ring-white", DOT[e.type])}>
              <Icon className="h-3.5 w-3.5" aria-hidden />
            </span>
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
                <span className="font-medium text-slate-900">{t(`events.${e.type}`)}</span>
                <span className="text-slate-600">
                  {e.actorName}（{e.actorCommittee}）
                </span>
                <time dateTime={e.at.toISOString()} className="text-xs text-slate-400 tabular-nums">
                  {formatDateTime(format, e.at)}
                </time>
              </p>
              {e.comment ? (
                REASONS.includes(e.type) ? (
                  <div className="mt-1.5 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                    <span className="font-medium">{t("reason")}</span>
                    <span className="whitespace-pre-wrap">{e.comment}</span>
                  </div>
                ) : (
                  <p className="mt-1 text-sm whitespace-pre-wrap text-slate-700">
                    <span className="text-slate-500">{t(`labels.${e.type}`)}</span>
                    {e.comment}
                  </p>
                )
              ) : null}
              {e.attachments.length ? (
                <div className="mt-2">
                  <AttachmentList files={e.attachments} />
                </div>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
