"use client";

import { clsx } from "clsx";
import { Search } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useTransition } from "react";
import { buttonClass, inputClass } from "./ui";

/** Building blocks shared by the searchable, filterable lists (roster, tasks, inbox). */

/** A search box that submits on Enter or the button; `value` re-seeds it when the URL changes. */
export function SearchBox({ id, label, placeholder, value, onSearch, className }: { id: string; label: string; placeholder: string; value?: string; onSearch: (text: string | undefined) => void; className?: string }) {
  return (
    <form
      role="search"
      className={clsx("flex gap-2", className)}
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(String(new FormData(event.currentTarget).get("q") ?? "").trim() || undefined);
      }}
    >
      <label className="sr-only" htmlFor={id}>
        {label}
      </label>
      <input id={id} name="q" key={value ?? ""} defaultValue={value} maxLength={50} placeholder={placeholder} className={inputClass} />
      <button type="submit" className={buttonClass.primary}>
        <Search className="h-4 w-4" aria-hidden />
        <span className="hidden sm:inline">{label}</span>
      </button>
    </form>
  );
}

/** The count of results, and a way back to the unfiltered list when filters are on. */
export function ResultSummary({ text, clearLabel, onClear }: { text: string; clearLabel: string; onClear?: () => void }) {
  return (
    <div className="flex items-center justify-between px-4 pt-3 text-sm text-slate-500">
      <span aria-live="polite">{text}</span>
      {onClear ? (
        <button type="button" className="text-brand-700 hover:underline" onClick={onClear}>
          {clearLabel}
        </button>
      ) : null}
    </div>
  );
}

export function OverdueToggle({ checked, label, onChange }: { checked: boolean; label: string; onChange: (checked: boolean) => void }) {
  return (
    <label className={clsx("flex items-center gap-2 rounded-md border px-3 py-2 text-sm", checked ? "border-red-300 bg-red-50 text-red-800" : "border-slate-300 bg-white text-slate-700")}>
      <input type="checkbox" className="h-4 w-4 accent-red-700" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

/**
 * A list whose filters live in the URL: `input` parsed from the search params, `go` to change
 * some filters (back to page 1 unless a page is given), `clear` to drop them all. `pending` is
 * true while the page for the new URL is on its way (lists rendered from the server's data).
 */
export function useUrlInput<T extends { page?: number }>(parse: (params: URLSearchParams) => T, serialize: (input: T) => string) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const input = useMemo(() => parse(new URLSearchParams(searchParams.toString())), [parse, searchParams]);
  const go = (next: Partial<T>) => startTransition(() => router.replace(`${pathname}${serialize({ ...input, page: 1, ...next })}`, { scroll: false }));
  const clear = () => startTransition(() => router.replace(pathname));
  return { input, go, clear, pending };
}
