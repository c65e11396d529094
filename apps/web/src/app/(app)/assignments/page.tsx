import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CITY_ROLES, roleAllows } from "@dm/api/domain/roles";
import { Forbidden } from "@/components/tasks/forbidden";
import { PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getQueryClient, trpc } from "@/trpc/server";
import { toURLSearchParams } from "../tasks/params";
import { Inbox } from "./inbox";
import { parseInboxSearch } from "./params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("assignments"))("title") };
}

/** 任务收件箱: what was sent to the caller's committee (counties and townships). */
async function AssignmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const account = await requireAccount();
  const t = await getTranslations("assignments");
  // The city sends tasks rather than receiving them: its list is the task list.
  if (roleAllows(account.role, CITY_ROLES)) redirect("/tasks");
  if (account.role === "member") return <Forbidden title={t("title")} />;
  const input = parseInboxSearch(toURLSearchParams(await searchParams));
  await getQueryClient().prefetchQuery(trpc.assignment.inbox.queryOptions(input));
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { committee: account.committeeName })} />
      <HydrateClient>
        <Inbox />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["assignmentStatus", "assignments", "common", "work"], AssignmentsPage);
