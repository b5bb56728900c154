import Fastify from 'fastify';
import t from 'tap';
import { rateLimitKey } from '../../src/http/rate-limit.js';
import { buildTestApp } from '../helpers/app.js';

t.test('each token, or address without one, gets max requests per window, counted from its first request', async (t) => {
  const { app, as } = await buildTestApp(t, { config: { rateLimitMax: 2, rateLimitWindowMs: 1000 } });
  const get = (headers: Record<string, string>, remoteAddress = '198.51.100.7') => app.inject({ method: 'GET', url: '/campaigns', headers, remoteAddress });
  const first = await get(as('office'));
  t.equal(first.statusCode, 200);
  t.match(first.headers, { 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '1' });
  t.equal((await get(as('office'))).headers['x-ratelimit-remaining'], '0');
  const refused = await get(as('office'));
  t.equal(refused.statusCode, 429);
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.equal(refused.headers['retry-after'], '1');
  t.match(refused.json(), { code: 'RATE_LIMITED', retryAfterSeconds: 1, detail: 'Quá nhiều yêu cầu (tối đa 2 yêu cầu mỗi 1 giây); hãy thử lại sau 1 giây.' });
  t.equal((await get(as('leader'))).statusCode, 200, 'another token has its own allowance');

  t.equal((await get({})).statusCode, 401);
  t.equal((await get({})).statusCode, 401);
  t.equal((await get({})).statusCode, 429, 'without a token, the address is counted');
  t.equal((await get({}, '198.51.100.8')).statusCode, 401, 'another address has its own allowance');

  await new Promise((resolve) => setTimeout(resolve, 1100));
  t.equal((await get(as('office'))).statusCode, 200, 'a new window at its end');
  t.equal((await get({})).statusCode, 401);
});

// Behind a proxy, request.ip follows TRUST_PROXY: test/http/trust-proxy.test.ts.
t.test('an IPv6 client counts by its /64, an IPv4 client on a dual-stack socket as itself, a token whatever the address', async (t) => {
  const app = Fastify();
  t.teardown(() => app.close());
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (request.headers.authorization) request.actor = { tokenId: 7 } as never;
  });
  app.get('/', async (request) => rateLimitKey(request));
  const key = (remoteAddress: string, headers: Record<string, string> = {}) => app.inject({ url: '/', remoteAddress, headers }).then((res) => res.body);
  t.equal(await key('2001:db8:1:2::a'), await key('2001:db8:1:2:ffff::b'), 'one /64, one allowance');
  t.not(await key('2001:db8:1:2::a'), await key('2001:db8:1:3::a'));
  t.equal(await key('::ffff:192.0.2.1'), 'ip:192.0.2.1');
  t.equal(await key('192.0.2.1', { authorization: 'Bearer x' }), 'token:7');
});
