CREATE TYPE "public"."payout_account_kind" AS ENUM('US_ACH', 'SEPA', 'PAYPAL', 'CHECK', 'LEGACY');--> statement-breakpoint
CREATE TABLE "payout_accounts" (
	"partner_id" uuid PRIMARY KEY NOT NULL,
	"kind" "payout_account_kind" NOT NULL,
	"holder_name" text,
	"routing_number" text,
	"account_type" text,
	"bic" text,
	"country" text,
	"paypal_email" text,
	"address" jsonb,
	"account_sealed" text,
	"account_last4" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"payouts_blocked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_accounts_sealed_shape" CHECK ("payout_accounts"."account_sealed" is null or "payout_accounts"."account_sealed" like 'v1.%')
);
--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "payout_details_cooling_off_hours" integer DEFAULT 72 NOT NULL;--> statement-breakpoint
ALTER TABLE "payout_accounts" ADD CONSTRAINT "payout_accounts_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payout_accounts_blocked_idx" ON "payout_accounts" USING btree ("payouts_blocked_until");