import { ACTIVITY_STATUSES, ACTIVITY_TYPES } from "@dm/db/enums";
import type { ActivityListInput, MemberActivitiesInput } from "@dm/api/schemas/activity";
import { monthParam, pageParam, searchParam } from "@/components/url-params";

type Filters = Required<Pick<ActivityListInput, "page">> & Omit<ActivityListInput, "page">;

const int = (v: string | null) => (v && /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : undefined);

/** The staff list's filters live in the URL; unknown or malformed values are dropped. */
export function parseActivitySearch(params: URLSearchParams): Filters {
  return {
    search: searchParam(params),
    campaignId: int(params.get("campaign")),
    month: monthParam(params.get("month")),
    status: ACTIVITY_STATUSES.find((s) => s === params.get("status")),
    type: ACTIVITY_TYPES.find((s) => s === params.get("type")),
    page: pageParam(params),
  };
}

export function toActivitySearch(input: ActivityListInput): string {
  const p = new URLSearchParams();
  if (input.search) p.set("q", input.search);
  if (input.campaignId) p.set("campaign", String(input.campaignId));
  if (input.month) p.set("month", input.month);
  if (input.status) p.set("status", input.status);
  if (input.type) p.set("type", input.type);
  if (input.page && input.page > 1) p.set("page", String(input.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** A member's tab and page. */
export function parseMemberView(params: URLSearchParams): Required<MemberActivitiesInput> {
  return { view: params.get("view") === "mine" ? "mine" : "open", page: pageParam(params) };
}

export function toMemberView(input: MemberActivitiesInput): string {
  const p = new URLSearchParams();
  if (input.view === "mine") p.set("view", "mine");
  if (input.page && input.page > 1) p.set("page", String(input.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/**
 * A moment as the value of <input type="datetime-local">, in China's time: activities happen in
 * Zhuzhou, whatever the time zone of the browser (or of the server rendering the form).
 */
export function toLocalInput(at: Date | null | undefined): string {
  if (!at) return "";
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).format(at).replace(" ", "T");
}

/** The value of a datetime-local input, read as China's time, or null when empty or malformed. */
export function fromLocalInput(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const at = new Date(`${value.length === 16 ? `${value}:00` : value}+08:00`);
  return Number.isNaN(at.getTime()) ? null : at;
}
