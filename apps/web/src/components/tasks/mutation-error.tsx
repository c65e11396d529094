"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui";
import { isConflict } from "./errors";

/** A form's server error; on CONFLICT, a way to reload the record someone else changed. */
export function MutationError({ error, className }: { error: Parameters<typeof isConflict>[0] & { message: string }; className?: string }) {
  const t = useTranslations("work");
  return (
    <Alert className={className}>
      {error.message}
      {isConflict(error) ? (
        <button type="button" className="ml-2 underline" onClick={() => window.location.reload()}>
          {t("reload")}
        </button>
      ) : null}
    </Alert>
  );
}
