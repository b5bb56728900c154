import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { noonOf, publishConclusion, register } from '../helpers/document-flow.js';

// The previews of the results notice and the team report: DỰ THẢO, unnumbered, nothing saved.

t.test('the results notice and the team report can be previewed, unnumbered, before they are issued', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  const visit = register(ctx, 1, 'p-tckh', '2023-08-07');
  ctx.services.schedule.setStatus(QX, visit.id, 'notified', systemActor('test'), `"${visit.version}"`);
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
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/documents`, headers: as('leader') })).json().length, 0, 'nothing was issued');
  const missing = await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/1/results-notices/draft/html`, headers: as('leader') });
  t.equal(missing.statusCode, 400, 'which unit');
  const other = await app.inject({ method: 'GET', url: `/campaigns/${QX}/teams/2/report/draft/html`, headers: as('leader') });
  t.equal(other.statusCode, 403, "another team's report");

  const issued = await app.inject({ method: 'POST', url: `/campaigns/${QX}/teams/1/results-notices`, headers: as('leader'), payload: { unitId: 'p-tckh' } });
  t.equal(issued.statusCode, 201, 'issuing after a preview takes the first number');
  t.equal(issued.json().numberLabel, '01/TB-ĐKT01');
});
