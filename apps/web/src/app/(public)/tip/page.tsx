import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { withClientMessages } from "@/i18n/client-messages";
import { getCaller } from "@/trpc/server";
import { TipForm } from "./tip-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tipForm"))("title") };
}

/** 举报线索: the public form, no sign-in. */
async function PublicTipPage() {
  const t = await getTranslations("tipForm");
  const areas = await (await getCaller()).tip.areas();
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      <TipForm areas={areas} />
    </>
  );
}

export default withClientMessages(["errors", "tipForm"], PublicTipPage);
