import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import t from 'tap';
import { fromRoot } from '../../src/paths.js';

// Migration 0002 (notice-standing-per-visit) carries notices issued before their standing was kept per visit: an outdated notice
// ends only for the visits that moved or were cancelled, a superseded one only for the visits its
// replacement announced again, and every visit points to its notice in force.

const statements = (file: string) =>
  readFileSync(fromRoot('migrations', file), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s !== '');

t.test('notices of the old model get their standing per visit', async (t) => {
  const files = readdirSync(fromRoot('migrations'))
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const standing = files.find((f) => f.includes('notice-standing-per-visit'))!;
  const db = new Database(':memory:');
  for (const earlier of files.filter((f) => f < standing)) for (const sql of statements(earlier)) db.exec(sql);
  db.exec(`
    INSERT INTO campaigns (id, title, issuing_body, parent_body, place_name, window_start, window_end_exclusive, notice_lead_working_days,
      notice_convention, results_notice_working_days, results_notice_from, visits_per_team_per_day, severities, outline_set, outline_periods,
      definition, definition_hash, created_at)
      VALUES ('c', 't', 'b', 'p', 'q', '2023-08-03', '2023-08-25', 2, 'on-or-before', 5, 'round', 2, '{}', 's', '{}', '{}', 'h', 'now');
    INSERT INTO units (campaign_id, id, name, level, kind, position, search_key) VALUES ('c', 'a', 'A', 'district', 'department', 1, 'a'),
      ('c', 'b', 'B', 'district', 'department', 2, 'b'), ('c', 'l', 'L', 'district', 'police', 3, 'l');
    INSERT INTO teams (id, campaign_id, number, name, leader_unit_id, leader_as_written, secretary_unit_id) VALUES (1, 'c', 1, 'Đoàn 01', 'l', 'L', 'l');
    INSERT INTO assignments (id, campaign_id, team_id, unit_id, position, as_written, outline, question_blocks) VALUES (1, 'c', 1, 'a', 1, 'A', 'A', '[]'), (2, 'c', 1, 'b', 2, 'B', 'A', '[]');
  `);
  const visit =
    db.prepare(`INSERT INTO visits (id, campaign_id, team_id, team_number, assignment_id, unit_id, date, session, start_minute, end_minute, place, status,
    overridden_codes, registered_at, registered_by, updated_at) VALUES (?, 'c', 1, 1, ?, ?, ?, 'sang', 450, 690, 'x', ?, '[]', 'now', 'x', 'now')`);
  visit.run(1, 1, 'a', '2023-08-10', 'notified'); // moved, then announced again by notice 2
  visit.run(2, 2, 'b', '2023-08-08', 'notified'); // never moved: still under notice 1
  visit.run(3, 1, 'a', '2023-08-17', 'registered'); // moved, not announced again: notice 3 outdated for it
  visit.run(4, 2, 'b', '2023-08-18', 'notified'); // the other visit of notice 3, which stays in force for it
  const doc = db.prepare(`INSERT INTO documents (id, campaign_id, team_id, team_number, kind, series, number, number_label, issue_date, issued_at, issued_by,
    content, content_hash, outdated_at, outdated_reason, superseded_by_id, supersedes) VALUES (?, 'c', 1, 1, 'notice', 'TB', ?, ?, ?, 'now', 'x', '{}', 'h', ?, ?, ?, ?)`);
  doc.run(1, 1, '01/TB-ĐKT01', '2023-07-31', '2023-08-01T00:00:00Z', 'A đã đổi', null, '[]');
  doc.run(2, 2, '02/TB-ĐKT01', '2023-08-02', null, null, null, '[1]');
  doc.run(3, 3, '03/TB-ĐKT01', '2023-08-03', '2023-08-04T00:00:00Z', 'A đã đổi lần nữa', null, '[]');
  db.exec(`UPDATE documents SET superseded_by_id = 2 WHERE id = 1;
    INSERT INTO document_visits (document_id, visit_id) VALUES (1, 1), (1, 2), (2, 1), (3, 3), (3, 4);`);

  for (const sql of statements(standing)) db.exec(sql);
  const pairs = db.prepare('SELECT document_id, visit_id, outdated_kind, superseded_by_id FROM document_visits ORDER BY document_id, visit_id').all();
  t.same(pairs, [
    { document_id: 1, visit_id: 1, outdated_kind: null, superseded_by_id: 2 },
    { document_id: 1, visit_id: 2, outdated_kind: null, superseded_by_id: null },
    { document_id: 2, visit_id: 1, outdated_kind: null, superseded_by_id: null },
    { document_id: 3, visit_id: 3, outdated_kind: 'moved', superseded_by_id: null },
    { document_id: 3, visit_id: 4, outdated_kind: null, superseded_by_id: null },
  ]);
  const notices = db.prepare('SELECT id, notice FROM visits ORDER BY id').all() as { id: number; notice: string }[];
  t.same(
    notices.map((v) => [v.id, v.notice === null ? undefined : JSON.parse(v.notice).numberLabel]),
    [
      [1, '02/TB-ĐKT01'],
      [2, '01/TB-ĐKT01'],
      [3, undefined],
      [4, '03/TB-ĐKT01'],
    ],
  );
  db.close();
});
