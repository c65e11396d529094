import { inArray, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { type ActivityAudience, type ActivityStatus, isWithinPath, pathIds } from "@dm/db";

/**
 * The rules of supervision activities (监督活动): who may join one, when sign-up and check-in
 * are open, which steps are legal in which state. Plain functions: the router applies them, and
 * the same visibility rule is written once more as SQL for the lists (`joinableSql`).
 */

/** Check-in opens this long before the start and closes at the end. */
export const CHECK_IN_OPENS_BEFORE_MS = 60 * 60 * 1000;

/** A member as the joining rule sees them: their roster entry and its committee's path. */
export interface Joiner {
  memberId: number;
  committeeId: number;
  committeePath: string;
}

/** An activity as the joining rule sees it. */
export interface Audience {
  audience: ActivityAudience;
  committeeId: number;
  committeePath: string;
  /** Whether this member is among the invitees (only read for audience "invited"). */
  invited: boolean;
}

/**
 * May this member see and join the activity? "committee": members of the organising committee
 * itself; "subtree": members of it and every committee below; "invited": the chosen members only.
 */
export function mayJoin(member: Joiner, activity: Audience): boolean {
  switch (activity.audience) {
    case "committee":
      return member.committeeId === activity.committeeId;
    case "subtree":
      return isWithinPath(member.committeePath, activity.committeePath);
    case "invited":
      return activity.invited;
  }
}

/**
 * `mayJoin` as an SQL condition, for lists: `columns` are the activity's id, audience and
 * organising committee; `invitees` is the invitee table, read for this member's rows only.
 * "subtree" reads as "organised by the member's committee or one above it" (the ids on the
 * member's path), which is what the path prefix says; so each branch is an index condition on
 * the activity's committee and audience, or its id, and a member's list reads only what is open
 * to them.
 */
export function joinableSql(
  member: Joiner,
  columns: { id: AnyPgColumn; audience: AnyPgColumn; committeeId: AnyPgColumn },
  invitees: { table: PgTable; activityId: AnyPgColumn; memberId: AnyPgColumn },
): SQL {
  return sql`(
    (${columns.audience} = 'committee' and ${columns.committeeId} = ${member.committeeId})
    or (${columns.audience} = 'subtree' and ${inArray(columns.committeeId, pathIds(member.committeePath))})
    or (${columns.audience} = 'invited' and ${columns.id} = any(array(
      select ${invitees.activityId} from ${invitees.table} where ${invitees.memberId} = ${member.memberId})))
  )`;
}

export interface Schedule {
  status: ActivityStatus;
  startsAt: Date;
  endsAt: Date;
  signupDeadline: Date;
}

/** Why sign-up (or cancelling one) is closed now, as a message key; null when it is open. */
export function signupProblem(activity: Schedule, now: Date): "activity.cancelled" | "activity.alreadyHeld" | "activity.deadlinePassed" | null {
  if (activity.status === "cancelled") return "activity.cancelled";
  if (activity.status === "held") return "activity.alreadyHeld";
  if (now.getTime() > activity.signupDeadline.getTime()) return "activity.deadlinePassed";
  return null;
}

/** A new sign-up is registered while places remain, else it joins the waiting list. */
export function placeFor(registered: number, capacity: number | null): "registered" | "waiting" {
  return capacity === null || registered < capacity ? "registered" : "waiting";
}

/** How many waiting members move up when `registered` hold places of `capacity`. */
export function freePlaces(registered: number, capacity: number | null, waiting: number): number {
  if (capacity === null) return waiting;
  return Math.max(0, Math.min(waiting, capacity - registered));
}

/** When QR check-in is accepted: from an hour before the start to the end. */
export function checkInWindow(activity: Pick<Schedule, "startsAt" | "endsAt">): { opens: Date; closes: Date } {
  return { opens: new Date(activity.startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MS), closes: activity.endsAt };
}

export function inCheckInWindow(activity: Pick<Schedule, "startsAt" | "endsAt">, now: Date): boolean {
  const { opens, closes } = checkInWindow(activity);
  return now.getTime() >= opens.getTime() && now.getTime() <= closes.getTime();
}

/** Editing and cancelling are for planned activities only. */
export function editProblem(status: ActivityStatus): "activity.cancelled" | "activity.alreadyHeld" | null {
  if (status === "cancelled") return "activity.cancelled";
  if (status === "held") return "activity.alreadyHeld";
  return null;
}

/** The record may be written once the activity has started; it can be marked held only then. */
export function recordProblem(activity: Pick<Schedule, "status" | "startsAt">, now: Date): "activity.cancelled" | "activity.notStarted" | null {
  if (activity.status === "cancelled") return "activity.cancelled";
  if (now.getTime() < activity.startsAt.getTime()) return "activity.notStarted";
  return null;
}
