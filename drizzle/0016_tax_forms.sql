CREATE TYPE "public"."payout_batch_status" AS ENUM('DRAFT', 'APPROVED');--> statement-breakpoint
CREATE TYPE "public"."tax_form_kind" AS ENUM('W9', 'W8BEN');--> statement-breakpoint
CREATE TABLE "payout_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"status" "payout_batch_status" DEFAULT 'DRAFT' NOT NULL,
	"payout_day" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_at" timestamp with time zone,
	"approved_by" text
);
--> statement-breakpoint
CREATE TABLE "tax_forms" (
	"partner_id" uuid PRIMARY KEY NOT NULL,
	"kind" "tax_form_kind" NOT NULL,
	"legal_name" text NOT NULL,
	"business_name" text,
	"tax_classification" text,
	"country" text NOT NULL,
	"address" jsonb NOT NULL,
	"tin_type" text NOT NULL,
	"tin_sealed" text NOT NULL,
	"tin_last4" text NOT NULL,
	"signature_name" text NOT NULL,
	"certified" boolean NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tax_forms_sealed_shape" CHECK ("tax_forms"."tin_sealed" like 'v1.%'),
	CONSTRAINT "tax_forms_certified" CHECK ("tax_forms"."certified")
);
--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "payout_schedule" text DEFAULT 'MANUAL' NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "form1099_threshold_cents" bigint DEFAULT 200000 NOT NULL;--> statement-breakpoint
ALTER TABLE "tax_forms" ADD CONSTRAINT "tax_forms_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payout_batches_day_key" ON "payout_batches" USING btree ("payout_day");--> statement-breakpoint
CREATE INDEX "tax_forms_kind_idx" ON "tax_forms" USING btree ("kind");--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_payout_schedule" CHECK ("settings"."payout_schedule" in ('MANUAL', 'AUTO'));