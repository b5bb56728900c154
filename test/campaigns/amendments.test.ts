import t from 'tap';
import { stringify } from 'yaml';
import { buildTestApp, QX, testClock, type TestApp } from '../helpers/app.js';
import { register } from '../helpers/document-flow.js';
import { codesOf } from '../helpers/schedule.js';

// Issue 15, item 6: a loaded campaign can be amended (a new version of its definition, or targeted
// changes); each amendment is validated like a new definition, previewed with its effect on the saved
// visits, applied atomically keeping the previous version, and audited. Issued documents never change.

const base = `/campaigns/${QX}`;
const reason = 'Theo Kế hoạch số 130/KH-TCTĐA06 điều chỉnh ngày 28/7/2023';

async function preview(test: TestApp, body: Record<string, unknown>) {
  return test.app.inject({ method: 'POST', url: `${base}/amendments/preview`, headers: test.as('office'), payload: { reason, ...body } });
}

async function apply(test: TestApp, body: Record<string, unknown>, ifMatch?: string) {
  const current = ifMatch ?? String((await test.app.inject({ method: 'GET', url: base, headers: test.as('office') })).headers.etag);
  return test.app.inject({
    method: 'POST',
    url: `${base}/amendments`,
    headers: { ...test.as('office'), 'if-match': current },
    payload: { reason, ...body },
  });
}

const detail = async (test: TestApp) => (await test.app.inject({ method: 'GET', url: base, headers: test.as('office') })).json();
const amendActions = (test: TestApp) => test.services.audit.list({ campaignId: QX, limit: 100 }).filter((a) => a.action === 'campaign.amend');

t.test('targeted changes: previewed with their effect, nothing written until applied', async (t) => {
  const test = await buildTestApp(t);
  const late = register(test, 1, 'p-tckh', '2023-08-23');
  register(test, 2, 'bhxh', '2023-08-10');
  const changes = [
    { op: 'setSigner', team: 1, name: 'Lê Văn Minh', title: 'Phó Trưởng Công an huyện' },
    { op: 'setPlan', number: '125/KH-TCTĐA06', date: '2023-07-25' },
    { op: 'setDataPeriod', outline: 'A', from: '2022-07-01', to: '2023-06-30' },
    { op: 'addMember', team: 1, unit: 'Hội Liên hiệp phụ nữ huyện', representative: { name: 'Trần Thị Hoa' } },
    { op: 'moveWindow', endExclusive: '2023-08-23' },
  ];
  const res = await preview(test, { changes });
  t.equal(res.statusCode, 200, res.body);
  const body = res.json();
  t.match(body, { campaignId: QX, fromVersion: 1, toVersion: 2, canApply: true, needsAcceptance: true, blocking: [] });
  t.same(body.changes.map((c: { path: string }) => c.path).sort(), [
    'outlines.periods.A',
    'plan.date',
    'plan.number',
    'teams.1.leaderPerson',
    'teams.1.members.hoi-lhpn',
    'window.endExclusive',
  ]);
  t.match(
    body.changes.find((c: { path: string }) => c.path === 'window.endExclusive'),
    {
      kind: 'changed',
      before: '2023-08-25',
      after: '2023-08-23',
      vi: 'Kết thúc kiểm tra trước ngày: 2023-08-25 → 2023-08-23',
    },
  );
  t.match(body.clashes.raised, [{ code: 'OUTSIDE_WINDOW', visits: [late.id] }], 'the visit on 23/8 would fall outside the window');
  t.equal(body.definition.plan.number, '125/KH-TCTĐA06');

  t.equal((await detail(test)).version, 1, 'a preview writes nothing');
  t.equal(amendActions(test).length, 0);

  const noMatch = await test.app.inject({ method: 'POST', url: `${base}/amendments`, headers: test.as('office'), payload: { reason, changes } });
  t.equal(noMatch.statusCode, 428, 'If-Match is required');
  const stale = await apply(test, { changes }, '"7"');
  t.equal(stale.statusCode, 412);
  const refused = await apply(test, { changes });
  t.equal(refused.statusCode, 409);
  t.match(refused.json(), { code: 'AMENDMENT_CLASHES', clashes: [{ code: 'OUTSIDE_WINDOW', visits: [late.id] }] });
  t.equal((await detail(test)).version, 1, 'refused: nothing written');

  const applied = await apply(test, { changes, acceptClashes: true });
  t.equal(applied.statusCode, 201, applied.body);
  t.equal(applied.headers.location, `${base}/versions/2`);
  t.equal(applied.headers.etag, '"2"');
  t.match(applied.json(), {
    version: 2,
    campaign: { version: 2, plan: { number: '125/KH-TCTĐA06', date: '2023-07-25' }, window: { endExclusive: '2023-08-23' } },
  });
  const team1 = (await test.app.inject({ method: 'GET', url: `${base}/teams/1`, headers: test.as('office') })).json();
  t.same(team1.leader.person, { name: 'Lê Văn Minh', title: 'Phó Trưởng Công an huyện' });
  t.match(team1.members.at(-1), { unitId: 'hoi-lhpn', representative: { name: 'Trần Thị Hoa' } });
  const outline = (await test.app.inject({ method: 'GET', url: `${base}/units/p-tckh/outline`, headers: test.as('office') })).json();
  t.same(outline.period, { from: '2022-07-01', to: '2023-06-30' }, 'outlines follow at once');

  const visit = await test.app.inject({ method: 'GET', url: `${base}/visits/${late.id}`, headers: test.as('office') });
  t.equal(visit.json().status, 'registered', 'the visit outside the new window is kept, never deleted');
  const conflicts = (await test.app.inject({ method: 'GET', url: `${base}/conflicts`, headers: test.as('office') })).json();
  t.ok(conflicts.conflicts.some((f: { code: string; visits: number[] }) => f.code === 'OUTSIDE_WINDOW' && f.visits.includes(late.id)));

  const versions = (await test.app.inject({ method: 'GET', url: `${base}/versions`, headers: test.as('office') })).json();
  t.match(versions, [
    { version: 1, kind: 'import', reason: null },
    { version: 2, kind: 'amendment', reason, createdBy: 'test office', changes: [{}, {}, {}, {}, {}, {}] },
  ]);
  const first = (await test.app.inject({ method: 'GET', url: `${base}/versions/1`, headers: test.as('leader') })).json();
  t.same(first.definition.window, { start: '2023-08-03', endExclusive: '2023-08-25' }, 'the previous version is kept as it was');
  t.equal(first.definition.teams[0].leaderPerson, undefined);
  t.match(amendActions(test), [{ reason, before: { version: 1 }, after: { version: 2 } }]);
});

t.test('a target with active visits is never taken out silently: its visits must be cancelled first', async (t) => {
  const test = await buildTestApp(t);
  const visit = register(test, 1, 'xa-quang-hai', '2023-08-14');
  const changes = [{ op: 'removeTarget', unit: 'xã Quảng Hải' }];
  const res = await preview(test, { changes });
  t.match(res.json(), {
    canApply: false,
    blocking: [{ code: 'TARGET_HAS_VISITS', path: 'targets.xa-quang-hai', visits: [{ id: visit.id, status: 'registered', date: '2023-08-14' }] }],
  });
  const moved = await preview(test, { changes: [...changes, { op: 'addTarget', team: 2, unit: 'xa-quang-hai' }] });
  t.match(moved.json().blocking, [{ code: 'TARGET_HAS_VISITS', message: /chuyển sang Đoàn 02/ }], 'moving it to another team too');

  const refused = await apply(test, { changes });
  t.equal(refused.statusCode, 409);
  t.match(refused.json(), { code: 'AMENDMENT_BLOCKED', blocking: [{ visits: [{ id: visit.id }] }] });
  t.equal((await detail(test)).targetCount, 41, 'nothing written');

  const cancelled = await test.app.inject({
    method: 'POST',
    url: `${base}/visits/${visit.id}/cancel`,
    headers: { ...test.as('office'), 'if-match': `"${visit.version}"` },
    payload: { reason: 'Xã Quảng Hải được rút khỏi kế hoạch kiểm tra' },
  });
  t.equal(cancelled.statusCode, 200, cancelled.body);
  const done = await apply(test, { changes });
  t.equal(done.statusCode, 201, done.body);
  t.equal((await detail(test)).targetCount, 40);
  const team1 = (await test.app.inject({ method: 'GET', url: `${base}/teams/1`, headers: test.as('office') })).json();
  t.notOk(team1.targets.some((x: { unitId: string }) => x.unitId === 'xa-quang-hai'));
  const kept = await test.app.inject({ method: 'GET', url: `${base}/visits/${visit.id}`, headers: test.as('office') });
  t.match(kept.json(), { status: 'cancelled', unitName: 'Xã Quảng Hải' }, 'the cancelled visit and its history stay');
  const register2 = await test.app.inject({
    method: 'POST',
    url: `${base}/visits`,
    headers: test.as('office'),
    payload: { teamNumber: 1, unitId: 'xa-quang-hai', date: '2023-08-15', session: 'sang', override: { reason: 'Thử đăng ký sau khi đã rút' } },
  });
  t.equal(register2.statusCode, 422, 'no longer a target of team 01');

  const back = await apply(test, { changes: [{ op: 'addTarget', team: 2, unit: 'xa-quang-hai' }] });
  t.equal(back.statusCode, 201, 'taken in again, by another team');
  const team2 = (await test.app.inject({ method: 'GET', url: `${base}/teams/2`, headers: test.as('office') })).json();
  t.ok(team2.targets.some((x: { unitId: string; outline: string }) => x.unitId === 'xa-quang-hai' && x.outline === 'B'));
});

t.test('bad amendments are refused with every problem listed, and nothing is half-applied', async (t) => {
  const test = await buildTestApp(t);
  const before = await detail(test);
  const bad = await apply(test, {
    changes: [
      { op: 'setSigner', team: 9, name: 'Nguyễn Văn B' },
      { op: 'removeTarget', unit: 'Phòng Không Có' },
      { op: 'removeMember', team: 1, unit: 'Phòng Nội vụ' },
      { op: 'setPlan', date: '2023-08-10' },
      { op: 'addTarget', team: 1, unit: 'Công an huyện' },
      { op: 'setDataPeriod', outline: 'C', from: '2022-01-01', to: '2023-06-30' },
    ],
  });
  t.equal(bad.statusCode, 422);
  t.equal(bad.json().code, 'AMENDMENT_REJECTED');
  t.same(
    bad.json().errors.map((e: { code: string; path: string }) => `${e.code} ${e.path}`),
    [
      'UNKNOWN_TEAM changes[0].team',
      'UNKNOWN_UNIT changes[1].unit',
      'NOT_A_MEMBER changes[2].unit',
      'UNKNOWN_OUTLINE changes[5].outline',
      'DATES_OUT_OF_ORDER definition.plan.date',
      'TEAM_TARGETS_OWN_STAFF definition.teams[0].targets[9]',
    ],
  );
  for (const error of bad.json().errors) t.match(error, { message: /\S/, messageEn: /\S/ });

  const shape = await apply(test, { changes: [{ op: 'moveWindow' }, { op: 'fly' }], definition: { id: QX } });
  t.equal(shape.statusCode, 400);
  t.ok(shape.json().errors.length >= 3, shape.body);
  const noReason = await test.app.inject({
    method: 'POST',
    url: `${base}/amendments/preview`,
    headers: test.as('office'),
    payload: { changes: [{ op: 'setPlan', number: '1/KH' }] },
  });
  t.equal(noReason.statusCode, 400);
  t.match(noReason.json().errors, [{ path: 'reason' }]);

  const definition = (await test.app.inject({ method: 'GET', url: `${base}/definition`, headers: test.as('office') })).json();
  const whole = await apply(test, { definition: { ...definition, id: 'khac', window: { start: '2023-08-25', endExclusive: '2023-08-03' } } });
  t.equal(whole.statusCode, 422);
  t.same(
    whole.json().errors.map((e: { path: string }) => e.path),
    ['definition.id', 'definition.window.endExclusive'],
  );

  const empty = await apply(test, { changes: [{ op: 'setPlan', number: definition.plan.number }] });
  t.equal(empty.statusCode, 422);
  t.equal(empty.json().code, 'AMENDMENT_EMPTY');

  const after = await detail(test);
  t.same(after, before, 'nothing changed');
  t.equal(amendActions(test).length, 0);

  for (const role of ['leader', 'unit'] as const) {
    const res = await test.app.inject({
      method: 'POST',
      url: `${base}/amendments/preview`,
      headers: test.as(role),
      payload: { reason, changes: [{ op: 'setPlan', number: '1/KH' }] },
    });
    t.equal(res.statusCode, 403, role);
  }
});

t.test('issued documents never change; drafts and new documents follow the amendment', async (t) => {
  const clock = testClock('2023-08-01T02:00:00Z');
  const test = await buildTestApp(t, { clock });
  const visit = register(test, 1, 'p-tckh', '2023-08-10');
  const issued = await test.app.inject({ method: 'POST', url: `${base}/teams/1/notices`, headers: test.as('leader'), payload: { visitIds: [visit.id] } });
  t.equal(issued.statusCode, 201, issued.body);
  const id = issued.json().document?.id ?? issued.json().id;
  const read = async (suffix = '') => (await test.app.inject({ method: 'GET', url: `${base}/documents/${id}${suffix}`, headers: test.as('office') })).body;
  const [json, html, docx] = [await read(), await read('/html'), await read('/docx')];

  const done = await apply(test, {
    changes: [
      { op: 'setSigner', team: 1, name: 'Lê Văn Minh', title: 'Phó Trưởng Công an huyện' },
      { op: 'setPlan', number: '125/KH-TCTĐA06', date: '2023-07-25' },
      { op: 'removeMember', team: 1, unit: 'bhxh' },
    ],
  });
  t.equal(done.statusCode, 201, done.body);
  t.equal(await read(), json, 'the JSON of the issued notice is the same');
  t.equal(await read('/html'), html, 'its HTML too');
  t.equal(await read('/docx'), docx, 'and its Word file');
  t.notMatch(html, /Lê Văn Minh/);

  register(test, 1, 'p-tnmt', '2023-08-11');
  const draft = await test.app.inject({ method: 'GET', url: `${base}/teams/1/notices/draft/html`, headers: test.as('leader') });
  t.equal(draft.statusCode, 200, draft.body);
  t.match(draft.body, /Lê Văn Minh/, 'a new notice is signed by the new leader');
  t.match(draft.body, /125\/KH-TCTĐA06/);
  t.notMatch(draft.body, /Bảo hiểm xã hội huyện/, 'the member who left is not on the new notice');
});

t.test('a whole new version as YAML, with a local day off that falls on a saved visit', async (t) => {
  const test = await buildTestApp(t);
  const visit = register(test, 3, 'xa-quang-loc', '2023-08-16');
  const definition = (await test.app.inject({ method: 'GET', url: `${base}/definition`, headers: test.as('office') })).json();
  definition.calendar.localDaysOff = [{ date: '2023-08-16', name: 'Lễ hội truyền thống' }];
  const yaml = stringify({ reason, definition });
  const res = await test.app.inject({
    method: 'POST',
    url: `${base}/amendments/preview`,
    headers: { ...test.as('office'), 'content-type': 'application/yaml' },
    payload: yaml,
  });
  t.equal(res.statusCode, 200, res.body);
  t.same(codesOf(res.json().clashes.raised), ['NOT_WORKING_DAY']);
  t.same(res.json().clashes.raised[0].visits, [visit.id]);
  t.match(res.json().changes, [{ path: 'calendar.localDaysOff', kind: 'changed' }]);

  const etag = String((await test.app.inject({ method: 'GET', url: base, headers: test.as('office') })).headers.etag);
  const applied = await test.app.inject({
    method: 'POST',
    url: `${base}/amendments`,
    headers: { ...test.as('office'), 'content-type': 'application/yaml', 'if-match': etag },
    payload: stringify({ reason, definition, acceptClashes: true }),
  });
  t.equal(applied.statusCode, 201, applied.body);
  const check = await test.app.inject({
    method: 'POST',
    url: `${base}/visits/check`,
    headers: test.as('office'),
    payload: { teamNumber: 3, unitId: 'xa-quang-nham', date: '2023-08-16', session: 'chieu' },
  });
  t.ok(codesOf(check.json().errors).includes('NOT_WORKING_DAY'), 'the calendar follows at once');
  const again = await test.app.inject({
    method: 'POST',
    url: `${base}/amendments`,
    headers: { ...test.as('office'), 'content-type': 'application/yaml', 'if-match': etag },
    payload: stringify({ reason, definition: { ...definition, title: 'Khác' } }),
  });
  t.equal(again.statusCode, 412, 'a second amendment based on the old version is refused');
});

t.test('a shipped definition that changed in a release is applied as an amendment, unless the office amended it', async (t) => {
  const { mkdirSync, readFileSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { seedShippedCampaigns } = await import('../../src/campaigns/seed.js');
  const { systemActor } = await import('../../src/auth/actor.js');
  const { fromRoot } = await import('../../src/paths.js');
  const { tempDir } = await import('../helpers/app.js');
  const shipped = readFileSync(fromRoot('data', 'campaigns', 'quang-xuong-2023.yaml'), 'utf8');
  const release = (text: string) => {
    const dir = join(tempDir(t), 'campaigns');
    mkdirSync(dir);
    writeFileSync(join(dir, 'quang-xuong-2023.yaml'), text);
    return dir;
  };
  const older = release(shipped.replace(/ {2}references:\n( {4}.*\n){3}/, ''));
  const newer = release(shipped);
  const seed = systemActor('seed');

  const test = await buildTestApp(t, { seed: false });
  t.same(seedShippedCampaigns(test.services.campaigns, seed, older), [{ id: QX, created: true }]);
  t.equal(test.services.campaigns.definition(QX).plan.references, undefined, 'the older release cites no plans');
  t.same(seedShippedCampaigns(test.services.campaigns, seed, newer), [{ id: QX, created: false }], 'the new release starts, no 409');
  t.match(test.services.campaigns.definition(QX).plan.references, { 'ke-hoach-nam': { number: '56/KH-UBND' } });
  t.match(test.services.amendments.versions(QX), [
    { version: 1, kind: 'import' },
    { version: 2, kind: 'amendment', createdBy: 'seed' },
  ]);
  t.same(seedShippedCampaigns(test.services.campaigns, seed, newer), [{ id: QX, created: false }]);
  t.equal(test.services.amendments.versions(QX).length, 2, 'the same file again changes nothing');

  const office = await buildTestApp(t, { seed: false });
  seedShippedCampaigns(office.services.campaigns, seed, older);
  const token = office.services.auth.create({ role: 'office', label: 'văn phòng' }, seed).token;
  const amended = await office.app.inject({
    method: 'POST',
    url: `${base}/amendments`,
    headers: { authorization: `Bearer ${token}`, 'if-match': '"1"' },
    payload: { reason, changes: [{ op: 'setPlan', number: '125/KH-TCTĐA06' }] },
  });
  t.equal(amended.statusCode, 201, amended.body);
  seedShippedCampaigns(office.services.campaigns, seed, newer);
  t.equal(office.services.campaigns.definition(QX).plan.number, '125/KH-TCTĐA06', "the office's amendment is kept");
  t.equal(office.services.campaigns.definition(QX).plan.references, undefined);
});
