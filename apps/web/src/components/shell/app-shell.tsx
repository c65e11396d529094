"use client";

import { clsx } from "clsx";
import { Award, Building2, ChartColumn, CalendarDays, ClipboardList, FileText, Flag, Grid3x3, Home, Inbox, KeyRound, ListChecks, LogOut, Megaphone, Menu, Network, ScrollText, Users, X } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { signOutAction } from "@/server/actions";
import { Emblem } from "../ui";
import { LanguageSwitch } from "../language-switch";
import type { NavIcon, NavItem } from "./nav";
import { NotificationBell } from "./notification-bell";

const ICONS: Record<NavIcon, typeof Home> = {
  home: Home,
  dashboard: ChartColumn,
  committees: Network,
  members: Users,
  campaigns: Flag,
  tasks: ClipboardList,
  assignments: Inbox,
  activities: CalendarDays,
  coverage: Grid3x3,
  monthlyReports: FileText,
  participation: Award,
  groups: Building2,
  problems: ListChecks,
  tips: Megaphone,
  audit: ScrollText,
};

interface ShellProps {
  nav: NavItem[];
  user: { displayName: string; roleLabel: string; committeeName: string };
  children: React.ReactNode;
}

function isActive(pathname: string, href: string) {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function AppShell({ nav, user, children }: ShellProps) {
  const t = useTranslations();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [pathname]);

  const links = (
    <nav aria-label={t("nav.mainNav")} className="space-y-1 p-3">
      {nav.map((item) => {
        const Icon = ICONS[item.icon];
        const active = isActive(pathname, item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={clsx(
              "flex items-center gap-3 rounded-md px-3 py-2.5 text-sm font-medium",
              active ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100",
            )}
          >
            <Icon className="h-4 w-4" aria-hidden />
            {t(`nav.${item.label}`)}
          </Link>
        );
      })}
    </nav>
  );

  const account = (
    <div className="border-t border-slate-200 p-3">
      <div className="px-3 pb-2">
        <p className="truncate text-sm font-medium text-slate-900">{user.displayName}</p>
        <p className="truncate text-xs text-slate-500">
          {user.committeeName} · {user.roleLabel}
        </p>
      </div>
      <Link href="/account/password" className="flex items-center gap-3 rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100">
        <KeyRound className="h-4 w-4" aria-hidden />
        {t("nav.password")}
      </Link>
      <form action={signOutAction}>
        <button type="submit" className="flex w-full items-center gap-3 rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100">
          <LogOut className="h-4 w-4" aria-hidden />
          {t("nav.signOut")}
        </button>
      </form>
    </div>
  );

  return (
    <div className="min-h-dvh">
      <header className="sticky top-0 z-30 flex h-14 print:hidden items-center gap-3 bg-brand-700 px-4 text-white shadow">
        <button type="button" className="-ml-1 rounded p-1.5 hover:bg-white/10 lg:hidden" aria-label={t("nav.menu")} aria-expanded={open} onClick={() => setOpen(true)}>
          <Menu className="h-5 w-5" />
        </button>
        <Link href="/" className="flex min-w-0 items-center gap-2.5">
          <Emblem className="h-7 w-7 shrink-0 text-gold-400" />
          <span className="truncate font-semibold tracking-wide">
            <span className="hidden sm:inline">{t("app.org")} · </span>
            {t("app.name")}
          </span>
        </Link>
        <div className="ml-auto flex shrink-0 items-center gap-2 sm:gap-3">
          <div className="shrink-0 whitespace-nowrap">
            <LanguageSwitch tone="dark" />
          </div>
          <NotificationBell />
          <span className="hidden text-sm text-white/90 md:inline">{user.displayName}</span>
        </div>
      </header>

      <div className="flex">
        <aside className="sticky top-14 hidden h-[calc(100dvh-3.5rem)] w-60 shrink-0 flex-col justify-between border-r border-slate-200 bg-white lg:flex print:hidden">
          {links}
          {account}
        </aside>

        {open ? (
          <div className="fixed inset-0 z-40 lg:hidden" role="dialog" aria-modal="true" aria-label={t("nav.menu")}>
            <button type="button" className="absolute inset-0 bg-slate-900/40" aria-label={t("nav.closeMenu")} onClick={() => setOpen(false)} />
            <div className="absolute inset-y-0 left-0 flex w-72 max-w-[85vw] flex-col justify-between bg-white shadow-xl">
              <div>
                <div className="flex h-14 items-center justify-between border-b border-slate-200 px-4">
                  <span className="font-semibold text-slate-900">{t("app.shortName")}</span>
                  <button type="button" className="rounded p-1.5 hover:bg-slate-100" aria-label={t("nav.closeMenu")} onClick={() => setOpen(false)}>
                    <X className="h-5 w-5" />
                  </button>
                </div>
                {links}
              </div>
              {account}
            </div>
          </div>
        ) : null}

        <main className="min-w-0 flex-1 px-4 py-5 sm:px-6 lg:px-8 lg:py-7 print:p-0">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
