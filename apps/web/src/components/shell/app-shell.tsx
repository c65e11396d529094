import { Award, Building2, ChartColumn, CalendarDays, ClipboardList, FileText, Flag, Grid3x3, Home, Inbox, KeyRound, ListChecks, LogOut, Megaphone, Menu, Network, ScrollText, Users, X } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/server/actions";
import { Emblem } from "../emblem";
import { LanguageSwitch } from "../language-switch";
import { MenuDrawer } from "./menu-drawer";
import type { NavIcon, NavItem } from "./nav";
import { NavLinks } from "./nav-links";
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
  /** Unread notifications, for the bell. */
  unread: number;
  children: React.ReactNode;
}

/**
 * The signed-in frame: header, the navigation (a sidebar on a desk, a drawer on a phone) and
 * the account links. Rendered on the server, icons included; only the parts that react in the
 * browser — the current link, the drawer, the bell, the language switch — are client components.
 */
export async function AppShell({ nav, user, unread, children }: ShellProps) {
  const t = await getTranslations();
  const items = nav.map((item) => {
    const Icon = ICONS[item.icon];
    return { href: item.href, label: t(`nav.${item.label}`), icon: <Icon className="h-4 w-4" aria-hidden /> };
  });
  const links = <NavLinks label={t("nav.mainNav")} items={items} />;

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
        <MenuDrawer
          title={t("app.shortName")}
          menuLabel={t("nav.menu")}
          closeLabel={t("nav.closeMenu")}
          menuIcon={<Menu className="h-5 w-5" aria-hidden />}
          closeIcon={<X className="h-5 w-5" aria-hidden />}
          footer={account}
        >
          {links}
        </MenuDrawer>
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
          <NotificationBell unread={unread} />
          <span className="hidden text-sm text-white/90 md:inline">{user.displayName}</span>
        </div>
      </header>

      <div className="flex">
        <aside className="sticky top-14 hidden h-[calc(100dvh-3.5rem)] w-60 shrink-0 flex-col justify-between border-r border-slate-200 bg-white lg:flex print:hidden">
          {links}
          {account}
        </aside>

        <main className="min-w-0 flex-1 px-4 py-5 sm:px-6 lg:px-8 lg:py-7 print:p-0">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
