import { ChevronLeft } from "lucide-react";
import Link from "next/link";

/** A way back up (to the group, or the list), above a page's title; phones have no breadcrumbs. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} className="mb-2 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-brand-700">
      <ChevronLeft className="h-4 w-4" aria-hidden />
      {label}
    </Link>
  );
}
