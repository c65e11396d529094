import { chinaYear } from "@dm/api/domain/points";

/** The first year the platform holds records for (the 2023 campaign). */
export const FIRST_YEAR = 2023;

/** Years to choose from, newest first. */
export function yearOptions(now = chinaYear()): number[] {
  return Array.from({ length: Math.max(1, now - FIRST_YEAR + 1) }, (_, i) => now - i);
}

/** `?year=` if it is one of the offered years, else the current year. */
export function parseYear(raw: string | string[] | null | undefined): number {
  const year = typeof raw === "string" && /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  return yearOptions().includes(year) ? year : chinaYear();
}
