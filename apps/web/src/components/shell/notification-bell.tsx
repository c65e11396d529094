"use client";

import { useQuery } from "@tanstack/react-query";
import { Bell } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/trpc/react";

/**
 * The bell in the header with the unread count, prefetched by the layout. It polls every
 * minute; pages that change tasks invalidate the notification queries, so the count also moves
 * right after an action.
 */
export function NotificationBell() {
  const t = useTranslations("notifications");
  const trpc = useTRPC();
  const { data: unread = 0 } = useQuery({ ...trpc.notification.unreadCount.queryOptions(), refetchInterval: 60_000, staleTime: 10_000 });
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
