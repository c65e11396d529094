import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { STAFF_ROLES, roleAllows } from "@dm/api/domain/roles";
import { Forbidden } from "@/components/tasks/forbidden";
import { orNotFound, routeId } from "@/components/tasks/server";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getCaller, getQueryClient, trpc } from "@/trpc/server";
import { AssignmentDetail } from "./assignment-detail";

type Props = { params: Promise<{ id: string }> };

const load = cache(async (id: number) => (await getCaller()).assignment.byId({ id }));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const assignment = await load(routeId((await params).id)).catch(() => null);
  return { title: assignment?.task.title ?? (await getTranslations("assignments"))("title") };
}

/** 404 outside the caller's scope; the client part reads the same answer from the cache. */
async function AssignmentPage({ params }: Props) {
  const account = await requireAccount();
  const id = routeId((await params).id);
  // Task work is for staff; members have no task pages.
  if (!roleAllows(account.role, STAFF_ROLES)) return <Forbidden title={(await getTranslations("assignments"))("title")} />;
  const assignment = await orNotFound(load(id));
  const queryClient = getQueryClient();
  queryClient.setQueryData(trpc.assignment.byId.queryKey({ id }), assignment);
  // Townships to pass it down to come from the committee tree.
  if (assignment.allowedActions.includes("passDown")) await queryClient.prefetchQuery(trpc.committee.tree.queryOptions());
  return (
    <HydrateClient>
      <AssignmentDetail id={id} />
    </HydrateClient>
  );
}

export default withClientMessages(["assignmentStatus", "assignments", "attachments", "common", "errors", "tasks", "work"], AssignmentPage);
