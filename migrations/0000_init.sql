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
	`session_times` text,
	`outline_set` text NOT NULL,
	`outline_periods` text NOT NULL,
	`definition` text NOT NULL,
	`definition_hash` text NOT NULL,
	`source_hash` text,
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
CREATE INDEX `teams_leader` ON `teams` (`campaign_id`,`leader_unit_id`);--> statement-breakpoint
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
	`team_number` integer NOT NULL,
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
CREATE INDEX `visits_unit_date` ON `visits` (`campaign_id`,`unit_id`,`date`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`token_id` integer NOT NULL,
	`key_hash` text NOT NULL,
	`request_hash` text NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`state` text NOT NULL,
	`owner` text NOT NULL,
	`status` integer,
	`headers` text,
	`body` blob,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	PRIMARY KEY(`token_id`, `key_hash`),
	FOREIGN KEY (`token_id`) REFERENCES `api_tokens`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_expires` ON `idempotency_keys` (`expires_at`);--> statement-breakpoint
CREATE TABLE `calendar_days` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` text,
	`date` text NOT NULL,
	`removed` integer DEFAULT false NOT NULL,
	`kind` text,
	`name` text,
	`legal_basis` text,
	`note` text,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_days_national_date` ON `calendar_days` (`date`) WHERE "calendar_days"."campaign_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_days_campaign_date` ON `calendar_days` (`campaign_id`,`date`);--> statement-breakpoint
CREATE INDEX `calendar_days_date` ON `calendar_days` (`date`);--> statement-breakpoint
CREATE TABLE `calendar_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `calendar_years` (
	`year` integer PRIMARY KEY NOT NULL,
	`confirmed` integer NOT NULL,
	`legal_basis` text,
	`note` text,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `checklist_answers` (
	`visit_id` integer NOT NULL,
	`item_key` text NOT NULL,
	`result` text,
	`note` text,
	`figures` text DEFAULT '[]' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	PRIMARY KEY(`visit_id`, `item_key`),
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `conclusion_versions` (
	`conclusion_id` integer NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`achieved` text NOT NULL,
	`shortcomings` text NOT NULL,
	`causes` text NOT NULL,
	`recommendations` text NOT NULL,
	`amendment_reason` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`published_at` text,
	`published_by` text,
	PRIMARY KEY(`conclusion_id`, `version`),
	FOREIGN KEY (`conclusion_id`) REFERENCES `conclusions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `conclusions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` text NOT NULL,
	`visit_id` integer NOT NULL,
	`team_number` integer NOT NULL,
	`unit_id` text NOT NULL,
	`state` text NOT NULL,
	`published_version` integer,
	`draft_version` integer,
	`revision` integer DEFAULT 1 NOT NULL,
	`withdrawn_at` text,
	`withdrawn_by` text,
	`withdraw_reason` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conclusions_visit` ON `conclusions` (`visit_id`);--> statement-breakpoint
CREATE INDEX `conclusions_campaign` ON `conclusions` (`campaign_id`,`state`);--> statement-breakpoint
CREATE TABLE `evidence_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` text NOT NULL,
	`visit_id` integer NOT NULL,
	`item_key` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`mime_type` text NOT NULL,
	`file_name` text NOT NULL,
	`uploaded_at` text NOT NULL,
	`uploaded_by` text NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `evidence_visit` ON `evidence_files` (`visit_id`,`item_key`);--> statement-breakpoint
CREATE INDEX `evidence_sha256` ON `evidence_files` (`sha256`);--> statement-breakpoint
CREATE TABLE `feed_compactions` (
	`campaign_id` text PRIMARY KEY NOT NULL,
	`through_seq` integer NOT NULL,
	`compacted_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `feed_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` text NOT NULL,
	`type` text NOT NULL,
	`at` text NOT NULL,
	`actor_label` text NOT NULL,
	`visit_id` integer NOT NULL,
	`team_number` integer NOT NULL,
	`unit_id` text NOT NULL,
	`version` integer,
	`recommendation_id` integer,
	`status` text,
	`reason` text
);
--> statement-breakpoint
CREATE INDEX `feed_events_campaign_seq` ON `feed_events` (`campaign_id`,`seq`);--> statement-breakpoint
CREATE INDEX `feed_events_at` ON `feed_events` (`at`);--> statement-breakpoint
CREATE TABLE `recommendations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conclusion_id` integer NOT NULL,
	`campaign_id` text NOT NULL,
	`active` integer DEFAULT false NOT NULL,
	`text` text,
	`responsible_unit_id` text,
	`due_date` text,
	`status` text DEFAULT 'open' NOT NULL,
	`status_note` text,
	`status_changed_at` text,
	`status_changed_by` text,
	`revision` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`conclusion_id`) REFERENCES `conclusions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `recommendations_campaign` ON `recommendations` (`campaign_id`,`active`,`due_date`);--> statement-breakpoint
CREATE INDEX `recommendations_conclusion` ON `recommendations` (`conclusion_id`);--> statement-breakpoint
CREATE TABLE `outline_bundles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` text NOT NULL,
	`team_number` integer,
	`scope` text NOT NULL,
	`status` text NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`total` integer NOT NULL,
	`file` text,
	`bytes` integer,
	`error` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`started_at` text,
	`finished_at` text,
	`heartbeat_at` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outline_bundles_active_scope` ON `outline_bundles` (`campaign_id`,`scope`) WHERE status in ('queued', 'running');--> statement-breakpoint
CREATE INDEX `outline_bundles_campaign` ON `outline_bundles` (`campaign_id`,`id`);--> statement-breakpoint
CREATE TABLE `outline_renders` (
	`key` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`kind` text NOT NULL,
	`format` text NOT NULL,
	`hash` text NOT NULL,
	`bytes` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `outline_renders_unit` ON `outline_renders` (`campaign_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `self_reports` (
	`campaign_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`answers` text NOT NULL,
	`version` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	PRIMARY KEY(`campaign_id`, `unit_id`),
	FOREIGN KEY (`campaign_id`,`unit_id`) REFERENCES `units`(`campaign_id`,`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `document_visits` (
	`document_id` integer NOT NULL,
	`visit_id` integer NOT NULL,
	PRIMARY KEY(`document_id`, `visit_id`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `document_visits_visit` ON `document_visits` (`visit_id`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` text NOT NULL,
	`team_id` integer NOT NULL,
	`team_number` integer NOT NULL,
	`kind` text NOT NULL,
	`series` text NOT NULL,
	`number` integer NOT NULL,
	`number_label` text NOT NULL,
	`unit_id` text,
	`issue_date` text NOT NULL,
	`issued_at` text NOT NULL,
	`issued_by` text NOT NULL,
	`due_date` text,
	`content` text NOT NULL,
	`content_hash` text NOT NULL,
	`outdated_at` text,
	`outdated_reason` text,
	`superseded_by_id` integer,
	`supersedes` text DEFAULT '[]' NOT NULL,
	`pdf_hash` text,
	`docx_hash` text,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`superseded_by_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_team_series_number` ON `documents` (`campaign_id`,`team_id`,`series`,`number`);--> statement-breakpoint
CREATE INDEX `documents_campaign_kind` ON `documents` (`campaign_id`,`kind`);