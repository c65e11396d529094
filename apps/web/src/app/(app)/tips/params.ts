import { TIP_STATUSES } from "@dm/db/enums";
import type { TipListInput } from "@dm/api/schemas/tip";

type Filters = Required<Pick<TipListInput, "page">> & Omit<TipListInput, "page">;

/** The triage list's filters in the URL; anything malformed is dropped. */
export function parseTipSearch(params: URLSearchParams): Filters {
  const page = params.get("page");
  return {
    status: TIP_STATUSES.find((s) => s === params.get("status")),
    search: params.get("q")?.trim().slice(0, 50) || undefined,
    page: page && /^\d{1,5}$/.test(page) && Number(page) > 0 ? Number(page) : 1,
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
