import t, { type Test } from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { checklistReason, sampleDraft } from '../helpers/findings.js';

const actor = systemActor('test');

/** The morning of 6 September 2023: one visit concluded and announced, others late in every way. */
async function morning(t: Test) {
  const ctx = await buildTestApp(t);
  const { schedule, documents, findings } = ctx.services;
  const a = schedule.register(QX, { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-07', session: 'sang' }, actor).visit.id;
  const b = schedule.register(QX, { teamNumber: 1, unitId: 'tt-tan-phong', date: '2023-08-21', session: 'sang' }, actor).visit.id;
  const c = schedule.register(QX, { teamNumber: 2, unitId: 'p-kt-ht', date: '2023-08-10', session: 'sang' }, actor).visit.id;
  documents.issueNotice(QX, 1, { visitIds: [a] }, actor);
  documents.issueNotice(QX, 2, { visitIds: [c] }, actor);
  ctx.clock.set('2023-08-08T03:00:00.000Z');
  const draft = findings.conclusions.saveDraft(
    actor,
    QX,
    a,
    { ...sampleDraft, recommendations: [{ text: 'Số hóa hồ sơ kế toán', dueDate: '2023-08-31' }] },
    undefined,
  );
  findings.conclusions.publish(actor, QX, a, undefined, draft.etag, checklistReason);
  findings.checklist.answer(actor, QX, a, 'II.1', { result: 'dat', note: null, figures: [] }, undefined);
  documents.issueResultsNotice(QX, 1, { unitId: 'p-tckh' }, actor);
  ctx.clock.set('2023-09-06T02:00:00.000Z');
  return { ctx, a, b, c };
}

t.test('the office reads every team: counts of each step and every overdue item with its due date', async (t) => {
  const { ctx, a, b, c } = await morning(t);
  const res = await ctx.app.inject({ method: 'GET', url: `/campaigns/${QX}/progress`, headers: ctx.as('office') });
  t.equal(res.statusCode, 200);
  const report = res.json();
  t.equal(report.today, '2023-09-06');
  t.same(report.totals, {
    targets: 41,
    registered: 3,
    notified: 2,
    carriedOut: 1,
    concluded: 1,
    resultsNoticesSent: 1,
    teamReportsFiled: 0,
    overdue: report.overdue.length,
  });
  t.equal(report.teams.length, 5);
  const team1 = report.teams[0];
  t.same(team1.counts, {
    targets: 9,
    registered: 2,
    notified: 1,
    carriedOut: 1,
    concluded: 1,
    resultsNoticesSent: 1,
    teamReportsFiled: 0,
    overdue: team1.overdue.length,
  });
  t.same(team1.teamReport, { dueDate: '2023-08-29', filedOn: null });
  const line = team1.units.find((u: { unitId: string }) => u.unitId === 'p-tckh');
  t.match(line, {
    visit: { id: a, date: '2023-08-07', status: 'concluded' },
    checklist: { answered: 1, total: 20 },
    conclusion: 'published',
    resultsNoticeIssuedOn: '2023-08-08',
  });

  const kinds = report.overdue.map((o: { kind: string; teamNumber: number; visitId: number | null }) => `${o.kind}:${o.teamNumber}:${o.visitId ?? '-'}`);
  t.ok(kinds.includes(`notice:1:${b}`), 'Thị trấn Tân Phong was never notified');
  t.ok(kinds.includes(`results-notice:2:${c}`), 'team 02 owes Phòng Kinh tế - Hạ tầng its results');
  t.notOk(kinds.includes(`results-notice:1:${a}`), 'issued on time');
  for (const team of [1, 2, 3, 4, 5]) t.ok(kinds.includes(`team-report:${team}:-`), `team 0${team} has not filed its report`);
  const rec = report.overdue.find((o: { kind: string }) => o.kind === 'recommendation');
  t.match(rec, { teamNumber: 1, unitId: 'p-tckh', visitId: a, label: 'Kiến nghị chưa thực hiện đã quá hạn' });
  t.ok(rec.workingDaysLate >= 1);
  const report29 = report.overdue.find((o: { kind: string }) => o.kind === 'team-report');
  t.match(report29, { dueDate: '2023-08-29', label: 'Chưa gửi báo cáo kết quả kiểm tra của đoàn' });
  const dates = report.overdue.map((o: { dueDate: string }) => o.dueDate);
  t.same(dates, [...dates].sort(), 'oldest due date first');
});

t.test('a leader sees their own team, a unit its own line, others get 404', async (t) => {
  const { ctx, a } = await morning(t);
  const { app, as } = ctx;
  const leader = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/progress`, headers: as('leader') })).json();
  t.same(
    leader.teams.map((x: { teamNumber: number }) => x.teamNumber),
    [1],
  );
  t.equal(leader.totals.targets, 9, 'totals over the team shown');
  t.ok(leader.overdue.every((o: { teamNumber: number }) => o.teamNumber === 1));
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/progress/teams/2`, headers: as('leader') })).statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/progress/teams/2`, headers: as('office') })).statusCode, 200);
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/progress`, headers: as('unit') })).statusCode, 403);

  const own = await app.inject({ method: 'GET', url: `/campaigns/${QX}/progress/units/p-tckh`, headers: as('unit') });
  t.equal(own.statusCode, 200);
  t.match(own.json(), { unitId: 'p-tckh', unitName: 'Phòng Tài chính - Kế hoạch', visit: { id: a }, conclusion: 'published' });
  t.ok(
    own.json().overdue.some((o: { kind: string }) => o.kind === 'recommendation'),
    'its overdue recommendation',
  );
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/progress/units/p-tnmt`, headers: as('unit') })).statusCode, 404, "another unit's line");
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/progress/units/p-kt-ht`, headers: as('leader') })).statusCode, 404, 'a unit of team 02');
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/progress/units/p-kt-ht`, headers: as('office') })).statusCode, 200);
});
