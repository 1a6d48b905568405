ALTER TABLE "leads" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "retention_anonymise_months" integer;