CREATE INDEX "outbox_processed_idx" ON "outbox" USING btree ("topic","processed_at") WHERE "outbox"."processed_at" is not null;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_outbox_idx" ON "webhook_deliveries" USING btree ("outbox_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_created_idx" ON "webhook_deliveries" USING btree ("created_at");