"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { clsx } from "clsx";
import { CalendarPlus, CheckCircle2, Clock, Copy, MapPin, RefreshCw } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { AppRouter } from "@dm/api";
import { useUrlInput } from "@/components/list";
import { ConfirmDialog } from "@/components/tasks/confirm-dialog";
import { Pager } from "@/components/tasks/pager";
import { Alert, Badge, buttonClass, Card, CardHeader, EmptyState } from "@/components/ui";
import { type Inputs, useCall } from "@/trpc/lazy";
import { ActivityStatusBadge, AttendanceBadge, RegistrationBadge, useDateTime, useTimeRange } from "./labels";
import { parseMemberView, toMemberView } from "./params";

type Outputs = inferRouterOutputs<AppRouter>["activity"];

/**
 * A member's activities on a phone: what is open to sign up for, and their own. Rendered from
 * the server's answer for the URL's view and page (`data`); changing them loads the page again.
 */
export function MemberActivityList({ data, calendar }: { data: Outputs["forMember"]; calendar: Outputs["calendar"] }) {
  const t = useTranslations();
  const range = useTimeRange();
  const dateTime = useDateTime();
  const { input, go, pending: isFetching } = useUrlInput(parseMemberView, toMemberView);
  const tabs = [
    { view: "open" as const, label: t("activities.tabOpen") },
    { view: "mine" as const, label: t("activities.tabMine") },
  ];

  return (
    <div className="space-y-4">
      <div role="tablist" className="grid grid-cols-2 rounded-lg bg-slate-100 p-1 text-sm font-medium">
        {tabs.map((tab) => (
          <button
            key={tab.view}
            role="tab"
            type="button"
            aria-selected={input.view === tab.view}
            className={clsx("min-h-10 rounded-md", input.view === tab.view ? "bg-white text-brand-800 shadow-sm" : "text-slate-600")}
            onClick={() => go({ view: tab.view })}
          >
            {tab.label}
          </button>
        ))}
      </div>

      {data.items.length === 0 ? (
        <Card>
          <EmptyState
            title={input.view === "open" ? t("activities.openEmpty") : t("activities.mineEmpty")}
            hint={input.view === "open" ? t("activities.openEmptyHint") : t("activities.mineEmptyHint")}
          />
        </Card>
      ) : null}

      <ul className={clsx("space-y-3", isFetching && "opacity-60")} aria-busy={isFetching}>
        {data.items.map((a) => {
          const full = a.capacity !== null && a.registered >= a.capacity;
          const mine = a.myStatus && a.myStatus !== "cancelled" ? a.myStatus : null;
          return (
            <li key={a.id}>
              <Link href={`/activities/${a.id}`} className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-100 active:bg-slate-50" data-testid="member-activity">
                <div className="flex flex-wrap items-center gap-1.5">
                  <Badge tone="brand">{t(`activityTypes.${a.type}`)}</Badge>
                  {a.status !== "planned" ? <ActivityStatusBadge status={a.status} /> : null}
                  {mine ? <RegistrationBadge status={mine} /> : null}
                  {a.myAttendance ? <AttendanceBadge attendance={a.myAttendance} /> : null}
                </div>
                <h2 className="mt-2 text-base font-semibold leading-snug text-slate-900">{a.title}</h2>
                <p className="mt-2 flex items-start gap-1.5 text-sm tabular-nums text-slate-700">
                  <Clock className="mt-0.5 h-4 w-4 shrink-0 text-slate-400" aria-hidden />
                  {range(a.startsAt, a.endsAt)}
                </p>
                <p className="mt-1 flex items-start gap-1.5 text-sm text-slate-700">
                  <MapPin className="mt-0.5 h-4 w-4 shrink-0 text-slate-400" aria-hidden />
                  {a.place}
                </p>
                <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
                  <span>{a.organizer}</span>
                  <span>{a.capacity ? t("activities.placesLeft", { registered: a.registered, capacity: a.capacity }) : t("activities.placesUnlimited", { registered: a.registered })}</span>
                  {a.status === "planned" ? (
                    a.signupOpen ? (
                      <span className={full ? "text-amber-700" : undefined}>{full ? t("activities.full") : t("activities.deadlineLine", { time: dateTime(a.signupDeadline) })}</span>
                    ) : (
                      <span>{t("activities.signupClosed")}</span>
                    )
                  ) : null}
                  {a.myCheckedInAt ? (
                    <span className="inline-flex items-center gap-1 text-emerald-700">
                      <CheckCircle2 className="h-3.5 w-3.5" aria-hidden />
                      {t("activities.checkedInAt", { time: dateTime(a.myCheckedInAt) })}
                    </span>
                  ) : null}
                </p>
              </Link>
            </li>
          );
        })}
      </ul>
      <Card>
        <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(page) => go({ page })} />
      </Card>
      <CalendarCard data={calendar} />
    </div>
  );
}

/** The secret ICS feed: made on first use, copied into the phone's calendar, replaceable. */
function CalendarCard({ data }: { data: Outputs["calendar"] }) {
  const t = useTranslations("activities");
  const [copied, setCopied] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const feed = useCall((client, input: Inputs["activity"]["calendarFeed"]) => client.activity.calendarFeed.mutate(input), {
    onSuccess: () => {
      setConfirm(false);
      setCopied(false);
    },
  });
  const url = data.path ? `${typeof window === "undefined" ? "" : window.location.origin}${data.path}` : null;
  return (
    <Card>
      <CardHeader title={t("calendarTitle")} />
      <div className="space-y-3 p-4 text-sm">
        <p className="text-slate-600">{t("calendarHint")}</p>
        {url ? (
          <>
            <p className="break-all rounded-md bg-slate-50 px-3 py-2 font-mono text-xs text-slate-700" data-testid="calendar-url">
              {url}
            </p>
            <div className="flex flex-wrap gap-2">
              <button
                type="button"
                className={buttonClass.secondary}
                onClick={async () => {
                  await navigator.clipboard?.writeText(url);
                  setCopied(true);
                }}
              >
                <Copy className="h-4 w-4" aria-hidden />
                {copied ? t("calendarCopied") : t("calendarCopy")}
              </button>
              <button type="button" className={buttonClass.secondary} onClick={() => setConfirm(true)}>
                <RefreshCw className="h-4 w-4" aria-hidden />
                {t("calendarRegenerate")}
              </button>
            </div>
          </>
        ) : (
          <button type="button" className={buttonClass.primary} disabled={feed.isPending} onClick={() => feed.mutate({})}>
            <CalendarPlus className="h-4 w-4" aria-hidden />
            {t("calendarCreate")}
          </button>
        )}
        {feed.error ? <Alert>{feed.error.message}</Alert> : null}
      </div>
      <ConfirmDialog
        open={confirm}
        title={t("calendarRegenerateTitle")}
        description={t("calendarRegenerateBody")}
        confirmLabel={t("calendarRegenerate")}
        pending={feed.isPending}
        onClose={() => setConfirm(false)}
        onConfirm={() => feed.mutate({ regenerate: true })}
      />
    </Card>
  );
}
