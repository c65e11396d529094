import { TIP_STATUSES } from "@dm/db/enums";
import type { TipListInput } from "@dm/api/schemas/tip";
import { pageParam, searchParam } from "@/components/url-params";

type Filters = Required<Pick<TipListInput, "page">> & Omit<TipListInput, "page">;

/** The triage list's filters in the URL; anything malformed is dropped. */
export function parseTipSearch(params: URLSearchParams): Filters {
  return {
    status: TIP_STATUSES.find((s) => s === params.get("status")),
    search: searchParam(params),
    page: pageParam(params),
  };
}

export function toTipSearch(input: TipListInput): string {
  const p = new URLSearchParams();
  if (input.search) p.set("q", input.search);
  if (input.status) p.set("status", input.status);
  if (input.page && input.page > 1) p.set("page", String(input.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}
