import { connect } from 'node:net';
import t from 'tap';
import { securityHeaders } from '../../src/http/helmet.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { multipart, visitDone } from '../helpers/findings.js';

// Refusals made before any route runs, by Node's HTTP parser (431, 400) or by Fastify's router (a bad
// %-escape): problem+json with the same security headers and X-Request-Id as every other answer.

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function parse(raw: string): RawAnswer {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf(':');
    headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body: rest.join('\r\n\r\n') };
}

t.test('431, a broken request line and a bad %-escape answer problem+json with the service headers', async (t) => {
  const { app } = await buildTestApp(t, { seed: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = new URL(address);
  const send = (text: string) =>
    new Promise<RawAnswer>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
      socket.on('close', () => resolve(parse(answer)));
      socket.on('error', () => resolve(parse(answer)));
      socket.setTimeout(5000, () => socket.destroy());
      socket.write(text);
    });
  const cases: [string, string, number, string][] = [
    ['headers too large', `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(100_000)}\r\n\r\n`, 431, 'HEADERS_TOO_LARGE'],
    ['a URL too long for the header limit', `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431, 'HEADERS_TOO_LARGE'],
    ['not HTTP', 'GARBAGE\r\n\r\n', 400, 'BAD_REQUEST'],
    ['a negative Content-Length', 'GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n', 400, 'BAD_REQUEST'],
    [
      'Content-Length with chunked',
      'POST /campaigns HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      400,
      'BAD_REQUEST',
    ],
    ['a bad %-escape', 'GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'BAD_URL'],
    ['a bad %-escape in a parameter', 'GET /campaigns/%E0%A4%A HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer x\r\n\r\n', 400, 'BAD_URL'],
  ];
  for (const [name, text, status, code] of cases) {
    const answer = await send(text);
    t.equal(answer.status, status, name);
    t.equal(answer.headers['content-type'], 'application/problem+json; charset=utf-8', `${name}: problem+json`);
    for (const [header, value] of Object.entries(securityHeaders)) t.equal(answer.headers[header], value, `${name}: ${header}`);
    t.match(answer.headers['x-request-id'], /^[\w.:-]{8,64}$/, `${name}: X-Request-Id`);
    const body = JSON.parse(answer.body) as { status: number; code: string; requestId: string; detail: string };
    t.match(body, { status, code }, name);
    t.equal(body.requestId, answer.headers['x-request-id'], `${name}: the body names the same request id`);
    t.ok(body.detail, `${name}: says what went wrong`);
  }
  t.equal((await fetch(`${address}/health`)).status, 200, 'still serving');
});

t.test('a method a path does not take answers 405 with Allow; a path that does not exist stays 404', async (t) => {
  const { app, as } = await buildTestApp(t);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const cases: [string, string, number, string | null][] = [
    ['PUT', '/campaigns', 405, 'GET, HEAD, POST'],
    ['DELETE', '/health', 405, 'GET, HEAD'],
    ['POST', '/auth/tokens/7', 405, 'DELETE'],
    ['PATCH', '/campaigns/quang-xuong-2023/outline-bundles', 405, 'GET, HEAD, POST'],
    ['DELETE', '/campaigns/quang-xuong-2023/units/p-tckh/self-report?x=1', 405, 'GET, HEAD, PATCH, PUT'],
    ['PATCH', '/nowhere', 404, null],
    ['GET', '/campaigns/quang-xuong-2023/nothing-here', 404, null],
  ];
  for (const [method, path, status, allow] of cases) {
    const res = await fetch(`${address}${path}`, { method, headers: as('office') });
    t.equal(res.status, status, `${method} ${path}`);
    t.equal(res.headers.get('allow'), allow, `${method} ${path}: Allow`);
    t.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    t.equal(res.headers.get('x-content-type-options'), 'nosniff');
    t.ok(res.headers.get('x-request-id'));
    const body = (await res.json()) as { code: string; detail: string };
    t.equal(body.code, status === 405 ? 'METHOD_NOT_ALLOWED' : 'ROUTE_NOT_FOUND');
    if (allow) t.match(body.detail, allow);
  }
});

t.test('a request that arrives while the service closes is refused with 503 problem+json, and the answer in flight completes', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as } = ctx;
  const visitId = visitDone(ctx, 1, 'p-tckh', '2023-08-07');
  const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(8 * 1_048_576, 0x20)]);
  const upload = multipart('lon.pdf', 'application/pdf', big);
  const created = await app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits/${visitId}/checklist/items/II.1/evidence`,
    headers: { ...as('secretary'), ...upload.headers },
    payload: upload.payload,
  });
  t.equal(created.statusCode, 201);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });

  // A download the client does not read yet keeps its connection busy when the close starts; the
  // request pipelined behind it then arrives while the service is closing.
  const socket = connect(Number(new URL(address).port), '127.0.0.1');
  const received: Buffer[] = [];
  const ended = new Promise((resolve) => socket.on('close', resolve));
  // The client stops reading once the answer has begun: the server is then writing it, whatever the load.
  const begun = new Promise((resolve) =>
    socket.once('data', () => {
      socket.pause();
      resolve(undefined);
    }),
  );
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  socket.write(`GET ${created.json().url} HTTP/1.1\r\nHost: x\r\nAuthorization: ${as('office').authorization}\r\n\r\n`);
  await begun;
  const closing = app.close();
  await new Promise((resolve) => setTimeout(resolve, 100));
  socket.write(`GET /health HTTP/1.1\r\nHost: x\r\n\r\n`);
  await new Promise((resolve) => setTimeout(resolve, 100));
  socket.resume();
  await ended;
  await closing;
  const all = Buffer.concat(received);
  const firstHead = all.subarray(0, all.indexOf('\r\n\r\n')).toString('latin1');
  t.match(firstHead, /^HTTP\/1\.1 200 /, 'the download in flight was answered');
  const secondAt = all.indexOf('HTTP/1.1 503', big.length);
  t.ok(secondAt > 0, 'the pipelined request was refused with 503');
  const second = parse(all.subarray(secondAt).toString('utf8'));
  t.equal(second.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.equal(second.headers['x-content-type-options'], 'nosniff');
  t.ok(second.headers['x-request-id']);
  t.ok(Number(second.headers['retry-after']) >= 1);
  t.match(JSON.parse(second.body), { status: 503, code: 'SHUTTING_DOWN' });
});
