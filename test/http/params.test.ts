import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { ID_MAX } from '../../src/http/params.js';
import { buildTestApp, QX } from '../helpers/app.js';

// Numeric path parameters are decimal digits without sign, spaces or leading zeros, on every route:
// anything else is 400 naming the parameter, sent over real HTTP (so the URL is parsed as a client's).

const loose = ['0x1', '0b1', '0o1', '1e0', '+1', '1.0', '%201', '1%20', '01', '-1', '1_0', 'Infinity', String(ID_MAX + 1)];
const valid: Record<string, string> = {
  campaignId: QX,
  unitId: 'p-tckh',
  date: '2023-08-03',
  format: 'pdf',
  setId: 'de-an-06',
  blockId: 'y-te',
  itemKey: 'II.1',
};

t.test('loose spellings of a numeric id answer 400 naming the parameter, on every route that has one', async (t) => {
  const { app, as } = await buildTestApp(t, { config: { rateLimitMax: 1_000_000 } });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  type Parameter = { name: string; in: string; schema: { type?: string; maximum?: number } };
  const doc = app.swagger() as {
    paths: Record<string, Record<string, { parameters?: (Parameter | { $ref: string })[] }>>;
    components: { parameters: Record<string, Parameter> };
  };
  // Parameters shared by several routes are written once, as components: read them through their $ref.
  const resolve = (p: Parameter | { $ref: string }) => ('$ref' in p ? doc.components.parameters[p.$ref.split('/').pop()!]! : p);
  const numeric = new Set<string>();
  const bounds = new Set<number>();
  let checked = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const params = (op.parameters ?? []).map(resolve).filter((p) => p.in === 'path');
      for (const param of params.filter((p) => p.schema.type === 'integer')) {
        numeric.add(param.name);
        if (/Id$|^version$/.test(param.name)) bounds.add(param.schema.maximum!);
        for (const spelling of loose) {
          const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === param.name ? spelling : (valid[name] ?? '1')));
          let res = await fetch(`${base}${url}`, { method: method.toUpperCase(), headers: as('office') });
          if (res.status === 403) res = await fetch(`${base}${url}`, { method: method.toUpperCase(), headers: as('leader') });
          const body = (await res.json()) as { errors?: { in: string; field: string }[] };
          t.equal(res.status, 400, `${method.toUpperCase()} ${url}`);
          t.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
          t.ok(
            body.errors?.some((e) => e.in === 'params' && e.field === param.name),
            `${url} names ${param.name}`,
          );
          checked += 1;
        }
      }
    }
  }
  // Every numeric parameter of the service, each declared an integer (a string one would be missing here).
  t.same([...numeric].sort(), [
    'bundleId',
    'documentId',
    'evidenceId',
    'fileId',
    'personId',
    'recommendationId',
    'teamNo',
    'tokenId',
    'version',
    'visitId',
    'year',
  ]);
  t.same([...bounds], [ID_MAX], 'every id has the same bound');
  t.ok(checked > 200, `${checked} requests`);
});

t.test('DELETE /auth/tokens/0x10 no longer revokes token 16; the plain spelling still works', async (t) => {
  const { app, as, services } = await buildTestApp(t);
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  let target = services.auth.create({ role: 'unit', label: 'tạm', campaignId: QX, unitId: 'p-tckh' }, systemActor('test'));
  while (target.id < 16) target = services.auth.create({ role: 'unit', label: 'tạm', campaignId: QX, unitId: 'p-tckh' }, systemActor('test'));
  const hex = `0x${target.id.toString(16)}`;
  const refused = await fetch(`${base}/auth/tokens/${hex}`, { method: 'DELETE', headers: as('office') });
  t.equal(refused.status, 400);
  t.match(await refused.json(), { code: 'VALIDATION_FAILED', errors: [{ in: 'params', field: 'tokenId' }] });
  t.equal(services.auth.list().find((x) => x.id === target.id)?.revokedAt, null, 'the token is still valid');
  const revoked = await fetch(`${base}/auth/tokens/${target.id}`, { method: 'DELETE', headers: as('office') });
  t.equal(revoked.status, 200);
  t.ok((await revoked.json()).revokedAt);
});
