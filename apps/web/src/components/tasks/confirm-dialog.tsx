"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef } from "react";
import { buttonClass } from "@/components/ui";

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in words. */
  description?: React.ReactNode;
  confirmLabel: string;
  tone?: "primary" | "danger" | "success";
  pending?: boolean;
  onConfirm: () => void;
  onClose: () => void;
  /** Extra fields (a reason, a comment) and errors. */
  children?: React.ReactNode;
}

/**
 * A modal confirmation built on <dialog>: focus stays inside, Escape closes it, and the page
 * behind is inert. On phones it sits at the bottom of the screen, within thumb reach.
 */
export function ConfirmDialog({ open, title, description, confirmLabel, tone = "primary", pending, onConfirm, onClose, children }: ConfirmDialogProps) {
  const t = useTranslations("work");
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        if (pending) e.preventDefault();
      }}
      className="m-0 mt-auto w-full max-w-none rounded-t-xl bg-white p-0 shadow-xl backdrop:bg-slate-900/40 sm:m-auto sm:max-w-md sm:rounded-xl"
    >
      {open ? (
        <form
          method="dialog"
          className="space-y-4 p-5"
          onSubmit={(e) => {
            e.preventDefault();
            onConfirm();
          }}
        >
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          {description ? <div className="text-sm text-slate-600">{description}</div> : null}
          {children}
          <div className="flex flex-col-reverse gap-2 pt-1 sm:flex-row sm:justify-end">
            <button type="button" className={buttonClass.secondary} onClick={onClose} disabled={pending}>
              {t("cancel")}
            </button>
            <button type="submit" className={tone === "danger" ? buttonClass.dangerSolid : tone === "success" ? buttonClass.success : buttonClass.primary} disabled={pending}>
              {pending ? t("working") : confirmLabel}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
