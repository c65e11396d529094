import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { can } from "@dm/api/domain/roles";
import { Forbidden } from "@/components/tasks/forbidden";
import { orNotFound, routeId } from "@/components/tasks/server";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getCaller, getQueryClient, trpc } from "@/trpc/server";
import { parseYear } from "../../participation/years";
import { MemberDetail } from "./member-detail";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const load = cache(async (id: number) => (await getCaller()).member.byId({ id }));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const member = await load(routeId((await params).id)).catch(() => null);
  return { title: member?.name ?? (await getTranslations("members"))("title") };
}

/** A member of the caller's scope (else 404): details, the actions staff may take, and the year's participation. */
async function MemberPage({ params, searchParams }: Props) {
  const account = await requireAccount();
  const id = routeId((await params).id);
  if (!can(account.role, "member.read")) return <Forbidden title={(await getTranslations("members"))("title")} />;
  const member = await orNotFound(load(id));
  const year = parseYear((await searchParams).year);
  const queryClient = getQueryClient();
  queryClient.setQueryData(trpc.member.byId.queryKey({ id }), member);
  await queryClient.prefetchQuery(trpc.participation.ofMember.queryOptions({ memberId: id, year }));
  return (
    <HydrateClient>
      <MemberDetail id={id} canWrite={can(account.role, "member.write")} />
    </HydrateClient>
  );
}

export default withClientMessages(["attendance", "memberDetail", "memberLevels", "members", "participation", "work"], MemberPage);
