"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { ActivityStatus, AttendanceStatus, RegistrationStatus } from "@dm/db/enums";
import { Badge, type BadgeTone } from "@/components/ui";

/** 计划中 is work ahead (blue), 已举办 done (green), 已取消 quiet (slate). */
const STATUS_TONES: Record<ActivityStatus, BadgeTone> = { planned: "blue", held: "green", cancelled: "slate" };
const REGISTRATION_TONES: Record<RegistrationStatus, BadgeTone> = { registered: "blue", waiting: "gold", cancelled: "slate" };
const ATTENDANCE_TONES: Record<AttendanceStatus, BadgeTone> = { present: "green", late: "gold", absent: "red", excused: "violet" };

export function ActivityStatusBadge({ status }: { status: ActivityStatus }) {
  const t = useTranslations("activityStatus");
  return <Badge tone={STATUS_TONES[status]}>{t(status)}</Badge>;
}

export function RegistrationBadge({ status, position }: { status: RegistrationStatus; position?: number }) {
  const t = useTranslations();
  return <Badge tone={REGISTRATION_TONES[status]}>{status === "waiting" && position ? t("activities.waitingNo", { position }) : t(`registrationStatus.${status}`)}</Badge>;
}

export function AttendanceBadge({ attendance }: { attendance: AttendanceStatus }) {
  const t = useTranslations("attendance");
  return <Badge tone={ATTENDANCE_TONES[attendance]}>{t(attendance)}</Badge>;
}

/** "2026-05-10 09:00" in the app's time zone (China). */
export function useDateTime() {
  const format = useFormatter();
  return (at: Date) => format.dateTime(at, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false });
}

/** "2026-05-10 09:00–12:00", or both full moments when it spans days. */
export function useTimeRange() {
  const format = useFormatter();
  const full = useDateTime();
  return (start: Date, end: Date) => {
    const day = (d: Date) => format.dateTime(d, { year: "numeric", month: "2-digit", day: "2-digit" });
    if (day(start) !== day(end)) return `${full(start)} – ${full(end)}`;
    return `${full(start)}–${format.dateTime(end, { hour: "2-digit", minute: "2-digit", hour12: false })}`;
  };
}
