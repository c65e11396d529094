import { MEMBER_LEVELS, SECTORS } from "@dm/db/enums";
import { MEMBER_PAGE_SIZES, type MemberListInput } from "@dm/api/schemas/member";
import { pageParam, searchParam } from "@/components/url-params";

/**
 * The roster's state lives in the URL (shareable, survives reload). Unknown or malformed
 * values are dropped rather than sent to the API.
 */
export function parseMemberSearch(params: URLSearchParams): MemberListInput {
  const int = (v: string | null) => (v && /^\d{1,9}$/.test(v) ? Number(v) : undefined);
  const search = searchParam(params);
  const sector = SECTORS.find((s) => s === params.get("sector"));
  const level = MEMBER_LEVELS.find((l) => l === params.get("level"));
  const size = MEMBER_PAGE_SIZES.find((s) => s === int(params.get("size"))) ?? 20;
  const page = pageParam(params);
  const committeeId = int(params.get("committee"));
  const status = params.get("status") === "inactive" ? "inactive" : undefined;
  return { search, committeeId: committeeId || undefined, sector, level, status, page, pageSize: size };
}

export function toSearchParams(input: MemberListInput): string {
  const p = new URLSearchParams();
  if (input.search) p.set("q", input.search);
  if (input.committeeId) p.set("committee", String(input.committeeId));
  if (input.sector) p.set("sector", input.sector);
  if (input.level) p.set("level", input.level);
  if (input.status === "inactive") p.set("status", "inactive");
  if (input.page && input.page > 1) p.set("page", String(input.page));
  if (input.pageSize && input.pageSize !== 20) p.set("size", String(input.pageSize));
  const s = p.toString();
  return s ? `?${s}` : "";
}
