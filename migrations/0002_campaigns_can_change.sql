CREATE TABLE `database_epochs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`epoch` text NOT NULL,
	`key` text NOT NULL,
	`reason` text NOT NULL,
	`started_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `database_epochs_epoch_unique` ON `database_epochs` (`epoch`);--> statement-breakpoint
ALTER TABLE `feed_events` ADD `detail` text;