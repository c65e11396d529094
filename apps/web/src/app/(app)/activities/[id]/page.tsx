import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { can } from "@dm/api/domain/roles";
import type { Role } from "@dm/db";
import { MemberActivityDetail } from "@/components/activities/member-detail";
import { StaffActivityDetail } from "@/components/activities/staff-detail";
import { Forbidden } from "@/components/tasks/forbidden";
import { orNotFound, routeId } from "@/components/tasks/server";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { getCaller } from "@/trpc/server";

type Props = { params: Promise<{ id: string }> };

/** Organisers read the full record; members the view open to them. Either 404s outside what they may see. */
const load = cache(async (role: Role, id: number) => {
  const caller = await getCaller();
  return can(role, "activity.join") ? ({ kind: "member", member: await caller.activity.view({ id }) } as const) : ({ kind: "staff", staff: await caller.activity.byId({ id }) } as const);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const account = await requireAccount();
  const loaded = await load(account.role, routeId((await params).id)).catch(() => null);
  const title = loaded ? (loaded.kind === "member" ? loaded.member.title : loaded.staff.title) : null;
  return { title: title ?? (await getTranslations("activities"))("title") };
}

async function ActivityPage({ params }: Props) {
  const account = await requireAccount();
  const id = routeId((await params).id);
  if (!can(account.role, "activity.join") && !can(account.role, "activity.organise")) return <Forbidden title={(await getTranslations("activities"))("title")} />;
  const loaded = await orNotFound(load(account.role, id));
  // Rendered from what was loaded, without React Query: the member's view and the organisers'
  // share this page's code, and a member's phone loads it.
  return loaded.kind === "member" ? <MemberActivityDetail activity={loaded.member} /> : <StaffActivityDetail activity={loaded.staff} />;
}

export default withClientMessages(["activities", "activityStatus", "activityTypes", "attachments", "attendance", "audiences", "errors", "registrationStatus", "work"], ActivityPage);
