ALTER TABLE `visits` ADD `notice` text;--> statement-breakpoint
ALTER TABLE `visits` ADD `entered_afterwards` text;--> statement-breakpoint
ALTER TABLE `conclusion_versions` ADD `checklist_incomplete` text;--> statement-breakpoint
ALTER TABLE `document_visits` ADD `outdated_at` text;--> statement-breakpoint
ALTER TABLE `document_visits` ADD `outdated_kind` text;--> statement-breakpoint
ALTER TABLE `document_visits` ADD `outdated_reason` text;--> statement-breakpoint
ALTER TABLE `document_visits` ADD `superseded_by_id` integer REFERENCES documents(id);--> statement-breakpoint
ALTER TABLE `documents` ADD `origin` text DEFAULT 'service' NOT NULL;--> statement-breakpoint
ALTER TABLE `documents` ADD `entered_by` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `entered_at` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `entry_reason` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `late_reason` text;--> statement-breakpoint
-- Notices issued before standing was kept per visit: a superseded notice is superseded for the visits
-- its replacement announced again; an outdated one only for the visits that moved (registered again)
-- or were cancelled; every other visit keeps it in force, and each visit points to its notice in force.
UPDATE `document_visits` SET `superseded_by_id` = (SELECT `superseded_by_id` FROM `documents` WHERE `documents`.`id` = `document_visits`.`document_id`)
WHERE `document_id` IN (SELECT `id` FROM `documents` WHERE `kind` = 'notice' AND `superseded_by_id` IS NOT NULL)
  AND EXISTS (SELECT 1 FROM `documents` d JOIN `document_visits` again ON again.`document_id` = d.`superseded_by_id`
              WHERE d.`id` = `document_visits`.`document_id` AND again.`visit_id` = `document_visits`.`visit_id`);--> statement-breakpoint
UPDATE `document_visits` SET
  `outdated_at` = (SELECT `outdated_at` FROM `documents` WHERE `documents`.`id` = `document_visits`.`document_id`),
  `outdated_reason` = (SELECT `outdated_reason` FROM `documents` WHERE `documents`.`id` = `document_visits`.`document_id`),
  `outdated_kind` = CASE (SELECT `status` FROM `visits` WHERE `visits`.`id` = `document_visits`.`visit_id`) WHEN 'cancelled' THEN 'cancelled' ELSE 'moved' END
WHERE `superseded_by_id` IS NULL
  AND `document_id` IN (SELECT `id` FROM `documents` WHERE `kind` = 'notice' AND `outdated_at` IS NOT NULL)
  AND (SELECT `status` FROM `visits` WHERE `visits`.`id` = `document_visits`.`visit_id`) IN ('registered', 'cancelled');--> statement-breakpoint
UPDATE `visits` SET `notice` = (
  SELECT json_object('id', d.`id`, 'numberLabel', d.`number_label`, 'issueDate', d.`issue_date`, 'origin', 'service', 'lateReason', NULL)
  FROM `document_visits` dv JOIN `documents` d ON d.`id` = dv.`document_id`
  WHERE dv.`visit_id` = `visits`.`id` AND d.`kind` = 'notice' AND dv.`superseded_by_id` IS NULL AND dv.`outdated_at` IS NULL
  ORDER BY d.`id` DESC LIMIT 1)
WHERE `status` IN ('notified', 'carried-out', 'concluded');
