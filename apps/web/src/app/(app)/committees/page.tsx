import { ChevronRight } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { can } from "@dm/api/domain/roles";
import { Badge, Card, PageHeader } from "@/components/ui";
import { requireAccount } from "@/server/viewer";
import { getCaller } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("committees"))("title") };
}

type Node = Awaited<ReturnType<Awaited<ReturnType<typeof getCaller>>["committee"]["tree"]>>[number];

/** The tree renders as nested <details>, so expanding works without JavaScript. */
export default async function CommitteesPage() {
  const account = await requireAccount();
  const tree = await (await getCaller()).committee.tree();
  const t = await getTranslations();
  const linkMembers = can(account.role, "member.read");
  const children = new Map<number | null, Node[]>();
  const ids = new Set(tree.map((n) => n.id));
  for (const n of tree) {
    const parent = n.parentId !== null && ids.has(n.parentId) ? n.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), n]);
  }

  const row = (n: Node) => (
    <div className="flex flex-1 flex-wrap items-center justify-between gap-x-4 gap-y-1">
      <span className="flex items-center gap-2">
        {linkMembers ? (
          <Link href={`/members?committee=${n.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
            {n.name}
          </Link>
        ) : (
          <span className="font-medium text-slate-900">{n.name}</span>
        )}
        <Badge tone={n.level === "city" ? "brand" : n.level === "county" ? "gold" : "slate"}>{t(`levels.${n.level}`)}</Badge>
      </span>
      <span className="text-xs text-slate-500 tabular-nums">
        {t("committees.ownMembers")} {n.ownMembers} · {t("committees.subtreeMembers")} {n.subtreeMembers}
      </span>
    </div>
  );

  const render = (n: Node, depth: number): React.ReactNode => {
    const kids = children.get(n.id) ?? [];
    if (kids.length === 0) {
      return (
        <li key={n.id} className="flex items-center py-2 pr-2 pl-6">
          {row(n)}
        </li>
      );
    }
    return (
      <li key={n.id}>
        <details open={depth < 1}>
          <summary className="flex cursor-pointer list-none items-center gap-2 py-2 pr-2 [&::-webkit-details-marker]:hidden" aria-label={t("committees.toggle", { name: n.name })}>
            <ChevronRight className="h-4 w-4 shrink-0 text-slate-400 transition [[open]>summary>&]:rotate-90" aria-hidden />
            {row(n)}
          </summary>
          <ul className="ml-2.5 border-l border-slate-200 pl-3">{kids.map((k) => render(k, depth + 1))}</ul>
        </details>
      </li>
    );
  };

  return (
    <>
      <PageHeader title={t("committees.title")} description={t("committees.description")} />
      <Card className="px-3 py-2 sm:px-4">
        <ul>{(children.get(null) ?? []).map((n) => render(n, 0))}</ul>
      </Card>
    </>
  );
}
