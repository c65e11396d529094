import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { Forbidden } from "@/components/tasks/forbidden";
import { PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getQueryClient, trpc } from "@/trpc/server";
import { AuditLog } from "./audit-log";
import { parseAuditSearch } from "./params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const account = await requireAccount();
  const t = await getTranslations("audit");
  if (!can(account.role, "audit.read")) return <Forbidden title={t("title")} />;
  const raw = await searchParams;
  const filters = parseAuditSearch(new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : []))));
  const queryClient = getQueryClient();
  // A range the API refuses is shown by the client with its message; prefetching it would only fail.
  const valid = !filters.from || !filters.to || filters.from <= filters.to;
  await Promise.all([
    valid ? queryClient.prefetchInfiniteQuery(trpc.audit.list.infiniteQueryOptions(filters, { getNextPageParam: (last) => last.nextCursor })) : null,
    queryClient.prefetchQuery(trpc.audit.entityTypes.queryOptions()),
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrateClient>
        <AuditLog />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["assignmentStatus", "audit", "roles", "work"], AuditPage);
