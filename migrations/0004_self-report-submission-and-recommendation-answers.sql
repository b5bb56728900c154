CREATE TABLE `recommendation_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` text NOT NULL,
	`recommendation_id` integer NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`mime_type` text NOT NULL,
	`file_name` text NOT NULL,
	`uploaded_at` text NOT NULL,
	`uploaded_by` text NOT NULL,
	FOREIGN KEY (`recommendation_id`) REFERENCES `recommendations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `recommendation_files_recommendation` ON `recommendation_files` (`recommendation_id`);--> statement-breakpoint
ALTER TABLE `recommendations` ADD `expected_date` text;--> statement-breakpoint
ALTER TABLE `self_reports` ADD `status` text DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE `self_reports` ADD `submitted_at` text;--> statement-breakpoint
ALTER TABLE `self_reports` ADD `submitted_by` text;--> statement-breakpoint
ALTER TABLE `self_reports` ADD `submitted_incomplete` text;--> statement-breakpoint
ALTER TABLE `self_reports` ADD `returned_at` text;--> statement-breakpoint
ALTER TABLE `self_reports` ADD `returned_by` text;--> statement-breakpoint
ALTER TABLE `self_reports` ADD `return_reason` text;--> statement-breakpoint
ALTER TABLE `self_reports` ADD `scan_sha256` text;--> statement-breakpoint
ALTER TABLE `self_reports` ADD `scan_file_name` text;--> statement-breakpoint
ALTER TABLE `self_reports` ADD `scan_size` integer;--> statement-breakpoint
ALTER TABLE `self_reports` ADD `scan_uploaded_at` text;--> statement-breakpoint
ALTER TABLE `self_reports` ADD `scan_uploaded_by` text;