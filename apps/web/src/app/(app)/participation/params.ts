import type { RankingInput } from "@dm/api/schemas/participation";
import { parseYear } from "./years";

/** The ranking's committee, year and page live in the URL; malformed values are dropped. */
export function parseRankingSearch(params: URLSearchParams): RankingInput & { year: number; page: number } {
  const int = (v: string | null) => (v && /^\d{1,9}$/.test(v) ? Number(v) : undefined);
  return { committeeId: int(params.get("committee")) || undefined, year: parseYear(params.get("year")), page: Math.max(1, int(params.get("page")) ?? 1) };
}

export function toRankingSearch(input: RankingInput): string {
  const p = new URLSearchParams();
  if (input.committeeId) p.set("committee", String(input.committeeId));
  if (input.year) p.set("year", String(input.year));
  if (input.page && input.page > 1) p.set("page", String(input.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}
