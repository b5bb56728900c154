import { asc, eq } from 'drizzle-orm';
import t from 'tap';
import { readEpochs } from '../../src/db/epoch.js';
import { decodeCursor, type DecodedCursor } from '../../src/findings/feed/cursor.js';
import { feedEvents } from '../../src/findings/tables.js';
import { buildTestApp, QX, tempDir } from '../helpers/app.js';
import { checklistReason, sampleDraft, visitDone } from '../helpers/findings.js';
import { startServer } from '../helpers/server.js';

// Writers on two processes sharing one SQLite file, pollers over real HTTP on both: every poller must
// end up with exactly the events committed, in seq order, none missing and none twice.

const ROUNDS = 4;
const targets: [number, string, string][] = [
  [1, 'p-tckh', '2023-08-07'],
  [1, 'p-tnmt', '2023-08-08'],
  [1, 'p-ldtbxh', '2023-08-09'],
  [2, 'p-kt-ht', '2023-08-07'],
  [2, 'bp-mot-cua', '2023-08-08'],
  [4, 'p-nv', '2023-08-10'],
];

t.test('concurrent writers and pollers over HTTP: no gap, no duplicate, same order', async (t) => {
  const dir = tempDir(t);
  const other = await startServer(t, dir, { FEED_RETENTION_DAYS: '36500' });
  const ctx = await buildTestApp(t, { dir });
  const keys = readEpochs(ctx.services.db.$client);
  const seqOf = (cursor: DecodedCursor) => (cursor.kind === 'current' ? cursor.seq : Number.NaN);
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const here = `http://127.0.0.1:${(ctx.app.server.address() as { port: number }).port}`;
  const servers = [here, other.url];
  const office = { ...ctx.as('office'), 'content-type': 'application/json' };

  const visits = targets.map(([team, unit, date]) => visitDone(ctx, team, unit, date));
  ctx.clock.set('2023-09-15T02:00:00.000Z');

  async function call(server: string, method: string, path: string, body?: unknown, ifMatch?: string) {
    const res = await fetch(`${server}${path}`, {
      method,
      headers: { ...office, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path} on ${server}: ${res.status} ${text}`);
    return { json: JSON.parse(text), etag: res.headers.get('etag') ?? undefined };
  }

  let written = 0;
  async function writer(i: number): Promise<void> {
    const base = `/campaigns/${QX}/visits/${visits[i]}/conclusion`;
    const on = (step: number) => servers[(i + step) % 2]!;
    let step = 0;
    let draft = await call(on(step++), 'PUT', `${base}/draft`, sampleDraft);
    let head = await call(on(step++), 'POST', `${base}/publish`, { checklistReason }, draft.etag);
    written += 1;
    let rec = head.json.published.recommendations[0];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const keep = { ...sampleDraft, achieved: `${sampleDraft.achieved} (lần ${round})`, recommendations: [{ ...sampleDraft.recommendations[0], id: rec.id }] };
      draft = await call(on(step++), 'PUT', `${base}/draft`, keep, head.etag);
      head = await call(on(step++), 'POST', `${base}/publish`, { reason: `Sửa đổi lần ${round}`, checklistReason }, draft.etag);
      written += 1;
      const status = round % 2 === 1 ? 'done' : 'open';
      const changed = await call(on(step++), 'PATCH', `/campaigns/${QX}/recommendations/${rec.id}`, { status }, head.json.published.recommendations[0].etag);
      rec = changed.json;
      written += 1;
      head = await call(on(step++), 'GET', base);
    }
  }

  let writing = true;
  async function poller(server: string, limit: number): Promise<number[]> {
    const seqs: number[] = [];
    let since = '';
    let tag = '';
    for (let idle = 0; writing || idle < 2;) {
      const query = `limit=${limit}&wait=1${since ? `&since=${since}` : ''}`;
      const res = await fetch(`${server}/campaigns/${QX}/feed?${query}`, { headers: { ...office, ...(tag ? { 'if-none-match': tag } : {}) } });
      if (res.status === 304) {
        await res.arrayBuffer();
        if (!writing) idle += 1;
        continue;
      }
      if (res.status !== 200) throw new Error(`poll: ${res.status} ${await res.text()}`);
      const page = (await res.json()) as { events: { cursor: string }[]; nextCursor: string; hasMore: boolean };
      seqs.push(...page.events.map((e) => seqOf(decodeCursor(keys, QX, e.cursor))));
      since = page.nextCursor;
      tag = res.headers.get('etag') ?? '';
      if (page.events.length === 0 && !writing) idle += 1;
    }
    return seqs;
  }

  const polling = [poller(here, 3), poller(here, 7), poller(other.url, 5), poller(other.url, 50)];
  await Promise.all(visits.map((_, i) => writer(i)));
  writing = false;
  const seen = await Promise.all(polling);

  const committed = ctx.services.db
    .select({ seq: feedEvents.seq })
    .from(feedEvents)
    .where(eq(feedEvents.campaignId, QX))
    .orderBy(asc(feedEvents.seq))
    .all()
    .map((row) => row.seq);
  t.equal(committed.length, written, `every write made one event (${written})`);
  t.equal(written, visits.length * (1 + 2 * ROUNDS));
  for (const [i, seqs] of seen.entries()) {
    t.same(seqs, committed, `poller ${i + 1} saw every committed event once, in order`);
  }
});
