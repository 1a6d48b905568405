ALTER TYPE "public"."reward_type" ADD VALUE 'LEAD';--> statement-breakpoint
CREATE TABLE "commission_plan_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"document" jsonb NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commission_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"currency" char(3) DEFAULT 'USD' NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partners" ALTER COLUMN "commission_rate_bps" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "partners" ALTER COLUMN "commission_rate_bps" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "commission_plan_id" uuid;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "tier_id" text;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "plan_version_id" uuid;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "calculation" jsonb;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "unique_key" text;--> statement-breakpoint
ALTER TABLE "commission_plan_versions" ADD CONSTRAINT "commission_plan_versions_plan_id_commission_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."commission_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "commission_plan_versions_plan_version_key" ON "commission_plan_versions" USING btree ("plan_id","version");--> statement-breakpoint
CREATE INDEX "commission_plan_versions_effective_idx" ON "commission_plan_versions" USING btree ("plan_id","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "commission_plans_one_default" ON "commission_plans" USING btree ("is_default") WHERE "commission_plans"."is_default";--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_commission_plan_id_commission_plans_id_fk" FOREIGN KEY ("commission_plan_id") REFERENCES "public"."commission_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_plan_version_id_commission_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."commission_plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partners_plan_idx" ON "partners" USING btree ("commission_plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rewards_unique_key" ON "rewards" USING btree ("unique_key");--> statement-breakpoint
CREATE INDEX "rewards_partner_created_idx" ON "rewards" USING btree ("partner_id","created_at");