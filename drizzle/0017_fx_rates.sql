CREATE TABLE "fx_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rate_date" date NOT NULL,
	"base" char(3) NOT NULL,
	"quote" char(3) NOT NULL,
	"rate" numeric(24, 10) NOT NULL,
	"source" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fx_rates_positive" CHECK ("fx_rates"."rate" > 0),
	CONSTRAINT "fx_rates_distinct_pair" CHECK ("fx_rates"."base" <> "fx_rates"."quote")
);
--> statement-breakpoint
CREATE TABLE "payout_conversions" (
	"payout_id" uuid NOT NULL,
	"from_currency" char(3) NOT NULL,
	"to_currency" char(3) NOT NULL,
	"rate" numeric(24, 10) NOT NULL,
	"rate_date" date NOT NULL,
	"rate_source" text NOT NULL,
	"original_cents" bigint NOT NULL,
	"converted_cents" bigint NOT NULL,
	CONSTRAINT "payout_conversions_payout_id_from_currency_pk" PRIMARY KEY("payout_id","from_currency"),
	CONSTRAINT "payout_conversions_pair" CHECK ("payout_conversions"."from_currency" <> "payout_conversions"."to_currency")
);
--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "payout_currency" char(3);--> statement-breakpoint
ALTER TABLE "payout_conversions" ADD CONSTRAINT "payout_conversions_payout_id_payouts_id_fk" FOREIGN KEY ("payout_id") REFERENCES "public"."payouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fx_rates_day_pair_key" ON "fx_rates" USING btree ("base","quote","rate_date");--> statement-breakpoint
CREATE INDEX "fx_rates_date_idx" ON "fx_rates" USING btree ("rate_date");