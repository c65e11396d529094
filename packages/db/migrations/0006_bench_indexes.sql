DROP INDEX "activities_committee_starts_idx";--> statement-breakpoint
CREATE INDEX "assignments_inbox_idx" ON "assignments" USING btree ("committee_id",("status" = 'approved'),"deadline","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "assignments_task_county_idx" ON "assignments" USING btree ("task_id","status") WHERE "assignments"."parent_id" is null;--> statement-breakpoint
CREATE INDEX "tasks_committee_campaign_idx" ON "tasks" USING btree ("committee_id","campaign_id","id");--> statement-breakpoint
CREATE INDEX "activities_planned_idx" ON "activities" USING btree ("committee_id","audience","ends_at") WHERE "activities"."status" = 'planned';--> statement-breakpoint
CREATE INDEX "registrations_attended_member_idx" ON "registrations" USING btree ("member_id","activity_id") WHERE "registrations"."status" <> 'cancelled' and "registrations"."attendance" in ('present', 'late');--> statement-breakpoint
CREATE INDEX "registrations_attended_activity_idx" ON "registrations" USING btree ("activity_id","member_id") WHERE "registrations"."status" <> 'cancelled' and "registrations"."attendance" in ('present', 'late');--> statement-breakpoint
CREATE INDEX "problems_committee_created_idx" ON "problems" USING btree ("committee_id","created_at","status","deadline","closed_at");--> statement-breakpoint
CREATE INDEX "activities_committee_starts_idx" ON "activities" USING btree ("committee_id","starts_at","status","campaign_id");