import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TRPCError } from "@trpc/server";
import { can } from "@dm/api/domain/roles";
import { Forbidden } from "@/components/tasks/forbidden";
import { Alert, PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { requireAccount } from "@/server/viewer";
import { HydrateClient } from "@/trpc/hydrate";
import { getCaller, getQueryClient, trpc } from "@/trpc/server";
import { NewProblem } from "./new-problem";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("problems"))("newTitle") };
}

const SOURCES = ["activity", "visit", "assignment"] as const;

/** `?source=activity|visit|assignment&sourceId=N` names where the problem was found; it must be in scope. */
async function NewProblemPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const account = await requireAccount();
  const t = await getTranslations("problems");
  if (!can(account.role, "problem.write")) return <Forbidden title={t("newTitle")} />;
  const params = await searchParams;
  const source = SOURCES.find((s) => s === params.source);
  const rawId = typeof params.sourceId === "string" && /^\d{1,9}$/.test(params.sourceId) ? Number(params.sourceId) : null;
  let origin: { source: (typeof SOURCES)[number]; sourceId: number; label: string } | null = null;
  let originMissing = false;
  if (source && rawId) {
    try {
      origin = await (await getCaller()).problem.source({ source, sourceId: rawId });
    } catch (error) {
      if (!(error instanceof TRPCError && error.code === "NOT_FOUND")) throw error;
      originMissing = true;
    }
  } else if (params.source !== undefined) originMissing = true;
  await getQueryClient().prefetchQuery(trpc.committee.tree.queryOptions());
  return (
    <>
      <PageHeader title={t("newTitle")} description={t("newDescription")} />
      {originMissing ? <Alert className="mb-4">{t("form.sourceMissing")}</Alert> : null}
      <HydrateClient>
        <NewProblem origin={origin} />
      </HydrateClient>
    </>
  );
}

export default withClientMessages(["attachments", "errors", "problemCategory", "problemSource", "problems", "work"], NewProblemPage);
