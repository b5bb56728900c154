import t, { type Test } from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import type { VisitChange } from '../../src/schedule/service.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { codesOf, registerVisit } from '../helpers/schedule.js';

/** The notice documents passes when it issues one (schedule only keeps it). */
const notice = { id: 1, numberLabel: '01/TB-ĐKT01', issueDate: '2023-07-31', origin: 'service' as const, lateReason: null };

async function setup(t: Test) {
  const test = await buildTestApp(t);
  const changes: VisitChange[] = [];
  test.services.schedule.onVisitChange((_tx, change) => changes.push(change));
  const res = await registerVisit(test, 'leader', { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-10', session: 'sang' });
  const visit = res.json().visit;
  const url = `/campaigns/${QX}/visits/${visit.id}`;
  return { ...test, changes, visit, url };
}

t.test('moving a visit re-runs every check, keeps history and bumps the version', async (t) => {
  const test = await setup(t);
  const { app, as, url } = test;
  const get = await app.inject({ method: 'GET', url, headers: as('leader') });
  t.equal(get.headers.etag, '"1"');

  const noMatch = await app.inject({ method: 'PATCH', url, headers: as('leader'), payload: { date: '2023-08-11' } });
  t.equal(noMatch.statusCode, 428);
  t.equal(noMatch.json().code, 'PRECONDITION_REQUIRED');

  const moved = await app.inject({ method: 'PATCH', url, headers: { ...as('leader'), 'if-match': '"1"' }, payload: { date: '2023-08-11', session: 'chieu' } });
  t.equal(moved.statusCode, 200);
  t.match(moved.json().visit, { date: '2023-08-11', session: 'chieu', startTime: '13:30', endTime: '17:00', version: 2 });
  t.equal(moved.headers.etag, '"2"');

  const stale = await app.inject({ method: 'PATCH', url, headers: { ...as('leader'), 'if-match': '"1"' }, payload: { place: 'Hội trường UBND huyện' } });
  t.equal(stale.statusCode, 412);
  t.equal(stale.json().code, 'PRECONDITION_FAILED');

  // Another team now holds the afternoon of 14/8 at a unit of team 01: moving there clashes, nothing changes.
  await registerVisit(test, 'office', { teamNumber: 2, unitId: 'bhxh', date: '2023-08-14', session: 'chieu' });
  const clash = await app.inject({ method: 'PATCH', url, headers: { ...as('leader'), 'if-match': '"2"' }, payload: { date: '2023-08-14' } });
  t.equal(clash.statusCode, 409);
  t.same(codesOf(clash.json().clashes), ['HOST_AWAY_INSPECTING']);
  const after = await app.inject({ method: 'GET', url, headers: as('leader') });
  t.match(after.json(), { date: '2023-08-11', version: 2 });

  const times = await app.inject({ method: 'PATCH', url, headers: { ...as('leader'), 'if-match': '"2"' }, payload: { startTime: '14:00' } });
  t.match(times.json().visit, { session: 'custom', startTime: '14:00', endTime: '17:00', version: 3 });

  const history = await app.inject({ method: 'GET', url: `${url}/history`, headers: as('office') });
  t.same(
    history.json().map((h: { action: string }) => h.action),
    ['register', 'move', 'move'],
  );
  t.match(history.json()[1], { before: { date: '2023-08-10', session: 'sang' }, after: { date: '2023-08-11', session: 'chieu' } });
  const own = test.changes.filter((c) => c.after.id === test.visit.id);
  t.same(
    own.map((c) => [c.before?.version ?? null, c.after.version]),
    [
      [null, 1],
      [1, 2],
      [2, 3],
    ],
  );
});

t.test('a notified visit that moves goes back to registered, and listeners see it', async (t) => {
  const test = await setup(t);
  const { app, as, url, services, visit } = test;
  services.db.transaction((tx) => services.schedule.markNotified(tx, QX, [visit.id], systemActor('documents'), notice));
  t.equal(services.schedule.get(QX, visit.id).status, 'notified');
  t.same(
    services.db.transaction((tx) => services.schedule.markNotified(tx, QX, [visit.id], systemActor('documents'), notice)).map((v) => v.version),
    [2],
    'marking again changes nothing',
  );
  const moved = await app.inject({ method: 'PATCH', url, headers: { ...as('leader'), 'if-match': '"2"' }, payload: { place: 'Hội trường UBND huyện' } });
  t.equal(moved.statusCode, 200);
  t.match(moved.json().visit, { status: 'registered', place: 'Hội trường UBND huyện', version: 3 });
  const last = test.changes.at(-1)!;
  t.equal(last.before?.status, 'notified');
  t.equal(last.after.status, 'registered');
});

t.test('status moves one step at a time, notified only through a notice; carried-out only once the day has come', async (t) => {
  const test = await setup(t);
  const { app, as, url, clock } = test;
  const step = (status: string, version: number) =>
    app.inject({ method: 'POST', url: `${url}/status`, headers: { ...as('secretary'), 'if-match': `"${version}"` }, payload: { status } });
  const skip = await step('carried-out', 1);
  t.equal(skip.statusCode, 409);
  t.equal(skip.json().code, 'INVALID_TRANSITION');
  const byHand = await step('notified', 1);
  t.equal(byHand.statusCode, 400, 'a visit becomes notified only through a notice');
  t.match(byHand.json().errors, [{ field: 'status' }]);
  t.throws(() => test.services.schedule.setStatus(QX, test.visit.id, 'notified', systemActor('office'), '"1"'), { code: 'NOTIFIED_BY_NOTICE_ONLY' });
  const notice = await app.inject({ method: 'POST', url: `/campaigns/${QX}/teams/1/notices`, headers: as('leader'), payload: { visitIds: [test.visit.id] } });
  t.equal(notice.statusCode, 201);
  t.match((await app.inject({ method: 'GET', url, headers: as('leader') })).json(), { status: 'notified', version: 2, notice: { id: notice.json().id } });
  const early = await step('carried-out', 2);
  t.equal(early.statusCode, 422);
  t.equal(early.json().code, 'VISIT_IN_FUTURE');
  clock.set('2023-08-10T09:00:00Z');
  const done = await step('carried-out', 2);
  t.match(done.json(), { status: 'carried-out', version: 3 });
  const move = await app.inject({ method: 'PATCH', url, headers: { ...as('leader'), 'if-match': '"3"' }, payload: { date: '2023-08-11' } });
  t.equal(move.statusCode, 409);
  t.equal(move.json().code, 'VISIT_NOT_MOVABLE');
  t.equal((await step('concluded', 3)).json().status, 'concluded');
  const cancel = await app.inject({
    method: 'POST',
    url: `${url}/cancel`,
    headers: { ...as('leader'), 'if-match': '"4"' },
    payload: { reason: 'Đổi kế hoạch' },
  });
  t.equal(cancel.statusCode, 409, 'a concluded visit cannot be cancelled');
  const reopened = test.services.db.transaction((tx) => test.services.schedule.reopen(tx, QX, test.visit.id, systemActor('findings')));
  t.equal(reopened.status, 'carried-out');
});

t.test('cancelling needs a reason; a cancelled visit frees its slot', async (t) => {
  const test = await setup(t);
  const { app, as, url } = test;
  const noReason = await app.inject({ method: 'POST', url: `${url}/cancel`, headers: { ...as('leader'), 'if-match': '"1"' }, payload: {} });
  t.equal(noReason.statusCode, 400);
  t.match(noReason.json().errors, [{ field: 'reason' }]);
  const reason = 'Đơn vị xin lùi lịch do trùng hội nghị của huyện';
  const cancelled = await app.inject({ method: 'POST', url: `${url}/cancel`, headers: { ...as('leader'), 'if-match': '"1"' }, payload: { reason } });
  t.match(cancelled.json(), { status: 'cancelled', cancelReason: reason, version: 2 });
  const again = await registerVisit(test, 'office', { teamNumber: 2, unitId: 'bhxh', date: '2023-08-10', session: 'sang' });
  t.equal(again.statusCode, 201, 'team 02 may now take the morning');
  const audit = test.services.audit.list({ campaignId: QX, visitId: test.visit.id, limit: 10 });
  t.match(audit[0], { action: 'visit.cancel', reason });
  const list = await app.inject({ method: 'GET', url: `/campaigns/${QX}/visits?status=cancelled`, headers: as('office') });
  t.same(
    list.json().map((v: { id: number }) => v.id),
    [test.visit.id],
  );
});

t.test('the office moves a visit past the deadline with a written reason', async (t) => {
  const test = await setup(t);
  const { app, as, url, clock } = test;
  clock.set('2023-08-02T02:00:00Z');
  const leader = await app.inject({ method: 'PATCH', url, headers: { ...as('leader'), 'if-match': '"1"' }, payload: { date: '2023-08-17' } });
  t.same(codesOf(leader.json().clashes), ['REGISTRATION_CLOSED']);
  const reason = 'Lãnh đạo huyện đề nghị lùi lịch để dự hội nghị tỉnh';
  const office = await app.inject({
    method: 'PATCH',
    url,
    headers: { ...as('office'), 'if-match': '"1"' },
    payload: { date: '2023-08-17', override: { reason } },
  });
  t.equal(office.statusCode, 200);
  t.match(office.json().visit, { date: '2023-08-17', overriddenCodes: ['REGISTRATION_CLOSED'], overrideReason: reason });
  const history = await app.inject({ method: 'GET', url: `${url}/history`, headers: as('leader') });
  t.match(history.json().at(-1), { action: 'move.override', reason });
});

t.test('other modules mark visits notified and concluded inside their own transactions', async (t) => {
  const test = await setup(t);
  const { services, visit } = test;
  const documents = systemActor('documents');
  const failed = () =>
    services.db.transaction((tx) => {
      services.schedule.markNotified(tx, QX, [visit.id], documents, notice);
      services.schedule.markNotified(tx, QX, [9999], documents, notice);
    });
  t.throws(failed, { code: 'VISIT_NOT_FOUND' });
  t.equal(services.schedule.get(QX, visit.id).status, 'registered', 'rolled back with the notice that failed');
  services.db.transaction((tx) => services.schedule.markNotified(tx, QX, [visit.id], documents, notice));
  const concluded = services.db.transaction((tx) => services.schedule.markConcluded(tx, QX, visit.id, systemActor('findings')));
  t.match(concluded, { status: 'concluded', version: 3 });
  t.throws(() => services.db.transaction((tx) => services.schedule.markNotified(tx, QX, [visit.id], documents, notice)), {
    code: 'INVALID_TRANSITION',
  });
  t.same(
    services.audit.list({ campaignId: QX, visitId: visit.id, limit: 10 }).map((a) => a.action),
    ['visit.status.concluded', 'visit.status.notified', 'visit.register'],
  );
});
