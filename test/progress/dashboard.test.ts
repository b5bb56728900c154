import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { etag } from '../../src/http/etag.js';
import { buildTestApp, QX, testClock } from '../helpers/app.js';
import { readWorkbook, sheetRows } from '../helpers/office.js';

// The office's dashboard and its exports follow the campaign as amended: a target taken out of the
// plan (kept in the database with removedInVersion, for the history of its visits) is no longer
// counted, listed as late, paged or exported.

const office = systemActor('test office');

t.test('a target taken out by an amendment leaves the dashboard, its late lists and the progress export', async (t) => {
  // 2 August 2023: the registration deadline (before 1 August) has passed.
  const test = await buildTestApp(t, { clock: testClock('2023-08-02T02:00:00.000Z') });
  const { dashboard, amendments, campaigns } = test.services;
  const before = dashboard.dashboard(office, QX, { page: 1 });
  const team1 = before.teams.find((x) => x.number === 1)!;
  const late = before.attention.find((g) => g.kind === 'registration')!;
  t.ok(late.items.some((i) => i.unitId === 'xa-quang-hai'), 'Xã Quảng Hải is late before the amendment');

  amendments.apply(QX, { reason: 'Xã Quảng Hải được rút khỏi kế hoạch kiểm tra', changes: [{ op: 'removeTarget', unit: 'xa-quang-hai' }] }, office, etag(campaigns.revision(QX)));

  const after = dashboard.dashboard(office, QX, { page: 1 });
  t.equal(after.totals.targets, before.totals.targets - 1, 'one target fewer in the totals');
  t.equal(after.teams.find((x) => x.number === 1)!.targets, team1.targets - 1, 'and in its team');
  const lateAfter = after.attention.find((g) => g.kind === 'registration')!;
  t.equal(lateAfter.total, late.total - 1, 'one fewer without a date after the deadline');
  t.notOk(lateAfter.items.some((i) => i.unitId === 'xa-quang-hai'), 'and it is not listed');
  t.equal(after.units.total, before.units.total - 1, 'the unit lines count it no more');
  t.notOk(after.units.lines.some((l) => l.unitId === 'xa-quang-hai'), 'nor show it');

  const res = await test.app.inject({ method: 'GET', url: `/campaigns/${QX}/exports/progress.xlsx`, headers: test.as('office') });
  t.equal(res.statusCode, 200);
  const book = await readWorkbook(res.rawPayload);
  const names = sheetRows(book.getWorksheet('Theo đơn vị')!).flat().map(String);
  t.ok(names.includes('Xã Quảng Bình'), 'the progress export lists the other targets');
  t.notOk(names.includes('Xã Quảng Hải'), 'the progress export has no line for it');
});
