import t from 'tap';
import { readEpochs } from '../../src/db/epoch.js';
import { encodeCursor } from '../../src/findings/feed/cursor.js';
import { buildTestApp, QX, type TestApp } from '../helpers/app.js';
import { feedEvent, feedPage } from '../../src/findings/feed/schema.js';
import { checklistReason, readFeed, sampleDraft, visitDone } from '../helpers/findings.js';

const feedUrl = `/campaigns/${QX}/feed`;

/** Drafts (when needed) and publishes the visit's conclusion: a publication, or an amendment with a reason. */
async function publish(ctx: TestApp, visitId: number, achieved: string): Promise<void> {
  const base = `/campaigns/${QX}/visits/${visitId}/conclusion`;
  const current = await ctx.app.inject({ method: 'GET', url: base, headers: ctx.as('leader') });
  const headers = current.statusCode === 200 ? { ...ctx.as('leader'), 'if-match': String(current.headers.etag) } : ctx.as('leader');
  const draft = await ctx.app.inject({ method: 'PUT', url: `${base}/draft`, headers, payload: { ...sampleDraft, achieved } });
  if (draft.statusCode >= 300) throw new Error(draft.body);
  const amending = current.statusCode === 200 && current.json().state === 'published';
  const done = await ctx.app.inject({
    method: 'POST',
    url: `${base}/publish`,
    headers: { ...ctx.as('leader'), 'if-match': String(draft.headers.etag) },
    payload: amending ? { reason: 'Bổ sung', checklistReason } : { checklistReason },
  });
  if (done.statusCode !== 200) throw new Error(done.body);
}

async function withdraw(ctx: TestApp, visitId: number): Promise<void> {
  const base = `/campaigns/${QX}/visits/${visitId}/conclusion`;
  const current = await ctx.app.inject({ method: 'GET', url: base, headers: ctx.as('leader') });
  const res = await ctx.app.inject({
    method: 'POST',
    url: `${base}/withdraw`,
    headers: { ...ctx.as('leader'), 'if-match': String(current.headers.etag) },
    payload: { reason: 'Thu hồi để làm lại' },
  });
  if (res.statusCode !== 200) throw new Error(res.body);
}

t.test('a poller following the feed sees every event exactly once, in order', async (t) => {
  const ctx = await buildTestApp(t);
  const visits = [visitDone(ctx, 1, 'p-tckh', '2023-08-07'), visitDone(ctx, 1, 'p-tnmt', '2023-08-08')];
  const seen: { type: string; visitId: number; version: number | null }[] = [];
  let cursor: string | undefined;
  const poll = async () => {
    const page = await readFeed(ctx, cursor);
    seen.push(...page.events.map(({ type, visitId, version }) => ({ type, visitId, version })));
    cursor = page.cursor;
  };
  const expected: [string, number, number][] = [];
  await poll();
  await publish(ctx, visits[0]!, 'Lần 1');
  expected.push(['conclusion.published', visits[0]!, 1]);
  await poll();
  await publish(ctx, visits[1]!, 'Lần 1');
  await publish(ctx, visits[0]!, 'Lần 2');
  expected.push(['conclusion.published', visits[1]!, 1], ['conclusion.amended', visits[0]!, 2]);
  await poll();
  await poll();
  await withdraw(ctx, visits[1]!);
  expected.push(['conclusion.withdrawn', visits[1]!, 1]);
  await publish(ctx, visits[1]!, 'Ban hành lại');
  expected.push(['conclusion.published', visits[1]!, 2]);
  await poll();
  t.same(
    seen.map((e) => [e.type, e.visitId, e.version]),
    expected,
  );
});

t.test('small pages walk the whole stream with next cursors; hasMore says to poll again at once', async (t) => {
  const ctx = await buildTestApp(t, { config: { feedPollSeconds: 20 } });
  const visitId = visitDone(ctx, 1, 'p-tckh', '2023-08-07');
  for (let i = 1; i <= 5; i += 1) await publish(ctx, visitId, `Phiên bản ${i}`);
  const first = await ctx.app.inject({ method: 'GET', url: feedUrl, query: { limit: '2' }, headers: ctx.as('office') });
  t.equal(first.statusCode, 200);
  t.equal(first.json().events.length, 2);
  t.equal(first.json().hasMore, true);
  t.equal(first.headers['x-poll-interval'], '0', 'more is waiting: no pause');
  const versions: number[] = first.json().events.map((e: { version: number }) => e.version);
  let cursor = first.json().nextCursor as string;
  for (;;) {
    const page = await ctx.app.inject({ method: 'GET', url: feedUrl, query: { limit: '2', since: cursor }, headers: ctx.as('office') });
    versions.push(...page.json().events.map((e: { version: number }) => e.version));
    cursor = page.json().nextCursor;
    if (!page.json().hasMore) {
      t.equal(page.headers['x-poll-interval'], '20', 'caught up: the configured interval');
      t.equal(cursor, page.json().latestCursor, 'ends on the latest cursor');
      break;
    }
  }
  t.same(versions, [1, 2, 3, 4, 5]);
});

t.test('a poll with the current ETag gets 304 and no body, decided without the page', async (t) => {
  const ctx = await buildTestApp(t);
  const visitId = visitDone(ctx, 1, 'p-tckh', '2023-08-07');
  await publish(ctx, visitId, 'Lần 1');
  const first = await ctx.app.inject({ method: 'GET', url: feedUrl, headers: ctx.as('office') });
  const tag = String(first.headers.etag);
  t.match(tag, /^W\/"/);
  const again = await ctx.app.inject({ method: 'GET', url: feedUrl, headers: { ...ctx.as('office'), 'if-none-match': tag } });
  t.equal(again.statusCode, 304);
  t.equal(again.body, '', 'no body');
  t.equal(again.headers.etag, tag);
  t.ok(again.headers['x-poll-interval'], 'the interval hint on 304 too');
  await publish(ctx, visitId, 'Lần 2');
  const changed = await ctx.app.inject({ method: 'GET', url: feedUrl, headers: { ...ctx.as('office'), 'if-none-match': tag } });
  t.equal(changed.statusCode, 200, 'a new event changes the page');
  t.equal(changed.json().events.length, 2);
});

t.test('a long poll answers as soon as an event arrives, and an empty wait ends in 304', async (t) => {
  const ctx = await buildTestApp(t);
  const visitId = visitDone(ctx, 1, 'p-tckh', '2023-08-07');
  const start = await ctx.app.inject({ method: 'GET', url: feedUrl, headers: ctx.as('office') });
  const since = start.json().nextCursor as string;
  const tag = String(start.headers.etag);

  const began = Date.now();
  const waiting = ctx.app.inject({ method: 'GET', url: feedUrl, query: { since, wait: '20' }, headers: ctx.as('office') });
  await new Promise((r) => setTimeout(r, 200));
  t.equal(ctx.services.findings.feed.waiting(), 1, 'the request is held');
  await publish(ctx, visitId, 'Lần 1');
  const res = await waiting;
  const took = Date.now() - began;
  t.equal(res.statusCode, 200);
  t.equal(res.json().events[0].type, 'conclusion.published');
  t.ok(took < 3_000, `answered in ${took} ms, long before the 20 s wait`);

  const caughtUp = await ctx.app.inject({ method: 'GET', url: feedUrl, query: { since: res.json().nextCursor }, headers: ctx.as('office') });
  t.same(caughtUp.json().events, [], 'nothing after the new cursor yet');
  const quietStart = Date.now();
  const quiet = await ctx.app.inject({
    method: 'GET',
    url: feedUrl,
    query: { since: res.json().nextCursor, wait: '1' },
    headers: { ...ctx.as('office'), 'if-none-match': String(caughtUp.headers.etag) },
  });
  t.equal(quiet.statusCode, 304, 'nothing arrived within the wait');
  t.ok(Date.now() - quietStart >= 900, 'held for the wait');
  t.not(String(res.headers.etag), tag);
});

t.test('closing the app releases long polls at once', async (t) => {
  const ctx = await buildTestApp(t);
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const address = ctx.app.server.address() as { port: number };
  const began = Date.now();
  const held = fetch(`http://127.0.0.1:${address.port}${feedUrl}?wait=30`, { headers: ctx.as('office') });
  await new Promise((r) => setTimeout(r, 200));
  await ctx.app.close();
  const res = await held;
  t.equal(res.status, 200);
  t.ok(Date.now() - began < 5_000, 'not held for 30 s');
});

t.test('a compacted cursor answers 410 and the snapshot gives a cursor that loses nothing', async (t) => {
  const ctx = await buildTestApp(t, { config: { feedRetentionDays: 30 } });
  const [a, b] = [visitDone(ctx, 1, 'p-tckh', '2023-08-07'), visitDone(ctx, 1, 'p-tnmt', '2023-08-08')];
  await publish(ctx, a, 'Lần 1');
  const old = (await readFeed(ctx)).cursor;
  ctx.clock.advance(40 * 86_400_000);
  await publish(ctx, b, 'Lần 1');
  t.same(ctx.services.findings.feed.compact(), [{ campaignId: QX, throughSeq: 1 }], 'the event older than 30 days is removed');

  const fromStart = await ctx.app.inject({ method: 'GET', url: feedUrl, headers: ctx.as('office') });
  t.equal(fromStart.statusCode, 410, 'from the beginning would skip the removed event');
  const expired = await ctx.app.inject({ method: 'GET', url: feedUrl, query: { since: encode(ctx, 0) }, headers: ctx.as('office') });
  t.equal(expired.statusCode, 410);
  t.equal(expired.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(expired.json(), { code: 'FEED_CURSOR_EXPIRED', snapshot: `/campaigns/${QX}/conclusions`, retentionDays: 30 });
  t.match(expired.json().detail, /GET \/campaigns\/quang-xuong-2023\/conclusions/);

  const kept = await ctx.app.inject({ method: 'GET', url: feedUrl, query: { since: old }, headers: ctx.as('office') });
  t.equal(kept.statusCode, 200, 'a cursor at the compaction mark still works');
  t.same(
    kept.json().events.map((e: { visitId: number }) => e.visitId),
    [b],
  );

  const snapshot = await ctx.app.inject({ method: 'GET', url: `/campaigns/${QX}/conclusions`, headers: ctx.as('office') });
  t.same(
    snapshot.json().conclusions.map((c: { visitId: number; state: string }) => [c.visitId, c.state]),
    [
      [a, 'published'],
      [b, 'published'],
    ],
  );
  await publish(ctx, a, 'Lần 2');
  const follow = await ctx.app.inject({ method: 'GET', url: feedUrl, query: { since: snapshot.json().cursor }, headers: ctx.as('office') });
  t.same(
    follow.json().events.map((e: { type: string; visitId: number }) => [e.type, e.visitId]),
    [['conclusion.amended', a]],
  );
});

/** A cursor the service would issue (signed, since issue 15) at seq. */
function encode(ctx: { services: { db: { $client: Parameters<typeof readEpochs>[0] } } }, seq: number): string {
  return encodeCursor(readEpochs(ctx.services.db.$client), QX, seq);
}

t.test("the feed is the office's: other roles are refused, unknown campaigns and foreign cursors are named", async (t) => {
  const ctx = await buildTestApp(t);
  for (const role of ['leader', 'secretary', 'member', 'unit'] as const) {
    const res = await ctx.app.inject({ method: 'GET', url: feedUrl, headers: ctx.as(role) });
    t.equal(res.statusCode, 403, role);
  }
  const unknown = await ctx.app.inject({ method: 'GET', url: '/campaigns/khong-co/feed', headers: ctx.as('office') });
  t.equal(unknown.statusCode, 404);
  const bad = await ctx.app.inject({ method: 'GET', url: feedUrl, query: { since: '12' }, headers: ctx.as('office') });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().errors, [{ in: 'querystring', field: 'since' }]);
  const tooLong = await ctx.app.inject({ method: 'GET', url: feedUrl, query: { wait: '31' }, headers: ctx.as('office') });
  t.equal(tooLong.statusCode, 400);
  const empty = await ctx.app.inject({ method: 'GET', url: feedUrl, headers: ctx.as('office') });
  t.same(empty.json(), { campaignId: QX, events: [], nextCursor: encode(ctx, 0), hasMore: false, latestCursor: encode(ctx, 0), pollIntervalSeconds: 30 });
});

t.test('pages are the documented JSON, the same whether the events were read now or kept from before', async (t) => {
  const ctx = await buildTestApp(t);
  const visitId = visitDone(ctx, 1, 'p-tckh', '2023-08-07');
  await publish(ctx, visitId, 'Lần 1');
  await publish(ctx, visitId, 'Lần 2');
  const get = (url: string) => ctx.app.inject({ method: 'GET', url, headers: ctx.as('office') });
  const first = await get(`${feedUrl}?limit=1`);
  t.equal(first.headers['content-type'], 'application/json; charset=utf-8');
  const whole = await get(feedUrl);
  const page = feedPage.strict().parse(whole.json());
  t.equal(page.events.length, 2);
  t.same(
    page.events.map((e) => e.type),
    ['conclusion.published', 'conclusion.amended'],
  );
  t.same(feedEvent.strict().parse(page.events[1]), page.events[1], 'no field beyond the schema');
  t.equal(page.events[1]!.reason, 'Bổ sung');
  t.equal(page.nextCursor, page.events[1]!.cursor);
  t.equal(page.latestCursor, page.events[1]!.cursor);
  t.equal(page.hasMore, false);
  t.same((await get(`${feedUrl}?limit=1`)).json(), first.json(), 'the first event, kept, reads the same');
  t.equal((await get(feedUrl)).body, whole.body, 'both kept: byte for byte the same page');
  const rest = await get(`${feedUrl}?since=${page.events[0]!.cursor}`);
  t.same(rest.json().events, [page.events[1]]);
  t.equal(first.json().hasMore, true);
  t.equal(first.headers['x-poll-interval'], '0', 'a full page says: poll again at once');
});

t.test('a poll carrying an ETag gets the answers of the route: refusals, validation errors, and the same 304', async (t) => {
  const ctx = await buildTestApp(t);
  const visitId = visitDone(ctx, 1, 'p-tckh', '2023-08-07');
  await publish(ctx, visitId, 'Lần 1');
  const first = await ctx.app.inject({ method: 'GET', url: feedUrl, headers: ctx.as('office') });
  const tag = String(first.headers.etag);
  const poll = (headers: Record<string, string>, query: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'GET', url: feedUrl, query, headers: { ...headers, 'if-none-match': tag } });

  const unchanged = await poll(ctx.as('office'));
  t.equal(unchanged.statusCode, 304);
  for (const header of [
    'etag',
    'x-poll-interval',
    'cache-control',
    'x-request-id',
    'x-content-type-options',
    'content-security-policy',
    'x-ratelimit-remaining',
  ]) {
    t.ok(unchanged.headers[header], `304 carries ${header}`);
  }
  t.equal(unchanged.headers['cache-control'], 'private, no-cache');
  t.equal(unchanged.headers['x-poll-interval'], first.headers['x-poll-interval']);
  t.equal((await poll(ctx.as('office'), { limit: '50', since: '', other: 'x' })).statusCode, 304, 'the defaults written out, an unknown parameter ignored');

  t.equal((await poll({})).statusCode, 401, 'no token: refused, not told whether anything changed');
  t.equal((await poll({ authorization: `Bearer ict_${'B'.repeat(43)}` })).statusCode, 401);
  t.equal((await poll(ctx.as('leader'))).statusCode, 403);
  const elsewhere = await ctx.app.inject({ method: 'GET', url: '/campaigns/khong-co/feed', headers: { ...ctx.as('office'), 'if-none-match': tag } });
  t.equal(elsewhere.statusCode, 404);
  const invalid: Record<string, string>[] = [{ since: '12' }, { limit: '0' }, { limit: '501' }, { limit: 'năm mươi' }, { wait: '31' }];
  for (const query of invalid) {
    const res = await poll(ctx.as('office'), query);
    t.equal(res.statusCode, 400, JSON.stringify(query));
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  }
  const other = await poll(ctx.as('office'), { limit: '1' });
  t.equal(other.statusCode, 200, 'another page has another ETag');
  t.equal(other.json().events.length, 1);
});
