ALTER TABLE "users" ADD COLUMN "home_channel_id" uuid;--> statement-breakpoint
CREATE INDEX "users_home_channel_idx" ON "users" USING btree ("home_channel_id");