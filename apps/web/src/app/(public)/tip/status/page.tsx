import { TRPCError } from "@trpc/server";
import { CheckCircle2, Search } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Alert, buttonClass, Card, inputClass } from "@/components/ui";
import { getCaller } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tipStatusPage"))("title") };
}

type Status = Awaited<ReturnType<Awaited<ReturnType<typeof getCaller>>["tip"]["status"]>>;

/**
 * 查询办理进度 by reference code, no sign-in: the state of the tip and, once it became a
 * problem, of the problem. Never what was written, where, or by whom. A plain GET form, so it
 * works before (or without) any script.
 */
export default async function TipStatusPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations("tipStatusPage");
  const format = await getFormatter();
  const params = await searchParams;
  const code = typeof params.code === "string" ? params.code.slice(0, 40) : "";
  const justSent = params.new === "1";
  let status: Status | null = null;
  let error: string | null = null;
  if (code) {
    try {
      status = await (await getCaller()).tip.status({ code });
    } catch (e) {
      if (!(e instanceof TRPCError) || (e.code !== "NOT_FOUND" && e.code !== "BAD_REQUEST")) throw e;
      error = e.code === "NOT_FOUND" ? t("notFound") : t("badCode");
    }
  }
  const date = (d: Date) => format.dateTime(d, { year: "numeric", month: "long", day: "numeric" });
  // One line for where it stands, from the citizen's side.
  const stage = status ? (status.status === "converted" ? (status.problemStatus ?? "pending") : status.status) : null;

  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
      {justSent && status ? (
        <Card className="mt-4 border-emerald-200 bg-emerald-50 p-4 text-center">
          <CheckCircle2 className="mx-auto h-8 w-8 text-emerald-600" aria-hidden />
          <p className="mt-2 font-medium text-emerald-900">{t("sent")}</p>
          <p className="mt-1 text-sm text-emerald-800">{t("keepCode")}</p>
          <p className="mt-3 font-mono text-3xl font-semibold tracking-widest text-slate-900" data-testid="tip-code">
            {status.code}
          </p>
        </Card>
      ) : null}

      <form method="get" action="/tip/status" className="mt-4 flex gap-2" role="search">
        <label htmlFor="tip-code" className="sr-only">
          {t("codeLabel")}
        </label>
        <input id="tip-code" name="code" defaultValue={status?.code ?? code} placeholder={t("codePlaceholder")} autoCapitalize="characters" autoComplete="off" spellCheck={false} maxLength={40} className={`${inputClass} font-mono uppercase tracking-wider`} />
        <button type="submit" className={buttonClass.primary}>
          <Search className="h-4 w-4" aria-hidden />
          {t("lookUp")}
        </button>
      </form>

      {error ? <Alert className="mt-4">{error}</Alert> : null}

      {status && stage ? (
        <Card className="mt-4 p-4">
          <dl className="space-y-3 text-sm">
            <div className="flex justify-between gap-3">
              <dt className="text-slate-500">{t("code")}</dt>
              <dd className="font-mono tracking-wider text-slate-900">{status.code}</dd>
            </div>
            <div className="flex justify-between gap-3">
              <dt className="text-slate-500">{t("submittedOn")}</dt>
              <dd className="text-slate-900">{date(status.createdAt)}</dd>
            </div>
            <div className="flex justify-between gap-3">
              <dt className="text-slate-500">{t("state")}</dt>
              <dd className="text-right font-semibold text-brand-800" data-testid="tip-state">
                {t(`stages.${stage}`)}
              </dd>
            </div>
            {status.triagedAt ? (
              <div className="flex justify-between gap-3">
                <dt className="text-slate-500">{t("handledOn")}</dt>
                <dd className="text-slate-900">{date(status.triagedAt)}</dd>
              </div>
            ) : null}
            {status.closedAt ? (
              <div className="flex justify-between gap-3">
                <dt className="text-slate-500">{t("closedOn")}</dt>
                <dd className="text-slate-900">{date(status.closedAt)}</dd>
              </div>
            ) : null}
          </dl>
          <p className="mt-3 border-t border-slate-100 pt-3 text-sm text-slate-600">{t(`explain.${stage}`)}</p>
        </Card>
      ) : null}

      <p className="mt-6 text-center text-sm">
        <Link href="/tip" className="text-brand-700 hover:underline">
          {t("another")}
        </Link>
      </p>
    </>
  );
}
