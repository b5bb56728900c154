-- Installed after every migration run (src/db/connection.ts). drizzle-kit regenerates the migration
-- from the tables and cannot express triggers, so they live here; every statement is idempotent.

-- The audit trail is an official record: rows are appended, never changed or removed.
CREATE TRIGGER IF NOT EXISTS audit_log_no_update
BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be updated');
END;

CREATE TRIGGER IF NOT EXISTS audit_log_no_delete
BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted');
END;

-- An issued document is an official record: its number, date, issuer and content never change
-- (a correction is a new document that supersedes it). Its standing columns may change.
CREATE TRIGGER IF NOT EXISTS documents_frozen
BEFORE UPDATE OF campaign_id, team_id, team_number, kind, series, number, number_label, unit_id, issue_date, issued_at, issued_by, due_date, content, content_hash ON documents
BEGIN
  SELECT RAISE(ABORT, 'an issued document cannot be changed');
END;
