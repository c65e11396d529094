"use client";

import { clsx } from "clsx";
import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";

export interface ShellLink {
  href: string;
  label: string;
  /** Rendered on the server, so no icon code reaches the browser. */
  icon: React.ReactNode;
}

function isActive(pathname: string, href: string) {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * While the page a link leads to loads, the link says so. The pages members open have no
 * loading skeleton (it would delay their content on a first load), so this is the feedback.
 */
function Pending() {
  const { pending } = useLinkStatus();
  return <span aria-hidden className={clsx("ml-auto h-1.5 w-1.5 rounded-full bg-brand-600", pending ? "animate-pulse" : "invisible")} />;
}

/** The main navigation; the link of the current section is marked as the current page. */
export function NavLinks({ label, items }: { label: string; items: ShellLink[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="space-y-1 p-3">
      {items.map((item) => {
        const active = isActive(pathname, item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={clsx("flex items-center gap-3 rounded-md px-3 py-2.5 text-sm font-medium", active ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100")}
          >
            {item.icon}
            {item.label}
            <Pending />
          </Link>
        );
      })}
    </nav>
  );
}
