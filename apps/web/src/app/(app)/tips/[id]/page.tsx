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
import { TipDetail } from "./tip-detail";

type Props = { params: Promise<{ id: string }> };

const load = cache(async (id: number) => (await getCaller()).tip.byId({ id }));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const tip = await load(routeId((await params).id)).catch(() => null);
  const t = await getTranslations("tips");
  return { title: tip ? t("detailTitle", { code: tip.displayCode }) : t("title") };
}

async function TipPage({ params }: Props) {
  const account = await requireAccount();
  if (!can(account.role, "tip.triage")) return <Forbidden title={(await getTranslations("tips"))("title")} />;
  const id = routeId((await params).id);
  const tip = await orNotFound(load(id));
  const queryClient = getQueryClient();
  queryClient.setQueryData(trpc.tip.byId.queryKey({ id }), tip);
  if (tip.canTriage) await queryClient.prefetchQuery(trpc.committee.tree.queryOptions());
  return (
    <HydrateClient>
      <TipDetail id={id} />
    </HydrateClient>
  );
}

export default withClientMessages(["attachments", "errors", "problemCategory", "problemStatus", "problems", "tips", "work"], TipPage);
