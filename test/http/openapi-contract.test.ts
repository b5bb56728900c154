import t from 'tap';
import { z } from 'zod';
import { officeOnly } from '../../src/auth/policy.js';
import { problemExamples } from '../../src/http/openapi-examples.js';
import { errorResponses, notModifiedAnswer } from '../../src/http/schemas.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { operationsOf } from '../helpers/openapi.js';

type Doc = Parameters<typeof operationsOf>[0] & { components: Record<string, Record<string, Record<string, unknown>>> };

t.test('headers and error answers follow from what a route declares', async (t) => {
  const { app } = await buildTestApp(t, { seed: false });
  const thing = z.object({ name: z.string() });
  const params = z.object({ id: z.coerce.number().int().min(1) });
  const config = { access: officeOnly };
  app.post(
    '/test/things',
    {
      schema: { operationId: 'createThing', summary: 'x', body: thing, response: { 201: thing, ...errorResponses(400) } },
      config: { ...config, idempotent: true },
    },
    async () => ({ name: 'a' }),
  );
  app.get(
    '/test/things/:id',
    { schema: { operationId: 'getThing', summary: 'x', params, response: { 200: thing, 304: notModifiedAnswer, ...errorResponses(404) } }, config },
    async () => ({ name: 'a' }),
  );
  app.patch(
    '/test/things/:id',
    { schema: { operationId: 'changeThing', summary: 'x', params, body: thing, response: { 200: thing, ...errorResponses(412, 428) } }, config },
    async () => ({ name: 'a' }),
  );
  app.get(
    '/test/plain/:id',
    { schema: { operationId: 'getPlain', summary: 'x', params, response: { 200: thing } }, config: { ...config, etag: true } },
    async () => ({ name: 'a' }),
  );
  app.get(
    '/test/polls',
    { schema: { operationId: 'pollThings', summary: 'x', response: { 200: thing } }, config: { ...config, pollInterval: true } },
    async () => ({ name: 'a' }),
  );
  app.get('/test/page', { schema: { hide: true }, config: { access: 'public' } }, async () => 'a web page');
  await app.ready();
  const doc = app.swagger() as unknown as Doc;
  const ops = new Map(operationsOf(doc).map((o) => [o.op.operationId, o]));
  const headers = (id: string) =>
    ops
      .get(id)!
      .parameters.filter((p) => p.in === 'header')
      .map((p) => p.name)
      .sort();
  const answer = (id: string, status: string) => {
    const r = ops.get(id)!.op.responses![status] as { $ref?: string; headers?: Record<string, unknown> };
    return r.$ref ? (doc.components['responses']![r.$ref.split('/').pop()!] as typeof r) : r;
  };

  t.same(headers('createThing'), ['idempotency-key'], 'config.idempotent → Idempotency-Key');
  t.same(headers('getThing'), ['if-none-match'], '304 → If-None-Match');
  t.same(headers('changeThing'), ['if-match'], '412/428 → If-Match');
  t.same(headers('getPlain'), [], 'nothing declared, nothing taken');
  t.ok(answer('getThing', '200').headers?.['ETag'] && answer('getThing', '304').headers?.['ETag'], '304 → the answers carry an ETag');
  t.ok(answer('changeThing', '200').headers?.['ETag'], '412/428 → the answer carries an ETag');
  t.ok(answer('getPlain', '200').headers?.['ETag'], 'config.etag → an ETag');
  t.notOk(answer('createThing', '201').headers?.['ETag'], 'no ETag where none is declared');
  t.ok(answer('pollThings', '200').headers?.['X-Poll-Interval'], 'config.pollInterval → X-Poll-Interval');
  t.same(ops.get('changeThing')!.op.responses!['428'], { $ref: '#/components/responses/PreconditionRequired' }, 'errors are the shared problem answers');
  t.ok(answer('getThing', '429').headers?.['Retry-After'], '429 carries Retry-After');
  t.notOk(
    Object.keys(doc.paths).some((path) => path.startsWith('/test/page')),
    'a route with schema.hide (a web page) stays out',
  );
  t.notOk(JSON.stringify(doc).includes('x-route-facts'), 'the route facts are read and removed');
});

// The examples of the document were recorded on the seed campaign; replaying their requests gives them back.
t.test('the examples are what the service answers on the seed campaign', async (t) => {
  const test = await buildTestApp(t);
  const { app, as } = test;
  await app.ready();
  const doc = app.swagger() as unknown as Doc;
  const schemas = doc.components['schemas']!;
  const example = (name: string) => (schemas[name]!['examples'] as Record<string, unknown>[])[0]!;
  const visits = `/campaigns/${QX}/visits`;
  const post = (payload: object, headers = as('leader')) => app.inject({ method: 'POST', url: visits, headers, payload });
  const sameProblem = (res: { json(): Record<string, unknown> }, documented: Record<string, unknown>, what: string) => {
    const { requestId: _a, ...body } = res.json();
    const { requestId: _b, ...expected } = documented;
    t.same(body, expected, what);
  };

  const registered = await post(example('VisitRegistration'));
  t.equal(registered.statusCode, 201, 'the VisitRegistration example registers');
  t.same({ ...registered.json().visit, registeredBy: 'Trưởng Đoàn 01' }, example('Visit'), 'and answers the Visit example');
  const etag = registered.headers['etag'] as string;

  sameProblem(
    await post({ teamNumber: 2, unitId: 'bhxh', date: '2023-08-03', session: 'sang' }, as('office')),
    example('VisitClashProblem'),
    'the 409 with its clash',
  );
  sameProblem(await post({ teamNumber: 1, unitId: 'p-tckh', date: '2023-02-30', session: 'sang' }), problemExamples[400]!, '400');
  sameProblem(await app.inject({ method: 'GET', url: visits, headers: { authorization: 'Bearer ict_nope' } }), problemExamples[401]!, '401');
  sameProblem(await post({ teamNumber: 2, unitId: 'bhxh', date: '2023-08-03', session: 'sang' }), problemExamples[403]!, '403');
  sameProblem(await app.inject({ method: 'GET', url: `${visits}/18`, headers: as('office') }), problemExamples[404]!, '404');
  const advance = { method: 'POST' as const, url: `${visits}/1/status`, headers: { ...as('leader'), 'if-match': etag }, payload: { status: 'concluded' } };
  sameProblem(await app.inject(advance), problemExamples[409]!, '409');
  const move = { method: 'PATCH' as const, url: `${visits}/1`, payload: { place: 'Hội trường UBND huyện' } };
  sameProblem(await app.inject({ ...move, headers: { ...as('leader'), 'if-match': '"7"' } }), problemExamples[412]!, '412');
  sameProblem(
    await app.inject({ method: 'POST', url: '/campaigns', headers: { ...as('office'), 'content-type': 'text/plain' }, payload: 'x' }),
    problemExamples[415]!,
    '415',
  );
  sameProblem(await post({ teamNumber: 1, unitId: 'bhxh', date: '2023-08-04', session: 'sang' }, as('office')), problemExamples[422]!, '422');
  sameProblem(await app.inject({ ...move, headers: as('leader') }), problemExamples[428]!, '428');

  const read = await app.inject({ method: 'GET', url: `${visits}/1`, headers: as('leader') });
  t.equal(read.headers['etag'], etag, 'a read carries the ETag the document promises');
  const again = await app.inject({ method: 'GET', url: `${visits}/1`, headers: { ...as('leader'), 'if-none-match': etag } });
  t.equal(again.statusCode, 304, 'and answers 304 to If-None-Match, as documented');
});
