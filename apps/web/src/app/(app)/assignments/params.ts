import { ASSIGNMENT_STATUSES } from "@dm/db/enums";
import type { InboxInput } from "@dm/api/schemas/task";

/** The inbox's filters live in the URL; malformed values are dropped. */
export function parseInboxSearch(params: URLSearchParams): InboxInput & { page: number } {
  const page = params.get("page");
  return {
    status: ASSIGNMENT_STATUSES.find((s) => s === params.get("status")),
    overdue: params.get("overdue") === "1" || undefined,
    search: params.get("q")?.trim().slice(0, 50) || undefined,
    page: page && /^\d{1,5}$/.test(page) && Number(page) > 0 ? Number(page) : 1,
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
