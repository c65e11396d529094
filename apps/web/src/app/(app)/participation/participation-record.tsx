"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { clsx } from "clsx";
import { CalendarCheck, Lightbulb } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import type { AppRouter } from "@dm/api";
import { Badge, type BadgeTone, Card, CardHeader, EmptyState, inputClass } from "@/components/ui";
import { yearOptions } from "./years";

export type ParticipationRecordData = inferRouterOutputs<AppRouter>["participation"]["mine"];

const ATTENDANCE_TONE: Record<string, BadgeTone> = { present: "green", late: "gold", absent: "red", excused: "slate" };

/** A year picker whose choice lives in the URL (`?year=`), so a record can be linked to. */
export function YearSelect({ year, onChange }: { year: number; onChange: (year: number) => void }) {
  const t = useTranslations("participation");
  return (
    <select aria-label={t("year")} className={inputClass.replace("w-full", "w-auto")} value={year} onChange={(e) => onChange(Number(e.target.value))}>
      {yearOptions().map((y) => (
        <option key={y} value={y}>
          {t("yearOption", { year: y })}
        </option>
      ))}
    </select>
  );
}

/**
 * One member's year: the points (and how they add up), the activities signed up for with
 * attendance and check-in time, and the findings recorded. Phone first: cards in one column,
 * two columns from tablet width.
 */
export function ParticipationRecord({ record }: { record: ParticipationRecordData }) {
  const t = useTranslations("participation");
  const format = useFormatter();
  const dateTime = (d: Date) => format.dateTime(d, { year: "numeric", month: "numeric", day: "numeric", timeZone: "Asia/Shanghai" });
  const time = (d: Date) => format.dateTime(d, { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Asia/Shanghai" });

  return (
    <div className="space-y-4">
      <Card>
        <div className="flex items-end justify-between gap-3 px-4 pt-4 sm:px-5">
          <div>
            <p className="text-sm text-slate-500">{t("pointsOf", { year: record.year })}</p>
            <p className="mt-1 text-4xl font-semibold tabular-nums text-brand-700" data-testid="points-total">
              {record.points.total}
              <span className="ml-1 text-base font-normal text-slate-500">{t("pointsUnit")}</span>
            </p>
          </div>
          <p className="text-right text-sm text-slate-500">
            {record.member.name}
            <br />
            {record.member.committeeName}
          </p>
        </div>
        <h2 className="sr-only">{t("breakdown")}</h2>
        <ul className="mt-3 divide-y divide-slate-100 border-t border-slate-100" aria-label={t("breakdown")}>
          {record.points.lines.map((line) => (
            <li key={line.code} className="flex items-center justify-between gap-3 px-4 py-2.5 text-sm sm:px-5">
              <span>
                <span className="font-medium text-slate-800">{t(`rule.${line.code}`)}</span>
                <span className="ml-2 text-xs text-slate-500">{line.code === "finding" ? t("eachItem", { points: line.points }) : t("each", { points: line.points })}</span>
              </span>
              <span className="flex items-center gap-3 tabular-nums">
                <span className="text-slate-500">{line.code === "finding" ? t("items", { count: line.count }) : t("times", { count: line.count })}</span>
                <span className={clsx("w-14 text-right font-medium", line.subtotal < 0 ? "text-red-700" : "text-slate-900")}>{t("subtotal", { points: line.subtotal })}</span>
              </span>
            </li>
          ))}
        </ul>
        <p className="border-t border-slate-100 px-4 py-2.5 text-xs text-slate-500 sm:px-5">{t("rulesNote")}</p>
      </Card>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader title={t("activitiesCount", { count: record.activities.length })} />
          {record.activities.length === 0 ? (
            <EmptyState title={t("noActivities")} hint={t("noActivitiesHint")} />
          ) : (
            <ul className="divide-y divide-slate-100">
              {record.activities.map((a) => (
                <li key={a.activityId} className="px-4 py-3 sm:px-5">
                  <p className="font-medium text-slate-900">{a.title}</p>
                  <p className="mt-0.5 text-xs text-slate-500">
                    {dateTime(a.startsAt)} · {a.committeeName} · {a.place}
                  </p>
                  <div className="mt-1.5 flex flex-wrap items-center gap-1.5">
                    {a.registrationStatus === "registered" ? null : <Badge tone="blue">{t(`registration.${a.registrationStatus}`)}</Badge>}
                    {a.attendance ? (
                      <Badge tone={ATTENDANCE_TONE[a.attendance]}>{t(`attendance.${a.attendance}`)}</Badge>
                    ) : a.activityStatus === "planned" ? (
                      <Badge tone="blue">{t("planned")}</Badge>
                    ) : (
                      <span className="text-xs text-slate-500">{t("notMarked")}</span>
                    )}
                    {a.checkedInAt ? (
                      <span className="inline-flex items-center gap-1 text-xs text-slate-600">
                        <CalendarCheck className="h-3.5 w-3.5" aria-hidden />
                        {t("checkedIn", { time: time(a.checkedInAt) })}
                      </span>
                    ) : null}
                    {a.attendance === "excused" && a.attendanceNote ? <span className="text-xs text-slate-500">（{a.attendanceNote}）</span> : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card>
          <CardHeader title={t("findingsCount", { count: record.findings.length })} />
          {record.findings.length === 0 ? (
            <EmptyState title={t("noFindings")} />
          ) : (
            <ul className="divide-y divide-slate-100">
              {record.findings.map((f) => (
                <li key={f.id} className="flex gap-2 px-4 py-3 sm:px-5">
                  <Lightbulb className="mt-0.5 h-4 w-4 shrink-0 text-amber-600" aria-hidden />
                  <div>
                    <p className="text-sm text-slate-800">{f.text}</p>
                    <p className="mt-0.5 text-xs text-slate-500">
                      {f.activityTitle} · {dateTime(f.startsAt)}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
