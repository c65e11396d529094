"use client";

import { CalendarClock, CheckCircle2, CornerUpLeft, FilePlus2, FileCheck2, RotateCcw, Send, ShieldCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ProblemEventType } from "@dm/db/enums";
import { TimelineEntry, TimelineList } from "@/components/tasks/timeline";

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
  return (
    <TimelineList>
      {events.map((e) => (
        <TimelineEntry
          key={e.id}
          type={e.type}
          icon={ICONS[e.type]}
          tone={DOT[e.type]}
          title={t(`events.${e.type}`)}
          actor={`${e.actorName}（${e.actorCommittee}）`}
          at={e.at}
          comment={e.comment}
          reasonLabel={REASONS.includes(e.type) ? t("reason") : undefined}
          commentLabel={t(`labels.${e.type}`)}
          attachments={e.attachments}
        />
      ))}
    </TimelineList>
  );
}
