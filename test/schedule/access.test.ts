import t, { type Test } from 'tap';
import { buildTestApp, QX } from '../helpers/app.js';
import { headersFor, registerVisit } from '../helpers/schedule.js';

// Test tokens: leader and secretary of team 01; member = Bảo hiểm xã hội huyện (on team 01, inspected by
// team 02); unit = Phòng Tài chính - Kế hoạch (inspected by team 01).

async function scheduled(t: Test) {
  const test = await buildTestApp(t);
  const ids: Record<string, number> = {};
  const add = async (key: string, body: Record<string, unknown>) => {
    const res = await registerVisit(test, 'office', body);
    if (res.statusCode !== 201) throw new Error(res.body);
    ids[key] = res.json().visit.id;
  };
  await add('tckh', { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-10', session: 'sang' });
  await add('binh', { teamNumber: 1, unitId: 'xa-quang-binh', date: '2023-08-11', session: 'sang' });
  await add('bhxh', { teamNumber: 2, unitId: 'bhxh', date: '2023-08-10', session: 'chieu' });
  await add('trach', { teamNumber: 3, unitId: 'xa-quang-trach', date: '2023-08-14', session: 'sang' });
  return { ...test, ids };
}

const listIds = (body: { id: number }[]) => body.map((v) => v.id).sort((a, b) => a - b);

t.test('leaders and secretaries act for their own team only', async (t) => {
  const test = await scheduled(t);
  const { app, as, ids } = test;
  const other = await registerVisit(test, 'leader', { teamNumber: 2, unitId: 'xa-quang-yen', date: '2023-08-16', session: 'sang' });
  t.equal(other.statusCode, 403);
  t.equal(other.json().code, 'OTHER_TEAM');
  for (const role of ['leader', 'secretary'] as const) {
    const patch = await app.inject({
      method: 'PATCH',
      url: `/campaigns/${QX}/visits/${ids.bhxh}`,
      headers: { ...as(role), 'if-match': '"1"' },
      payload: { session: 'sang' },
    });
    t.equal(patch.statusCode, 404, `${role}: another team's visit does not exist for writes`);
    const cancel = await app.inject({
      method: 'POST',
      url: `/campaigns/${QX}/visits/${ids.bhxh}/cancel`,
      headers: { ...as(role), 'if-match': '"1"' },
      payload: { reason: 'Thử hủy' },
    });
    t.equal(cancel.statusCode, 404);
  }
  const own = await app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits/${ids.binh}/cancel`,
    headers: { ...as('secretary'), 'if-match': '"1"' },
    payload: { reason: 'Xã xin lùi lịch' },
  });
  t.equal(own.statusCode, 200);
  for (const role of ['member', 'unit'] as const) {
    const res = await registerVisit(test, role, { teamNumber: 1, unitId: 'p-tnmt', date: '2023-08-16', session: 'sang' });
    t.equal(res.statusCode, 403, `${role} cannot register`);
  }
});

t.test('the campaign-wide schedule is for the office, leaders and secretaries', async (t) => {
  const test = await scheduled(t);
  const { app, as, ids } = test;
  for (const role of ['office', 'leader', 'secretary'] as const) {
    const res = await app.inject({ method: 'GET', url: `/campaigns/${QX}/schedule`, headers: as(role) });
    t.equal(res.statusCode, 200, role);
    t.same(
      res.json().days.map((d: { date: string }) => d.date),
      ['2023-08-10', '2023-08-11', '2023-08-14'],
    );
    const all = await app.inject({ method: 'GET', url: `/campaigns/${QX}/visits`, headers: as(role) });
    t.same(
      listIds(all.json()),
      Object.values(ids).sort((a, b) => a - b),
    );
  }
  for (const role of ['member', 'unit'] as const) {
    const res = await app.inject({ method: 'GET', url: `/campaigns/${QX}/schedule`, headers: as(role) });
    t.equal(res.statusCode, 403, role);
  }
  const team2Leader = headersFor(test, 'leader', { teamNumber: 2 });
  const read = await app.inject({ method: 'GET', url: `/campaigns/${QX}/visits/${ids.tckh}`, headers: team2Leader });
  t.equal(read.statusCode, 200, 'leaders read other teams’ visits to coordinate');
});

t.test("a member unit sees its teams' visits and its own", async (t) => {
  const { app, as, ids } = await scheduled(t);
  const list = await app.inject({ method: 'GET', url: `/campaigns/${QX}/visits`, headers: as('member') });
  t.same(
    listIds(list.json()),
    [ids.tckh!, ids.binh!, ids.bhxh!].sort((a, b) => a - b),
  );
  const team3 = await app.inject({ method: 'GET', url: `/campaigns/${QX}/visits/${ids.trach}`, headers: as('member') });
  t.equal(team3.statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/1/schedule`, headers: as('member') })).statusCode, 200);
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/3/schedule`, headers: as('member') })).statusCode, 404);
  const own = await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/bhxh/schedule`, headers: as('member') });
  t.same(
    own.json().inspected.map((v: { id: number }) => v.id),
    [ids.bhxh],
  );
  t.same(
    listIds(own.json().awayInspecting),
    [ids.tckh!, ids.binh!].sort((a, b) => a - b),
  );
});

t.test('an inspected unit sees only its own visits', async (t) => {
  const { app, as, ids } = await scheduled(t);
  const list = await app.inject({ method: 'GET', url: `/campaigns/${QX}/visits`, headers: as('unit') });
  t.same(listIds(list.json()), [ids.tckh]);
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/visits/${ids.tckh}`, headers: as('unit') })).statusCode, 200);
  for (const key of ['binh', 'bhxh', 'trach']) {
    const res = await app.inject({ method: 'GET', url: `/campaigns/${QX}/visits/${ids[key]}`, headers: as('unit') });
    t.equal(res.statusCode, 404, key);
    t.equal(res.json().code, 'VISIT_NOT_FOUND');
    const history = await app.inject({ method: 'GET', url: `/campaigns/${QX}/visits/${ids[key]}/history`, headers: as('unit') });
    t.equal(history.statusCode, 404);
  }
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/1/schedule`, headers: as('unit') })).statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/bhxh/schedule`, headers: as('unit') })).statusCode, 404);
  const own = await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/p-tckh/schedule`, headers: as('unit') });
  t.same(
    own.json().inspected.map((v: { id: number }) => v.id),
    [ids.tckh],
  );
  t.same(own.json().awayInspecting, [], 'team 04 (which it leads) is not shown to an inspected-unit token');
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/conflicts`, headers: as('unit') })).statusCode, 403);
  t.equal(
    (await app.inject({ method: 'GET', url: `/campaigns/${QX}/free-sessions?team=1&unit=p-tnmt&from=2023-08-10&to=2023-08-11`, headers: as('unit') }))
      .statusCode,
    403,
  );
});
