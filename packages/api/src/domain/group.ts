import type { Adoption, GroupKind, GroupRole } from "@dm/db";
import type { TermStatus } from "../schemas/group";

/**
 * Rules of dispatched supervision (派驻民主监督): who may sit in a group in which role, where a
 * term stands, which dates a visit, an opinion or a reply may carry, and the adoption rate.
 * Dates are calendar days in China (YYYY-MM-DD strings compare in date order).
 */

/** 未开始 / 任期中 / 已结束, from the term and today's date. */
export function termStatus(term: { termStart: string; termEnd: string }, today: string): TermStatus {
  if (today < term.termStart) return "upcoming";
  if (today > term.termEnd) return "ended";
  return "active";
}

/**
 * A group has exactly one 组长 and nobody appointed as an individual 民主监督员; an individual
 * appointment is one member in the role 民主监督员. Nobody is named twice. Returns the catalogue
 * key of the first problem, or null.
 */
export function rosterProblem(kind: GroupKind, members: readonly { memberId: number; role: GroupRole }[]): string | null {
  if (new Set(members.map((m) => m.memberId)).size !== members.length) return "group.duplicateMember";
  if (kind === "individual") return members.length === 1 && members[0]!.role === "supervisor" ? null : "group.individualNeedsOne";
  if (members.some((m) => m.role === "supervisor")) return "group.supervisorOnlyIndividual";
  const leaders = members.filter((m) => m.role === "leader").length;
  return leaders === 1 ? null : "group.needsOneLeader";
}

/**
 * A visit or an opinion happens within the term and not in the future. Returns the catalogue key
 * of the problem, or null.
 */
export function recordDateProblem(date: string, term: { termStart: string; termEnd: string }, today: string): string | null {
  if (date > today) return "group.dateInFuture";
  if (date < term.termStart || date > term.termEnd) return "group.dateOutsideTerm";
  return null;
}

/** The department answers after the opinion was raised, and not in the future. */
export function replyDateProblem(raisedOn: string, repliedOn: string, today: string): string | null {
  if (repliedOn < raisedOn) return "opinion.replyBeforeRaised";
  if (repliedOn > today) return "group.dateInFuture";
  return null;
}

/**
 * 提前结束任期: the new last day lies within the term, before its planned end, not after today,
 * and on or after the last visit or opinion recorded (they must stay inside the term).
 */
export function endTermProblem(term: { termStart: string; termEnd: string }, endDate: string, today: string, lastRecord: string | null): string | null {
  if (term.termEnd < today) return "group.alreadyEnded";
  if (endDate > today) return "group.dateInFuture";
  if (endDate < term.termStart) return "group.endBeforeStart";
  if (lastRecord && endDate < lastRecord) return "group.termExcludesRecords";
  return null;
}

/** An edited term must still hold every visit and opinion already recorded. */
export function termCoversRecords(term: { termStart: string; termEnd: string }, records: { first: string | null; last: string | null }): boolean {
  return (!records.first || records.first >= term.termStart) && (!records.last || records.last <= term.termEnd);
}

export interface AdoptionCounts {
  adopted: number;
  partlyAdopted: number;
  notAdopted: number;
}

/**
 * 采纳率 = (采纳 + 部分采纳) / 已答复; null while nothing is answered (not 0%: no answer is not
 * a refusal). Unanswered opinions do not count either way.
 */
export function adoptionRate(counts: AdoptionCounts): number | null {
  const answered = counts.adopted + counts.partlyAdopted + counts.notAdopted;
  return answered === 0 ? null : (counts.adopted + counts.partlyAdopted) / answered;
}

/** Counts by adoption from rows of (adoption, n), null adoption meaning unanswered. */
export function tallyAdoption(rows: readonly { adoption: Adoption | null; n: number }[]): AdoptionCounts & { unanswered: number; total: number; rate: number | null } {
  const by = (a: Adoption | null) => rows.filter((r) => r.adoption === a).reduce((s, r) => s + r.n, 0);
  const counts = { adopted: by("adopted"), partlyAdopted: by("partly_adopted"), notAdopted: by("not_adopted") };
  const unanswered = by(null);
  return { ...counts, unanswered, total: counts.adopted + counts.partlyAdopted + counts.notAdopted + unanswered, rate: adoptionRate(counts) };
}
