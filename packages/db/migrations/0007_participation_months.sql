CREATE TABLE "participation_months" (
	"member_id" integer NOT NULL,
	"campaign_id" integer NOT NULL,
	"month" date NOT NULL,
	"attended" integer NOT NULL,
	CONSTRAINT "participation_months_member_id_campaign_id_month_pk" PRIMARY KEY("member_id","campaign_id","month")
);
--> statement-breakpoint
ALTER TABLE "participation_months" ADD CONSTRAINT "participation_months_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_months" ADD CONSTRAINT "participation_months_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Filled from the sign-ups already recorded (the same statement as rebuildParticipation in src/participation.ts).
INSERT INTO "participation_months" ("member_id", "campaign_id", "month", "attended")
SELECT r."member_id", a."campaign_id", date_trunc('month', a."starts_at" AT TIME ZONE 'Asia/Shanghai')::date, count(*)::int
FROM "registrations" r JOIN "activities" a ON a."id" = r."activity_id"
WHERE a."status" = 'held' AND r."status" <> 'cancelled' AND r."attendance" IN ('present', 'late')
GROUP BY 1, 2, 3;
