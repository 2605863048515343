CREATE TABLE "media_assets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"channel_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"kind" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" bigint NOT NULL,
	"original_key" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"width" integer,
	"height" integer,
	"placeholder" text,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone,
	CONSTRAINT "media_assets_status_check" CHECK ("media_assets"."status" in ('pending', 'ready', 'failed')),
	CONSTRAINT "media_assets_kind_check" CHECK ("media_assets"."kind" in ('image', 'video'))
);
--> statement-breakpoint
ALTER TABLE "media_assets" ADD CONSTRAINT "media_assets_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "media_assets_channel_sha256_idx" ON "media_assets" USING btree ("channel_id","sha256");--> statement-breakpoint
CREATE INDEX "media_assets_channel_id_idx" ON "media_assets" USING btree ("channel_id","id");