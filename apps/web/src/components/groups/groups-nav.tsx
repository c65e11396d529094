"use client";

import { clsx } from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

const TABS = [
  { href: "/groups", key: "list" },
  { href: "/groups/departments", key: "departments" },
  { href: "/groups/appraisal", key: "appraisal" },
] as const;

/** The three staff views of dispatched supervision: groups, the department register, the appraisal. */
export function GroupsNav() {
  const t = useTranslations("groups.tabs");
  const pathname = usePathname();
  return (
    <nav aria-label={t("label")} className="-mx-4 mb-4 overflow-x-auto border-b border-slate-200 px-4 sm:mx-0 sm:px-0">
      <ul className="flex gap-1">
        {TABS.map((tab) => {
          const current = tab.href === "/groups" ? pathname === "/groups" : pathname.startsWith(tab.href);
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={current ? "page" : undefined}
                className={clsx(
                  "inline-block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
                  current ? "border-brand-700 text-brand-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-800",
                )}
              >
                {t(tab.key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
