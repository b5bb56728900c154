// A second process serving the same database file (the parallel-registration test starts it).
// Reads its settings from the environment because it is a child process of the test, not the service.
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';

const dir = process.env['TEST_DIR']!;
const at = new Date(process.env['TEST_NOW']!);
const config = parseConfig({
  databaseFile: `${dir}/db.sqlite`,
  storageDir: `${dir}/storage-2`,
  demoTokensFile: `${dir}/demo-tokens-2.env`,
  logLevel: 'silent',
  seedOnStart: false,
});
const app = await buildApp(config, { now: () => new Date(at) });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
process.on('SIGTERM', () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
