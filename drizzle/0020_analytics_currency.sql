ALTER TABLE "rollup_daily" ADD COLUMN "currency" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_deltas" ADD COLUMN "currency" text DEFAULT '' NOT NULL;