CREATE TYPE "public"."activity_audience" AS ENUM('committee', 'subtree', 'invited');--> statement-breakpoint
CREATE TYPE "public"."activity_status" AS ENUM('planned', 'held', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."activity_type" AS ENUM('inspection', 'research', 'field_inspection', 'symposium', 'consultation', 'bench_meeting', 'courtyard_meeting', 'survey', 'briefing');--> statement-breakpoint
CREATE TYPE "public"."attendance_status" AS ENUM('present', 'late', 'absent', 'excused');--> statement-breakpoint
CREATE TYPE "public"."check_in_method" AS ENUM('qr', 'manual');--> statement-breakpoint
CREATE TYPE "public"."registration_status" AS ENUM('registered', 'waiting', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."monthly_report_status" AS ENUM('draft', 'submitted');--> statement-breakpoint
ALTER TYPE "public"."attachment_owner" ADD VALUE 'activity';--> statement-breakpoint
ALTER TYPE "public"."attachment_owner" ADD VALUE 'activity_finding';--> statement-breakpoint
CREATE TABLE "activities" (
	"id" serial PRIMARY KEY NOT NULL,
	"committee_id" integer NOT NULL,
	"campaign_id" integer NOT NULL,
	"task_id" integer,
	"focus_area" text,
	"type" "activity_type" NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"organizer" text NOT NULL,
	"capacity" integer,
	"signup_deadline" timestamp with time zone NOT NULL,
	"audience" "activity_audience" NOT NULL,
	"status" "activity_status" DEFAULT 'planned' NOT NULL,
	"signup_seq" integer DEFAULT 0 NOT NULL,
	"check_in_secret" text NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"findings" text DEFAULT '' NOT NULL,
	"opinion_count" integer DEFAULT 0 NOT NULL,
	"held_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_invitees" (
	"activity_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	CONSTRAINT "activity_invitees_activity_id_member_id_pk" PRIMARY KEY("activity_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "point_rules" (
	"code" text PRIMARY KEY NOT NULL,
	"points" integer NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"id" serial PRIMARY KEY NOT NULL,
	"activity_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"status" "registration_status" NOT NULL,
	"queue_position" integer NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"attendance" "attendance_status",
	"attendance_note" text DEFAULT '' NOT NULL,
	"checked_in_at" timestamp with time zone,
	"check_in_method" "check_in_method",
	"marked_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monthly_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"committee_id" integer NOT NULL,
	"month" date NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"activities_held" integer DEFAULT 0 NOT NULL,
	"activity_summary" text DEFAULT '' NOT NULL,
	"problems" text DEFAULT '' NOT NULL,
	"next_plan" text DEFAULT '' NOT NULL,
	"status" "monthly_report_status" DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "calendar_token" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "report_due_day" smallint DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_findings" ADD CONSTRAINT "activity_findings_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_findings" ADD CONSTRAINT "activity_findings_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_invitees" ADD CONSTRAINT "activity_invitees_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_invitees" ADD CONSTRAINT "activity_invitees_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_rules" ADD CONSTRAINT "point_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_marked_by_users_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD CONSTRAINT "monthly_reports_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD CONSTRAINT "monthly_reports_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD CONSTRAINT "monthly_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD CONSTRAINT "monthly_reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_committee_starts_idx" ON "activities" USING btree ("committee_id","starts_at");--> statement-breakpoint
CREATE INDEX "activities_campaign_starts_idx" ON "activities" USING btree ("campaign_id","starts_at");--> statement-breakpoint
CREATE INDEX "activities_starts_idx" ON "activities" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "activity_findings_activity_idx" ON "activity_findings" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "activity_findings_member_idx" ON "activity_findings" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "activity_invitees_member_idx" ON "activity_invitees" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_activity_member_uq" ON "registrations" USING btree ("activity_id","member_id");--> statement-breakpoint
CREATE INDEX "registrations_activity_status_idx" ON "registrations" USING btree ("activity_id","status","queue_position");--> statement-breakpoint
CREATE INDEX "registrations_member_idx" ON "registrations" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "monthly_reports_campaign_committee_month_uq" ON "monthly_reports" USING btree ("campaign_id","committee_id","month");--> statement-breakpoint
CREATE INDEX "monthly_reports_campaign_month_idx" ON "monthly_reports" USING btree ("campaign_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "users_calendar_token_uq" ON "users" USING btree ("calendar_token");