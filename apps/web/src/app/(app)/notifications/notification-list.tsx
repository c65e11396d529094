"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { clsx } from "clsx";
import { AlarmClock, Bell, Building2, CalendarCheck, CalendarClock, CalendarDays, CalendarX, CheckCheck, ClipboardList, CornerUpLeft, FileCheck2, FileClock, FileWarning, Inbox, type LucideIcon, MessageSquareReply, MessageSquareText, Stamp, TriangleAlert } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useTransition } from "react";
import type { AppRouter } from "@dm/api";
import { Pager } from "@/components/tasks/pager";
import { formatDateTime } from "@/components/tasks/timeline";
import { Alert, buttonClass, Card, EmptyState } from "@/components/ui";
import { type Inputs, useCall } from "@/trpc/lazy";

const KINDS: Record<string, { key: string; icon: LucideIcon; tone: string }> = {
  "assignment.sent": { key: "sent", icon: Inbox, tone: "bg-amber-100 text-amber-800" },
  "assignment.returned": { key: "returned", icon: CornerUpLeft, tone: "bg-red-100 text-red-700" },
  "assignment.accepted": { key: "accepted", icon: Stamp, tone: "bg-sky-100 text-sky-700" },
  "assignment.reported": { key: "reported", icon: FileCheck2, tone: "bg-violet-100 text-violet-700" },
  "problem.created": { key: "problemCreated", icon: ClipboardList, tone: "bg-amber-100 text-amber-800" },
  "problem.assigned": { key: "problemAssigned", icon: Inbox, tone: "bg-sky-100 text-sky-700" },
  "problem.reported": { key: "problemReported", icon: FileCheck2, tone: "bg-violet-100 text-violet-700" },
  "problem.verified": { key: "problemVerified", icon: CheckCheck, tone: "bg-emerald-100 text-emerald-700" },
  "problem.rejected": { key: "problemRejected", icon: CornerUpLeft, tone: "bg-red-100 text-red-700" },
  "problem.lookback_scheduled": { key: "problemLookback", icon: ClipboardList, tone: "bg-amber-100 text-amber-800" },
  "problem.reopened": { key: "problemReopened", icon: CornerUpLeft, tone: "bg-red-100 text-red-700" },
  "activity.promoted": { key: "activityPromoted", icon: CalendarCheck, tone: "bg-emerald-100 text-emerald-700" },
  "activity.cancelled": { key: "activityCancelled", icon: CalendarX, tone: "bg-slate-200 text-slate-700" },
  "group.appointed": { key: "groupAppointed", icon: Building2, tone: "bg-sky-100 text-sky-700" },
  "opinion.raised": { key: "opinionRaised", icon: MessageSquareText, tone: "bg-amber-100 text-amber-800" },
  "opinion.replied": { key: "opinionReplied", icon: MessageSquareReply, tone: "bg-emerald-100 text-emerald-700" },
  // Reminders from the background jobs (@dm/jobs).
  "assignment.dueIn3": { key: "dueIn3", icon: CalendarClock, tone: "bg-amber-100 text-amber-800" },
  "assignment.dueIn1": { key: "dueIn1", icon: AlarmClock, tone: "bg-orange-100 text-orange-800" },
  "assignment.overdue": { key: "overdue", icon: TriangleAlert, tone: "bg-red-100 text-red-700" },
  "activity.tomorrow": { key: "activityTomorrow", icon: CalendarDays, tone: "bg-emerald-100 text-emerald-800" },
  "coverage.noActivity": { key: "noActivity", icon: CalendarX, tone: "bg-amber-100 text-amber-800" },
  "monthlyReport.due": { key: "reportDue", icon: FileClock, tone: "bg-sky-100 text-sky-700" },
  "monthlyReport.dueTomorrow": { key: "reportDueTomorrow", icon: FileWarning, tone: "bg-orange-100 text-orange-800" },
};

/** Only paths inside the app are followed. */
const safeLink = (link: string) => (link.startsWith("/") && !link.startsWith("//") ? link : "/");

type Page = inferRouterOutputs<AppRouter>["notification"]["list"];

/**
 * The caller's notifications, a page at a time, from the server (`data`); `unread` is the total
 * unread count, which "mark all read" follows (it covers every page, not just this one).
 */
export function NotificationList({ data, unread }: { data: Page; unread: number }) {
  const t = useTranslations("notifications");
  const format = useFormatter();
  const router = useRouter();
  const pathname = usePathname();
  const [paging, startPaging] = useTransition();
  const markAll = useCall((client, input: Inputs["notification"]["markRead"]) => client.notification.markRead.mutate(input));
  // Opening one leaves the page: no need to render it again.
  const markOne = useCall((client, input: Inputs["notification"]["markRead"]) => client.notification.markRead.mutate(input), { refresh: false });

  async function open(n: { id: number; link: string; readAt: Date | null }) {
    // Reading it should not wait for the next page; a failure to mark it read is not worth stopping for.
    if (!n.readAt) await markOne.mutate({ ids: [n.id] });
    router.push(safeLink(n.link));
  }

  return (
    <Card>
      <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <span className="text-sm text-slate-500" aria-live="polite">
          {t("total", { total: data.total })}
        </span>
        <button type="button" className={buttonClass.secondary} disabled={markAll.isPending || unread === 0} onClick={() => markAll.mutate({})}>
          <CheckCheck className="h-4 w-4" aria-hidden />
          {t("markAll")}
        </button>
      </div>
      {markAll.error ? <Alert className="m-4">{markAll.error.message}</Alert> : null}
      {data.items.length === 0 ? (
        <EmptyState title={t("empty")} hint={t("emptyHint")} />
      ) : (
        <ul className={clsx("divide-y divide-slate-100", paging && "opacity-60")} aria-busy={paging}>
          {data.items.map((n) => {
            const kind = KINDS[n.kind] ?? { key: "other", icon: Bell, tone: "bg-slate-100 text-slate-600" };
            const Icon = kind.icon;
            const unread = !n.readAt;
            return (
              <li key={n.id}>
                <button
                  type="button"
                  onClick={() => void open(n)}
                  className={clsx("flex w-full items-start gap-3 px-4 py-3 text-left hover:bg-slate-50", unread && "bg-brand-50/50")}
                  data-unread={unread || undefined}
                >
                  <span className={clsx("mt-0.5 flex h-8 w-8 shrink-0 items-center justify-center rounded-full", kind.tone)}>
                    <Icon className="h-4 w-4" aria-hidden />
                  </span>
                  <span className="min-w-0 flex-1">
                    <span className="flex flex-wrap items-center gap-x-2">
                      <span className={clsx("text-sm", unread ? "font-semibold text-slate-900" : "font-medium text-slate-700")}>{t(`kinds.${kind.key}`)}</span>
                      {unread ? (
                        <span className="inline-flex items-center gap-1 text-xs font-medium text-brand-700">
                          <span className="h-1.5 w-1.5 rounded-full bg-brand-600" aria-hidden />
                          {t("unread")}
                        </span>
                      ) : null}
                    </span>
                    <span className={clsx("mt-0.5 block text-sm", unread ? "text-slate-900" : "text-slate-600")}>{n.title}</span>
                    <time dateTime={n.createdAt.toISOString()} className="mt-0.5 block text-xs text-slate-500 tabular-nums">
                      {formatDateTime(format, n.createdAt)}
                    </time>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => startPaging(() => router.replace(p > 1 ? `${pathname}?page=${p}` : pathname, { scroll: false }))} />
    </Card>
  );
}
