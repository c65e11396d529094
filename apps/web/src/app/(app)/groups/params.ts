import { GROUP_KINDS } from "@dm/db/enums";
import type { GroupListInput } from "@dm/api/schemas/group";
import { TERM_STATUS_CHOICES } from "@/components/groups/labels";
import { pageParam, searchParam } from "@/components/url-params";

type Filters = Required<Pick<GroupListInput, "page">> & Omit<GroupListInput, "page">;

/** The group list's filters live in the URL; unknown or malformed values are dropped. */
export function parseGroupSearch(params: URLSearchParams): Filters {
  const int = (v: string | null) => (v && /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : undefined);
  return {
    departmentId: int(params.get("department")),
    status: TERM_STATUS_CHOICES.find((s) => s === params.get("status")),
    kind: GROUP_KINDS.find((k) => k === params.get("kind")),
    search: searchParam(params),
    page: pageParam(params),
  };
}

export function toGroupSearch(input: GroupListInput): string {
  const p = new URLSearchParams();
  if (input.search) p.set("q", input.search);
  if (input.departmentId) p.set("department", String(input.departmentId));
  if (input.status) p.set("status", input.status);
  if (input.kind) p.set("kind", input.kind);
  if (input.page && input.page > 1) p.set("page", String(input.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}
