"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/trpc/react";
import { ProblemForm } from "../problem-form";

/** The new-problem form; a problem found in an activity, a visit or an assignment keeps that link. */
export function NewProblem({ origin }: { origin: { source: "activity" | "visit" | "assignment"; sourceId: number; label: string } | null }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.problem.create.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries(trpc.problem.pathFilter());
        router.push(`/problems/${id}`);
      },
    }),
  );
  return (
    <ProblemForm
      submitLabel={t("problems.form.submit")}
      pending={create.isPending || create.isSuccess}
      error={create.error}
      onSubmit={(values) => create.mutate({ ...values, source: origin?.source ?? "direct", sourceId: origin?.sourceId ?? null })}
    >
      {origin ? (
        <div className="flex items-start gap-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" role="note">
          <Link2 className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
          <span>
            {t("problems.form.fromSource", { source: t(`problemSource.${origin.source}`) })}
            <span className="font-medium">{origin.label}</span>
          </span>
        </div>
      ) : null}
    </ProblemForm>
  );
}
