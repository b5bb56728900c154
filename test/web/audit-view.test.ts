import t from 'tap';
import type { AuditEntryView } from '../../src/audit/schema.js';
import { auditLine } from '../../src/web/office/audit-view.js';

// The audit trail as the office reads it, pure: every action of a visit or a unit in Vietnamese
// (the code may follow, small), states in the pages' words, never a bare code.

const entry = (action: string, before: unknown = null, after: unknown = null): AuditEntryView =>
  ({ id: 1, at: '2026-12-22T02:00:00.000Z', actor: { label: 'Lê Thị Hoa', role: 'office' }, action, before, after, reason: null }) as unknown as AuditEntryView;

t.test('a visit’s state before and after is said in Vietnamese', async (t) => {
  const line = auditLine(
    entry('visit.register.override', null, { date: '2027-01-12', startTime: '13:30', endTime: '17:00', status: 'registered', place: 'Trụ sở' }),
  );
  t.equal(line.after, 'ngày 12/01/2027, 13:30–17:00, đã đăng ký, Trụ sở');
  t.notMatch(line.after!, /registered/);
});

t.test('the actions the later branches write have their Vietnamese names', async (t) => {
  for (const action of [
    'visit.notice',
    'self-report.submit',
    'self-report.return',
    'self-report.signed-scan',
    'recommendation.answer',
    'recommendation.evidence',
    'document.record-paper',
    'document.issue-late',
    'document.outdated',
    'evidence.delete',
    'conclusion.discard-draft',
  ]) {
    const line = auditLine(entry(action));
    t.not(line.action, action, `${action} is named`);
    t.match(line.action, /^[A-ZĐÀ-Ỹ]/u, `${action}: a Vietnamese phrase`);
  }
  t.equal(auditLine(entry('something.new')).action, 'Thay đổi khác', 'an action without a name yet is never shown as its bare code');
});
