/**
 * 民主评议: at year end each member of a group scores the department the group is dispatched to,
 * on the criteria its committee set for that year.
 *
 * When scoring is open: the appraisal of year Y is open from 1 January of Y until 31 January of
 * Y+1 (a year-end appraisal is often held in the following January). Until it closes a member
 * may change their scores; afterwards the results stand. There is no separate "close" step to
 * forget: the calendar closes it.
 */
export function appraisalOpen(year: number, today: string): boolean {
  return today >= `${year}-01-01` && today <= `${year + 1}-01-31`;
}

/** The year whose appraisal is open today, the one a page shows first. */
export function currentAppraisalYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return today <= `${year}-01-31` ? year - 1 : year;
}

/** A group takes part in year Y's appraisal when its term overlaps that year. */
export function termCoversYear(term: { termStart: string; termEnd: string }, year: number): boolean {
  return term.termStart <= `${year}-12-31` && term.termEnd >= `${year}-01-01`;
}

/** A score is a whole number from 0 to the criterion's maximum. */
export function scoreInRange(score: number, maxScore: number): boolean {
  return Number.isInteger(score) && score >= 0 && score <= maxScore;
}
