import { chmodSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { backupDatabase } from '../../src/db/backup.js';
import { openDatabase } from '../../src/db/connection.js';
import { buildTestApp, QX, tempDir } from '../helpers/app.js';
import { multipart, visitDone } from '../helpers/findings.js';

// The database (with its WAL and SHM files), its backups, rendered documents and evidence are
// readable by the service's user only, whatever the umask; folders are 700.

const mode = (path: string) => statSync(path).mode & 0o777;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? [path, ...walk(path)] : [path];
  });
}

t.test('database, documents and evidence are created for the owner only', async (t) => {
  t.equal(process.umask() & 0o077, 0o022, 'a usual umask, which alone would give 644 files');
  const ctx = await buildTestApp(t);
  const { app, as, config } = ctx;
  const visitId = visitDone(ctx, 1, 'p-tckh', '2023-08-07');
  const body = multipart('bien-ban.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n% biên bản\n%%EOF\n'));
  const upload = await app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits/${visitId}/checklist/items/II.1/evidence`,
    headers: { ...as('secretary'), ...body.headers },
    payload: body.payload,
  });
  t.equal(upload.statusCode, 201);
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/p-tckh/outline/docx`, headers: as('office') })).statusCode, 200);
  t.equal((await app.inject({ method: 'GET', url: `/campaigns/${QX}/units/p-tckh/outline/html`, headers: as('office') })).statusCode, 200);

  for (const suffix of ['', '-wal', '-shm']) {
    t.ok(existsSync(config.databaseFile + suffix), `db${suffix} exists`);
    t.equal(mode(config.databaseFile + suffix).toString(8), '600', `db${suffix} is 600`);
  }
  const stored = walk(config.storageDir).filter((path) => !path.includes(`${join(config.storageDir, 'cache')}`));
  t.ok(stored.some((path) => path.includes(join('storage', 'evidence'))) && stored.some((path) => path.includes(join('storage', 'renders'))));
  t.equal(mode(config.storageDir).toString(8), '700', 'the storage folder');
  for (const path of stored) {
    t.equal(mode(path).toString(8), statSync(path).isDirectory() ? '700' : '600', path.slice(config.storageDir.length));
  }

  const copy = join(ctx.dir, 'backups', 'copy.sqlite');
  backupDatabase(ctx.services.db.$client, copy);
  t.equal(mode(copy).toString(8), '600', 'a backup too');
  t.equal(mode(join(ctx.dir, 'backups')).toString(8), '700');
});

t.test('a database file left 644 by an older version is made 600 when opened', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'old.sqlite');
  writeFileSync(file, '');
  chmodSync(file, 0o644);
  const database = openDatabase(file);
  t.teardown(() => database.close());
  for (const suffix of ['', '-wal', '-shm']) t.equal(mode(file + suffix).toString(8), '600', `old${suffix}`);
});
