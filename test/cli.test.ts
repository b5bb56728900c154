import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { stringify } from 'yaml';
import { runCli } from '../src/cli.js';
import { tempDir, testConfig } from './helpers/app.js';
import { miniDefinition } from './helpers/definitions.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

t.test('seed is idempotent; load reads a YAML file; tokens are created and revoked', async (t) => {
  const config = testConfig(tempDir(t));
  const a = io();
  t.equal(await runCli(['seed'], config, a.io), 0);
  t.same(a.out, ['quang-xuong-2023: loaded']);
  const b = io();
  t.equal(await runCli(['seed'], config, b.io), 0);
  t.same(b.out, ['quang-xuong-2023: already loaded']);

  const file = join(config.storageDir, '..', 'mini.yaml');
  writeFileSync(file, stringify(miniDefinition()));
  const c = io();
  t.equal(await runCli(['load', file], config, c.io), 0);
  t.match(c.out[0], /mini-2024: loaded \(2 teams, 3 targets\)/);

  const d = io();
  t.equal(await runCli(['tokens', 'create', '--role', 'leader', '--label', 'Trưởng đoàn 02', '--campaign', 'quang-xuong-2023', '--team', '2'], config, d.io), 0);
  t.match(d.out[0], /^ict_/);
  const e = io();
  await runCli(['tokens', 'list'], config, e.io);
  t.match(e.out[0], /leader\tquang-xuong-2023\t2\t\tactive\tTrưởng đoàn 02/);
  const id = e.out[0]!.split('\t')[0]!;
  const f = io();
  t.equal(await runCli(['tokens', 'revoke', id], config, f.io), 0);
  t.match(f.out[0], /revoked/);
});

t.test('a broken definition file is refused with every error', async (t) => {
  const dir = tempDir(t);
  const config = testConfig(dir);
  const def = miniDefinition();
  def.teams[1]!.number = 1;
  const file = join(dir, 'broken.yaml');
  writeFileSync(file, stringify(def));
  const a = io();
  t.equal(await runCli(['load', file], config, a.io), 1);
  t.match(a.err.join('\n'), /teams\[1\]\.number/);
  writeFileSync(file, 'format: [');
  const b = io();
  t.equal(await runCli(['load', file], config, b.io), 1);
  t.match(b.err[0], /broken\.yaml: line 1/);
});

t.test('unknown commands print the usage', async (t) => {
  const config = testConfig(tempDir(t));
  const a = io();
  t.equal(await runCli(['frobnicate'], config, a.io), 2);
  t.match(a.err[0], /usage/);
  t.equal(await runCli([], config, io().io), 2);
});
