import { spawn } from 'node:child_process';
import { once } from 'node:events';
import t from 'tap';
import { buildTestApp, QX } from '../helpers/app.js';
import { childEnv } from '../helpers/child.js';
import { headersFor } from '../helpers/schedule.js';

// Many leaders race for one slot over real HTTP. Every pair of these registrations clashes (team 01
// twice in one session, or team 02 at Bảo hiểm xã hội huyện while team 01 is out), so exactly one wins.

const team1Targets = ['p-tckh', 'p-ldtbxh', 'p-tnmt', 'tt-tan-phong', 'xa-quang-binh', 'xa-quang-hop', 'xa-quang-hai', 'xa-quang-thai', 'xa-quang-nhan'];

function contenders(date: string) {
  return [
    ...team1Targets.flatMap((unitId) => [
      { team: 1, body: { teamNumber: 1, unitId, date, session: 'sang' } },
      { team: 1, body: { teamNumber: 1, unitId, date, startTime: '08:00', endTime: '10:00' } },
    ]),
    ...Array.from({ length: 12 }, (_, i) => ({
      team: 2,
      body: { teamNumber: 2, unitId: 'bhxh', date, ...(i % 2 ? { session: 'ca-ngay' } : { startTime: '09:00', endTime: '11:00' }) },
    })),
  ];
}

async function race(urls: string[], headers: Record<number, { authorization: string }[]>, date: string) {
  const all = contenders(date);
  const responses = await Promise.all(
    all.map((c, i) =>
      fetch(`${urls[i % urls.length]}/campaigns/${QX}/visits`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers[c.team]![i % headers[c.team]!.length]! },
        body: JSON.stringify(c.body),
      }).then(async (res) => ({ status: res.status, body: await res.json() })),
    ),
  );
  return responses;
}

t.test('parallel conflicting registrations over HTTP: exactly one 201, every time', async (t) => {
  const test = await buildTestApp(t);
  const url = await test.app.listen({ port: 0, host: '127.0.0.1' });
  const headers = {
    1: [test.as('leader'), test.as('secretary'), headersFor(test, 'leader', { teamNumber: 1 })],
    2: [headersFor(test, 'leader', { teamNumber: 2 }), headersFor(test, 'secretary', { teamNumber: 2 })],
  };
  for (const date of ['2023-08-07', '2023-08-08', '2023-08-09', '2023-08-10', '2023-08-11']) {
    const responses = await race([url], headers, date);
    const statuses = responses.map((r) => r.status);
    t.equal(statuses.filter((s) => s === 201).length, 1, `${date}: one winner of ${responses.length}`);
    t.equal(statuses.filter((s) => s === 409).length, responses.length - 1, `${date}: every other one is a 409`);
    const listed = await test.app.inject({ method: 'GET', url: `/campaigns/${QX}/visits?from=${date}&to=${date}`, headers: test.as('office') });
    t.equal(listed.json().length, 1, `${date}: one visit saved`);
  }
});

t.test('two processes on one database file: still exactly one 201', async (t) => {
  const test = await buildTestApp(t);
  const url = await test.app.listen({ port: 0, host: '127.0.0.1' });
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/schedule-server.ts'], {
    env: childEnv({ TEST_DIR: test.dir, TEST_NOW: test.clock.now().toISOString() }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.teardown(() => {
    child.kill('SIGTERM');
  });
  // The second process prints its port once it listens; a crash or a hang fails the test instead.
  const port = await Promise.race([
    once(child.stdout, 'data').then(([chunk]) => String(chunk).trim()),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`second server exited with ${code}`))),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('second server did not start in 60 s')), 60_000).unref()),
  ]);
  const otherUrl = `http://127.0.0.1:${port}`;
  const headers = {
    1: [test.as('leader'), headersFor(test, 'secretary', { teamNumber: 1 })],
    2: [headersFor(test, 'leader', { teamNumber: 2 })],
  };
  for (const date of ['2023-08-14', '2023-08-15', '2023-08-16']) {
    const responses = await race([url, otherUrl], headers, date);
    const statuses = responses.map((r) => r.status);
    t.equal(statuses.filter((s) => s === 201).length, 1, `${date}: one winner across two processes`);
    t.same([...new Set(statuses.filter((s) => s !== 201))], [409], `${date}: the others are 409 (no 503)`);
  }
});
