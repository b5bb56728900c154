CREATE TABLE `assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` text NOT NULL,
	`team_id` integer NOT NULL,
	`unit_id` text NOT NULL,
	`position` integer NOT NULL,
	`as_written` text NOT NULL,
	`outline` text NOT NULL,
	`question_blocks` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_id`,`unit_id`) REFERENCES `units`(`campaign_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_campaign_unit` ON `assignments` (`campaign_id`,`unit_id`);--> statement-breakpoint
CREATE INDEX `assignments_team` ON `assignments` (`team_id`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`full_title` text,
	`issuing_body` text NOT NULL,
	`parent_body` text NOT NULL,
	`place_name` text NOT NULL,
	`plan_number` text,
	`plan_date` text,
	`standing_office_unit_id` text,
	`standing_office_desk` text,
	`window_start` text NOT NULL,
	`window_end_exclusive` text NOT NULL,
	`registration_deadline_exclusive` text,
	`notice_lead_working_days` integer NOT NULL,
	`notice_convention` text NOT NULL,
	`results_notice_working_days` integer NOT NULL,
	`results_notice_from` text NOT NULL,
	`team_report_deadline_exclusive` text,
	`visits_per_team_per_day` integer NOT NULL,
	`severities` text NOT NULL,
	`outline_set` text NOT NULL,
	`outline_periods` text NOT NULL,
	`definition` text NOT NULL,
	`definition_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text
);
--> statement-breakpoint
CREATE TABLE `team_members` (
	`team_id` integer NOT NULL,
	`campaign_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`position` integer NOT NULL,
	`as_written` text NOT NULL,
	`representative_name` text,
	`representative_title` text,
	PRIMARY KEY(`team_id`, `unit_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_id`,`unit_id`) REFERENCES `units`(`campaign_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `team_members_unit` ON `team_members` (`campaign_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` text NOT NULL,
	`number` integer NOT NULL,
	`name` text NOT NULL,
	`leader_unit_id` text NOT NULL,
	`leader_as_written` text NOT NULL,
	`leader_person_name` text,
	`leader_person_title` text,
	`secretary_unit_id` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_id`,`leader_unit_id`) REFERENCES `units`(`campaign_id`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`campaign_id`,`secretary_unit_id`) REFERENCES `units`(`campaign_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_campaign_number` ON `teams` (`campaign_id`,`number`);--> statement-breakpoint
CREATE TABLE `unit_aliases` (
	`campaign_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`alias` text NOT NULL,
	`search_key` text NOT NULL,
	PRIMARY KEY(`campaign_id`, `unit_id`, `alias`),
	FOREIGN KEY (`campaign_id`,`unit_id`) REFERENCES `units`(`campaign_id`,`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `unit_aliases_search_key` ON `unit_aliases` (`search_key`);--> statement-breakpoint
CREATE TABLE `units` (
	`campaign_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`kind` text NOT NULL,
	`position` integer NOT NULL,
	`search_key` text NOT NULL,
	PRIMARY KEY(`campaign_id`, `id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `units_search_key` ON `units` (`search_key`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`label` text NOT NULL,
	`role` text NOT NULL,
	`campaign_id` text,
	`team_number` integer,
	`unit_id` text,
	`created_at` text NOT NULL,
	`created_by` text,
	`expires_at` text,
	`revoked_at` text,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_id`,`team_number`) REFERENCES `teams`(`campaign_id`,`number`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_id`,`unit_id`) REFERENCES `units`(`campaign_id`,`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_campaign` ON `api_tokens` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_token_id` integer,
	`actor_label` text NOT NULL,
	`actor_role` text NOT NULL,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`campaign_id` text,
	`team_id` integer,
	`unit_id` text,
	`visit_id` integer,
	`before` text,
	`after` text,
	`reason` text,
	`request_id` text
);
--> statement-breakpoint
CREATE INDEX `audit_campaign` ON `audit_log` (`campaign_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_visit` ON `audit_log` (`visit_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_unit` ON `audit_log` (`unit_id`,`id`);--> statement-breakpoint
CREATE TABLE `visit_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visit_id` integer NOT NULL,
	`at` text NOT NULL,
	`actor_label` text NOT NULL,
	`action` text NOT NULL,
	`before` text,
	`after` text,
	`reason` text,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `visit_history_visit` ON `visit_history` (`visit_id`,`id`);--> statement-breakpoint
CREATE TABLE `visits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` text NOT NULL,
	`team_id` integer NOT NULL,
	`assignment_id` integer NOT NULL,
	`unit_id` text NOT NULL,
	`date` text NOT NULL,
	`session` text NOT NULL,
	`start_minute` integer NOT NULL,
	`end_minute` integer NOT NULL,
	`place` text NOT NULL,
	`status` text NOT NULL,
	`cancel_reason` text,
	`overridden_codes` text DEFAULT '[]' NOT NULL,
	`override_reason` text,
	`override_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`registered_at` text NOT NULL,
	`registered_by` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_id`,`unit_id`) REFERENCES `units`(`campaign_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `visits_campaign_date` ON `visits` (`campaign_id`,`date`);--> statement-breakpoint
CREATE INDEX `visits_team_date` ON `visits` (`team_id`,`date`);--> statement-breakpoint
CREATE INDEX `visits_unit_date` ON `visits` (`campaign_id`,`unit_id`,`date`);