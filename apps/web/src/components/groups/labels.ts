import type { Adoption, GroupRole } from "@dm/db/enums";
import type { TermStatus } from "@dm/api/schemas/group";
import type { BadgeTone } from "@/components/ui";

/** Colours and number formats shared by the group pages (no hooks: usable on the server too). */

export const TERM_TONES: Record<TermStatus, BadgeTone> = { upcoming: "blue", active: "green", ended: "slate" };

/**
 * The term states in order, for the list's filter. Taken from TERM_TONES (which the type keeps
 * complete) rather than from @dm/api/schemas/group, whose zod would come along to the browser.
 */
export const TERM_STATUS_CHOICES = Object.keys(TERM_TONES) as TermStatus[];

export const ADOPTION_TONES: Record<Adoption | "none", BadgeTone> = { adopted: "green", partly_adopted: "blue", not_adopted: "red", none: "gold" };

export const ROLE_TONES: Record<GroupRole, BadgeTone> = { leader: "brand", deputy: "violet", member: "slate", liaison: "blue", supervisor: "brand" };

/**
 * A rate as the pages print it: a percentage with at most one decimal ("75%", "66.7%"), or null
 * while nothing is answered (the page shows a dash, not 0%).
 */
export function formatRate(rate: number | null): string | null {
  if (rate === null) return null;
  const percent = Math.round(rate * 1000) / 10;
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}

/** A score average with up to two decimals, trailing zeros dropped. */
export function formatScore(value: number | null): string {
  return value === null ? "—" : String(Math.round(value * 100) / 100);
}
