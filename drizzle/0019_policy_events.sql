CREATE TYPE "public"."policy_event_type" AS ENUM('ISSUED', 'CANCELLED', 'RENEWED');--> statement-breakpoint
ALTER TYPE "public"."reward_type" ADD VALUE 'RENEWAL';--> statement-breakpoint
CREATE TABLE "policy_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lead_id" uuid NOT NULL,
	"referral_id" uuid,
	"type" "policy_event_type" NOT NULL,
	"effective_date" date NOT NULL,
	"term_days" integer,
	"premium_cents" bigint,
	"policy_number" text,
	"channel" text NOT NULL,
	"outcome" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "adjusts_reward_id" uuid;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "policy_event_id" uuid;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "clawback" jsonb;--> statement-breakpoint
ALTER TABLE "policy_events" ADD CONSTRAINT "policy_events_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_events" ADD CONSTRAINT "policy_events_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "policy_events_lead_type_date_key" ON "policy_events" USING btree ("lead_id","type","effective_date");--> statement-breakpoint
CREATE INDEX "policy_events_referral_idx" ON "policy_events" USING btree ("referral_id");--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_adjusts_reward_id_rewards_id_fk" FOREIGN KEY ("adjusts_reward_id") REFERENCES "public"."rewards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_policy_event_id_policy_events_id_fk" FOREIGN KEY ("policy_event_id") REFERENCES "public"."policy_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rewards_adjusts_idx" ON "rewards" USING btree ("adjusts_reward_id");