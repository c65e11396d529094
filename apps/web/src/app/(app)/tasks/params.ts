import { ASSIGNMENT_STATUSES } from "@dm/db/enums";
import type { TaskListInput } from "@dm/api/schemas/task";
import { pageParam, searchParam } from "@/components/url-params";

type Filters = Required<Pick<TaskListInput, "page">> & Omit<TaskListInput, "page">;

/**
 * The task list's filters live in the URL (shareable, survive reload). Unknown or malformed
 * values are dropped rather than sent to the API.
 */
export function parseTaskSearch(params: URLSearchParams): Filters {
  const int = (v: string | null) => (v && /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : undefined);
  return {
    campaignId: int(params.get("campaign")),
    status: ASSIGNMENT_STATUSES.find((s) => s === params.get("status")),
    committeeId: int(params.get("county")),
    focusArea: params.get("area")?.trim().slice(0, 60) || undefined,
    overdue: params.get("overdue") === "1" || undefined,
    search: searchParam(params),
    page: pageParam(params),
  };
}

export function toTaskSearch(input: TaskListInput): string {
  const p = new URLSearchParams();
  if (input.search) p.set("q", input.search);
  if (input.campaignId) p.set("campaign", String(input.campaignId));
  if (input.status) p.set("status", input.status);
  if (input.committeeId) p.set("county", String(input.committeeId));
  if (input.focusArea) p.set("area", input.focusArea);
  if (input.overdue) p.set("overdue", "1");
  if (input.page && input.page > 1) p.set("page", String(input.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** Search params of a server page as URLSearchParams (repeated keys: the first wins). */
export function toURLSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  return new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : Array.isArray(v) && v[0] ? [[k, v[0]]] : [])));
}
