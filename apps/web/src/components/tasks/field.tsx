import { clsx } from "clsx";
import { labelClass } from "@/components/ui";

/** A labelled form field with its hint and errors; the control gets the matching ids. */
export function Field({
  id,
  label,
  hint,
  errors = [],
  required,
  className,
  children,
}: {
  id: string;
  label: string;
  hint?: React.ReactNode;
  errors?: string[];
  required?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
        {required ? (
          <span className="ml-0.5 text-red-600" aria-hidden>
            *
          </span>
        ) : null}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errors.length ? (
        <p id={`${id}-error`} className={clsx("mt-1 text-sm text-red-600")}>
          {errors.join("；")}
        </p>
      ) : null}
    </div>
  );
}

/** aria attributes linking a control to its Field's hint and errors. */
export function describedBy(id: string, { hint, errors }: { hint?: unknown; errors?: string[] }) {
  const ids = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean);
  return { "aria-invalid": Boolean(errors?.length), "aria-describedby": ids.length ? ids.join(" ") : undefined };
}
