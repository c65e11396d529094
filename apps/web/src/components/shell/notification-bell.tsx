"use client";

import { useQuery } from "@tanstack/react-query";
import { Bell } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useTRPC } from "@/trpc/react";

/** How long after a page load the bell first asks for the count. */
const FIRST_FETCH_DELAY_MS = 1500;

/**
 * The bell in the header with the unread count. It polls every minute; pages that change
 * tasks invalidate the notification queries, so the count also moves right after an action.
 *
 * The first request waits a moment after a page load: every request slides the session cookie,
 * so one still in flight when the person signs out straight away would set the cookie again
 * (the server refuses that revoked session, but the browser should be left without it).
 */
export function NotificationBell() {
  const t = useTranslations("notifications");
  const trpc = useTRPC();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setReady(true), FIRST_FETCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  const { data: unread = 0 } = useQuery({ ...trpc.notification.unreadCount.queryOptions(), enabled: ready, refetchInterval: 60_000, staleTime: 10_000 });
  const label = unread > 0 ? t("bellUnread", { count: unread }) : t("bell");
  return (
    <Link href="/notifications" aria-label={label} title={label} className="relative rounded p-1.5 hover:bg-white/10">
      <Bell className="h-5 w-5" aria-hidden />
      {unread > 0 ? (
        <span className="absolute -top-0.5 -right-0.5 flex h-4.5 min-w-4.5 items-center justify-center rounded-full bg-gold-400 px-1 text-[11px] leading-none font-semibold text-brand-900 tabular-nums" aria-hidden>
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
