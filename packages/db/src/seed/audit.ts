import { count, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { auditEvents } from "../schema";

/**
 * The audit trail of the demo history: the seeded campaigns, tasks and assignment timelines
 * written as the events the API records for them (campaign.create, task.create,
 * assignment.accept …), at the times they happened, so the audit log has the same story as the
 * timelines. Only into an empty audit log: real events are never mixed with derived ones.
 */
export async function seedAuditTrail(tx: Tx): Promise<boolean> {
  const [existing] = await tx.select({ n: count() }).from(auditEvents);
  if (existing!.n > 0) return false;
  const inserted = await tx.execute(sql`
    insert into audit_events (actor_user_id, action, entity_type, entity_id, before, after, request_id, at)
    select actor, action, entity_type, entity_id, before, after, 'demo-seed', at from (
      select created_by as actor, 'campaign.create' as action, 'campaign' as entity_type, id::text as entity_id, null::jsonb as before,
             jsonb_build_object('title', title, 'year', year, 'topic', topic, 'startDate', start_date, 'endDate', end_date, 'focusAreas', focus_areas, 'methods', methods) as after,
             created_at as at
        from campaigns
      union all
      select created_by, 'task.create', 'task', id::text, null,
             jsonb_build_object('title', title, 'focusArea', focus_area, 'method', method, 'deadline', deadline, 'description', description),
             created_at
        from tasks
      union all
      select actor_user_id,
             'assignment.' || case type when 'accepted' then 'accept' when 'progress' then 'progress' when 'reported' then 'report'
                                        when 'approved' then 'approve' when 'returned' then 'return' else 'passDown' end,
             'assignment', assignment_id::text,
             jsonb_build_object('status', from_status),
             jsonb_strip_nulls(jsonb_build_object('status', to_status, 'percent', percent, 'comment', nullif(comment, ''))),
             at
        from assignment_events
       where type <> 'sent'
    ) events
    order by at`);
  return inserted.count > 0;
}
