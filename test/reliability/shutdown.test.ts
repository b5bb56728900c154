import { request } from 'node:http';
import t from 'tap';
import { miniDefinition } from '../helpers/definitions.js';
import { tempDir } from '../helpers/app.js';
import { startServer } from '../helpers/server.js';

interface Answer {
  status: number;
  body: string;
}

/** A POST whose body arrives in two halves, the second only when `finish` is called. */
function slowPost(url: string, token: string, payload: string) {
  const bytes = Buffer.from(payload);
  const req = request(`${url}/campaigns`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': bytes.length },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
  const half = Math.floor(bytes.length / 2);
  req.write(bytes.subarray(0, half));
  return {
    answer,
    finish: () => req.end(bytes.subarray(half)),
  };
}

t.test('SIGTERM lets an in-flight request finish, refuses new ones, and exits 0', async (t) => {
  const dir = tempDir(t);
  const server = await startServer(t, dir);
  const office = server.tokens['OFFICE_TOKEN']!;

  const slow = slowPost(server.url, office, JSON.stringify(miniDefinition('during-shutdown')));
  await new Promise((r) => setTimeout(r, 300));
  server.process.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));

  const late = await fetch(`${server.url}/health`).then(
    (res) => res.status,
    () => 'refused',
  );
  t.ok(late === 'refused' || late === 503, `a new request after SIGTERM is not served (${late})`);
  t.equal(server.process.exitCode, null, 'still running while a request is in flight');

  slow.finish();
  const answer = await slow.answer;
  t.equal(answer.status, 201, 'the in-flight request completed');
  t.equal(JSON.parse(answer.body).campaign.id, 'during-shutdown');
  const exit = await server.exited;
  t.same(exit, { code: 0, signal: null }, 'clean exit');
  t.ok(server.logs.some((line) => line.includes('closing: finishing in-flight requests')));

  const again = await startServer(t, dir);
  const res = await fetch(`${again.url}/campaigns/during-shutdown`, { headers: { authorization: `Bearer ${office}` } });
  t.equal(res.status, 200, 'the answered write is on disk');
  again.process.kill('SIGTERM');
  t.same(await again.exited, { code: 0, signal: null });
});

t.test('SIGTERM while five uncached outline PDFs render: they finish, and the process exits 0 within 2 s of the last', async (t) => {
  // A deadline far away, so that only the service's own closing decides when it exits.
  const server = await startServer(t, tempDir(t), { SHUTDOWN_TIMEOUT_MS: '60000' });
  const headers = { authorization: `Bearer ${server.tokens['OFFICE_TOKEN']}` };
  const units = ['p-tckh', 'p-tnmt', 'p-ldtbxh', 'xa-quang-hai', 'tt-tan-phong'];
  const renders = units.map(async (unit) => {
    const res = await fetch(`${server.url}/campaigns/quang-xuong-2023/units/${unit}/outline/pdf`, { headers });
    const body = Buffer.from(await res.arrayBuffer());
    return { status: res.status, pdf: body.subarray(0, 5).toString(), at: performance.now() };
  });
  // SIGTERM once the service has all five requests (each logs its arrival).
  const arrived = () => server.logs.filter((line) => line.includes('incoming request') && line.includes('/outline/pdf')).length;
  for (let waited = 0; arrived() < units.length && waited < 30_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
  t.equal(arrived(), units.length, 'the five requests are in');
  server.process.kill('SIGTERM');

  const answers = await Promise.all(renders);
  t.same(
    answers.map((a) => [a.status, a.pdf]),
    units.map(() => [200, '%PDF-']),
    'every render finished',
  );
  const lastAnswer = Math.max(...answers.map((a) => a.at));
  const exit = await server.exited;
  const exitAfterMs = performance.now() - lastAnswer;
  t.same(exit, { code: 0, signal: null }, 'a clean exit');
  t.ok(exitAfterMs < 2000, `exited ${Math.round(exitAfterMs)} ms after the last render`);
  t.notOk(
    server.logs.some((line) => line.includes('still running')),
    'no false "requests still running"',
  );
});
