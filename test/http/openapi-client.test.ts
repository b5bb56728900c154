import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import t from 'tap';
import ts from 'typescript';
import { fromRoot } from '../../src/paths.js';
import { buildTestApp, tempDir } from '../helpers/app.js';

// A client built the way a team outside would: types generated from openapi.yaml by openapi-typescript,
// calls made with openapi-fetch. It must type-check under strict TypeScript, and then work.

const fetchModule = fromRoot('node_modules/openapi-fetch/dist/index.mjs');

const client = `import createClient from '${fetchModule}';
import type { components, paths } from './api.js';

type Registration = components['schemas']['VisitRegistration'];

/** Registers a visit, then one that clashes with it, and reads the clashes of the 409. */
export async function registerAndClash(baseUrl: string, office: string) {
  const api = createClient<paths>({ baseUrl, headers: { authorization: \`Bearer \${office}\` } });
  const path = { campaignId: 'quang-xuong-2023' };
  const visit: Registration = { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-03', session: 'sang' };
  const first = await api.POST('/campaigns/{campaignId}/visits', {
    params: { path, header: { 'idempotency-key': 'dang-ky-doan-01-p-tckh' } },
    body: visit,
  });
  if (!first.data) throw new Error(\`registration refused: \${first.error.code}\`);
  const visitId: number = first.data.visit.id;
  const etag = first.response.headers.get('etag');

  const second = await api.POST('/campaigns/{campaignId}/visits', {
    params: { path },
    body: { teamNumber: 2, unitId: 'bhxh', date: '2023-08-03', session: 'sang' },
  });
  const problem = second.error;
  if (!problem || !('clashes' in problem)) throw new Error('expected the clashes of a 409');
  const codes: string[] = (problem.clashes ?? []).map((clash) => clash.code);
  const units: string[] = (problem.clashes ?? []).flatMap((clash) => clash.units);

  const moved = await api.PATCH('/campaigns/{campaignId}/visits/{visitId}', {
    params: { path: { ...path, visitId }, header: { 'if-match': etag ?? '' } },
    body: { session: 'chieu' },
  });
  return { visitId, status: second.response.status, code: problem.code, codes, units, moved: moved.data?.visit.session };
}
`;

// The same client with two mistakes the generated types must catch.
const wrong = client.replace("teamNumber: 1, unitId: 'p-tckh'", "teamNumber: '1', unitId: 'p-tckh'").replace('clash.units)', 'clash.unit)');

function typeErrors(dir: string, file: string): string[] {
  const program = ts.createProgram([join(dir, file)], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

t.test('a client generated from openapi.yaml type-checks, registers a visit and reads the 409 clashes', async (t) => {
  const dir = tempDir(t, 'ics-client-');
  writeFileSync(join(dir, 'api.d.ts'), astToString(await openapiTS(pathToFileURL(fromRoot('openapi.yaml')))));
  writeFileSync(join(dir, 'client.ts'), client);
  writeFileSync(join(dir, 'wrong.ts'), wrong);
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');

  t.same(typeErrors(dir, 'client.ts'), [], 'strict TypeScript accepts the client');
  const errors = typeErrors(dir, 'wrong.ts');
  t.equal(errors.length, 2, 'and refuses a string team number and a misspelt member');
  t.match(errors.join('\n'), /teamNumber|number/);
  t.match(errors.join('\n'), /unit/);

  const { app, tokens } = await buildTestApp(t);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const { registerAndClash } = (await import(pathToFileURL(join(dir, 'client.ts')).href)) as {
    registerAndClash(baseUrl: string, token: string): Promise<Record<string, unknown>>;
  };
  t.same(await registerAndClash(address, tokens.office), {
    visitId: 1,
    status: 409,
    code: 'VISIT_CLASH',
    codes: ['HOST_AWAY_INSPECTING'],
    units: ['bhxh'],
    moved: 'chieu',
  });
});
