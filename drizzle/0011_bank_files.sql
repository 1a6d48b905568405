CREATE SEQUENCE "public"."payout_trace_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "payout_traces" (
	"payout_id" uuid PRIMARY KEY NOT NULL,
	"trace_number" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "bank_originator" jsonb;--> statement-breakpoint
ALTER TABLE "payout_traces" ADD CONSTRAINT "payout_traces_payout_id_payouts_id_fk" FOREIGN KEY ("payout_id") REFERENCES "public"."payouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payout_traces_trace_key" ON "payout_traces" USING btree ("trace_number");