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
import { ProblemDetail } from "./problem-detail";

type Props = { params: Promise<{ id: string }> };

const load = cache(async (id: number) => (await getCaller()).problem.byId({ id }));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const problem = await load(routeId((await params).id)).catch(() => null);
  return { title: problem?.title ?? (await getTranslations("problems"))("title") };
}

/** 404 outside the caller's scope; the client part reads the same answer from the cache. */
async function ProblemPage({ params }: Props) {
  const account = await requireAccount();
  if (!can(account.role, "problem.read")) return <Forbidden title={(await getTranslations("problems"))("title")} />;
  const id = routeId((await params).id);
  const problem = await orNotFound(load(id));
  const queryClient = getQueryClient();
  queryClient.setQueryData(trpc.problem.byId.queryKey({ id }), problem);
  if (problem.allowedActions.includes("assign")) await queryClient.prefetchQuery(trpc.problem.departments.queryOptions({ committeeId: problem.committeeId }));
  return (
    <HydrateClient>
      <ProblemDetail id={id} />
    </HydrateClient>
  );
}

export default withClientMessages(["attachments", "errors", "problemCategory", "problemSource", "problemStatus", "problems", "work"], ProblemPage);
