import Fastify from 'fastify';
import t from 'tap';
import { createRateLimiter, rateLimitKey } from '../../src/http/rate-limit.js';
import { buildTestApp } from '../helpers/app.js';

t.test('each token, or address without one, gets max requests per window, counted from its first request', async (t) => {
  // A minute's window, so a slow machine cannot roll it over between the requests (the counter's
  // windows ending are tested below with its own clock).
  const { app, as } = await buildTestApp(t, { config: { rateLimitMax: 2, rateLimitWindowMs: 60_000 } });
  const get = (headers: Record<string, string>, remoteAddress = '198.51.100.7') => app.inject({ method: 'GET', url: '/campaigns', headers, remoteAddress });
  const first = await get(as('office'));
  t.equal(first.statusCode, 200);
  t.match(first.headers, { 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '60' });
  t.equal((await get(as('office'))).headers['x-ratelimit-remaining'], '0');
  const refused = await get(as('office'));
  t.equal(refused.statusCode, 429);
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
  const retry = Number(refused.headers['retry-after']);
  t.ok(retry > 0 && retry <= 60, 'Retry-After says when the window ends');
  t.match(refused.json(), {
    code: 'RATE_LIMITED',
    retryAfterSeconds: retry,
    detail: `Quá nhiều yêu cầu (tối đa 2 yêu cầu mỗi 60 giây); hãy thử lại sau ${retry} giây.`,
  });
  t.equal((await get(as('leader'))).statusCode, 200, 'another token has its own allowance');

  t.equal((await get({})).statusCode, 401);
  t.equal((await get({})).statusCode, 401);
  t.equal((await get({})).statusCode, 429, 'without a token, the address is counted');
  t.equal((await get({}, '198.51.100.8')).statusCode, 401, 'another address has its own allowance');
  t.equal(
    (await app.inject({ method: 'GET', url: '/health', remoteAddress: '198.51.100.7' })).statusCode,
    200,
    '/health answers an address over its limit: it is not counted',
  );
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

t.test('the counter: each key gets max requests per window, counted from its first request', async (t) => {
  const limiter = createRateLimiter({ max: 3, windowMs: 1000 });
  t.same(limiter.hit('token:1', 0), { allowed: true, limit: 3, remaining: 2, resetMs: 1000 });
  t.match(limiter.hit('token:1', 100), { allowed: true, remaining: 1, resetMs: 900 });
  t.match(limiter.hit('token:1', 200), { allowed: true, remaining: 0 });
  t.match(limiter.hit('token:1', 300), { allowed: false, remaining: 0, resetMs: 700 });
  t.match(limiter.hit('ip:10.0.0.1', 300), { allowed: true, remaining: 2 }, 'another key has its own allowance');
  t.match(limiter.hit('token:1', 1000), { allowed: true, remaining: 2, resetMs: 1000 }, 'a new window at its end');
});

t.test("a window's time left is whole milliseconds: a full window never reads as one second more", async (t) => {
  // performance.now() has fractions: (244361.01848532233 + 60000) - 244361.01848532233 is 60000.00000000003
  // in floating point, which the header, counted in whole seconds rounded up, once read as 61.
  const limiter = createRateLimiter({ max: 2, windowMs: 60_000 });
  t.equal(limiter.hit('token:1', 244361.01848532233).resetMs, 60_000);
  t.equal(limiter.hit('token:1', 244861.51848532233).resetMs, 59_500);
});

t.test('windows that ended are dropped, so memory follows the keys of one window', async (t) => {
  const limiter = createRateLimiter({ max: 10, windowMs: 1000 });
  for (let i = 0; i < 500; i += 1) limiter.hit(`ip:${i}`, 0);
  t.equal(limiter.size(), 500);
  limiter.hit('ip:new', 2500);
  t.equal(limiter.size(), 1, 'only the key still counting');
});
