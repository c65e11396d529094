"use client";

import { CheckCircle2, CircleAlert, LoaderCircle } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { buttonClass, Card } from "@/components/ui";
import { type Inputs, useCall } from "@/trpc/lazy";
import { useDateTime } from "./labels";

/**
 * What a member's phone shows after scanning the organiser's code: the check-in runs as soon as
 * the page opens (it is idempotent: opening it again only says when they checked in).
 */
export function CheckIn({ activityId, token }: { activityId: number | null; token: string | null }) {
  const t = useTranslations("activities");
  const dateTime = useDateTime();
  // The answer is shown here; nothing else on the page changes.
  const checkIn = useCall((client, input: Inputs["activity"]["checkIn"]) => client.activity.checkIn.mutate(input), { refresh: false });
  const { mutate } = checkIn;
  const started = useRef(false);
  const valid = activityId !== null && token !== null;
  useEffect(() => {
    if (!valid || started.current) return;
    started.current = true;
    mutate({ activityId, token });
  }, [valid, activityId, token, mutate]);

  const result = checkIn.data;
  return (
    <Card className="mx-auto max-w-md p-6 text-center">
      <div data-testid="check-in-result" data-state={!valid || checkIn.error ? "error" : result ? (result.already ? "already" : "ok") : "pending"}>
        {!valid ? (
          <Outcome tone="error" title={t("checkInFailed")} body={t("checkInBadLink")} />
        ) : checkIn.error ? (
          <Outcome tone="error" title={t("checkInFailed")} body={checkIn.error.message} />
        ) : result ? (
          <>
            <Outcome tone="ok" title={result.already ? t("checkInAlready") : t("checkInOk")} body={t("checkInAt", { time: dateTime(result.checkedInAt) })} />
            <p className="mt-4 text-base font-medium text-slate-900">{result.title}</p>
            <p className="mt-1 text-sm text-slate-500">{result.place}</p>
          </>
        ) : (
          <p className="flex flex-col items-center gap-3 py-6 text-slate-600" role="status">
            <LoaderCircle className="h-10 w-10 animate-spin text-brand-700" aria-hidden />
            {t("checkingIn")}
          </p>
        )}
      </div>
      {activityId !== null ? (
        <Link href={`/activities/${activityId}`} className={`${buttonClass.secondary} mt-6 w-full`}>
          {t("viewActivity")}
        </Link>
      ) : null}
    </Card>
  );
}

function Outcome({ tone, title, body }: { tone: "ok" | "error"; title: string; body: string }) {
  const Icon = tone === "ok" ? CheckCircle2 : CircleAlert;
  return (
    <div role={tone === "error" ? "alert" : "status"} className="flex flex-col items-center gap-2">
      <Icon className={tone === "ok" ? "h-16 w-16 text-emerald-600" : "h-16 w-16 text-red-600"} aria-hidden />
      <p className={tone === "ok" ? "text-2xl font-semibold text-emerald-800" : "text-xl font-semibold text-red-700"}>{title}</p>
      <p className="text-sm text-slate-600">{body}</p>
    </div>
  );
}
