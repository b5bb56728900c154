import t from 'tap';
import { buildTestApp, QX } from '../helpers/app.js';

// Issue 15, item 9: a registration received on paper before the deadline, entered afterwards, is
// checked by the registration rules at the date it was received and marked as entered afterwards.

const url = `/campaigns/${QX}/visits/paper`;
const visit = { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-10', session: 'sang' };
const reason = 'Đoàn 01 gửi phiếu đăng ký bằng văn bản ngày 28/7/2023';

t.test('a paper registration received before the deadline is accepted after it, at its own date', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  clock.set('2023-08-02T03:00:00Z');
  const plain = await app.inject({ method: 'POST', url: `/campaigns/${QX}/visits`, headers: as('leader'), payload: visit });
  t.equal(plain.json().clashes[0].code, 'REGISTRATION_CLOSED', 'entered today, it is too late');

  const afterDeadline = await app.inject({ method: 'POST', url, headers: as('office'), payload: { ...visit, receivedOn: '2023-08-01', reason } });
  t.equal(afterDeadline.statusCode, 409, 'received on the deadline day itself is too late ("trước ngày 01/8/2023")');
  t.same(
    afterDeadline.json().clashes.map((c: { code: string }) => c.code),
    ['REGISTRATION_CLOSED'],
  );

  const res = await app.inject({ method: 'POST', url, headers: as('office'), payload: { ...visit, receivedOn: '2023-07-28', reason } });
  t.equal(res.statusCode, 201, res.body);
  const created = res.json().visit;
  t.match(created, {
    status: 'registered',
    overriddenCodes: [],
    enteredAfterwards: { statedDate: '2023-07-28', by: 'test office', at: '2023-08-02T03:00:00.000Z', reason },
  });
  const read = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/visits/${created.id}`, headers: as('unit') })).json();
  t.match(read.enteredAfterwards, { statedDate: '2023-07-28', reason }, 'the inspected unit sees it was entered afterwards');
  const history = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/visits/${created.id}/history`, headers: as('office') })).json();
  t.match(history, [{ action: 'register.paper', reason }]);
  const audit = ctx.services.audit.list({ campaignId: QX, visitId: created.id, limit: 5 });
  t.match(audit, [{ action: 'visit.register.paper', reason, after: { enteredAfterwards: { statedDate: '2023-07-28' } } }]);
});

t.test('bad paper registrations: every problem listed, only the office, nothing written', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  clock.set('2023-08-02T03:00:00Z');
  const leader = await app.inject({ method: 'POST', url, headers: as('leader'), payload: { ...visit, receivedOn: '2023-07-28', reason } });
  t.equal(leader.statusCode, 403);
  const bad = await app.inject({ method: 'POST', url, headers: as('office'), payload: { ...visit, receivedOn: '28/7/2023', reason: 'giấy' } });
  t.equal(bad.statusCode, 400);
  t.same([...new Set(bad.json().errors.map((e: { field: string }) => e.field))].sort(), ['reason', 'receivedOn']);
  const future = await app.inject({ method: 'POST', url, headers: as('office'), payload: { ...visit, receivedOn: '2023-08-03', reason } });
  t.equal(future.statusCode, 400);
  t.match(future.json().errors, [{ field: 'receivedOn' }]);
  t.same((await app.inject({ method: 'GET', url: `/campaigns/${QX}/visits`, headers: as('office') })).json(), []);
});
