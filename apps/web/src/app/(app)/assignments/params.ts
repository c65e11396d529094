import { ASSIGNMENT_STATUSES } from "@dm/db/enums";
import type { InboxInput } from "@dm/api/schemas/task";
import { pageParam, searchParam } from "@/components/url-params";

/** The inbox's filters live in the URL; malformed values are dropped. */
export function parseInboxSearch(params: URLSearchParams): InboxInput & { page: number } {
  return {
    status: ASSIGNMENT_STATUSES.find((s) => s === params.get("status")),
    overdue: params.get("overdue") === "1" || undefined,
    search: searchParam(params),
    page: pageParam(params),
  };
}

export function toInboxSearch(input: InboxInput): string {
  const p = new URLSearchParams();
  if (input.status) p.set("status", input.status);
  if (input.overdue) p.set("overdue", "1");
  if (input.search) p.set("q", input.search);
  if (input.page && input.page > 1) p.set("page", String(input.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}
