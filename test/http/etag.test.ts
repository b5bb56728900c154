import t from 'tap';
import { z } from 'zod';
import { anyRole } from '../../src/auth/policy.js';
import { assertIfMatch, etag, notModified, parseEtags } from '../../src/http/etag.js';
import { buildTestApp } from '../helpers/app.js';

t.test('etag() is a strong, quoted tag; parseEtags reads lists, weak tags and *', async (t) => {
  t.equal(etag(7), '"7"');
  t.equal(etag('ab"c'), '"abc"', 'a quote inside a version cannot break the header');
  t.same(parseEtags('"1", W/"2" ,"3"'), ['"1"', 'W/"2"', '"3"']);
  t.same(parseEtags('*'), ['*']);
  t.same(parseEtags(['"1"', '"2"']), ['"1"', '"2"']);
  t.same(parseEtags('7'), [], 'an unquoted value is no entity tag');
  t.same(parseEtags(undefined), []);
});

t.test('assertIfMatch: missing → 428, stale or weak → 412, current or * → passes', async (t) => {
  const req = (value?: string) => ({ headers: value === undefined ? {} : { 'if-match': value } });
  const thrown = (fn: () => void): unknown => {
    try {
      fn();
    } catch (error) {
      return error;
    }
    return 'nothing thrown';
  };
  t.match(
    thrown(() => assertIfMatch(req(), '"3"')),
    { statusCode: 428, code: 'PRECONDITION_REQUIRED' },
  );
  t.match(
    thrown(() => assertIfMatch(req('  '), '"3"')),
    { statusCode: 428 },
  );
  t.match(
    thrown(() => assertIfMatch(req('"2"'), '"3"')),
    { statusCode: 412, code: 'PRECONDITION_FAILED' },
  );
  t.match(
    thrown(() => assertIfMatch(req('W/"3"'), '"3"')),
    { statusCode: 412 },
    'If-Match compares strongly',
  );
  t.match(
    thrown(() => assertIfMatch(req('3'), '"3"')),
    { statusCode: 412 },
  );
  t.doesNotThrow(() => assertIfMatch(req('"3"'), '"3"'));
  t.doesNotThrow(() => assertIfMatch(req('"1", "3"'), '"3"'));
  t.doesNotThrow(() => assertIfMatch(req('*'), '"3"'));
});

t.test('over HTTP: 304 on a current If-None-Match, 428/412 as problem+json that never tell the current ETag', async (t) => {
  const { app, as } = await buildTestApp(t);
  let version = 1;
  app.get('/test/thing', { config: { access: anyRole } }, async (request, reply) => notModified(request, reply, etag(version)) ?? { version });
  app.put('/test/thing', { config: { access: anyRole }, schema: { body: z.object({ name: z.string() }) } }, async (request, reply) => {
    assertIfMatch(request, etag(version));
    version += 1;
    reply.header('etag', etag(version));
    return { version };
  });

  const first = await app.inject({ method: 'GET', url: '/test/thing', headers: as('leader') });
  t.equal(first.statusCode, 200);
  t.equal(first.headers.etag, '"1"');
  const again = await app.inject({ method: 'GET', url: '/test/thing', headers: { ...as('leader'), 'if-none-match': 'W/"1"' } });
  t.equal(again.statusCode, 304);
  t.equal(again.body, '');
  t.equal(again.headers.etag, '"1"');

  const put = (headers: Record<string, string>) =>
    app.inject({ method: 'PUT', url: '/test/thing', headers: { ...as('leader'), ...headers }, payload: { name: 'x' } });
  const missing = await put({});
  t.equal(missing.statusCode, 428);
  t.equal(missing.headers['content-type'], 'application/problem+json; charset=utf-8');
  // Telling the current ETag would let a client overwrite a record it never read.
  t.match(missing.json(), { code: 'PRECONDITION_REQUIRED', requiredHeader: 'If-Match', title: 'Thiếu điều kiện phiên bản' });
  t.notOk('currentEtag' in missing.json(), 'the 428 names the header to send, not its value');
  t.notOk(missing.body.includes('\\"1\\"'), 'no ETag anywhere in the 428');
  const ok = await put({ 'if-match': '"1"' });
  t.equal(ok.statusCode, 200);
  t.equal(ok.headers.etag, '"2"');
  const stale = await put({ 'if-match': '"1"' });
  t.equal(stale.statusCode, 412, 'a second writer holding the old version loses');
  t.match(stale.json(), { code: 'PRECONDITION_FAILED' });
  t.notOk(stale.body.includes('\\"2\\"'), 'nor in the 412: a made-up If-Match must not fetch the current one');
  t.notOk(stale.headers.etag, 'nor in a header');
  t.equal(version, 2, 'the stale update changed nothing');

  const changed = await app.inject({ method: 'GET', url: '/test/thing', headers: { ...as('leader'), 'if-none-match': '"1"' } });
  t.equal(changed.statusCode, 200);
  t.same(changed.json(), { version: 2 });
});
