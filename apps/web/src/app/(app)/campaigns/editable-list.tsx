"use client";

import { ArrowDown, ArrowUp, Plus, RotateCcw, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { buttonClass, inputClass } from "@/components/ui";

/**
 * An editable ordered list of short labels (监督内容, 监督方式): add, remove, reorder (on wider
 * screens; phones keep the width for the text), restore the defaults.
 */
export function EditableList({
  id,
  legend,
  items,
  onChange,
  defaults,
  errors,
}: {
  id: string;
  legend: string;
  items: string[];
  onChange: (items: string[]) => void;
  defaults: readonly string[];
  errors: string[];
}) {
  const t = useTranslations("campaigns");
  const set = (i: number, value: string) => onChange(items.map((v, j) => (j === i ? value : v)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...items];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    onChange(next);
  };
  return (
    <fieldset>
      <div className="mb-1.5 flex items-center justify-between gap-3">
        <legend className="text-sm font-medium text-slate-700">
          {legend}
          <span className="ml-0.5 text-red-600" aria-hidden>
            *
          </span>
        </legend>
        <button type="button" className="inline-flex items-center gap-1 text-xs text-slate-500 hover:text-brand-700" onClick={() => onChange([...defaults])}>
          <RotateCcw className="h-3.5 w-3.5" aria-hidden />
          {t("restoreDefaults")}
        </button>
      </div>
      <ol className="space-y-2">
        {items.map((item, i) => (
          <li key={i} className="flex items-center gap-1.5">
            <span className="w-5 shrink-0 text-right text-xs text-slate-500 tabular-nums">{i + 1}</span>
            <input
              id={i === 0 ? id : undefined}
              className={inputClass}
              value={item}
              maxLength={60}
              aria-label={t("itemLabel", { list: legend, n: i + 1 })}
              aria-invalid={errors.length > 0 && !item.trim()}
              onChange={(e) => set(i, e.target.value)}
            />
            <button type="button" className="hidden rounded p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-700 disabled:opacity-30 sm:inline-flex" disabled={i === 0} aria-label={t("moveUp")} onClick={() => move(i, -1)}>
              <ArrowUp className="h-4 w-4" aria-hidden />
            </button>
            <button type="button" className="hidden rounded p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-700 disabled:opacity-30 sm:inline-flex" disabled={i === items.length - 1} aria-label={t("moveDown")} onClick={() => move(i, 1)}>
              <ArrowDown className="h-4 w-4" aria-hidden />
            </button>
            <button type="button" className="rounded p-1.5 text-slate-500 hover:bg-red-50 hover:text-red-700" aria-label={t("removeItem", { item: item || i + 1 })} onClick={() => onChange(items.filter((_, j) => j !== i))}>
              <X className="h-4 w-4" aria-hidden />
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className={`${buttonClass.secondary} mt-2`} onClick={() => onChange([...items, ""])} disabled={items.length >= 20}>
        <Plus className="h-4 w-4" aria-hidden />
        {t("addItem")}
      </button>
      {errors.length ? <p className="mt-1 text-sm text-red-600">{errors.join("；")}</p> : null}
    </fieldset>
  );
}
