import t from 'tap';
import { parse } from 'yaml';
import { generateOpenapiYaml } from '../../src/http/openapi-document.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { miniDefinition } from '../helpers/definitions.js';

// Issue 15, item 14: small API details met on the way.

t.test('OpenAPI says a visit needs a session or a time range, as the server does', async (t) => {
  const doc = parse(await generateOpenapiYaml());
  for (const path of ['/campaigns/{campaignId}/visits', '/campaigns/{campaignId}/visits/check']) {
    const body = doc.paths[path].post.requestBody.content['application/json'].schema;
    const schema = body.$ref ? doc.components.schemas[body.$ref.split('/').pop()] : body;
    t.same(schema.allOf, [{ anyOf: [{ required: ['session'] }, { required: ['startTime', 'endTime'] }] }], path);
  }
  const test = await buildTestApp(t);
  const res = await test.app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits`,
    headers: test.as('leader'),
    payload: { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-10' },
  });
  t.equal(res.statusCode, 400, 'neither a session nor times');
  t.match(res.json().errors, [{ field: 'session' }]);
});

t.test('a 415 on a route that takes YAML says so', async (t) => {
  const { app, as } = await buildTestApp(t);
  const res = await app.inject({
    method: 'POST',
    url: '/campaigns',
    headers: { ...as('office'), 'content-type': 'text/csv' },
    payload: 'a,b',
  });
  t.equal(res.statusCode, 415);
  t.match(res.json().detail, /application\/json/);
  t.match(res.json().detail, /application\/yaml/);
  const visits = await app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits`,
    headers: { ...as('office'), 'content-type': 'text/csv' },
    payload: 'a,b',
  });
  t.equal(visits.statusCode, 415);
  t.notMatch(visits.json().detail, /yaml/i, 'a JSON-only route does not offer YAML');
});

t.test('definition errors name their path and carry English beside the Vietnamese', async (t) => {
  const { app, as } = await buildTestApp(t);
  const structural = miniDefinition('bad-structure') as Record<string, unknown>;
  (structural['window'] as Record<string, string>)['start'] = '2023-02-30';
  structural['units'] = [];
  const res = await app.inject({ method: 'POST', url: '/campaigns', headers: as('office'), payload: structural });
  t.equal(res.statusCode, 400);
  const errors = res.json().errors as { path: string; field: string; message: string; messageEn: string }[];
  t.same(errors.map((e) => e.path).sort(), ['units', 'window.start']);
  for (const error of errors) {
    t.equal(error.field, error.path, 'field kept for clients that read it');
    t.ok(error.message.length > 0 && error.messageEn.length > 0);
    t.not(error.message, error.messageEn);
  }
  t.match(
    errors.find((e) => e.path === 'window.start'),
    { message: 'ngày không tồn tại', messageEn: 'the date does not exist' },
  );
  t.match(
    errors.find((e) => e.path === 'units'),
    { messageEn: /Too small/ },
  );

  const cross = miniDefinition('bad-refs');
  cross.teams[1]!.number = 1;
  cross.teams[0]!.targets.push('Phòng Không Có');
  const rejected = await app.inject({ method: 'POST', url: '/campaigns', headers: as('office'), payload: cross });
  t.equal(rejected.statusCode, 422);
  t.same(
    rejected.json().errors.map((e: { path: string; code: string }) => `${e.code} ${e.path}`),
    ['UNKNOWN_UNIT teams[0].targets[2]', 'DUPLICATE_TEAM_NUMBER teams[1].number'],
  );
  for (const error of rejected.json().errors) {
    t.match(error, { message: /\S/, messageEn: /\S/ });
    t.not(error.message, error.messageEn);
  }
  t.match(rejected.json().errors[0].messageEn, /Phòng Không Có/, 'English names the unit as written');
});
