import { readFileSync } from 'node:fs';
import t from 'tap';
import { parse } from 'yaml';
import { generateOpenapiYaml } from '../../src/http/openapi-document.js';
import { fromRoot } from '../../src/paths.js';

t.test('the checked-in openapi.yaml matches the routes (run npm run openapi after changing a route)', async (t) => {
  const generated = await generateOpenapiYaml();
  const checkedIn = readFileSync(fromRoot('openapi.yaml'), 'utf8');
  t.equal(checkedIn, generated);
});

t.test('every operation documents a summary and its responses', async (t) => {
  const doc = parse(await generateOpenapiYaml());
  for (const [path, item] of Object.entries<Record<string, { summary?: string; responses?: object }>>(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      t.ok(op.summary, `${method.toUpperCase()} ${path} has a summary`);
      t.ok(op.responses && Object.keys(op.responses).length > 0, `${method.toUpperCase()} ${path} has responses`);
    }
  }
});
