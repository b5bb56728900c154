import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { noonOf, publishConclusion, register } from '../helpers/document-flow.js';

// A notice as the units it names see it (never "superseded" by a document they cannot open), and the
// previews of the results notice and the team report: DỰ THẢO, unnumbered, nothing saved.

const notices = `/campaigns/${QX}/teams/1/notices`;

t.test('a unit whose visit did not move still sees its notice in force; the unit whose visit moved follows it to the new one', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  const tckh = register(ctx, 1, 'p-tckh', '2023-08-07');
  register(ctx, 1, 'p-tnmt', '2023-08-08');
  clock.set(noonOf('2023-07-31'));
  const first = (await app.inject({ method: 'POST', url: notices, headers: as('leader'), payload: {} })).json();
  const tnmt = ctx.services.auth.create({ role: 'unit', label: 'Phòng TN-MT', campaignId: QX, unitId: 'p-tnmt' }, systemActor('test')).token;
  const asTnmt = { authorization: `Bearer ${tnmt}` };

  const visitUrl = `/campaigns/${QX}/visits/${tckh.id}`;
  const current = await app.inject({ method: 'GET', url: visitUrl, headers: as('leader') });
  await app.inject({ method: 'PATCH', url: visitUrl, headers: { ...as('leader'), 'if-match': String(current.headers.etag) }, payload: { date: '2023-08-10' } });
  const outdated = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents/${first.id}`, headers: asTnmt })).json();
  t.match(outdated, { status: 'current', outdatedReason: null }, "another unit's move does not outdate the notice for Phòng TN-MT");
  const forTckh = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents/${first.id}`, headers: as('unit') })).json();
  t.match(forTckh, { status: 'outdated', outdatedReason: /Phòng Tài chính - Kế hoạch đã đổi/ }, 'the unit whose visit moved sees why');

  const second = (await app.inject({ method: 'POST', url: notices, headers: as('leader'), payload: { visitIds: [tckh.id] } })).json();
  t.same(
    second.supersedes.map((d: { id: number }) => d.id),
    [first.id],
    'the new notice announces only the moved visit',
  );

  const list = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents`, query: { kind: 'notice' }, headers: asTnmt })).json();
  t.same(
    list.map((d: { id: number }) => d.id),
    [first.id],
    'Phòng TN-MT sees only the notice that names it',
  );
  t.match(list[0], { status: 'current', supersededBy: null }, 'and never "superseded by" a notice it cannot open');
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents/${second.id}`, headers: asTnmt })).statusCode, 404);

  const own = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents`, query: { kind: 'notice' }, headers: as('unit') })).json();
  t.match(
    own,
    [
      { id: first.id, status: 'superseded', supersededBy: { id: second.id } },
      { id: second.id, status: 'current' },
    ],
    'Phòng Tài chính follows its notice to the new one',
  );
});

t.test('the results notice and the team report can be previewed, unnumbered, before they are issued', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  const visit = register(ctx, 1, 'p-tckh', '2023-08-07');
  clock.set(noonOf('2023-07-31'));
  t.equal(
    (await app.inject({ method: 'POST', url: `/campaigns/${QX}/teams/1/notices`, headers: as('leader'), payload: {} })).statusCode,
    201,
    'the visit is announced',
  );
  const early = await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/1/results-notices/draft/html?unitId=p-tckh`, headers: as('leader') });
  t.equal(early.statusCode, 409, 'nothing to preview before a conclusion is published');
  t.equal(early.json().code, 'NOT_CONCLUDED');
  clock.set(noonOf('2023-08-08'));
  await publishConclusion(ctx, visit.id);

  const html = await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/1/results-notices/draft/html?unitId=p-tckh`, headers: as('secretary') });
  t.equal(html.statusCode, 200, html.body);
  t.match(html.body, /DỰ THẢO/);
  t.match(html.body, /Số:\s+\/TB-ĐKT01/, 'the number is left blank');
  t.match(html.body, /Phòng Tài chính - Kế hoạch/);
  const word = await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/1/report/draft/docx`, headers: as('leader') });
  t.equal(word.statusCode, 200);
  t.equal(word.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const issuedBefore = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents`, headers: as('leader') })).json();
  t.same(
    issuedBefore.map((d: { kind: string }) => d.kind),
    ['notice'],
    'nothing was issued but the notice',
  );
  const missing = await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/1/results-notices/draft/html`, headers: as('leader') });
  t.equal(missing.statusCode, 400, 'which unit');
  const other = await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/2/report/draft/html`, headers: as('leader') });
  t.equal(other.statusCode, 403, "another team's report");

  const issued = await app.inject({ method: 'POST', url: `/campaigns/${QX}/teams/1/results-notices`, headers: as('leader'), payload: { unitId: 'p-tckh' } });
  t.equal(issued.statusCode, 201);
  t.equal(issued.json().numberLabel, '02/TB-ĐKT01', 'the previews took no number: the next after the notice');
});
