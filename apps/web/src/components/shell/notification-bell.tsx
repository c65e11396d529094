"use client";

import { Bell } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { CHANGED_EVENT, loadClient } from "@/trpc/lazy";

const POLL_MS = 60_000;

/**
 * The bell in the header with the unread count, rendered with the page. It looks again every
 * minute and after any change made on the page (which may notify someone); the tRPC client it
 * asks through is loaded at the first look, not with the page.
 */
export function NotificationBell({ unread: initial }: { unread: number }) {
  const t = useTranslations("notifications");
  const [unread, setUnread] = useState(initial);
  // A page rendered again on the server (after a change) brings a fresh count.
  useEffect(() => setUnread(initial), [initial]);
  useEffect(() => {
    let stopped = false;
    const look = () =>
      loadClient()
        .then((client) => client.notification.unreadCount.query())
        .then((count) => !stopped && setUnread(count))
        // A missed look (offline, signed out) keeps the last count; the next one may succeed.
        .catch(() => {});
    const timer = window.setInterval(look, POLL_MS);
    window.addEventListener(CHANGED_EVENT, look);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      window.removeEventListener(CHANGED_EVENT, look);
    };
  }, []);
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
