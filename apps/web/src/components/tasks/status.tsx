"use client";

import { clsx } from "clsx";
import { useTranslations } from "next-intl";
import type { AssignmentStatus } from "@dm/db/enums";
import { Badge, type BadgeTone } from "@/components/ui";

/** 待签收 asks for action (gold), work in hand is blue, 已上报 awaits review (violet), 已办结 is done (green); red is kept for overdue. */
export const STATUS_TONES: Record<AssignmentStatus, BadgeTone> = {
  sent: "gold",
  accepted: "blue",
  in_progress: "blue",
  reported: "violet",
  approved: "green",
};

export function StatusBadge({ status }: { status: AssignmentStatus }) {
  const t = useTranslations("assignmentStatus");
  return <Badge tone={STATUS_TONES[status]}>{t(status)}</Badge>;
}

export function OverdueBadge({ overdue }: { overdue: boolean }) {
  const t = useTranslations("work");
  return overdue ? <Badge tone="red">{t("overdue")}</Badge> : null;
}

/** A percent bar with its number; `label` names it for screen readers. */
export function ProgressBar({ percent, className, label }: { percent: number; className?: string; label?: string }) {
  const t = useTranslations("work");
  const value = Math.max(0, Math.min(100, percent));
  return (
    <div className={clsx("flex items-center gap-2", className)}>
      <div
        role="progressbar"
        aria-valuenow={value}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label={label ?? t("progress")}
        className="h-2 min-w-16 flex-1 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={clsx("h-full rounded-full", value === 100 ? "bg-emerald-600" : "bg-sky-600")} style={{ width: `${value}%` }} />
      </div>
      <span className="w-10 shrink-0 text-right text-xs tabular-nums text-slate-600">{value}%</span>
    </div>
  );
}

/** The deadline, red when overdue. */
export function Deadline({ deadline, overdue }: { deadline: string; overdue?: boolean }) {
  return <span className={clsx("tabular-nums", overdue ? "font-medium text-red-700" : "text-slate-700")}>{deadline}</span>;
}

/** An assignment's progress bar with its deadline beside it, as list rows show it. */
export function ProgressDue({ percent, label, deadline, overdue, className }: { percent: number; label: string; deadline: string; overdue: boolean; className?: string }) {
  const t = useTranslations("assignments");
  return (
    <div className={clsx("flex items-center gap-3", className)}>
      <ProgressBar percent={percent} className="flex-1" label={label} />
      <span className="shrink-0 text-xs text-slate-500">
        {t("due")} <Deadline deadline={deadline} overdue={overdue} />
      </span>
    </div>
  );
}
