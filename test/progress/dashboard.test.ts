import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { etag } from '../../src/http/etag.js';
import { buildTestApp, QX, testClock, type TestApp } from '../helpers/app.js';
import { publishConclusion, register } from '../helpers/document-flow.js';
import { visitDone } from '../helpers/findings.js';
import { readWorkbook, sheetRows } from '../helpers/office.js';

// The office's dashboard and its exports follow the campaign as amended: a target taken out of the
// plan (kept in the database with removedInVersion, for the history of its visits) is no longer
// counted, listed as late, paged or exported. Self-reports count as submitted while they are.

const office = systemActor('test office');

t.test('a target taken out by an amendment leaves the dashboard, its late lists and the progress export', async (t) => {
  // 2 August 2023: the registration deadline (before 1 August) has passed.
  const test = await buildTestApp(t, { clock: testClock('2023-08-02T02:00:00.000Z') });
  const { dashboard, amendments, campaigns } = test.services;
  const before = dashboard.dashboard(office, QX, { page: 1 });
  const team1 = before.teams.find((x) => x.number === 1)!;
  const late = before.attention.find((g) => g.kind === 'registration')!;
  t.ok(
    late.items.some((i) => i.unitId === 'xa-quang-hai'),
    'Xã Quảng Hải is late before the amendment',
  );

  amendments.apply(
    QX,
    { reason: 'Xã Quảng Hải được rút khỏi kế hoạch kiểm tra', changes: [{ op: 'removeTarget', unit: 'xa-quang-hai' }], acceptClashes: false },
    office,
    etag(campaigns.revision(QX)),
  );

  const after = dashboard.dashboard(office, QX, { page: 1 });
  t.equal(after.totals.targets, before.totals.targets - 1, 'one target fewer in the totals');
  t.equal(after.teams.find((x) => x.number === 1)!.targets, team1.targets - 1, 'and in its team');
  const lateAfter = after.attention.find((g) => g.kind === 'registration')!;
  t.equal(lateAfter.total, late.total - 1, 'one fewer without a date after the deadline');
  t.notOk(
    lateAfter.items.some((i) => i.unitId === 'xa-quang-hai'),
    'and it is not listed',
  );
  t.equal(after.units.total, before.units.total - 1, 'the unit lines count it no more');
  t.notOk(
    after.units.lines.some((l) => l.unitId === 'xa-quang-hai'),
    'nor show it',
  );

  const res = await test.app.inject({ method: 'GET', url: `/campaigns/${QX}/exports/progress.xlsx`, headers: test.as('office') });
  t.equal(res.statusCode, 200);
  const book = await readWorkbook(res.rawPayload);
  const names = sheetRows(book.getWorksheet('Theo đơn vị')!).flat().map(String);
  t.ok(names.includes('Xã Quảng Bình'), 'the progress export lists the other targets');
  t.notOk(names.includes('Xã Quảng Hải'), 'the progress export has no line for it');
});

/** The first item of a unit's outline that takes an answer. */
function firstItem(test: TestApp, unitId: string): string {
  type Item = { id: string; answerable: boolean; children: Item[] };
  const walk = (items: Item[]): string | undefined => items.map((i) => (i.answerable ? i.id : walk(i.children))).find(Boolean);
  return walk(test.services.outlines.forUnit(QX, unitId).items)!;
}

t.test('self-reports: submitted ones are counted and dated; one not submitted near its visit needs the office', async (t) => {
  const test = await buildTestApp(t);
  const { dashboard, outlines } = test.services;
  register(test, 1, 'p-tckh', '2023-08-03');
  register(test, 1, 'p-ldtbxh', '2023-08-03', 'chieu');
  for (const unit of ['p-tckh', 'p-ldtbxh'])
    outlines.saveSelfReport(office, QX, unit, { [firstItem(test, unit)]: { text: 'Đã thực hiện.' } }, { replace: false });
  test.clock.set('2023-08-01T02:00:00.000Z');
  outlines.submitSelfReport(office, QX, 'p-tckh', { confirmIncomplete: true });

  const board = dashboard.dashboard(office, QX, { page: 1 });
  t.match(board.teams.find((x) => x.number === 1)!.selfReports, { started: 2, submitted: 1 }, 'team 01: two started, one submitted');
  t.equal(board.totals.selfReports.submitted, 1);
  const line = (unitId: string) => board.units.lines.find((l) => l.unitId === unitId)!.selfReport;
  t.match(line('p-tckh'), { answered: 1, submittedOn: '2023-08-01', returned: false }, 'the submitted report with its day');
  t.match(line('p-ldtbxh'), { answered: 1, submittedOn: null }, 'the draft');
  const missing = board.attention.find((g) => g.kind === 'self-report')!;
  t.same(
    missing.items.map((i) => [i.unitId, i.text]),
    [['p-ldtbxh', 'chưa nộp báo cáo của đơn vị (đã trả lời 1 mục)']],
    'only the report not submitted is flagged before the visit, saying how far it is',
  );

  outlines.returnSelfReport(office, QX, 'p-tckh', 'Bổ sung số liệu mục 2');
  const returned = dashboard.dashboard(office, QX, { page: 1 });
  t.match(returned.units.lines.find((l) => l.unitId === 'p-tckh')!.selfReport, { submittedOn: null, returned: true }, 'returned for correction');
  t.match(
    returned.attention.find((g) => g.kind === 'self-report')!.items.find((i) => i.unitId === 'p-tckh'),
    { text: /trả lại để chỉnh sửa/ },
  );
});

t.test('a recommendation the unit answered "in progress" is still open, and overdue past its due date', async (t) => {
  const test = await buildTestApp(t);
  const { dashboard, findings } = test.services;
  const visitId = visitDone(test, 1, 'p-tckh', '2023-08-03');
  await publishConclusion(test, visitId, { recommendations: [{ text: 'Bố trí cán bộ tiếp nhận hồ sơ trực tuyến.', dueDate: '2023-08-10' }] });
  const rec = findings.recommendations.list(office, QX)[0]!;
  findings.recommendations.answer(office, QX, rec.id, { status: 'in-progress', expectedDate: '2023-08-20', note: 'Đang bố trí' }, rec.etag);
  test.clock.set('2023-08-15T02:00:00.000Z');
  t.equal(findings.recommendations.list(office, QX)[0]!.overdue, true, 'the recommendations service calls it overdue');

  const board = dashboard.dashboard(office, QX, { page: 1 });
  t.match(board.teams.find((x) => x.number === 1)!.recommendations, { total: 1, open: 1, done: 0, overdue: 1 }, 'team 01: one not done, overdue');
  t.match(board.units.lines.find((l) => l.unitId === 'p-tckh')!.recommendations, { open: 1, overdue: 1 });
  const late = board.attention.find((g) => g.kind === 'recommendation')!;
  t.equal(late.total, 1, 'listed as past due');
  t.match(late.items[0]!.text, /Bố trí cán bộ[\s\S]*đang thực hiện, dự kiến xong 20\/8\/2023/, 'with what the unit answered');
  const exported = await test.app.inject({
    method: 'GET',
    url: `/campaigns/${QX}/exports/recommendations.xlsx?status=in-progress`,
    headers: test.as('office'),
  });
  t.equal(exported.statusCode, 200, 'the register filtered on "in progress"');
  const rows = sheetRows((await readWorkbook(exported.rawPayload)).worksheets[0]!);
  const column = (name: string) => rows[1]![rows[0]!.indexOf(name)];
  t.equal(rows.length, 2, 'has it');
  t.equal(column('Trạng thái'), 'đang thực hiện, quá hạn', 'in the words of the unit pages, and overdue');
  t.equal((column('Ngày dự kiến hoàn thành') as Date).toISOString().slice(0, 10), '2023-08-20', 'the day it expects to finish, a real date');
  const none = await test.app.inject({ method: 'GET', url: `/campaigns/${QX}/exports/recommendations.xlsx?status=open`, headers: test.as('office') });
  t.equal(sheetRows((await readWorkbook(none.rawPayload)).worksheets[0]!).length, 1, 'none unanswered');
});
