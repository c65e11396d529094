"use client";

import { clsx } from "clsx";
import { ArrowDownToLine, CheckCircle2, CornerUpLeft, FileCheck2, PenLine, Send, Stamp } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import type { AssignmentEventType, AssignmentStatus } from "@dm/db/enums";
import { AttachmentList } from "@/components/attachments/attachment-list";

export interface TimelineEvent {
  id: number;
  type: AssignmentEventType;
  fromStatus: AssignmentStatus | null;
  toStatus: AssignmentStatus;
  comment: string;
  percent: number | null;
  at: Date;
  actorName: string;
  attachments: { id: number; fileName: string; mimeType: string; size: number }[];
}

const ICONS: Record<AssignmentEventType, typeof Send> = {
  sent: Send,
  accepted: Stamp,
  passed_down: ArrowDownToLine,
  progress: PenLine,
  reported: FileCheck2,
  returned: CornerUpLeft,
  approved: CheckCircle2,
};

const DOT: Record<AssignmentEventType, string> = {
  sent: "bg-slate-100 text-slate-600",
  accepted: "bg-sky-100 text-sky-700",
  passed_down: "bg-amber-100 text-amber-800",
  progress: "bg-sky-100 text-sky-700",
  reported: "bg-violet-100 text-violet-700",
  returned: "bg-red-100 text-red-700",
  approved: "bg-emerald-100 text-emerald-700",
};

/** Events whose comment gets a label saying what it is (a report's text speaks for itself). */
const LABELLED: readonly AssignmentEventType[] = ["returned", "approved", "passed_down"];

export function formatDateTime(format: ReturnType<typeof useFormatter>, at: Date) {
  return format.dateTime(at, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false });
}

/** The line a timeline's entries hang on. */
export function TimelineList({ children }: { children: React.ReactNode }) {
  return <ol className="relative space-y-4 before:absolute before:top-2 before:bottom-2 before:left-3.5 before:w-px before:bg-slate-200">{children}</ol>;
}

interface EntryProps {
  type: string;
  icon: typeof Send;
  /** Classes of the icon's dot. */
  tone: string;
  title: string;
  /** Who acted, as shown after the title. */
  actor: string;
  at: Date;
  /** Shown after the time (e.g. the reported percent). */
  extra?: React.ReactNode;
  comment: string;
  /** A reason to act on: shown in red under this label. */
  reasonLabel?: string;
  /** Otherwise the comment, led by this label where it needs one. */
  commentLabel?: string;
  attachments: TimelineEvent["attachments"];
}

/** One step on a timeline (assignments, problems): who did what, when, why, with what files. */
export function TimelineEntry({ type, icon: Icon, tone, title, actor, at, extra, comment, reasonLabel, commentLabel, attachments }: EntryProps) {
  const format = useFormatter();
  return (
    <li className="relative flex gap-3" data-event={type}>
      <span className={clsx("relative z-10 mt-0.5 flex h-7 w-7 shrink-0 items-center justify-center rounded-full ring-4 ring-white", tone)}>
        <Icon className="h-3.5 w-3.5" aria-hidden />
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
          <span className="font-medium text-slate-900">{title}</span>
          <span className="text-slate-600">{actor}</span>
          <time dateTime={at.toISOString()} className="text-xs text-slate-500 tabular-nums">
            {formatDateTime(format, at)}
          </time>
          {extra}
        </p>
        {comment ? (
          reasonLabel ? (
            <div className="mt-1.5 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              <span className="font-medium">{reasonLabel}</span>
              <span className="whitespace-pre-wrap">{comment}</span>
            </div>
          ) : (
            <p className="mt-1 text-sm whitespace-pre-wrap text-slate-700">
              {commentLabel ? <span className="text-slate-500">{commentLabel}</span> : null}
              {comment}
            </p>
          )
        ) : null}
        {attachments.length ? (
          <div className="mt-2">
            <AttachmentList files={attachments} />
          </div>
        ) : null}
      </div>
    </li>
  );
}

/**
 * An assignment's timeline, oldest first: who did what, when, and why. Return reasons stand
 * out in red: they are what the county must act on.
 */
export function Timeline({ events }: { events: TimelineEvent[] }) {
  const t = useTranslations("work");
  if (events.length === 0) return <p className="text-sm text-slate-500">{t("noEvents")}</p>;
  return (
    <TimelineList>
      {events.map((e) => (
        <TimelineEntry
          key={e.id}
          type={e.type}
          icon={ICONS[e.type]}
          tone={DOT[e.type]}
          title={t(`events.${e.type}`)}
          actor={e.actorName}
          at={e.at}
          extra={e.percent !== null ? <span className="text-xs font-medium text-slate-700 tabular-nums">{t("percentIs", { percent: e.percent })}</span> : null}
          comment={e.comment}
          reasonLabel={e.type === "returned" ? t("commentLabels.returned") : undefined}
          commentLabel={LABELLED.includes(e.type) ? t(`commentLabels.${e.type}`) : undefined}
          attachments={e.attachments}
        />
      ))}
    </TimelineList>
  );
}
