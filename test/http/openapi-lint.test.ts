import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import t from 'tap';
import { fromRoot } from '../../src/paths.js';

// The contract is linted with Redocly's recommended rules (redocly.yaml): no error and no warning;
// a rule is turned off there, or one place ignored in .redocly.lint-ignore.yaml, only with its reason.

interface LintResult {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
}

t.test('npx redocly lint openapi.yaml: no error, no warning', async (t) => {
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  const run = promisify(execFile);
  let stdout: string;
  try {
    ({ stdout } = await run('npx', ['redocly', 'lint', 'openapi.yaml', '--format=json'], { cwd: fromRoot('.'), env, maxBuffer: 16 * 1024 * 1024 }));
  } catch (error) {
    stdout = (error as { stdout?: string }).stdout ?? ''; // exit code 1 when there are errors: the JSON says which
  }
  const result = JSON.parse(stdout) as LintResult;
  const problems = result.problems.map((p) => `${p.ruleId}: ${p.message} (${p.location[0]?.pointer ?? ''})`);
  t.same(problems, [], 'fix each problem, or turn its rule off in redocly.yaml with the reason');
  t.equal(result.totals.errors, 0);
  t.equal(result.totals.warnings, 0);
});
