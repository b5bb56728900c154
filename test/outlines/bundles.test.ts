import { strFromU8, unzipSync } from 'fflate';
import { statSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import t from 'tap';
import { outlineBundles } from '../../src/outlines/tables.js';
import { buildTestApp, QX, type TestApp } from '../helpers/app.js';

async function waitFor(app: TestApp['app'], headers: Record<string, string>, location: string) {
  for (let i = 0; i < 600; i += 1) {
    const job = (await app.inject({ method: 'GET', url: location, headers })).json();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('bundle did not finish');
}

t.test('a team’s outlines as one zip, built in the background with progress', async (t) => {
  const { app, as, config } = await buildTestApp(t);
  const res = await app.inject({ method: 'POST', url: `/campaigns/${QX}/outline-bundles`, headers: as('office'), payload: { teamNumber: 1 } });
  t.equal(res.statusCode, 202);
  const job = res.json();
  t.match(job, { teamNumber: 1, total: 9, done: 0, download: null });
  t.ok(['queued', 'running'].includes(job.status));
  const location = res.headers.location as string;
  t.equal(location, `/campaigns/${QX}/outline-bundles/${job.id}`);

  const again = await app.inject({ method: 'POST', url: `/campaigns/${QX}/outline-bundles`, headers: as('office'), payload: { teamNumber: 1 } });
  t.equal(again.statusCode, 200, 'the running job is answered');
  t.equal(again.json().id, job.id);
  const early = await app.inject({ method: 'GET', url: `${location}/file`, headers: as('office') });
  t.equal(early.statusCode, 409);
  t.equal(early.json().code, 'BUNDLE_NOT_READY');

  const done = await waitFor(app, as('office'), location);
  t.match(done, { status: 'done', done: 9, total: 9, error: null, download: `${location}/file` });
  const kept = join(config.storageDir, 'outlines', 'bundles', `bundle-${job.id}.zip`);
  t.equal((statSync(kept).mode & 0o777).toString(8), '600', 'the zip is for the service user only');
  t.equal((statSync(dirname(kept)).mode & 0o777).toString(8), '700');
  const zip = await app.inject({ method: 'GET', url: `${location}/file`, headers: as('office') });
  t.equal(zip.statusCode, 200);
  t.equal(zip.headers['content-type'], 'application/zip');
  t.match(zip.headers['content-disposition'], /de-cuong-quang-xuong-2023-doan-01\.zip/);
  const files = unzipSync(new Uint8Array(zip.rawPayload));
  const names = Object.keys(files).sort();
  t.equal(names.length, 18, 'a PDF and a Word file for each of the 9 targets');
  t.ok(names.includes('doan-01/de-cuong-phong-tai-chinh-ke-hoach.pdf'));
  t.ok(names.includes('doan-01/de-cuong-xa-quang-nhan.docx'));
  for (const name of names) {
    const head = strFromU8(files[name]!.subarray(0, 4));
    t.equal(head, name.endsWith('.pdf') ? '%PDF' : 'PK\u0003\u0004', name);
  }

  // A client that half-closes its side once the request is sent (shutdown(SHUT_WR), `nc -N`) still
  // gets the whole file: a FIN ends the request, not the client's interest in the answer.
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const answer = await new Promise<Buffer>((resolve, reject) => {
    const socket = connect(Number(new URL(address).port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
    socket.end(`GET ${location}/file HTTP/1.1\r\nHost: x\r\nAuthorization: ${as('office').authorization}\r\n\r\n`);
  });
  const split = answer.indexOf('\r\n\r\n');
  t.match(answer.subarray(0, split).toString('latin1'), /^HTTP\/1\.1 200 /);
  t.equal(answer.length - split - 4, zip.rawPayload.length, `the whole zip after a half-close (${zip.rawPayload.length} bytes)`);
  t.same(answer.subarray(split + 4), zip.rawPayload);

  const next = await app.inject({ method: 'POST', url: `/campaigns/${QX}/outline-bundles`, headers: as('office'), payload: { teamNumber: 1 } });
  t.equal(next.statusCode, 202, 'a finished job does not block a new one');
  await waitFor(app, as('office'), next.headers.location as string);
  const list = await app.inject({ method: 'GET', url: `/campaigns/${QX}/outline-bundles`, headers: as('office') });
  t.same(list.json().map((b: { id: number }) => b.id), [next.json().id, job.id]);
});

t.test('only the office asks for bundles; an unknown team is 404', async (t) => {
  const { app, as } = await buildTestApp(t);
  const leader = await app.inject({ method: 'POST', url: `/campaigns/${QX}/outline-bundles`, headers: as('leader'), payload: { teamNumber: 1 } });
  t.equal(leader.statusCode, 403);
  const unknown = await app.inject({ method: 'POST', url: `/campaigns/${QX}/outline-bundles`, headers: as('office'), payload: { teamNumber: 9 } });
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.json().code, 'TEAM_NOT_FOUND');
  const missing = await app.inject({ method: 'GET', url: `/campaigns/${QX}/outline-bundles/999`, headers: as('office') });
  t.equal(missing.statusCode, 404);
  const nowhere = await app.inject({ method: 'GET', url: '/campaigns/khong-co/outline-bundles', headers: as('office') });
  t.equal(nowhere.statusCode, 404, 'the bundles of a campaign that does not exist');
  t.equal(nowhere.json().code, 'CAMPAIGN_NOT_FOUND');
});

t.test('a job whose process died is replaced by a new one', async (t) => {
  const { app, as, services, clock } = await buildTestApp(t);
  const dead = services.db
    .insert(outlineBundles)
    .values({
      campaignId: QX,
      teamNumber: 2,
      scope: 'team-2',
      status: 'running',
      total: 8,
      done: 3,
      createdAt: '2023-07-20T01:00:00.000Z',
      createdBy: 'test',
      heartbeatAt: new Date(clock.now().getTime() - 10 * 60_000).toISOString(),
    })
    .returning()
    .get();
  const res = await app.inject({ method: 'POST', url: `/campaigns/${QX}/outline-bundles`, headers: as('office'), payload: { teamNumber: 2 } });
  t.equal(res.statusCode, 202);
  t.not(res.json().id, dead.id);
  const old = (await app.inject({ method: 'GET', url: `/campaigns/${QX}/outline-bundles/${dead.id}`, headers: as('office') })).json();
  t.equal(old.status, 'failed');
  t.match(old.error, /dừng giữa chừng/);
  t.equal((await waitFor(app, as('office'), res.headers.location as string)).status, 'done');
});
