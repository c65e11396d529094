import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { CheckIn } from "@/components/activities/check-in";
import { Forbidden } from "@/components/tasks/forbidden";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("activities"))("checkInTitle") };
}

/** Where the organiser's QR code leads: /activities/check-in?a=<activity>&t=<token>. */
async function CheckInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const account = await requireAccount();
  const t = await getTranslations("activities");
  if (!can(account.role, "activity.join")) return <Forbidden title={t("checkInTitle")} />;
  const { a, t: token } = await searchParams;
  const activityId = typeof a === "string" && /^\d{1,9}$/.test(a) && Number(a) > 0 ? Number(a) : null;
  return (
    <>
      <h1 className="sr-only">{t("checkInTitle")}</h1>
      <CheckIn activityId={activityId} token={typeof token === "string" && token.length <= 200 ? token : null} />
    </>
  );
}

export default withClientMessages(["activities", "activityStatus", "attendance", "registrationStatus"], CheckInPage);
