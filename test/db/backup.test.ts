import Database from 'better-sqlite3';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { runCli } from '../../src/cli.js';
import { buildTestApp, QX, tempDir } from '../helpers/app.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

t.test('backup copies the live database while the service keeps writing; the copy restores', async (t) => {
  const { app, as, config, dir } = await buildTestApp(t);
  const file = join(dir, 'backups', 'copy.sqlite');
  let acknowledged = 0;
  let writing = true;
  const writer = (async () => {
    while (writing) {
      const res = await app.inject({
        method: 'POST',
        url: '/auth/tokens',
        headers: as('office'),
        payload: { role: 'unit', label: `đơn vị ${acknowledged}`, campaignId: QX, unitId: 'p-tckh' },
      });
      if (res.statusCode === 201) acknowledged += 1;
    }
  })();
  while (acknowledged < 5) await new Promise((r) => setImmediate(r));
  const a = io();
  const code = await runCli(['backup', file], config, a.io);
  writing = false;
  await writer;
  t.equal(code, 0, a.err.join('\n'));
  t.match(a.out[0], /^backup written to .*copy\.sqlite \(\d+ pages, integrity ok\)$/);

  const copy = new Database(file, { readonly: true });
  const inCopy = (copy.prepare("select count(*) as n from api_tokens where label like 'đơn vị %'").get() as { n: number }).n;
  copy.close();
  t.ok(inCopy >= 5, `the copy holds the writes acknowledged before it (${inCopy} of ${acknowledged})`);
  t.ok(acknowledged > 5, 'the service kept writing during the backup');

  // Restore as docs/deployment.md says: stop, copy the backup over the database file, remove -wal/-shm, start.
  const restoreDir = tempDir(t);
  copyFileSync(file, join(restoreDir, 'db.sqlite'));
  const restored = await buildTestApp(t, { dir: restoreDir, seed: false });
  const office = restored.services.auth.list().find((x) => x.role === 'office');
  t.ok(office, 'tokens came back');
  const campaigns = restored.services.campaigns.list({
    tokenId: null,
    personId: null,
    label: 't',
    role: 'system',
    campaignId: null,
    teamNumber: null,
    unitId: null,
    requestId: null,
  });
  t.same(
    campaigns.map((c) => c.id),
    [QX],
  );
  t.equal((await restored.app.inject({ method: 'GET', url: '/health' })).statusCode, 200);
});

t.test('backup never overwrites a file (least of all the live database)', async (t) => {
  const { config, dir } = await buildTestApp(t, { seed: false });
  const existing = join(dir, 'existing.sqlite');
  writeFileSync(existing, 'keep me');
  for (const target of [existing, config.databaseFile]) {
    const a = io();
    t.equal(await runCli(['backup', target], config, a.io), 1);
    t.match(a.err[0], /already exists/);
  }
  const b = io();
  t.equal(await runCli(['backup'], config, b.io), 2, 'a file name is required');
});
