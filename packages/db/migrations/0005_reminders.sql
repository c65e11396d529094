CREATE TABLE "reminders" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject_id" integer NOT NULL,
	"recipient_id" integer NOT NULL,
	"due_day" date NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reminders_key_uq" ON "reminders" USING btree ("kind","subject_id","recipient_id","due_day");--> statement-breakpoint
CREATE INDEX "reminders_sent_at_idx" ON "reminders" USING btree ("sent_at");