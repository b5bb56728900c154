import t from 'tap';
import { stringify } from 'yaml';
import { buildTestApp, QX, tempDir } from '../helpers/app.js';
import { miniDefinition } from '../helpers/definitions.js';

t.test('GET /campaigns lists the Quảng Xương 2023 campaign', async (t) => {
  const { app, as } = await buildTestApp(t);
  const res = await app.inject({ method: 'GET', url: '/campaigns', headers: as('unit') });
  t.equal(res.statusCode, 200);
  const [campaign] = res.json();
  t.match(campaign, { id: QX, placeName: 'Quảng Xương', teamCount: 5, targetCount: 41 });
  t.same(campaign.window, { start: '2023-08-03', endExclusive: '2023-08-25' });
});

t.test('campaign detail carries every rule of the plan', async (t) => {
  const { app, as } = await buildTestApp(t);
  const res = await app.inject({ method: 'GET', url: `/campaigns/${QX}`, headers: as('leader') });
  const body = res.json();
  t.same(body.rules.outlinePeriods, { A: { from: '2022-01-01', to: '2023-06-30' }, B: { from: '2022-01-01', to: '2023-05-31' } });
  t.equal(body.rules.registrationDeadlineExclusive, '2023-08-01');
  t.equal(body.rules.teamReportDeadlineExclusive, '2023-08-30');
  t.same(body.rules.notice, { leadWorkingDays: 2, convention: 'on-or-before' });
  t.same(body.rules.resultsNotice, { workingDays: 5, countFrom: 'round' });
  t.equal(body.rules.severities.RESULTS_AFTER_REPORT_DEADLINE, 'warning');
  t.same(body.standingOffice, {
    unitId: 'ca-huyen',
    name: 'Công an huyện',
    desk: 'Đội Cảnh sát quản lý hành chính về trật tự xã hội, Công an huyện',
  });
  t.equal(body.plan.legalBasis.length, 3);
});

t.test('team 01: Công an huyện leads, three members, three district and six commune targets', async (t) => {
  const { app, as } = await buildTestApp(t);
  const res = await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/1`, headers: as('member') });
  t.equal(res.statusCode, 200);
  const team = res.json();
  t.equal(team.name, 'Đoàn kiểm tra số 01');
  t.equal(team.leader.name, 'Công an huyện');
  t.same(
    team.members.map((m: { name: string }) => m.name),
    ['Văn phòng HĐND-UBND huyện', 'Bảo hiểm xã hội huyện', 'Chi cục Thuế khu vực TP Sầm Sơn - Quảng Xương'],
  );
  const district = team.targets.filter((x: { level: string }) => x.level === 'district');
  const communes = team.targets.filter((x: { level: string }) => x.level === 'commune');
  t.same(
    district.map((x: { name: string }) => x.name),
    ['Phòng Tài chính - Kế hoạch', 'Phòng Lao động - Thương binh và Xã hội', 'Phòng Tài nguyên và Môi trường'],
  );
  t.equal(district[0].asWritten, 'Phòng Tài chính', 'the source wording is kept');
  t.equal(communes.length, 6);
  t.equal(communes[0].name, 'Thị trấn Tân Phong');
  const missing = await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/9`, headers: as('office') });
  t.equal(missing.statusCode, 404);
  t.equal(missing.json().code, 'TEAM_NOT_FOUND');
});

t.test('units show their roles across teams', async (t) => {
  const { app, as } = await buildTestApp(t);
  const res = await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/hoi-nd`, headers: as('office') });
  t.same(
    res.json().roles.map((r: { teamNumber: number; role: string }) => [r.teamNumber, r.role]),
    [
      [3, 'member'],
      [4, 'member'],
    ],
  );
  const all = await app.inject({ method: 'GET', url: `/campaigns/${QX}/units`, headers: as('office') });
  t.equal(all.json().length, 51);
  const none = await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/khong-co`, headers: as('office') });
  t.equal(none.statusCode, 404);
  t.equal(none.headers['content-type'], 'application/problem+json; charset=utf-8');
});

t.test('unit search ignores diacritics and case, and accepts NFD input', async (t) => {
  const { app, as } = await buildTestApp(t);
  const search = async (q: string) => {
    const res = await app.inject({ method: 'GET', url: `/campaigns/${QX}/units`, query: { q }, headers: as('office') });
    t.equal(res.statusCode, 200);
    return res.json().map((u: { id: string }) => u.id);
  };
  t.same(await search('quang xuong'), ['chi-cuc-thue']);
  t.same(await search('Quảng Xương'), ['chi-cuc-thue']);
  t.same(await search('QUẢNG XƯƠNG'.normalize('NFD')), ['chi-cuc-thue']);
  t.same(await search('tai chinh'), ['p-tckh'], 'finds the unit by its alias and its name');
  t.same(await search('phong tu phap'), ['p-tp']);
  t.same(await search('quang binh'), ['xa-quang-binh']);
  t.same(await search('tiên trang'), ['xa-tien-trang']);
  t.same(await search('không có gì'), []);
  const global = await app.inject({ method: 'GET', url: '/units', query: { q: 'ha tang' }, headers: as('unit') });
  t.same(
    global.json().map((u: { id: string; campaignId: string }) => [u.campaignId, u.id]),
    [[QX, 'p-kt-ht']],
  );
  const empty = await app.inject({ method: 'GET', url: '/units', headers: as('unit') });
  t.equal(empty.statusCode, 400);
  t.equal(empty.json().errors[0].field, 'q');
});

t.test('assignments carry outline, data period and question blocks', async (t) => {
  const { app, as } = await buildTestApp(t);
  const res = await app.inject({ method: 'GET', url: `/campaigns/${QX}/assignments`, headers: as('office') });
  const list = res.json();
  t.equal(list.length, 41);
  const bv = list.find((a: { unitId: string }) => a.unitId === 'bv-dk');
  t.match(bv, { teamNumber: 5, outline: 'A', questionBlocks: ['y-te'], outlinePeriod: { to: '2023-06-30' } });
  const commune = list.find((a: { unitId: string }) => a.unitId === 'xa-quang-ninh');
  t.match(commune, { teamNumber: 5, outline: 'B', questionBlocks: [], outlinePeriod: { to: '2023-05-31' } });
});

t.test('analysis over HTTP for the office; inspected units may not read it', async (t) => {
  const { app, as } = await buildTestApp(t);
  const res = await app.inject({ method: 'GET', url: `/campaigns/${QX}/analysis`, headers: as('office') });
  t.equal(res.statusCode, 200);
  t.equal(res.json().multiRoleUnits.length, 14);
  const unit = await app.inject({ method: 'GET', url: `/campaigns/${QX}/analysis`, headers: as('unit') });
  t.equal(unit.statusCode, 403);
});

t.test('POST /campaigns creates from JSON or YAML, is idempotent, and refuses a different definition under the same id', async (t) => {
  const { app, as } = await buildTestApp(t);
  const def = miniDefinition();
  const first = await app.inject({ method: 'POST', url: '/campaigns', headers: as('office'), payload: def });
  t.equal(first.statusCode, 201);
  t.equal(first.headers.location, '/campaigns/mini-2024');
  t.equal(first.json().created, true);
  const again = await app.inject({
    method: 'POST',
    url: '/campaigns',
    headers: { ...as('office'), 'content-type': 'application/yaml' },
    payload: stringify(def),
  });
  t.equal(again.statusCode, 200);
  t.equal(again.json().created, false);
  const list = await app.inject({ method: 'GET', url: '/campaigns', headers: as('office') });
  t.equal(list.json().length, 2, 'loading twice does not duplicate');
  const changed = await app.inject({
    method: 'POST',
    url: '/campaigns',
    headers: as('office'),
    payload: { ...def, title: 'Khác' },
  });
  t.equal(changed.statusCode, 409);
  t.equal(changed.json().code, 'CAMPAIGN_EXISTS');
});

t.test('a definition with hard errors is refused with every error and nothing written', async (t) => {
  const { app, as } = await buildTestApp(t);
  const def = miniDefinition('broken');
  def.teams[1]!.number = 1;
  def.teams[0]!.secretaryUnit = 'Phòng Nội vụ';
  def.teams[1]!.targets = ['Xã An'];
  const res = await app.inject({ method: 'POST', url: '/campaigns', headers: as('office'), payload: def });
  t.equal(res.statusCode, 422);
  const body = res.json();
  t.equal(body.code, 'DEFINITION_REJECTED');
  t.same(
    body.errors.map((e: { field: string; code: string }) => `${e.code} ${e.field}`),
    ['SECRETARY_NOT_FROM_LEADER_UNIT teams[0].secretaryUnit', 'DUPLICATE_TEAM_NUMBER teams[1].number', 'TARGET_ON_TWO_TEAMS teams[1].targets[0]'],
  );
  const detail = await app.inject({ method: 'GET', url: '/campaigns/broken', headers: as('office') });
  t.equal(detail.statusCode, 404);
});

t.test('bad input: structural errors name the field, broken YAML names the line', async (t) => {
  const { app, as } = await buildTestApp(t);
  const def = miniDefinition('bad-dates') as Record<string, unknown>;
  (def['window'] as Record<string, string>)['start'] = '2023-02-30';
  const res = await app.inject({ method: 'POST', url: '/campaigns', headers: as('office'), payload: def });
  t.equal(res.statusCode, 400);
  t.same(
    res.json().errors.map((e: { field: string }) => e.field),
    ['window.start'],
  );

  const yaml = await app.inject({
    method: 'POST',
    url: '/campaigns',
    headers: { ...as('office'), 'content-type': 'application/yaml' },
    payload: 'format: x\n  id: [unclosed\n',
  });
  t.equal(yaml.statusCode, 400);
  t.equal(yaml.json().code, 'INVALID_YAML');
  t.match(yaml.json().errors[0].field, /^line \d+$/);

  const json = await app.inject({
    method: 'POST',
    url: '/campaigns',
    headers: { ...as('office'), 'content-type': 'application/json' },
    payload: '{"format":',
  });
  t.equal(json.statusCode, 400);
  t.equal(json.json().code, 'INVALID_JSON');

  const text = await app.inject({
    method: 'POST',
    url: '/campaigns',
    headers: { ...as('office'), 'content-type': 'text/plain' },
    payload: 'hello',
  });
  t.equal(text.statusCode, 415);
});

t.test('only the standing office creates campaigns', async (t) => {
  const { app, as } = await buildTestApp(t);
  for (const role of ['leader', 'unit'] as const) {
    const res = await app.inject({ method: 'POST', url: '/campaigns', headers: as(role), payload: miniDefinition() });
    t.equal(res.statusCode, 403, role);
  }
});

t.test('restarting keeps the data', async (t) => {
  const dir = tempDir(t);
  const first = await buildTestApp(t, { dir });
  await first.app.close();
  const second = await buildTestApp(t, { dir, seed: false });
  const res = await second.app.inject({ method: 'GET', url: '/campaigns', headers: { authorization: `Bearer ${first.tokens.office}` } });
  t.equal(res.statusCode, 200);
  t.equal(res.json().length, 1);
  t.equal(res.json()[0].targetCount, 41);
});
