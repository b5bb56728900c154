CREATE TABLE `campaign_versions` (
	`campaign_id` text NOT NULL,
	`version` integer NOT NULL,
	`kind` text NOT NULL,
	`definition` text NOT NULL,
	`definition_hash` text NOT NULL,
	`changes` text DEFAULT '[]' NOT NULL,
	`reason` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	PRIMARY KEY(`campaign_id`, `version`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `outline_set_versions` (
	`set_id` text NOT NULL,
	`version` integer NOT NULL,
	`document` text NOT NULL,
	`hash` text NOT NULL,
	`reason` text,
	`loaded_at` text NOT NULL,
	`loaded_by` text NOT NULL,
	PRIMARY KEY(`set_id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `database_epochs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`epoch` text NOT NULL,
	`key` text NOT NULL,
	`reason` text NOT NULL,
	`started_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `database_epochs_epoch_unique` ON `database_epochs` (`epoch`);--> statement-breakpoint
ALTER TABLE `assignments` ADD `removed_in_version` integer;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `teams` ADD `removed_in_version` integer;--> statement-breakpoint
ALTER TABLE `units` ADD `removed_in_version` integer;--> statement-breakpoint
ALTER TABLE `feed_events` ADD `detail` text;