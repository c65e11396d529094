"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { CheckCircle2, Download, FileSpreadsheet } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import type { AppRouter } from "@dm/api";
import { IMPORT_MAX_BYTES } from "@dm/api/schemas/member";
import { ConfirmDialog } from "@/components/tasks/confirm-dialog";
import { Alert, buttonClass, Card, CardHeader } from "@/components/ui";
import { useTRPC } from "@/trpc/react";

type Preview = inferRouterOutputs<AppRouter>["member"]["importPreview"];

/** The file's bytes as base64, for the JSON the API takes. */
async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * 导入委员 in three steps: the template, a file checked row by row (nothing written), then the
 * import of the valid rows (checked again on the server, written in one transaction).
 */
export function MemberImport() {
  const t = useTranslations("memberImport");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const preview = useMutation(trpc.member.importPreview.mutationOptions());
  const commit = useMutation(
    trpc.member.importCommit.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        void queryClient.invalidateQueries(trpc.member.pathFilter());
      },
      onError: () => setConfirming(false),
    }),
  );

  async function choose(chosen: File | undefined) {
    preview.reset();
    commit.reset();
    setFile(null);
    setLocalError(null);
    if (!chosen) return;
    if (!/\.xlsx$/i.test(chosen.name)) return setLocalError(t("notXlsx"));
    if (chosen.size > IMPORT_MAX_BYTES) return setLocalError(t("tooLarge"));
    const data = await toBase64(chosen);
    setFile({ name: chosen.name, data });
    preview.mutate({ file: data });
  }

  function startOver() {
    preview.reset();
    commit.reset();
    setFile(null);
    if (input.current) input.current.value = "";
  }

  const result: Preview | undefined = commit.data ?? preview.data;
  const problems = result?.rows.filter((r) => !r.ok) ?? [];
  const valid = result?.rows.filter((r) => r.ok) ?? [];
  const requestError = commit.error ?? preview.error;

  return (
    <div className="space-y-4">
      <Card>
        <CardHeader title={`1. ${t("step1")}`} />
        <div className="flex flex-col gap-3 p-4 text-sm text-slate-600 sm:flex-row sm:items-center sm:justify-between sm:p-5">
          <p>{t("step1Body")}</p>
          <a href="/api/members/template" className={buttonClass.secondary} download>
            <Download className="h-4 w-4" aria-hidden />
            {t("downloadTemplate")}
          </a>
        </div>
      </Card>

      <Card>
        <CardHeader title={`2. ${t("step2")}`} />
        <div className="space-y-3 p-4 text-sm sm:p-5">
          <p className="text-slate-600">{t("step2Body")}</p>
          <label className="flex cursor-pointer items-center gap-3 rounded-md border border-dashed border-slate-300 px-4 py-4 focus-within:ring-2 focus-within:ring-brand-600/30 hover:bg-slate-50">
            <FileSpreadsheet className="h-6 w-6 shrink-0 text-emerald-700" aria-hidden />
            <span className="min-w-0 flex-1">
              <span className="block font-medium text-slate-800">{file?.name ?? t("chooseFile")}</span>
              <span className="block text-xs text-slate-500">.xlsx · ≤ 1 MB</span>
            </span>
            <input
              ref={input}
              type="file"
              aria-label={t("fileLabel")}
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              className="sr-only"
              onChange={(e) => void choose(e.target.files?.[0])}
            />
          </label>
          {localError ? <Alert>{localError}</Alert> : null}
          {preview.isPending ? (
            <p role="status" className="text-slate-500">
              {t("checking")}
            </p>
          ) : null}
          {requestError ? <Alert>{requestError.message}</Alert> : null}
        </div>
      </Card>

      {result ? (
        <Card>
          <CardHeader title={`3. ${t("step3")}`} />
          <div className="space-y-4 p-4 sm:p-5">
            {commit.data ? (
              <Alert tone="success">
                <CheckCircle2 className="mr-1 inline h-4 w-4 align-text-bottom" aria-hidden />
                {commit.data.invalid ? t("doneSkipped", { created: commit.data.created, skipped: commit.data.invalid }) : t("done", { created: commit.data.created })}
              </Alert>
            ) : (
              <p className="text-sm font-medium text-slate-800" aria-live="polite">
                {t("summary", { total: result.total, valid: result.valid, invalid: result.invalid })}
              </p>
            )}

            {problems.length ? (
              <section aria-labelledby="import-problems">
                <h3 id="import-problems" className="mb-2 text-sm font-semibold text-red-700">
                  {t("problems")}
                </h3>
                <div className="overflow-x-auto rounded-md border border-red-100">
                  <table className="w-full text-left text-sm">
                    <thead className="bg-red-50 text-xs text-red-800">
                      <tr>
                        <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">{t("row")}</th>
                        <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">{t("name")}</th>
                        <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">{t("column")}</th>
                        <th scope="col" className="px-3 py-2 font-medium">{t("reason")}</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-red-50">
                      {problems.flatMap((r) =>
                        r.issues.map((issue, i) => (
                          <tr key={`${r.row}-${i}`}>
                            <td className="px-3 py-2 tabular-nums">{i === 0 ? r.row : ""}</td>
                            <td className="px-3 py-2 whitespace-nowrap">{i === 0 ? r.name || "—" : ""}</td>
                            <td className="px-3 py-2 whitespace-nowrap">{issue.column}</td>
                            <td className="px-3 py-2 text-red-700">{issue.reason}</td>
                          </tr>
                        )),
                      )}
                    </tbody>
                  </table>
                </div>
              </section>
            ) : commit.data ? null : (
              <Alert tone="success">{t("allValid")}</Alert>
            )}

            {valid.length && !commit.data ? (
              <details className="rounded-md border border-slate-200">
                <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700">
                  {t("validRows")}（{valid.length}）
                </summary>
                <ul className="divide-y divide-slate-100 text-sm">
                  {valid.map((r) => (
                    <li key={r.row} className="flex flex-wrap gap-x-3 px-3 py-1.5">
                      <span className="w-10 text-slate-500 tabular-nums">{r.row}</span>
                      <span className="font-medium text-slate-800">{r.name}</span>
                      <span className="tabular-nums text-slate-600">{r.phone}</span>
                      <span className="text-slate-500">{r.committeeName}</span>
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}

            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              {commit.data ? (
                <>
                  <button type="button" className={buttonClass.secondary} onClick={startOver}>
                    {t("again")}
                  </button>
                  <Link href="/members" className={buttonClass.primary}>
                    {t("toRoster")}
                  </Link>
                </>
              ) : result.valid === 0 ? (
                <p className="text-sm text-slate-500">{t("nothingValid")}</p>
              ) : (
                <button type="button" className={buttonClass.primary} onClick={() => setConfirming(true)}>
                  {t("importButton", { count: result.valid })}
                </button>
              )}
            </div>
          </div>
        </Card>
      ) : null}

      <ConfirmDialog
        open={confirming}
        title={t("confirmTitle", { count: result?.valid ?? 0 })}
        description={t("confirmBody", { invalid: result?.invalid ?? 0 })}
        confirmLabel={t("confirm")}
        pending={commit.isPending}
        onConfirm={() => file && commit.mutate({ file: file.data })}
        onClose={() => setConfirming(false)}
      />
    </div>
  );
}
