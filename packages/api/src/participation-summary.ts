import { type SQL, sql } from "drizzle-orm";
import type { ActivityStatus, Tx } from "@dm/db";
import { shanghaiMonth } from "./domain/coverage";

/**
 * participation_months (schema/activity.ts): per member, campaign and month, the places kept and
 * attended at held activities. The dashboard's 参与率 reads it; these keep it right, in the
 * transaction of the write that changes what it counts, under the activity's row lock:
 *
 * - an activity marked held (activity.record): each of its attendees counts;
 * - attendance marked by hand (activity.mark) or by QR (activity.checkIn) at a held activity.
 *
 * Nothing else can change it: a held activity can no longer be edited, cancelled, signed up
 * for or withdrawn from (domain/activity.ts), and attendance at a planned or cancelled activity
 * does not count. Data written in bulk is summed afresh by rebuildParticipation (@dm/db).
 */

/** The rule the dashboard counts by: a place kept (not cancelled), marked 出席 or 迟到. */
export function attended(registration: { status: string; attendance: string | null } | null | undefined): boolean {
  return !!registration && registration.status !== "cancelled" && (registration.attendance === "present" || registration.attendance === "late");
}

interface ActivityKey {
  id: number;
  campaignId: number;
  startsAt: Date;
  status: ActivityStatus;
}

/** One member's attendance at `activity` went from `before` to `after` (see `attended`). */
export async function attendanceChanged(tx: Tx, activity: ActivityKey, memberId: number, before: boolean, after: boolean): Promise<void> {
  if (activity.status !== "held" || before === after) return;
  await adjust(tx, activity, sql`select ${memberId}::int as member_id`, after ? 1 : -1);
}

/** `activity` has just been marked held: every attendee it already has counts. */
export async function activityHeld(tx: Tx, activity: ActivityKey): Promise<void> {
  await adjust(
    tx,
    activity,
    // In member order, so two such writes sharing members take their rows' locks in one order.
    sql`select r.member_id from registrations r where r.activity_id = ${activity.id} and r.status <> 'cancelled' and r.attendance in ('present', 'late') order by r.member_id`,
    1,
  );
}

async function adjust(tx: Tx, activity: ActivityKey, memberIds: SQL, delta: 1 | -1): Promise<void> {
  const month = `${shanghaiMonth(activity.startsAt)}-01`;
  await tx.execute(sql`
    insert into participation_months (member_id, campaign_id, month, attended)
    select m.member_id, ${activity.campaignId}::int, ${month}::date, ${delta}::int from (${memberIds}) m
    on conflict (member_id, campaign_id, month) do update set attended = participation_months.attended + excluded.attended`);
  // A row lives while it counts something: the dashboard asks only whether one exists.
  if (delta < 0) await tx.execute(sql`delete from participation_months where member_id in (${memberIds}) and campaign_id = ${activity.campaignId} and month = ${month}::date and attended <= 0`);
}
