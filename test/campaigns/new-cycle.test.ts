import t from 'tap';
import { copiedDefinition, shiftPeriod } from '../../src/campaigns/copy.js';
import { definitionSchema } from '../../src/campaigns/definition.js';
import { buildTestApp, QX, testClock } from '../helpers/app.js';
import { miniDefinition } from '../helpers/definitions.js';
import { literalCalendar } from '../helpers/schedule.js';

// Issue 15, item 8: a copy into a new cycle moves the outline data periods and the plan references
// with it (a 2027 copy must not ask for data to 6/2023) and lists what the office must check.

const plain = literalCalendar({});

t.test("data periods move by whole months, a month's end staying its end", async (t) => {
  t.same(shiftPeriod({ from: '2022-01-01', to: '2023-06-30' }, 48), { from: '2026-01-01', to: '2027-06-30' });
  t.same(shiftPeriod({ from: '2022-01-01', to: '2023-05-31' }, 48), { from: '2026-01-01', to: '2027-05-31' });
  t.same(shiftPeriod({ from: '2023-01-01', to: '2023-12-31' }, 18), { from: '2024-07-01', to: '2025-06-30' });
  t.same(shiftPeriod({ from: '2023-03-15', to: '2023-11-30' }, 3), { from: '2023-06-15', to: '2024-02-29' }, 'into a leap February');
  t.same(shiftPeriod({ from: '2023-01-31', to: '2023-08-20' }, 1), { from: '2023-02-28', to: '2023-09-20' }, "a day past the month's end is clamped");
});

t.test('the copied definition: periods moved, plan number and references blank (their symbols kept)', async (t) => {
  const source = definitionSchema.parse({
    ...miniDefinition(),
    plan: {
      number: '45/KH-TCTĐA06',
      date: '2024-02-20',
      references: { 'ke-hoach-nam': { number: '21/KH-UBND', date: '2024-02-01' }, 'ke-hoach-cao-diem': 'Kế hoạch số 9/KH-UBND ngày 05/01/2024' },
    },
  });
  const copy = copiedDefinition(source, { id: 'mini-2025', title: 'Kiểm tra thử 2025', windowStart: '2025-03-03' }, { source: plain, target: plain });
  t.same(copy.outlines.periods, { A: { from: '2024-01-01', to: '2024-12-31' }, B: { from: '2024-01-01', to: '2024-11-30' } });
  t.same(copy.plan, {
    number: '/KH-TCTĐA06',
    date: null,
    legalBasis: [],
    references: { 'ke-hoach-nam': { kind: 'Kế hoạch', number: '/KH-UBND', date: null } },
  });
  t.equal(source.plan.number, '45/KH-TCTĐA06', 'the source is untouched');
});

t.test('copying Quảng Xương 2023 into 2027: its outlines and notices ask for 2026–2027 data and cite no 2023 plan', async (t) => {
  const test = await buildTestApp(t, { clock: testClock('2026-11-23T02:00:00Z') });
  const { app, as } = test;
  const res = await app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/copy`,
    headers: as('office'),
    payload: { id: 'quang-xuong-2027', title: 'Kiểm tra Đề án 06 trên địa bàn huyện Quảng Xương năm 2027', windowStart: '2027-08-03' },
  });
  t.equal(res.statusCode, 201, res.body);
  const body = res.json();
  t.same(body.campaign.rules.outlinePeriods, { A: { from: '2026-01-01', to: '2027-06-30' }, B: { from: '2026-01-01', to: '2027-05-31' } });
  t.same(body.campaign.plan, { number: '/KH-TCTTKĐA06', date: null, legalBasis: body.campaign.plan.legalBasis });

  const codes = body.toCheck.map((c: { code: string; path: string }) => `${c.code} ${c.path}`);
  t.same(codes, [
    'PLAN_NUMBER plan.number',
    'PLAN_REFERENCE plan.references.ke-hoach-nam-truoc',
    'PLAN_REFERENCE plan.references.ke-hoach-nam',
    'PLAN_REFERENCE plan.references.ke-hoach-cao-diem',
    'OUTLINE_PERIOD outlines.periods.A',
    'OUTLINE_PERIOD outlines.periods.B',
    'LOCAL_DAYS_OFF calendar.localDaysOff',
    'LEGAL_BASIS plan.legalBasis[0]',
    'LEGAL_BASIS plan.legalBasis[1]',
    'LEGAL_BASIS plan.legalBasis[2]',
    'INSPECTION_CONTENT inspection.contents[8]',
    'CALENDAR_ESTIMATED calendar',
    'TOKENS teams',
  ]);
  for (const item of body.toCheck) t.match(item, { message: /\S/, messageEn: /\S/ });
  t.match(body.toCheck[4].message, /Kỳ số liệu đề cương A: 01\/01\/2022–30\/6\/2023 → 01\/01\/2026–30\/6\/2027/);

  const outline = (await app.inject({ method: 'GET', url: '/campaigns/quang-xuong-2027/units/p-tckh/outline', headers: as('office') })).json();
  t.equal(outline.periodNote, '(Số liệu báo cáo được lấy từ năm 2026 đến hết tháng 6/2027)');
  const outlineText = JSON.stringify(outline);
  t.notMatch(outlineText, /6\/2023|56\/KH-UBND|107\/KH-UBND|61\/KH-UBND/);
  t.match(outline.items[0].children[0].text, /Kế hoạch số …\/KH-UBND ngày …\/…\/…; Kế hoạch số …\/KH-UBND ngày …\/…\/… của Chủ tịch UBND huyện/);

  const visit = await app.inject({
    method: 'POST',
    url: '/campaigns/quang-xuong-2027/visits',
    headers: as('office'),
    payload: { teamNumber: 1, unitId: 'p-tckh', date: '2027-08-10', session: 'sang' },
  });
  t.equal(visit.statusCode, 201, visit.body);
  const draft = await app.inject({ method: 'GET', url: '/campaigns/quang-xuong-2027/teams/1/notices/draft/html', headers: as('office') });
  t.equal(draft.statusCode, 200, draft.body);
  t.match(draft.body, /từ năm 2026 đến hết tháng 6\/2027/);
  t.notMatch(draft.body, /6\/2023/);
});

t.test('a copy with signers and local days off lists them too', async (t) => {
  const test = await buildTestApp(t);
  const source = miniDefinition('mini-signers');
  source.teams[0]!.leaderPerson = { name: 'Nguyễn Văn Bình', title: 'Phó Trưởng Công an huyện' };
  source.teams[0]!.members = [{ unit: 'Phòng Nội vụ', representative: { name: 'Lê Thị Hà' } }];
  source.calendar = { localDaysOff: [{ date: '2024-03-15', name: 'Lễ hội truyền thống' }] };
  t.equal((await test.app.inject({ method: 'POST', url: '/campaigns', headers: test.as('office'), payload: source })).statusCode, 201);
  const res = await test.app.inject({
    method: 'POST',
    url: '/campaigns/mini-signers/copy',
    headers: test.as('office'),
    payload: { id: 'mini-signers-2025', title: 'Kiểm tra thử 2025', windowStart: '2025-03-03' },
  });
  t.equal(res.statusCode, 201, res.body);
  const items = res.json().toCheck as { code: string; path: string; message: string }[];
  t.match(
    items.find((i) => i.code === 'SIGNER'),
    { path: 'teams[0].leaderPerson', message: /Nguyễn Văn Bình/ },
  );
  t.match(
    items.find((i) => i.code === 'REPRESENTATIVE'),
    { path: 'teams[0].members[0].representative', message: /Lê Thị Hà/ },
  );
  t.match(
    items.find((i) => i.code === 'LOCAL_DAYS_OFF'),
    { message: /15\/3\/2024 \(Lễ hội truyền thống\)/ },
  );
});

t.test('a bad copy is refused with every problem listed, and nothing is written', async (t) => {
  const test = await buildTestApp(t);
  const res = await test.app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/copy`,
    headers: test.as('office'),
    payload: { id: QX, title: 'Bản sao', windowStart: '2027-08-07' },
  });
  t.equal(res.statusCode, 422);
  t.equal(res.json().code, 'COPY_REJECTED');
  t.same(
    res.json().errors.map((e: { code: string; path: string }) => `${e.code} ${e.path}`),
    ['SAME_ID id', 'NOT_WORKING_DAY windowStart'],
  );
  for (const error of res.json().errors) t.match(error, { message: /\S/, messageEn: /\S/ });
  const shape = await test.app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/copy`,
    headers: test.as('office'),
    payload: { id: 'Quảng Xương', title: '', windowStart: '2027-02-30' },
  });
  t.equal(shape.statusCode, 400);
  t.same(
    shape
      .json()
      .errors.map((e: { path: string }) => e.path)
      .sort(),
    ['id', 'title', 'windowStart'],
  );
  const list = await test.app.inject({ method: 'GET', url: '/campaigns', headers: test.as('office') });
  t.same(
    list.json().map((c: { id: string }) => c.id),
    [QX],
    'nothing written',
  );
  t.same(
    test.services.audit.list({ limit: 20 }).filter((a) => a.action === 'campaign.copy'),
    [],
  );
});

t.test("the office enters the new cycle's plans by an amendment, and the outlines cite them", async (t) => {
  const test = await buildTestApp(t, { clock: testClock('2026-11-23T02:00:00Z') });
  const copy = await test.app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/copy`,
    headers: test.as('office'),
    payload: { id: 'quang-xuong-2027', title: 'Kiểm tra Đề án 06 năm 2027', windowStart: '2027-08-03' },
  });
  t.equal(copy.statusCode, 201);
  const amended = await test.app.inject({
    method: 'POST',
    url: '/campaigns/quang-xuong-2027/amendments',
    headers: { ...test.as('office'), 'if-match': '"1"' },
    payload: {
      reason: 'Nhập kế hoạch năm 2027 sau khi ban hành',
      changes: [
        { op: 'setPlanReference', reference: 'ke-hoach-nam', number: '18/KH-UBND', date: '2027-02-25' },
        { op: 'setPlanReference', reference: 'ke-hoach-nam-truoc', text: 'Kế hoạch số 20/KH-UBND ngày 01/3/2026' },
        { op: 'setPlan', number: '88/KH-TCTTKĐA06', date: '2027-07-20' },
      ],
    },
  });
  t.equal(amended.statusCode, 201, amended.body);
  const outline = (await test.app.inject({ method: 'GET', url: '/campaigns/quang-xuong-2027/units/p-tckh/outline', headers: test.as('office') })).json();
  t.match(
    outline.items[0].children[0].text,
    /thực hiện Kế hoạch số 20\/KH-UBND ngày 01\/3\/2026; Kế hoạch số 18\/KH-UBND ngày 25\/02\/2027 của Chủ tịch UBND huyện/,
  );
});
