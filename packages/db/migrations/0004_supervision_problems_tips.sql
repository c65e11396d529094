CREATE TYPE "public"."adoption" AS ENUM('adopted', 'partly_adopted', 'not_adopted');--> statement-breakpoint
CREATE TYPE "public"."group_kind" AS ENUM('group', 'individual');--> statement-breakpoint
CREATE TYPE "public"."group_role" AS ENUM('leader', 'deputy', 'member', 'liaison', 'supervisor');--> statement-breakpoint
CREATE TYPE "public"."visit_form" AS ENUM('attend_meeting', 'visit', 'symposium', 'document_review', 'unannounced');--> statement-breakpoint
CREATE TYPE "public"."problem_category" AS ENUM('air', 'water', 'soil', 'solid_waste', 'noise', 'ecology', 'other');--> statement-breakpoint
CREATE TYPE "public"."problem_event_type" AS ENUM('created', 'assigned', 'reported', 'verified', 'rejected', 'lookback_scheduled', 'lookback_passed', 'reopened');--> statement-breakpoint
CREATE TYPE "public"."problem_source" AS ENUM('activity', 'visit', 'assignment', 'tip', 'direct');--> statement-breakpoint
CREATE TYPE "public"."problem_status" AS ENUM('pending', 'rectifying', 'awaiting_verification', 'closed');--> statement-breakpoint
CREATE TYPE "public"."tip_status" AS ENUM('received', 'converted', 'dismissed');--> statement-breakpoint
ALTER TYPE "public"."attachment_owner" ADD VALUE 'visit';--> statement-breakpoint
ALTER TYPE "public"."attachment_owner" ADD VALUE 'problem';--> statement-breakpoint
ALTER TYPE "public"."attachment_owner" ADD VALUE 'problem_event';--> statement-breakpoint
ALTER TYPE "public"."attachment_owner" ADD VALUE 'tip';--> statement-breakpoint
CREATE TABLE "appraisal_criteria" (
	"id" serial PRIMARY KEY NOT NULL,
	"committee_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"name" text NOT NULL,
	"max_score" smallint NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appraisal_scores" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer NOT NULL,
	"criterion_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"score" smallint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" serial PRIMARY KEY NOT NULL,
	"committee_id" integer NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_members" (
	"group_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"role" "group_role" NOT NULL,
	CONSTRAINT "group_members_group_id_member_id_pk" PRIMARY KEY("group_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "opinions" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer NOT NULL,
	"visit_id" integer,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"raised_on" date NOT NULL,
	"raised_by" integer NOT NULL,
	"reply" text DEFAULT '' NOT NULL,
	"replied_on" date,
	"adoption" "adoption",
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"committee_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"kind" "group_kind" DEFAULT 'group' NOT NULL,
	"name" text NOT NULL,
	"term_start" date NOT NULL,
	"term_end" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer NOT NULL,
	"date" date NOT NULL,
	"form" "visit_form" NOT NULL,
	"summary" text NOT NULL,
	"recorded_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"problem_id" integer NOT NULL,
	"type" "problem_event_type" NOT NULL,
	"actor_user_id" integer NOT NULL,
	"from_status" "problem_status",
	"to_status" "problem_status" NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problems" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"category" "problem_category" NOT NULL,
	"location" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"committee_id" integer NOT NULL,
	"raising_committee_id" integer NOT NULL,
	"department_id" integer,
	"deadline" date,
	"status" "problem_status" DEFAULT 'pending' NOT NULL,
	"plan" text DEFAULT '' NOT NULL,
	"source" "problem_source" NOT NULL,
	"source_id" integer,
	"closed_at" timestamp with time zone,
	"lookback_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tips" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"content" text NOT NULL,
	"location" text NOT NULL,
	"committee_id" integer NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"status" "tip_status" DEFAULT 'received' NOT NULL,
	"dismiss_reason" text DEFAULT '' NOT NULL,
	"problem_id" integer,
	"triaged_by" integer,
	"triaged_at" timestamp with time zone,
	"ip_hash" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tips_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "attachments" ALTER COLUMN "uploaded_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "appraisal_criteria" ADD CONSTRAINT "appraisal_criteria_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_scores" ADD CONSTRAINT "appraisal_scores_group_id_supervision_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."supervision_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_scores" ADD CONSTRAINT "appraisal_scores_criterion_id_appraisal_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."appraisal_criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_scores" ADD CONSTRAINT "appraisal_scores_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_supervision_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."supervision_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinions" ADD CONSTRAINT "opinions_group_id_supervision_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."supervision_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinions" ADD CONSTRAINT "opinions_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinions" ADD CONSTRAINT "opinions_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_groups" ADD CONSTRAINT "supervision_groups_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_groups" ADD CONSTRAINT "supervision_groups_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_groups" ADD CONSTRAINT "supervision_groups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_group_id_supervision_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."supervision_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_events" ADD CONSTRAINT "problem_events_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_events" ADD CONSTRAINT "problem_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_raising_committee_id_committees_id_fk" FOREIGN KEY ("raising_committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tips" ADD CONSTRAINT "tips_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tips" ADD CONSTRAINT "tips_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tips" ADD CONSTRAINT "tips_triaged_by_users_id_fk" FOREIGN KEY ("triaged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appraisal_criteria_committee_year_name_uq" ON "appraisal_criteria" USING btree ("committee_id","year","name");--> statement-breakpoint
CREATE UNIQUE INDEX "appraisal_scores_group_criterion_member_uq" ON "appraisal_scores" USING btree ("group_id","criterion_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "departments_committee_name_uq" ON "departments" USING btree ("committee_id","name");--> statement-breakpoint
CREATE INDEX "group_members_member_idx" ON "group_members" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "opinions_group_idx" ON "opinions" USING btree ("group_id","raised_on");--> statement-breakpoint
CREATE INDEX "supervision_groups_committee_idx" ON "supervision_groups" USING btree ("committee_id");--> statement-breakpoint
CREATE INDEX "supervision_groups_department_idx" ON "supervision_groups" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "visits_group_date_idx" ON "visits" USING btree ("group_id","date");--> statement-breakpoint
CREATE INDEX "problem_events_problem_idx" ON "problem_events" USING btree ("problem_id","at");--> statement-breakpoint
CREATE INDEX "problems_committee_status_idx" ON "problems" USING btree ("committee_id","status");--> statement-breakpoint
CREATE INDEX "problems_raising_committee_idx" ON "problems" USING btree ("raising_committee_id");--> statement-breakpoint
CREATE INDEX "problems_department_idx" ON "problems" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "problems_source_idx" ON "problems" USING btree ("source","source_id");--> statement-breakpoint
CREATE INDEX "tips_committee_status_idx" ON "tips" USING btree ("committee_id","status");--> statement-breakpoint
CREATE INDEX "tips_ip_idx" ON "tips" USING btree ("ip_hash","created_at");