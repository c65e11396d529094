"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

interface DrawerProps {
  title: string;
  menuLabel: string;
  closeLabel: string;
  menuIcon: React.ReactNode;
  closeIcon: React.ReactNode;
  /** The account links under the navigation. */
  footer: React.ReactNode;
  /** The navigation. */
  children: React.ReactNode;
}

/** On a phone the navigation sits behind the menu button, in a drawer that closes on navigation. */
export function MenuDrawer({ title, menuLabel, closeLabel, menuIcon, closeIcon, footer, children }: DrawerProps) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [pathname]);
  return (
    <>
      <button type="button" className="-ml-1 rounded p-1.5 hover:bg-white/10 lg:hidden" aria-label={menuLabel} aria-expanded={open} onClick={() => setOpen(true)}>
        {menuIcon}
      </button>
      {open ? (
        <div className="fixed inset-0 z-40 text-slate-900 lg:hidden" role="dialog" aria-modal="true" aria-label={menuLabel}>
          <button type="button" className="absolute inset-0 bg-slate-900/40" aria-label={closeLabel} onClick={() => setOpen(false)} />
          <div className="absolute inset-y-0 left-0 flex w-72 max-w-[85vw] flex-col justify-between bg-white shadow-xl">
            <div>
              <div className="flex h-14 items-center justify-between border-b border-slate-200 px-4">
                <span className="font-semibold text-slate-900">{title}</span>
                <button type="button" className="rounded p-1.5 hover:bg-slate-100" aria-label={closeLabel} onClick={() => setOpen(false)}>
                  {closeIcon}
                </button>
              </div>
              {children}
            </div>
            {footer}
          </div>
        </div>
      ) : null}
    </>
  );
}
