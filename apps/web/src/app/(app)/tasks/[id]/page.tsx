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
import { TaskDetail } from "./task-detail";

type Props = { params: Promise<{ id: string }> };

const load = cache(async (id: number) => (await getCaller()).task.byId({ id }));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const task = await load(routeId((await params).id)).catch(() => null);
  return { title: task?.title ?? (await getTranslations("tasks"))("title") };
}

/** The page 404s on a task outside the caller's scope; the client part reads the same answer from the cache. */
async function TaskPage({ params }: Props) {
  const account = await requireAccount();
  const id = routeId((await params).id);
  // Task work is for staff; members have no task pages.
  if (!roleAllows(account.role, STAFF_ROLES)) return <Forbidden title={(await getTranslations("tasks"))("title")} />;
  const task = await orNotFound(load(id));
  getQueryClient().setQueryData(trpc.task.byId.queryKey({ id }), task);
  return (
    <HydrateClient>
      <TaskDetail id={id} />
    </HydrateClient>
  );
}

export default withClientMessages(["assignmentStatus", "assignments", "levels", "tasks", "work"], TaskPage);
