import t from 'tap';
import { checkVisit, type Slot } from '../../src/schedule/rules.js';
import { reviewVisits } from '../../src/schedule/review.js';
import { QX } from '../helpers/app.js';
import { buildTestApp } from '../helpers/app.js';
import { codesOf, registerVisit, slot, world } from '../helpers/schedule.js';

// Issue 15, item 10: a team registering a second visit to the same target is warned (TARGET_VISITED_TWICE).

const register = { purpose: 'register', override: false } as const;
const saved = (s: Slot, id: number, status: Slot['status'] = 'registered'): Slot => ({ ...s, id, status });

t.test('a second visit of the same team to the same target, on any day, is a warning', async (t) => {
  const first = saved(slot(1, 'p-tckh', '2023-08-10'), 1);
  const second = checkVisit(slot(1, 'p-tckh', '2023-08-14', 'chieu'), [first], world(), register);
  t.same(codesOf(second), ['TARGET_VISITED_TWICE']);
  t.match(second[0], {
    severity: 'warning',
    visits: [1],
    teams: [1],
    units: ['p-tckh'],
    message: {
      vi: 'Đoàn 01 đã có lịch kiểm tra Phòng Tài chính - Kế hoạch vào buổi sáng 10/8/2023 (07:30–11:30); đây là lần thứ hai đoàn đến cùng đơn vị',
      en: /^Team 01 already has a visit to Phòng Tài chính - Kế hoạch/,
    },
  });
  const sameDay = checkVisit(slot(1, 'p-tckh', '2023-08-10', 'chieu'), [first], world(), register);
  t.same(codesOf(sameDay), ['TARGET_VISITED_TWICE'], 'the afternoon of the same day too');
  t.same(
    checkVisit(slot(1, 'p-tckh', '2023-08-14'), [saved(slot(1, 'p-tckh', '2023-08-10'), 1, 'cancelled')], world(), register),
    [],
    'a cancelled visit does not count',
  );
  t.same(
    checkVisit(slot(1, 'p-tckh', '2023-08-14'), [saved(slot(2, 'p-tckh', '2023-08-10'), 1)], world(), register).map((f) => f.code),
    [],
    'another team is not this rule',
  );
  t.same(checkVisit(first, [first], world(), register), [], 'a visit is not its own second visit (a move)');
  const off = world({ rules: { ...world().rules, severities: { ...world().rules.severities, TARGET_VISITED_TWICE: 'off' } } });
  t.same(checkVisit(slot(1, 'p-tckh', '2023-08-14'), [first], off, register), [], 'a campaign may turn it off');
});

t.test('the campaign-wide review reports the pair once', async (t) => {
  const a = { ...saved(slot(1, 'p-tckh', '2023-08-10'), 1), overriddenCodes: [] };
  const b = { ...saved(slot(1, 'p-tckh', '2023-08-17'), 2), overriddenCodes: [] };
  const found = reviewVisits([a, b], world());
  t.same(
    found.map((f) => [f.code, f.visits]),
    [['TARGET_VISITED_TWICE', [1, 2]]],
  );
});

t.test('over HTTP: registered with a warning, then listed by the conflicts review', async (t) => {
  const test = await buildTestApp(t);
  const first = await registerVisit(test, 'leader', { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-10', session: 'sang' });
  t.same(first.json().warnings, []);
  const second = await registerVisit(test, 'leader', { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-16', session: 'sang' });
  t.equal(second.statusCode, 201);
  t.same(codesOf(second.json().warnings), ['TARGET_VISITED_TWICE']);
  const check = await test.app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits/check`,
    headers: test.as('leader'),
    payload: { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-21', session: 'chieu' },
  });
  t.match(check.json(), { ok: true, warnings: [{ code: 'TARGET_VISITED_TWICE' }] });
  const free = await test.app.inject({
    method: 'GET',
    url: `/campaigns/${QX}/free-sessions?team=1&unit=p-tckh&from=2023-08-21&to=2023-08-21`,
    headers: test.as('leader'),
  });
  t.ok(free.json().free.every((s: { warnings: string[] }) => s.warnings.includes('TARGET_VISITED_TWICE')));
  const conflicts = await test.app.inject({ method: 'GET', url: `/campaigns/${QX}/conflicts`, headers: test.as('office') });
  t.match(conflicts.json().warnings, [{ code: 'TARGET_VISITED_TWICE', visits: [first.json().visit.id, second.json().visit.id] }]);
});
