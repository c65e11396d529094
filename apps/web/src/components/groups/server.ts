import "server-only";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { can } from "@dm/api/domain/roles";
import { orNotFound, routeId } from "@/components/tasks/server";
import { requireAccount } from "@/server/viewer";
import { getCaller } from "@/trpc/server";

/** One group for a page (deduplicated per request); NOT_FOUND becomes the 404 page. */
export const loadGroup = cache(async (id: number) => orNotFound((await getCaller()).group.byId({ id })));

/**
 * The group behind a member's page (record a visit, raise an opinion, score): null when the caller
 * is not one of its members, so the page shows "no access" instead.
 */
export async function groupForMember(rawId: string) {
  const account = await requireAccount();
  const id = routeId(rawId);
  if (!can(account.role, "group.serve")) return { group: null, t: await getTranslations("groups") };
  const group = await loadGroup(id);
  return { group: group.can.serve ? group : null, t: await getTranslations("groups") };
}
