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

t.test('the README configuration table lists every environment variable', async (t) => {
  const readme = readFileSync(fromRoot('README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5));
  for (const name of Object.values(envNames)) t.match(table, new RegExp(`^\\| \`${name}\` \\|`, 'm'), name);
});
