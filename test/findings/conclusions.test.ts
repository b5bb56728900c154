import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { problemExtensions, type ProblemError } from '../../src/http/errors.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { checklistReason, readFeed, sampleDraft, visitDone } from '../helpers/findings.js';

const url = (visitId: number, tail = '') => `/campaigns/${QX}/visits/${visitId}/conclusion${tail}`;

t.test('draft → publish → amend → withdraw, each step in the feed, the visit concluded and reopened', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as } = ctx;
  const visitId = visitDone(ctx, 1, 'p-tckh', '2023-08-07');

  const created = await app.inject({ method: 'PUT', url: url(visitId, '/draft'), headers: as('secretary'), payload: sampleDraft });
  t.equal(created.statusCode, 201);
  const draft = created.json();
  t.equal(draft.state, 'draft');
  t.equal(draft.draft.recommendations[0].responsibleUnitId, 'p-tckh', 'the inspected unit by default');
  t.equal(draft.draft.recommendations[0].responsibleUnitName, 'Phòng Tài chính - Kế hoạch');
  t.equal((await readFeed(ctx)).events.length, 0, 'a draft is not in the feed');

  const bySecretary = await app.inject({
    method: 'POST',
    url: url(visitId, '/publish'),
    headers: { ...as('secretary'), 'if-match': created.headers.etag as string },
    payload: { checklistReason },
  });
  t.equal(bySecretary.statusCode, 403, 'the secretary drafts, the leader publishes');

  const noMatch = await app.inject({ method: 'POST', url: url(visitId, '/publish'), headers: as('leader'), payload: { checklistReason } });
  t.equal(noMatch.statusCode, 428);

  const published = await app.inject({
    method: 'POST',
    url: url(visitId, '/publish'),
    headers: { ...as('leader'), 'if-match': created.headers.etag as string },
    payload: { checklistReason },
  });
  t.equal(published.statusCode, 200);
  t.equal(published.json().state, 'published');
  t.equal(published.json().published.version, 1);
  t.equal(ctx.services.schedule.get(QX, visitId).status, 'concluded', 'publishing concludes the visit');
  t.match(ctx.services.findings.publishedConclusion(QX, visitId), {
    version: 1,
    achieved: sampleDraft.achieved,
    recommendations: [{ status: 'open', dueDate: '2023-09-29' }],
  });

  // Amendment: a new draft over the published version, then publish with a reason.
  const recId = published.json().published.recommendations[0].id;
  const amendDraft = await app.inject({
    method: 'PUT',
    url: url(visitId, '/draft'),
    headers: { ...as('leader'), 'if-match': published.headers.etag as string },
    payload: { ...sampleDraft, achieved: `${sampleDraft.achieved} Đã số hóa 80% hồ sơ.`, recommendations: [{ ...sampleDraft.recommendations[0], id: recId }] },
  });
  t.equal(amendDraft.statusCode, 200);
  t.equal(amendDraft.json().published.version, 1, 'version 1 stays in force while the amendment is drafted');
  t.equal(amendDraft.json().draft.version, 2);
  const noReason = await app.inject({
    method: 'POST',
    url: url(visitId, '/publish'),
    headers: { ...as('leader'), 'if-match': amendDraft.headers.etag as string },
    payload: { checklistReason },
  });
  t.equal(noReason.statusCode, 422);
  t.equal(noReason.json().code, 'AMENDMENT_REASON_REQUIRED');
  const amended = await app.inject({
    method: 'POST',
    url: url(visitId, '/publish'),
    headers: { ...as('leader'), 'if-match': amendDraft.headers.etag as string },
    payload: { reason: 'Bổ sung số liệu số hóa hồ sơ', checklistReason },
  });
  t.equal(amended.statusCode, 200);
  t.equal(amended.json().published.version, 2);
  t.same(
    amended.json().versions.map((v: { version: number; status: string }) => [v.version, v.status]),
    [
      [1, 'superseded'],
      [2, 'published'],
    ],
  );
  t.equal(amended.json().published.recommendations[0].id, recId, 'the recommendation keeps its id across versions');
  const old = await app.inject({ method: 'GET', url: url(visitId, '/versions/1'), headers: as('unit') });
  t.equal(old.statusCode, 200, 'the old version stays readable, by the unit too');
  t.equal(old.json().achieved, sampleDraft.achieved);

  const stale = await app.inject({
    method: 'POST',
    url: url(visitId, '/withdraw'),
    headers: { ...as('leader'), 'if-match': published.headers.etag as string },
    payload: { reason: 'Sai đơn vị' },
  });
  t.equal(stale.statusCode, 412, 'an old ETag is refused');
  const withdrawn = await app.inject({
    method: 'POST',
    url: url(visitId, '/withdraw'),
    headers: { ...as('office'), 'if-match': amended.headers.etag as string },
    payload: { reason: 'Kết luận ghi nhầm số liệu của đơn vị khác' },
  });
  t.equal(withdrawn.statusCode, 200);
  t.equal(withdrawn.json().state, 'withdrawn');
  t.same(withdrawn.json().withdrawal, { at: withdrawn.json().withdrawal.at, by: 'test office', reason: 'Kết luận ghi nhầm số liệu của đơn vị khác' });
  t.equal(ctx.services.schedule.get(QX, visitId).status, 'carried-out', 'the visit is open again');
  t.equal(ctx.services.findings.publishedConclusion(QX, visitId), null);

  const { events } = await readFeed(ctx);
  t.same(
    events.map((e) => [e.type, e.visitId, e.version]),
    [
      ['conclusion.published', visitId, 1],
      ['conclusion.amended', visitId, 2],
      ['conclusion.withdrawn', visitId, 2],
    ],
  );
  const audit = ctx.services.audit.list({ visitId, limit: 50 }).map((a) => a.action);
  for (const action of ['conclusion.draft', 'conclusion.publish', 'conclusion.amend', 'conclusion.withdraw']) t.ok(audit.includes(action), `${action} audited`);
});

t.test('who sees what: the unit reads what was published about it, never drafts; another team gets 404', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as } = ctx;
  const visitId = visitDone(ctx, 1, 'p-tckh', '2023-08-07');
  const team2 = ctx.services.auth.create({ role: 'leader', label: 'Trưởng đoàn 02', campaignId: QX, teamNumber: 2 }, systemActor('test')).token;
  const other = { authorization: `Bearer ${team2}` };

  const draft = await app.inject({ method: 'PUT', url: url(visitId, '/draft'), headers: as('leader'), payload: sampleDraft });
  t.equal((await app.inject({ method: 'GET', url: url(visitId), headers: as('unit') })).statusCode, 404, 'no published conclusion yet');
  t.equal((await app.inject({ method: 'GET', url: url(visitId), headers: other })).statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url: url(visitId), headers: as('member') })).statusCode, 200, 'members of the team read the draft');
  const byUnit = await app.inject({ method: 'PUT', url: url(visitId, '/draft'), headers: as('unit'), payload: sampleDraft });
  t.equal(byUnit.statusCode, 403, 'a unit never drafts');
  const byOther = await app.inject({
    method: 'PUT',
    url: url(visitId, '/draft'),
    headers: { ...other, 'if-match': String(draft.headers.etag) },
    payload: sampleDraft,
  });
  t.equal(byOther.statusCode, 404);

  const published = await app.inject({
    method: 'POST',
    url: url(visitId, '/publish'),
    headers: { ...as('leader'), 'if-match': String(draft.headers.etag) },
    payload: { checklistReason },
  });
  await app.inject({
    method: 'PUT',
    url: url(visitId, '/draft'),
    headers: { ...as('leader'), 'if-match': String(published.headers.etag) },
    payload: { ...sampleDraft, achieved: 'Bản sửa chưa ban hành' },
  });
  const seenByUnit = await app.inject({ method: 'GET', url: url(visitId), headers: as('unit') });
  t.equal(seenByUnit.statusCode, 200);
  t.equal(seenByUnit.json().draft, null, 'the pending amendment stays hidden');
  t.same(
    seenByUnit.json().versions.map((v: { version: number }) => v.version),
    [1],
  );
  t.equal((await app.inject({ method: 'GET', url: url(visitId, '/versions/2'), headers: as('unit') })).statusCode, 404);

  const list = async (headers: Record<string, string>) =>
    (await app.inject({ method: 'GET', url: `/campaigns/${QX}/conclusions`, headers })).json().conclusions.map((c: { visitId: number }) => c.visitId);
  t.same(await list(as('office')), [visitId]);
  t.same(await list(as('unit')), [visitId]);
  t.same(await list(other), [], "another team's conclusions are not listed");
});

t.test('recommendations: the responsible unit marks its own done, overdue follows the calendar, every change is in the feed', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as } = ctx;
  const visitId = visitDone(ctx, 1, 'p-tckh', '2023-08-07');
  const body = {
    ...sampleDraft,
    recommendations: [
      { text: 'Hoàn thành số hóa hồ sơ kế toán.', dueDate: '2023-09-02' },
      { text: 'Phối hợp cập nhật dữ liệu cán bộ.', dueDate: '2023-09-29', responsibleUnitId: 'p-nv' },
    ],
  };
  const draft = await app.inject({ method: 'PUT', url: url(visitId, '/draft'), headers: as('leader'), payload: body });
  const unknownUnit = await app.inject({
    method: 'PUT',
    url: url(visitId, '/draft'),
    headers: { ...as('leader'), 'if-match': String(draft.headers.etag) },
    payload: { ...body, recommendations: [{ text: 'x', dueDate: '2023-09-02', responsibleUnitId: 'khong-co' }] },
  });
  t.equal(unknownUnit.statusCode, 422);
  t.match(unknownUnit.json().errors, [{ field: 'recommendations[0].responsibleUnitId' }]);
  const published = await app.inject({
    method: 'POST',
    url: url(visitId, '/publish'),
    headers: { ...as('leader'), 'if-match': String(draft.headers.etag) },
    payload: { checklistReason },
  });
  const [own, nv] = published.json().published.recommendations;
  t.equal(own.effectiveDueDate, '2023-09-05', 'Saturday 2 September 2023 falls in the National Day holiday: due Tuesday 5');

  ctx.clock.set('2023-09-05T10:00:00+07:00');
  let recs = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/recommendations`, query: { overdue: 'true' }, headers: as('office') })).json();
  t.same(recs, [], 'not overdue on its effective due date');
  ctx.clock.set('2023-09-06T10:00:00+07:00');
  recs = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/recommendations`, query: { overdue: 'true' }, headers: as('office') })).json();
  t.match(recs, [{ id: own.id, overdue: true, workingDaysLate: 1, visitId, unitId: 'p-tckh' }]);

  const patch = (id: number, headers: Record<string, string>, payload: object) =>
    app.inject({ method: 'PATCH', url: `/campaigns/${QX}/recommendations/${id}`, headers, payload });
  t.equal((await patch(own.id, as('member'), { status: 'done' })).statusCode, 403, 'a member unit that is not responsible');
  t.equal((await patch(nv.id, { ...as('unit'), 'if-match': nv.etag }, { status: 'done' })).statusCode, 403, 'Phòng Tài chính is not responsible for this one');
  t.equal((await patch(own.id, as('unit'), { status: 'done' })).statusCode, 428);
  const done = await patch(own.id, { ...as('unit'), 'if-match': own.etag }, { status: 'done', note: 'Đã số hóa 1.240 hồ sơ.' });
  t.equal(done.statusCode, 200);
  t.match(done.json(), { status: 'done', overdue: false, statusNote: 'Đã số hóa 1.240 hồ sơ.', statusChangedBy: 'test unit' });
  t.equal((await patch(own.id, { ...as('leader'), 'if-match': own.etag }, { status: 'open' })).statusCode, 412, 'stale ETag');

  const mine = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/recommendations`, headers: as('unit') })).json();
  t.same(
    mine.map((r: { id: number }) => r.id),
    [own.id, nv.id],
    'the unit sees every recommendation of its own conclusion',
  );
  const nvToken = ctx.services.auth.create({ role: 'unit', label: 'Phòng Nội vụ', campaignId: QX, unitId: 'p-nv' }, systemActor('test')).token;
  const addressed = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/recommendations`, headers: { authorization: `Bearer ${nvToken}` } })).json();
  t.same(
    addressed.map((r: { id: number }) => r.id),
    [nv.id],
    'Phòng Nội vụ sees only what is addressed to it',
  );

  const events = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/feed`, headers: as('office') })).json().events;
  t.match(events.at(-1), {
    type: 'recommendation.status-changed',
    recommendationId: own.id,
    status: 'done',
    reason: 'Đã số hóa 1.240 hồ sơ.',
    by: 'test unit',
  });
});

t.test('publishing needs a visit that took place and a conclusion with its results', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as } = ctx;
  const visitId = visitDone(ctx, 1, 'p-tckh', '2023-08-07');
  const empty = await app.inject({ method: 'PUT', url: url(visitId, '/draft'), headers: as('leader'), payload: {} });
  const incomplete = await app.inject({
    method: 'POST',
    url: url(visitId, '/publish'),
    headers: { ...as('leader'), 'if-match': String(empty.headers.etag) },
    payload: { checklistReason },
  });
  t.equal(incomplete.statusCode, 422);
  t.match(incomplete.json().errors, [{ field: 'achieved' }]);
  ctx.clock.set('2023-08-04T10:00:00+07:00');
  const early = await app.inject({
    method: 'POST',
    url: url(visitId, '/publish'),
    headers: { ...as('leader'), 'if-match': String(empty.headers.etag) },
    payload: { checklistReason },
  });
  t.equal(early.statusCode, 409);
  t.equal(early.json().code, 'CONCLUSION_BEFORE_VISIT');
  const nothing = await app.inject({
    method: 'POST',
    url: url(visitId, '/withdraw'),
    headers: { ...as('leader'), 'if-match': String(empty.headers.etag) },
    payload: { reason: 'x' },
  });
  t.equal(nothing.statusCode, 409, 'nothing published to withdraw');
  const discarded = await app.inject({
    method: 'DELETE',
    url: url(visitId, '/draft'),
    headers: { ...as('secretary'), 'if-match': String(empty.headers.etag) },
  });
  t.equal(discarded.statusCode, 204, 'a never-published conclusion disappears with its draft');
  t.equal((await app.inject({ method: 'GET', url: url(visitId), headers: as('leader') })).statusCode, 404);

  ctx.clock.set('2023-07-20T02:00:00.000Z');
  const never = ctx.services.schedule.register(QX, { teamNumber: 1, unitId: 'p-tnmt', date: '2023-08-09', session: 'sang' }, systemActor('test')).visit.id;
  ctx.clock.set('2023-08-10T02:00:00.000Z');
  const draft = await app.inject({ method: 'PUT', url: url(never, '/draft'), headers: as('leader'), payload: sampleDraft });
  const unannounced = await app.inject({
    method: 'POST',
    url: url(never, '/publish'),
    headers: { ...as('leader'), 'if-match': String(draft.headers.etag) },
    payload: { checklistReason },
  });
  t.equal(unannounced.statusCode, 409, 'a visit no notice announced cannot be concluded');
  t.equal(unannounced.json().code, 'INVALID_TRANSITION');
  const after = await app.inject({ method: 'GET', url: url(never), headers: as('leader') });
  t.equal(after.json().state, 'draft', 'nothing was published: one transaction');
  t.same((await app.inject({ method: 'GET', url: `/campaigns/${QX}/feed`, headers: as('office') })).json().events, [], 'and no event');
});

t.test('a draft sent to the service by another face (the pages) is checked as the API checks it: 400 naming the field, nothing stored', async (t) => {
  const ctx = await buildTestApp(t);
  const visitId = visitDone(ctx, 1, 'p-tckh', '2023-08-07');
  const actor = systemActor('test');
  const { conclusions } = ctx.services.findings;
  const recommendation = (dueDate: string, text = sampleDraft.recommendations[0]!.text) => ({ ...sampleDraft, recommendations: [{ text, dueDate }] });
  // A due date in year 1 was stored, and issuing the results notice then answered 500; 30/2 was a 500 at once.
  for (const [name, input, field] of [
    ['a due date outside the calendar years', recommendation('0001-01-01'), 'recommendations[0].dueDate'],
    ['a due date that does not exist', recommendation('2023-02-30'), 'recommendations[0].dueDate'],
    ['a NUL in a recommendation', recommendation('2023-09-29', 'Số hóa\u0000 hồ sơ'), 'recommendations[0].text'],
  ] as const) {
    const refused = (() => {
      try {
        conclusions.saveDraft(actor, QX, visitId, input, undefined);
        return null;
      } catch (error) {
        return error as ProblemError;
      }
    })();
    t.match(refused, { statusCode: 400, code: 'VALIDATION_FAILED' }, name);
    t.match(refused?.[problemExtensions], { errors: [{ in: 'body', field }] }, `${name}: names ${field}`);
  }
  t.equal((await ctx.app.inject({ method: 'GET', url: url(visitId), headers: ctx.as('leader') })).statusCode, 404, 'nothing was stored');
  t.equal(conclusions.saveDraft(actor, QX, visitId, recommendation('2023-09-29') as never, undefined).created, true, 'a good draft is saved');
});
