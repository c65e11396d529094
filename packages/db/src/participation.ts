import { sql } from "drizzle-orm";
import type { Executor } from "./client";

/**
 * participation_months summed from registrations and activities (a place kept and attended at a
 * held activity, by the activity's month in Asia/Shanghai). Migration 0007 runs the same
 * statement once; the benchmark's generator runs it after loading sign-ups in bulk.
 */
export const PARTICIPATION_FROM_REGISTRATIONS = `
  insert into participation_months (member_id, campaign_id, month, attended)
  select r.member_id, a.campaign_id, date_trunc('month', a.starts_at at time zone 'Asia/Shanghai')::date, count(*)::int
  from registrations r join activities a on a.id = r.activity_id
  where a.status = 'held' and r.status <> 'cancelled' and r.attendance in ('present', 'late')
  group by 1, 2, 3`;

/**
 * Recomputes participation_months from scratch: what the writes keep up to date row by row
 * (packages/api/src/participation-summary.ts), for data written in bulk (the demo seed) and for
 * checking that the writes kept it right.
 */
export async function rebuildParticipation(db: Executor): Promise<void> {
  await db.execute(sql`delete from participation_months`);
  await db.execute(sql.raw(PARTICIPATION_FROM_REGISTRATIONS));
}
