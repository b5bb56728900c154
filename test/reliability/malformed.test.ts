import Database from 'better-sqlite3';
import { connect } from 'node:net';
import t from 'tap';
import { parse } from 'yaml';
import { systemActor } from '../../src/auth/actor.js';
import { generateOpenapiYaml } from '../../src/http/openapi-document.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { brokenBodies, brokenMultipartBodies, encodedQueryNames, hostileParams, mutate, sample, withInvalidUtf8, type Components } from '../helpers/fuzz.js';
import { visitDone } from '../helpers/findings.js';
import { operationsOf } from '../helpers/openapi.js';
import { runSeed, seededRandom } from '../helpers/random.js';

// A few thousand generated malformed requests across every route of the OpenAPI document: none may
// answer 5xx, every refusal must be problem+json, and the service must still be healthy afterwards.
// TEST_SEED=<n> replays another run; FUZZ_TRACE=1 prints every request before it is sent.

const REQUESTS = 3000;

interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string; schema?: object }[];
  body?: object;
}

const validParams: Record<string, string[]> = {
  campaignId: [QX],
  teamNo: ['1', '2'],
  unitId: ['p-tckh', 'bhxh', 'xa-quang-hai'],
  date: ['2023-08-03', '2023-09-01'],
  year: ['2023', '2030'],
  format: ['html', 'docx', 'pdf'],
};

/** Percent-encodes, lone surrogates included (as their WTF-8 bytes); `raw` keeps %-sequences as they are. */
function encodeParam(value: string, raw: boolean): string {
  if (raw && /^[\x21-\x7e]+$/.test(value)) return value;
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- code points are what is encoded, a lone surrogate as one
  return [...value]
    .map((ch) => {
      try {
        return encodeURIComponent(ch);
      } catch {
        return '%ED%A0%80';
      }
    })
    .join('');
}

t.test(`${REQUESTS} malformed requests: no 5xx, no crash`, async (t) => {
  const seed = runSeed(6062023);
  const random = seededRandom(seed);
  const doc = parse(await generateOpenapiYaml()) as Parameters<typeof operationsOf>[0] & { components: { schemas: Components } };
  const operations: Operation[] = operationsOf(doc).map(({ method, path, parameters, op }) => ({
    method,
    path,
    params: parameters,
    body: op.requestBody?.content['application/json']?.schema,
  }));
  const ctx = await buildTestApp(t, { config: { rateLimitMax: 1_000_000 } });
  const { app, as, tokens, config, services } = ctx;
  // A visit the team may work on, so checklist and evidence routes get past their 404.
  validParams['visitId'] = [String(visitDone(ctx, 1, 'p-tckh', '2023-08-07')), '1'];
  validParams['itemKey'] = ['II.1', 'tckh.q2'];
  // Valid token ids to revoke are throw-away tokens: revoking the caller's own would end the run early.
  validParams['tokenId'] = Array.from({ length: 20 }, (_, i) =>
    String(services.auth.create({ role: 'unit', label: `tạm ${i}`, campaignId: QX, unitId: 'p-tckh' }, systemActor('fuzz')).id),
  );
  const badAuth = [
    'Bearer',
    'Bearer ',
    `Bearer ict_${'A'.repeat(43)}`,
    'Bearer ' + 'x'.repeat(5000),
    'Basic YTpi',
    `Bearer ${tokens.office} extra`,
    'Bearer ict_\u0000',
  ];
  const roles = ['office', 'office', 'office', 'leader', 'secretary', 'member', 'unit'] as const;

  const statuses = new Map<number, number>();
  const failures: string[] = [];
  for (let i = 0; i < REQUESTS; i += 1) {
    const op = random.pick(operations);
    const strategy = random.int(0, 5);
    const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
      encodeParam(strategy === 0 || random.chance(0.25) ? random.pick(hostileParams) : random.pick(validParams[name] ?? ['1']), random.chance(0.2)),
    );
    const query = new URLSearchParams();
    for (const p of op.params.filter((p) => p.in === 'query')) {
      if (random.chance(0.7))
        query.append(p.name, String(strategy === 1 || random.chance(0.3) ? random.pick(hostileParams) : sample(p.schema, doc.components.schemas, random)));
    }
    if (random.chance(0.1)) query.append(random.pick(['q', 'limit', 'before', '__proto__', 'token']), random.pick(hostileParams));
    // Names written with %-escapes go in raw: URLSearchParams would escape their "%".
    const rawQuery = random.chance(0.05) ? `${random.pick(encodedQueryNames)}=${encodeParam(random.pick([...hostileParams, tokens.unit]), false)}` : '';
    const headers: Record<string, string> = random.chance(0.08) ? {} : { ...as(random.pick(roles)) };
    if (random.chance(0.05)) headers['authorization'] = random.pick(badAuth);
    if (random.chance(0.1)) headers['if-match'] = random.pick(['"1"', '*', 'W/"1"', 'garbage', '""', '"' + 'x'.repeat(300)]);
    if (random.chance(0.1)) headers['idempotency-key'] = random.pick(['k1', 'k1', 'x'.repeat(300), 'khóa', ' ']);

    let payload: string | Buffer | undefined;
    if (op.method !== 'GET' && op.method !== 'DELETE') {
      const valid = sample(op.body, doc.components.schemas, random);
      headers['content-type'] = 'application/json';
      if (strategy === 2) payload = random.pick(brokenBodies);
      else if (strategy === 3 && random.chance(0.3)) {
        const broken = random.pick(brokenMultipartBodies);
        headers['content-type'] = broken.type;
        payload = broken.payload;
      } else if (strategy === 3) {
        headers['content-type'] = random.pick([
          'text/plain',
          'application/xml',
          'application/yaml',
          'multipart/form-data',
          'application/json; charset=latin1',
          'application/x-www-form-urlencoded',
        ]);
        payload = random.pick(['a: [', 'a: &a [*a, *a]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]', '<x/>', 'a=1&b=2', JSON.stringify(valid)]);
      } else if (strategy === 4 && random.chance(0.1)) payload = JSON.stringify({ label: 'x'.repeat(config.bodyLimitBytes) });
      else if (strategy === 5 && random.chance(0.1)) payload = Buffer.from([0xff, 0xfe, 0x7b, 0x80, 0x22]);
      else if (strategy === 5 && random.chance(0.2)) payload = withInvalidUtf8(valid, random);
      else payload = JSON.stringify(strategy === 5 ? valid : mutate(valid, random));
    }
    const search = [query.size ? String(query) : '', rawQuery].filter((part) => part !== '').join('&');
    const url = search ? `${path}?${search}` : path;
    if (process.env['FUZZ_TRACE'])
      process.stderr.write(
        `#${i} ${op.method} ${url.slice(0, 160)} ${headers['content-type'] ?? ''} ${typeof payload === 'string' ? payload.slice(0, 80) : ''}\n`,
      );
    let res;
    try {
      res = await app.inject({ method: op.method as 'GET', url, headers, ...(payload === undefined ? {} : { payload }) });
    } catch (error) {
      failures.push(`#${i} ${op.method} ${url.slice(0, 200)}: inject threw ${String(error)}`);
      continue;
    }
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    const type = String(res.headers['content-type'] ?? '');
    if (res.statusCode >= 500) failures.push(`#${i} ${op.method} ${url.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`);
    else if (res.statusCode >= 400 && !type.startsWith('application/problem+json')) {
      failures.push(`#${i} ${op.method} ${url.slice(0, 200)} → ${res.statusCode} as ${type}, not problem+json`);
    }
  }
  // Every broken multipart body, to an upload that would otherwise be accepted: a visit of its own,
  // since the run above may have cancelled or moved the first one.
  const upload = `/campaigns/${QX}/visits/${visitDone(ctx, 1, 'p-tnmt', '2023-08-08')}/checklist/items/II.1/evidence`;
  for (const { type, payload } of brokenMultipartBodies) {
    const res = await app.inject({ method: 'POST', url: upload, headers: { ...as('secretary'), 'content-type': type }, payload });
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    if (res.statusCode !== 400 || res.headers['content-type'] !== 'application/problem+json; charset=utf-8') {
      failures.push(`POST ${upload} ${type} (${payload.length} bytes) → ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
  }
  t.comment(
    `seed ${seed}: sent ${REQUESTS} requests over ${operations.length} operations; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
  );
  t.same(failures.slice(0, 30), [], `no 5xx and only problem+json refusals (${failures.length} failures)`);
  t.equal([...statuses.keys()].filter((s) => s >= 500).length, 0, 'zero 5xx');

  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200, 'still healthy');
  const db = new Database(config.databaseFile, { readonly: true });
  t.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  db.close();
});

t.test('malformed HTTP on a real socket: answered 4xx or closed, never a crash', async (t) => {
  const { app } = await buildTestApp(t, { seed: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = new URL(address);
  const raw = (text: string) =>
    new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      socket.on('close', () => resolve(answer));
      socket.on('error', () => resolve(answer));
      socket.setTimeout(3000, () => socket.destroy());
      socket.end(text);
    });
  const junk = [
    'GARBAGE\r\n\r\n',
    'GET /health HTTP/9.9\r\n\r\n',
    'GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET /campaigns/%E0%A4%A HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer x\r\n\r\n',
    `GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(100_000)}\r\n\r\n`,
    'POST /campaigns HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    'POST /auth/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":1}',
    'GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
    'GET /health HTTP/1.1\r\n\0Host: x\r\n\r\n',
    `GET /health HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 3000 }, (_, i) => `X-H${i}: v`).join('\r\n')}\r\n\r\n`,
    `GET /health?${'q=1&'.repeat(5000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
  ];
  let answered = 0;
  for (const text of junk) {
    const answer = await raw(text);
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
    if (status) answered += 1;
    t.ok(status === 0 || (status >= 400 && status < 500), `${JSON.stringify(text.slice(0, 40))} → ${status || 'closed'}`);
    if (status) {
      t.match(answer, /\r\ncontent-type: application\/problem\+json; charset=utf-8\r\n/i, `${status} is problem+json`);
      t.match(answer, /\r\nx-request-id: \S+\r\n/i, `${status} carries X-Request-Id`);
      t.match(answer, /\r\nx-content-type-options: nosniff\r\n/i, `${status} carries the security headers`);
    }
  }
  t.ok(answered > 0);
  t.equal((await fetch(`${address}/health`)).status, 200, 'still serving');
});
