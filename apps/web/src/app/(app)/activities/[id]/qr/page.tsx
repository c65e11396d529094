import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { QrPanel } from "@/components/activities/qr-panel";
import { Forbidden } from "@/components/tasks/forbidden";
import { orNotFound, routeId } from "@/components/tasks/server";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getCaller } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("activities"))("qr") };
}

/** The organiser's check-in screen; the code itself is fetched (and refreshed) by the client. */
async function QrPage({ params }: { params: Promise<{ id: string }> }) {
  const account = await requireAccount();
  const id = routeId((await params).id);
  if (!can(account.role, "activity.organise")) return <Forbidden title={(await getTranslations("activities"))("qr")} />;
  const activity = await orNotFound((await getCaller()).activity.byId({ id }));
  if (!activity.actions.checkInCode) return <Forbidden title={(await getTranslations("activities"))("qr")} />;
  return (
    <HydrateClient>
      <QrPanel id={id} />
    </HydrateClient>
  );
}

export default withClientMessages(["activities", "activityStatus", "attendance", "registrationStatus"], QrPage);
