import t, { type Test } from 'tap';
import { buildTestApp } from '../helpers/app.js';

// Behind a reverse proxy every request comes from the proxy's address. TRUST_PROXY names the proxies
// whose X-Forwarded-For is believed, so the rate limit (per address for callers without a valid token)
// and the request log see the real client; anyone else's X-Forwarded-For is ignored.

async function appWith(t: Test, trustProxy?: string | boolean) {
  const lines: Record<string, unknown>[] = [];
  const stream = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
  const config = { rateLimitMax: 2, rateLimitWindowMs: 60_000, ...(trustProxy === undefined ? {} : { trustProxy }) };
  const { app } = await buildTestApp(t, { seed: false, config, deps: { logger: { level: 'info', stream } } });
  // app.inject connects from 127.0.0.1, as a proxy on the same machine does.
  const get = (client: string) => app.inject({ method: 'GET', url: '/campaigns', headers: { 'x-forwarded-for': client } });
  const loggedAddresses = () => lines.filter((l) => l['msg'] === 'incoming request').map((l) => (l['req'] as { remoteAddress: string }).remoteAddress);
  return { get, loggedAddresses };
}

t.test('without TRUST_PROXY, X-Forwarded-For is ignored: every caller is the proxy', async (t) => {
  const { get, loggedAddresses } = await appWith(t);
  t.equal((await get('203.0.113.1')).statusCode, 401);
  t.equal((await get('203.0.113.2')).statusCode, 401);
  t.equal((await get('203.0.113.3')).statusCode, 429, 'three clients share the address of the proxy');
  t.same(loggedAddresses(), ['127.0.0.1', '127.0.0.1', '127.0.0.1']);
});

t.test('with TRUST_PROXY naming the proxy, the rate limit and the log follow X-Forwarded-For', async (t) => {
  const { get, loggedAddresses } = await appWith(t, '127.0.0.1');
  t.equal((await get('203.0.113.1')).statusCode, 401);
  t.equal((await get('203.0.113.2')).statusCode, 401);
  t.equal((await get('203.0.113.3')).statusCode, 401, 'each client has its own allowance');
  t.equal((await get('203.0.113.1')).statusCode, 401);
  t.equal((await get('203.0.113.1')).statusCode, 429, 'one client is still limited');
  t.equal((await get('198.51.100.7, 203.0.113.2')).statusCode, 401, 'the address the proxy saw counts, not one the client wrote');
  t.same(loggedAddresses(), ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.1', '203.0.113.1', '203.0.113.2']);
});

t.test('TRUST_PROXY naming another address: a caller that is not the proxy cannot choose its address', async (t) => {
  const { get, loggedAddresses } = await appWith(t, '10.1.2.3');
  t.equal((await get('203.0.113.1')).statusCode, 401);
  t.equal((await get('203.0.113.2')).statusCode, 401);
  t.equal((await get('203.0.113.3')).statusCode, 429);
  t.same(loggedAddresses(), ['127.0.0.1', '127.0.0.1', '127.0.0.1']);
});
