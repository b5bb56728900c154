import t from 'tap';
import { readFileSync } from 'node:fs';
import { configFromEnv, envNames, parseConfig } from '../src/config.js';
import { fromRoot } from '../src/paths.js';

t.test('defaults: embedded SQLite, Vietnam time, Debian Chromium', async (t) => {
  const config = configFromEnv({});
  t.equal(config.port, 3000);
  t.equal(config.timeZone, 'Asia/Ho_Chi_Minh');
  t.equal(config.chromiumPath, '/usr/bin/chromium');
  t.equal(config.databaseFile, 'var/inspection.db');
  t.equal(config.seedOnStart, true);
});

t.test('environment variables map to keys and are coerced', async (t) => {
  const config = configFromEnv({ PORT: '8080', SEED_ON_START: 'false', CHROMIUM_PATH: '/opt/chrome', LOG_LEVEL: 'warn' });
  t.equal(config.port, 8080);
  t.equal(config.seedOnStart, false);
  t.equal(config.chromiumPath, '/opt/chrome');
  t.equal(config.logLevel, 'warn');
});

t.test('a bad configuration names the environment variable', async (t) => {
  t.throws(() => configFromEnv({ PORT: 'eighty' }), { message: /PORT/ });
  t.throws(() => configFromEnv({ TIME_ZONE: 'Mars/Olympus' }), { message: /TIME_ZONE: not an IANA time zone/ });
  t.throws(() => parseConfig({ logLevel: 'loud' as never }), { name: 'ConfigError', message: /LOG_LEVEL/ });
});

t.test('the configuration guide lists every environment variable, and only those', async (t) => {
  const guide = readFileSync(fromRoot('docs', 'configuration.md'), 'utf8');
  const listed = [...guide.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
  t.same(listed.toSorted(), Object.values(envNames).toSorted());
});

t.test('TRUST_PROXY: off by default; true, or the proxies to believe as addresses, networks or proxy-addr names', async (t) => {
  t.equal(configFromEnv({}).trustProxy, false, 'a service reached directly believes no X-Forwarded-For');
  t.equal(configFromEnv({ TRUST_PROXY: 'false' }).trustProxy, false);
  t.equal(configFromEnv({ TRUST_PROXY: 'true' }).trustProxy, true);
  t.equal(configFromEnv({ TRUST_PROXY: ' 127.0.0.1, 10.0.0.0/8 ,::1' }).trustProxy, '127.0.0.1,10.0.0.0/8,::1');
  t.equal(configFromEnv({ TRUST_PROXY: 'loopback,uniquelocal' }).trustProxy, 'loopback,uniquelocal');
  t.throws(() => configFromEnv({ TRUST_PROXY: 'nginx' }), { name: 'ConfigError', message: /TRUST_PROXY: .*nginx/ });
  t.throws(() => configFromEnv({ TRUST_PROXY: '10.0.0.0/33' }), { message: /TRUST_PROXY/ });
  t.throws(() => configFromEnv({ TRUST_PROXY: '2' }), { message: /TRUST_PROXY/ }, 'a hop count is refused: Fastify 5 never trusts one');
});
