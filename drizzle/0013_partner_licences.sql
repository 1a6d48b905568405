CREATE TYPE "public"."licence_line" AS ENUM('LIFE_HEALTH', 'PROPERTY_CASUALTY');--> statement-breakpoint
ALTER TYPE "public"."reward_type" ADD VALUE 'REFERRAL_FEE';--> statement-breakpoint
CREATE TABLE "partner_licences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"state" text NOT NULL,
	"number" text,
	"lines" "licence_line"[] NOT NULL,
	"expires_on" date,
	"verified_at" timestamp with time zone,
	"verified_by" text,
	"verification_method" text,
	"evidence_note" text,
	"expiry_warned_for" date,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone,
	CONSTRAINT "partner_licences_state_upper" CHECK ("partner_licences"."state" ~ '^[A-Z]{2}$'),
	CONSTRAINT "partner_licences_lines" CHECK (cardinality("partner_licences"."lines") > 0),
	CONSTRAINT "partner_licences_verified_expiry" CHECK ("partner_licences"."verified_at" is null or "partner_licences"."expires_on" is not null)
);
--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "unlicensed_referral_fee_cents" bigint;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "licence_state_rules" jsonb DEFAULT '[{"state":"NY","enforced":false,"unlicensedFeesAllowed":true,"maxFeePerReferralCents":null,"annualCapPerPersonCents":null,"nonCashRequired":false,"note":"EXAMPLE: unlicensed: flat fee only, not contingent on purchase (Ins. Law §2116)"},{"state":"WA","enforced":false,"unlicensedFeesAllowed":true,"maxFeePerReferralCents":10000,"annualCapPerPersonCents":10000,"nonCashRequired":false,"note":"EXAMPLE: at most $100 per referred person per year"},{"state":"CA","enforced":false,"unlicensedFeesAllowed":true,"maxFeePerReferralCents":5000,"annualCapPerPersonCents":null,"nonCashRequired":false,"note":"EXAMPLE (illustrative values): flat fee for the referral only, at most $50"},{"state":"FL","enforced":false,"unlicensedFeesAllowed":false,"maxFeePerReferralCents":null,"annualCapPerPersonCents":null,"nonCashRequired":false,"note":"EXAMPLE (illustrative values): no fee to unlicensed partners"},{"state":"TX","enforced":false,"unlicensedFeesAllowed":true,"maxFeePerReferralCents":2500,"annualCapPerPersonCents":5000,"nonCashRequired":true,"note":"EXAMPLE (illustrative values): non-cash only, at most $25 a referral and $50 a person a year"}]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "partner_licences" ADD CONSTRAINT "partner_licences_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "partner_licences_open_key" ON "partner_licences" USING btree ("partner_id","state") WHERE "partner_licences"."superseded_at" is null;--> statement-breakpoint
CREATE INDEX "partner_licences_partner_idx" ON "partner_licences" USING btree ("partner_id","state","created_at");--> statement-breakpoint
CREATE INDEX "partner_licences_expiry_idx" ON "partner_licences" USING btree ("expires_on") WHERE "partner_licences"."superseded_at" is null and "partner_licences"."verified_at" is not null;