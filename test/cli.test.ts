import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  t.equal(
    await runCli(['tokens', 'create', '--role', 'leader', '--label', 'Trưởng đoàn 02', '--campaign', 'quang-xuong-2023', '--team', '2'], config, d.io),
    0,
  );
  t.equal(d.out.length, 1, 'one line saying what was done, the token at its end');
  t.match(d.out[0], /^token \d+ created for leader "Trưởng đoàn 02" \(quang-xuong-2023, team 2\), shown only once: ict_\S+$/);
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

t.test('an unknown command or option prints the usage and touches nothing', async (t) => {
  const dir = tempDir(t);
  const config = testConfig(dir);
  const refused = [
    [],
    ['frobnicate'],
    ['seed', '--force'],
    ['seed', 'extra'],
    ['load'],
    ['backup'],
    ['tokens'],
    ['tokens', 'lst'],
    ['tokens', 'list', '--role', 'office'],
    ['tokens', 'create', '--role', 'leader'],
    ['tokens', 'create', '--role', 'boss', '--label', 'x'],
    ['tokens', 'create', '--role', 'leader', '--label', 'x', '--team', 'hai'],
    ['tokens', 'create', '--role', 'leader', '--label'],
    ['tokens', 'revoke'],
    ['tokens', 'revoke', 'abc'],
    ['demo-tokens', '--campaign', 'quang-xuong-2023'],
  ];
  for (const argv of refused) {
    const a = io();
    t.equal(await runCli(argv, config, a.io), 2, argv.join(' ') || '(nothing)');
    t.match(a.err[0], /^usage: npm run cli/);
    t.same(a.out, []);
  }
  t.notOk(existsSync(config.databaseFile), 'no database was created');
  t.same(readdirSync(dir), [], 'nothing was written at all');

  const help = io();
  t.equal(await runCli(['--help'], config, help.io), 0);
  t.match(help.out[0], /^usage: npm run cli/);
  t.notOk(existsSync(config.databaseFile));
});

t.test('every command says in one line what it did', async (t) => {
  const dir = tempDir(t);
  const config = testConfig(dir);
  const said = async (argv: string[]) => {
    const a = io();
    t.equal(await runCli(argv, config, a.io), 0, argv.join(' '));
    t.equal(a.out.length, 1, `${argv.join(' ')}: one line`);
    t.same(a.err, []);
    return a.out[0]!;
  };
  t.equal(await said(['tokens', 'list']), 'no tokens');
  t.equal(await said(['seed']), 'quang-xuong-2023: loaded');
  t.match(await said(['demo-tokens']), /^wrote 5 tokens to .*demo-tokens\.env$/);
  t.match(await said(['tokens', 'create', '--role', 'office', '--label', 'Văn thư']), /^token \d+ created for office "Văn thư", shown only once: ict_/);
  t.match(await said(['tokens', 'revoke', '1']), /^token 1 revoked at 20\d\d-/);
  t.match(await said(['backup', join(dir, 'copy.sqlite')]), /^backup written to .*copy\.sqlite \(\d+ pages, integrity ok\)$/);
  t.equal(await said(['tokens', 'list', '--campaign', 'khong-co']), 'no tokens for khong-co');
});

t.test('invite makes a person and prints their single-use sign-in link; rehearsal makes the campaign to practise on', async (t) => {
  const dir = tempDir(t);
  const config = testConfig(dir);
  const run = async (argv: string[]) => {
    const a = io();
    const code = await runCli(argv, config, a.io, () => new Date('2026-12-07T02:00:00Z'));
    return { code, out: a.out, err: a.err };
  };
  t.equal((await run(['seed'])).code, 0);
  const invited = await run(['invite', '--campaign', 'quang-xuong-2023', '--role', 'leader', '--team', '2', '--name', 'Lê Văn Hùng']);
  t.equal(invited.code, 0, invited.err.join('\n'));
  t.match(invited.out, [
    /^person \d+ "Lê Văn Hùng" \(leader\) invited, single-use link valid until 20\d\d-.*: http:\/\/localhost:\d+\/moi\/[A-Za-z0-9_-]{20,}$/,
  ]);

  const noTeam = await run(['invite', '--campaign', 'quang-xuong-2023', '--role', 'leader', '--name', 'Không Đoàn']);
  t.equal(noTeam.code, 1, 'a leader without a team is refused');
  t.match(noTeam.err.join('\n'), /team/i);
  t.equal((await run(['invite', '--campaign', 'quang-xuong-2023', '--role', 'chief', '--name', 'X Y'])).code, 2, 'an unknown role prints the usage');

  const made = await run(['rehearsal']);
  t.equal(made.code, 0, made.err.join('\n'));
  t.match(made.out, [/^dien-tap-2026-12-07: made, 5 single-use sign-in links written to /]);
  const links = readFileSync(config.signInLinksFile, 'utf8');
  t.equal(links.match(/\/moi\//g)?.length, 5, 'one link per role in the file');
  const kept = await run(['rehearsal']);
  t.match(kept.out, [/^dien-tap-2026-12-07: open for registration, kept/]);
});
