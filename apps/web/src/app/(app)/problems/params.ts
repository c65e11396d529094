import { PROBLEM_CATEGORIES, PROBLEM_STATUSES } from "@dm/db/enums";
import type { ProblemListInput } from "@dm/api/schemas/problem";
import { pageParam, searchParam } from "@/components/url-params";

type Filters = Required<Pick<ProblemListInput, "page">> & Omit<ProblemListInput, "page">;

/**
 * The ledger's filters live in the URL (shareable, survive reload, and the export link reuses
 * them). Unknown or malformed values are dropped rather than sent to the API.
 */
export function parseProblemSearch(params: URLSearchParams): Filters {
  const int = (v: string | null) => (v && /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : undefined);
  return {
    status: PROBLEM_STATUSES.find((s) => s === params.get("status")),
    category: PROBLEM_CATEGORIES.find((c) => c === params.get("category")),
    committeeId: int(params.get("county")),
    departmentId: int(params.get("department")),
    overdue: params.get("overdue") === "1" || undefined,
    search: searchParam(params),
    page: pageParam(params),
  };
}

export function toProblemSearch(input: ProblemListInput): string {
  const p = new URLSearchParams();
  if (input.search) p.set("q", input.search);
  if (input.status) p.set("status", input.status);
  if (input.category) p.set("category", input.category);
  if (input.committeeId) p.set("county", String(input.committeeId));
  if (input.departmentId) p.set("department", String(input.departmentId));
  if (input.overdue) p.set("overdue", "1");
  if (input.page && input.page > 1) p.set("page", String(input.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}
