"use client";

import { clsx } from "clsx";
import { useTranslations } from "next-intl";

/**
 * Checkboxes for committees with a 全选 toggle. `locked` ones (already sent) show checked and
 * disabled: they cannot be chosen again.
 */
export function CommitteeChecklist({
  legend,
  options,
  value,
  onChange,
  locked = [],
  errors = [],
}: {
  legend: string;
  options: { id: number; name: string }[];
  value: number[];
  onChange: (ids: number[]) => void;
  locked?: number[];
  errors?: string[];
}) {
  const t = useTranslations("work");
  const free = options.filter((o) => !locked.includes(o.id));
  const allChosen = free.length > 0 && free.every((o) => value.includes(o.id));
  return (
    <fieldset aria-invalid={errors.length > 0 || undefined}>
      <div className="mb-1.5 flex items-center justify-between gap-3">
        <legend className="text-sm font-medium text-slate-700">{legend}</legend>
        {free.length > 1 ? (
          <label className="flex items-center gap-1.5 text-sm text-slate-600">
            <input type="checkbox" className="h-4 w-4 accent-brand-700" checked={allChosen} onChange={() => onChange(allChosen ? [] : free.map((o) => o.id))} />
            {t("selectAll")}
          </label>
        ) : null}
      </div>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
        {options.map((o) => {
          const isLocked = locked.includes(o.id);
          const checked = isLocked || value.includes(o.id);
          return (
            <label
              key={o.id}
              className={clsx(
                "flex min-h-10 items-center gap-2 rounded-md border px-3 py-2 text-sm",
                isLocked
                  ? "cursor-not-allowed border-slate-200 bg-slate-50 text-slate-500"
                  : checked
                    ? "cursor-pointer border-brand-600/40 bg-brand-50 text-slate-900"
                    : "cursor-pointer border-slate-200 bg-white text-slate-700 hover:border-slate-300",
              )}
            >
              <input
                type="checkbox"
                className="h-4 w-4 shrink-0 accent-brand-700"
                checked={checked}
                disabled={isLocked}
                onChange={(e) => onChange(e.target.checked ? [...value, o.id] : value.filter((v) => v !== o.id))}
              />
              <span className="min-w-0 truncate">{o.name}</span>
              {isLocked ? <span className="ml-auto shrink-0 text-xs text-slate-500">{t("alreadySent")}</span> : null}
            </label>
          );
        })}
      </div>
      {errors.length ? <p className="mt-1 text-sm text-red-600">{errors.join("；")}</p> : null}
    </fieldset>
  );
}
