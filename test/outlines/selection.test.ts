import t from 'tap';
import { buildTestApp, QX } from '../helpers/app.js';

// Seed 001, Phụ lục 1 (teams and targets) and Phụ lục 2 ("Lưu ý: Một số đơn vị báo cáo thêm …"):
// every target's outline and extra question blocks, written out by hand from the source.
const expected: [team: number, unitId: string, outline: 'A' | 'B', blocks: string[]][] = [
  [1, 'p-tckh', 'A', ['tckh']],
  [1, 'p-ldtbxh', 'A', ['ldtbxh']],
  [1, 'p-tnmt', 'A', ['tnmt']],
  ...['tt-tan-phong', 'xa-quang-binh', 'xa-quang-hop', 'xa-quang-hai', 'xa-quang-thai', 'xa-quang-nhan'].map(
    (id) => [1, id, 'B', []] as [number, string, 'B', string[]],
  ),
  [2, 'p-kt-ht', 'A', ['khac']],
  [2, 'bhxh', 'A', ['khac']],
  [2, 'bp-mot-cua', 'A', ['vhtt-motcua']],
  ...['xa-quang-yen', 'xa-quang-trung', 'xa-quang-chinh', 'xa-quang-giao', 'xa-tien-trang'].map(
    (id) => [2, id, 'B', []] as [number, string, 'B', string[]],
  ),
  [3, 'p-vhtt', 'A', ['vhtt-motcua']],
  [3, 'p-nnptnt', 'A', ['khac']],
  [3, 'toa-an', 'A', ['khac']],
  ...['xa-quang-trach', 'xa-quang-loc', 'xa-quang-nham', 'xa-quang-thach', 'xa-quang-duc'].map(
    (id) => [3, id, 'B', []] as [number, string, 'B', string[]],
  ),
  [4, 'p-nv', 'A', ['noi-vu']],
  [4, 'p-tp', 'A', ['tu-phap']],
  [4, 'p-gddt', 'A', ['gddt']],
  ...['xa-quang-van', 'xa-quang-long', 'xa-quang-truong', 'xa-quang-khe', 'xa-quang-ngoc'].map(
    (id) => [4, id, 'B', []] as [number, string, 'B', string[]],
  ),
  [5, 'vks', 'A', ['khac']],
  [5, 'bv-dk', 'A', ['y-te']],
  [5, 'dien-luc', 'A', ['khac']],
  ...['xa-quang-dinh', 'xa-quang-phuc', 'xa-quang-hoa', 'xa-quang-luu', 'xa-quang-ninh'].map(
    (id) => [5, id, 'B', []] as [number, string, 'B', string[]],
  ),
];

t.test('every one of the 41 targets gets its outline, blocks, period and team', async (t) => {
  const { app, as } = await buildTestApp(t);
  t.equal(expected.length, 41);
  for (const [team, unitId, outline, blocks] of expected) {
    const res = await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/${unitId}/outline`, headers: as('office') });
    t.equal(res.statusCode, 200, unitId);
    const body = res.json();
    t.equal(body.outline.code, outline, `${unitId} outline`);
    t.same(body.blocks.map((b: { id: string }) => b.id), blocks, `${unitId} blocks`);
    t.equal(body.team.number, team, `${unitId} team`);
    t.same(body.period, outline === 'A' ? { from: '2022-01-01', to: '2023-06-30' } : { from: '2022-01-01', to: '2023-05-31' });
  }
  const list = await app.inject({ method: 'GET', url: `/campaigns/${QX}/outlines`, headers: as('office') });
  t.same(
    list.json().map((o: { unitId: string; outline: { code: string }; blocks: { id: string }[] }) => [o.unitId, o.outline.code, o.blocks.map((b) => b.id)]),
    expected.map(([, unitId, outline, blocks]) => [unitId, outline, blocks]),
  );
});

t.test('Bệnh viện Đa khoa huyện answers outline A and the health block; a commune outline B to 5/2023', async (t) => {
  const { app, as } = await buildTestApp(t);
  const hospital = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/bv-dk/outline`, headers: as('office') })).json();
  t.equal(hospital.unitName, 'Bệnh viện Đa khoa huyện');
  t.equal(hospital.outline.code, 'A');
  t.same(hospital.blocks.map((b: { heading: string }) => b.heading), ['*) Đối với Bệnh viện Đa khoa huyện và Trung tâm Y tế huyện']);
  t.equal(hospital.trailingNote, 'Lưu ý: Một số đơn vị báo cáo thêm một số nội dung, nhiệm vụ trọng tâm như sau:');
  t.equal(hospital.periodNote, '(Số liệu báo cáo được lấy từ năm 2022 đến hết tháng 6/2023)');
  t.same(hospital.team, { number: 5, name: 'Đoàn kiểm tra số 05', leaderUnitId: 'p-tp', leaderName: 'Phòng Tư pháp' });
  t.equal(hospital.answerableCount, 38 + 4);

  const commune = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/xa-quang-binh/outline`, headers: as('office') })).json();
  t.equal(commune.outline.code, 'B');
  t.same(commune.period, { from: '2022-01-01', to: '2023-05-31' });
  t.equal(commune.periodNote, '(Số liệu báo cáo được lấy từ năm 2022 đến hết tháng 5/2023)');
  t.same(commune.blocks, []);
  t.equal(commune.trailingNote, null, 'no "Lưu ý" without blocks');
  t.equal(commune.answerableCount, 48);
});

t.test('the visit date appears once the team registers the visit', async (t) => {
  const { app, as, services } = await buildTestApp(t);
  const url = `/campaigns/${QX}/units/p-tckh/outline`;
  t.equal((await app.inject({ method: 'GET', url, headers: as('unit') })).json().visitDate, null);
  const reg = await app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits`,
    headers: { ...as('leader'), 'idempotency-key': 'visit-p-tckh' },
    payload: { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-03', session: 'sang' },
  });
  t.equal(reg.statusCode, 201, reg.body);
  const body = (await app.inject({ method: 'GET', url, headers: as('unit') })).json();
  t.equal(body.visitDate, '2023-08-03');
  t.match(body.visit, { date: '2023-08-03', session: 'sang', startTime: '07:30' });
  t.equal(services.outlines.forUnit(QX, 'p-tckh').visitDate, '2023-08-03');
});

t.test('a unit sees only its own outline; leaders their team’s; the office everything', async (t) => {
  const { app, as } = await buildTestApp(t);
  const get = async (role: Parameters<typeof as>[0], unitId: string) =>
    app.inject({ method: 'GET', url: `/campaigns/${QX}/units/${unitId}/outline`, headers: as(role) });
  t.equal((await get('unit', 'p-tckh')).statusCode, 200);
  const other = await get('unit', 'p-ldtbxh');
  t.equal(other.statusCode, 404);
  t.equal(other.json().code, 'OUTLINE_NOT_FOUND');
  t.equal((await get('unit', 'ca-huyen')).json().code, 'OUTLINE_NOT_FOUND', 'a non-target answers the same 404');
  t.equal((await get('member', 'bhxh')).statusCode, 200, 'Bảo hiểm xã hội huyện is also a target (team 02)');
  t.equal((await get('member', 'p-tckh')).statusCode, 404);
  t.equal((await get('leader', 'xa-quang-nhan')).statusCode, 200);
  t.equal((await get('secretary', 'bv-dk')).statusCode, 404, 'team 05’s target is not team 01’s business');
  t.equal((await get('office', 'bv-dk')).statusCode, 200);
  t.equal((await get('office', 'ca-huyen')).statusCode, 404, 'Công an huyện is never inspected');

  const list = async (role: Parameters<typeof as>[0], query = '') =>
    (await app.inject({ method: 'GET', url: `/campaigns/${QX}/outlines${query}`, headers: as(role) })).json().map((o: { unitId: string }) => o.unitId);
  t.same(await list('unit'), ['p-tckh']);
  t.equal((await list('leader')).length, 9);
  t.same(await list('leader', '?team=2'), []);
  t.equal((await list('office', '?team=2')).length, 8);
  t.equal((await list('office')).length, 41);
});
