"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { Alert, Card } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { useDateTime } from "./labels";

/** Asks for a fresh code this often; each is accepted for 30 to 60 seconds. */
const REFRESH_MS = 10_000;

/** The check-in URL a member's phone opens when it scans the code. */
export function checkInUrl(origin: string, activityId: number, token: string) {
  return `${origin}/activities/check-in?a=${activityId}&t=${encodeURIComponent(token)}`;
}

/**
 * The organiser's screen on the day: a QR code of the check-in link with a rotating token,
 * fetched again every 10 seconds, and how many have checked in so far.
 */
export function QrPanel({ id }: { id: number }) {
  const t = useTranslations("activities");
  const trpc = useTRPC();
  const dateTime = useDateTime();
  const { data, error } = useQuery({ ...trpc.activity.checkInCode.queryOptions({ id }), refetchInterval: REFRESH_MS, refetchIntervalInBackground: true, staleTime: 0 });
  const [svg, setSvg] = useState<string | null>(null);
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  const url = data && origin ? checkInUrl(origin, id, data.token) : null;

  useEffect(() => {
    if (!url) return;
    let live = true;
    QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 }).then((out) => {
      if (live) setSvg(out);
    });
    return () => {
      live = false;
    };
  }, [url]);

  return (
    <div className="mx-auto max-w-xl">
      <Link href={`/activities/${id}`} className="mb-3 inline-flex items-center gap-1 text-sm text-brand-700 hover:underline">
        <ArrowLeft className="h-4 w-4" aria-hidden />
        {t("backToActivity")}
      </Link>
      <Card className="p-5 text-center sm:p-8">
        <h1 className="text-xl font-semibold text-slate-900 sm:text-2xl">{data?.title ?? t("qrTitle")}</h1>
        <p className="mt-1 text-sm text-slate-500">{t("qrTitle")}</p>
        {error ? <Alert className="mt-4 text-left">{error.message}</Alert> : null}
        <div className="mx-auto mt-5 aspect-square w-full max-w-sm rounded-lg border border-slate-200 bg-white p-2">
          {svg && url ? (
            // The SVG is made by the qrcode library from our own URL: no user markup goes in.
            <div role="img" aria-label={t("qrTitle")} className="h-full w-full [&>svg]:h-full [&>svg]:w-full" dangerouslySetInnerHTML={{ __html: svg }} />
          ) : (
            <p className="flex h-full items-center justify-center text-sm text-slate-500">{t("qrLoading")}</p>
          )}
        </div>
        {data ? (
          <>
            <p className="mt-4 text-3xl font-semibold tabular-nums text-emerald-700" aria-live="polite">
              {t("qrArrived", { arrived: data.arrived, registered: data.registered })}
            </p>
            <p className="mt-2 text-sm text-slate-600">{t("qrWindow", { opens: dateTime(data.window.opens), closes: dateTime(data.window.closes) })}</p>
            {!data.open ? <Alert className="mt-3">{t("qrClosed")}</Alert> : null}
          </>
        ) : null}
        <p className="mt-3 text-xs text-slate-500">{t("qrHint")}</p>
        {url ? (
          <p className="mt-3 break-all text-left text-xs text-slate-500">
            {t("qrLink")}：
            <span data-testid="check-in-url" data-url={url} className="select-all">
              {url}
            </span>
          </p>
        ) : null}
      </Card>
    </div>
  );
}
