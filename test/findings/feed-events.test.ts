import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { backupDatabase } from '../../src/db/backup.js';
import { buildTestApp, QX, tempDir, type TestApp } from '../helpers/app.js';
import { miniDefinition } from '../helpers/definitions.js';
import { checklistReason, readFeed, sampleDraft, visitDone } from '../helpers/findings.js';

// Issue 15, item 13: each event carries what the office needs to act without another call; a cursor
// the service never issued answers 400, one from before a restore 410.

const feedUrl = `/campaigns/${QX}/feed`;

async function publish(ctx: TestApp, visitId: number, achieved: string, reason?: string): Promise<void> {
  const base = `/campaigns/${QX}/visits/${visitId}/conclusion`;
  const current = await ctx.app.inject({ method: 'GET', url: base, headers: ctx.as('leader') });
  const headers = current.statusCode === 200 ? { ...ctx.as('leader'), 'if-match': String(current.headers.etag) } : ctx.as('leader');
  const draft = await ctx.app.inject({ method: 'PUT', url: `${base}/draft`, headers, payload: { ...sampleDraft, achieved } });
  if (draft.statusCode >= 300) throw new Error(draft.body);
  const done = await ctx.app.inject({
    method: 'POST',
    url: `${base}/publish`,
    headers: { ...ctx.as('leader'), 'if-match': String(draft.headers.etag) },
    payload: reason ? { reason, checklistReason } : { checklistReason },
  });
  if (done.statusCode !== 200) throw new Error(done.body);
}

const long = `${'Đơn vị đã ban hành kế hoạch thực hiện Đề án 06 năm 2023, phân công cán bộ phụ trách từng nhiệm vụ '.repeat(4)}và báo cáo định kỳ.`;

t.test("events carry unit, team, the conclusion's state and summary, the recommendation and links", async (t) => {
  const ctx = await buildTestApp(t);
  const visitId = visitDone(ctx, 1, 'p-tckh', '2023-08-07');
  await publish(ctx, visitId, long);
  await publish(ctx, visitId, 'Đã hoàn thành các nhiệm vụ trọng tâm.', 'Bổ sung kết quả');
  const conclusion = (await ctx.app.inject({ method: 'GET', url: `/campaigns/${QX}/visits/${visitId}/conclusion`, headers: ctx.as('office') })).json();
  const rec = conclusion.published.recommendations[0];
  const done = await ctx.app.inject({
    method: 'PATCH',
    url: `/campaigns/${QX}/recommendations/${rec.id}`,
    headers: { ...ctx.as('unit'), 'if-match': rec.etag },
    payload: { status: 'done', note: 'Đã tổ chức 12 buổi tuyên truyền' },
  });
  t.equal(done.statusCode, 200, done.body);
  const withdrawn = await ctx.app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits/${visitId}/conclusion/withdraw`,
    headers: {
      ...ctx.as('leader'),
      'if-match': String(
        (await ctx.app.inject({ method: 'GET', url: `/campaigns/${QX}/visits/${visitId}/conclusion`, headers: ctx.as('leader') })).headers.etag,
      ),
    },
    payload: { reason: 'Thu hồi để làm lại' },
  });
  t.equal(withdrawn.statusCode, 200, withdrawn.body);

  const { events } = (await readFeed(ctx)) as unknown as { events: Record<string, never>[] };
  t.same(
    events.map((e) => e['type']),
    ['conclusion.published', 'conclusion.amended', 'recommendation.status-changed', 'conclusion.withdrawn'],
  );
  const visit = `/campaigns/${QX}/visits/${visitId}`;
  const [published, amended, status, gone] = events as unknown as [
    Record<string, unknown>,
    Record<string, unknown>,
    Record<string, unknown>,
    Record<string, unknown>,
  ];
  t.match(published, {
    unit: { id: 'p-tckh', name: 'Phòng Tài chính - Kế hoạch' },
    team: { number: 1, name: 'Đoàn kiểm tra số 01' },
    conclusion: {
      state: 'published',
      version: 1,
      summary: { shortcomings: sampleDraft.shortcomings, recommendations: { total: 1, open: 1 } },
    },
    recommendation: null,
    links: {
      visit,
      conclusion: `${visit}/conclusion`,
      conclusionVersion: `${visit}/conclusion/versions/1`,
      checklist: `${visit}/checklist`,
      progress: `/campaigns/${QX}/progress/units/p-tckh`,
      recommendation: null,
    },
  });
  const summary = (published['conclusion'] as { summary: { achieved: string } }).summary.achieved;
  t.ok(summary.length <= 241 && summary.endsWith('…') && long.startsWith(summary.slice(0, -1)), 'the start of a long text, cut at a word');
  t.match(amended, {
    reason: 'Bổ sung kết quả',
    conclusion: { state: 'published', version: 2, summary: { achieved: 'Đã hoàn thành các nhiệm vụ trọng tâm.' } },
  });
  t.match(status, {
    status: 'done',
    reason: 'Đã tổ chức 12 buổi tuyên truyền',
    recommendation: {
      id: rec.id,
      text: sampleDraft.recommendations[0]!.text,
      responsibleUnitId: 'p-tckh',
      responsibleUnitName: 'Phòng Tài chính - Kế hoạch',
      dueDate: '2023-09-29',
      status: 'done',
    },
    conclusion: { state: 'published', summary: { recommendations: { total: 1, open: 0 } } },
    links: { recommendation: `/campaigns/${QX}/recommendations/${rec.id}` },
  });
  t.match(gone, { reason: 'Thu hồi để làm lại', conclusion: { state: 'withdrawn', summary: null } });
});

t.test('a cursor the service never issued answers 400', async (t) => {
  const ctx = await buildTestApp(t);
  await publish(ctx, visitDone(ctx, 1, 'p-tckh', '2023-08-07'), 'Lần 1');
  const { cursor } = await readFeed(ctx);
  const other = await ctx.app.inject({ method: 'POST', url: '/campaigns', headers: ctx.as('office'), payload: miniDefinition() });
  t.equal(other.statusCode, 201);
  const otherCursor = (await ctx.app.inject({ method: 'GET', url: '/campaigns/mini-2024/conclusions', headers: ctx.as('office') })).json().cursor;
  // Accepted for its own campaign first (the feed remembers cursors it has checked): still 400 below.
  const ownPoll = { method: 'GET', url: '/campaigns/mini-2024/feed', query: { since: otherCursor }, headers: ctx.as('office') } as const;
  t.equal((await ctx.app.inject(ownPoll)).statusCode, 200, "the other campaign's cursor on its own feed");

  const tampered = Buffer.from(cursor, 'base64url');
  tampered.writeBigUInt64BE(1_000n, 7);
  const cases: [string, string][] = [
    ['well-formed but unsigned, far ahead', Buffer.from('f1.1000').toString('base64url')],
    ['a real cursor with another seq', tampered.toString('base64url')],
    ["another campaign's cursor", otherCursor],
    ['not base64url', 'a+b/c='],
  ];
  for (const [name, since] of cases) {
    const res = await ctx.app.inject({ method: 'GET', url: feedUrl, query: { since }, headers: ctx.as('office') });
    t.equal(res.statusCode, 400, name);
    t.match(res.json(), { code: 'VALIDATION_FAILED', errors: [{ in: 'querystring', field: 'since' }] }, name);
    const polled = await ctx.app.inject({ method: 'GET', url: feedUrl, query: { since }, headers: { ...ctx.as('office'), 'if-none-match': 'W/"x"' } });
    t.equal(polled.statusCode, 400, `${name}, with an ETag (the 304 fast path)`);
  }
  t.equal((await ctx.app.inject({ method: 'GET', url: feedUrl, query: { since: cursor }, headers: ctx.as('office') })).statusCode, 200, 'its own cursor');
});

t.test('a cursor from before a restore answers 410', async (t) => {
  const live = await buildTestApp(t);
  await publish(live, visitDone(live, 1, 'p-tckh', '2023-08-07'), 'Lần 1');
  const early = (await readFeed(live)).cursor;
  const backup = join(tempDir(t), 'backup.sqlite');
  backupDatabase(live.services.db.$client, backup);
  await publish(live, visitDone(live, 1, 'p-tnmt', '2023-08-08'), 'Lần 1');
  await publish(live, visitDone(live, 1, 'tt-tan-phong', '2023-08-09'), 'Lần 1');
  const late = (await readFeed(live)).cursor;

  const restoredDir = tempDir(t);
  copyFileSync(backup, join(restoredDir, 'db.sqlite'));
  const restored = await buildTestApp(t, { dir: restoredDir, seed: false, clock: live.clock });
  Object.assign(restored.tokens, live.tokens); // the tokens were in the database before the backup
  const office = { authorization: live.as('office').authorization };
  for (const [name, since] of [
    ['handed out after the backup', late],
    ['handed out before the backup', early],
  ] as const) {
    const res = await restored.app.inject({ method: 'GET', url: feedUrl, query: { since }, headers: office });
    t.equal(res.statusCode, 410, name);
    t.match(res.json(), { code: 'FEED_CURSOR_BEFORE_RESTORE', snapshot: `/campaigns/${QX}/conclusions` }, name);
  }
  const fresh = await restored.app.inject({ method: 'GET', url: feedUrl, headers: office });
  t.equal(fresh.statusCode, 200);
  t.equal(fresh.json().events.length, 1, 'the restored database has the event written before the backup');
  const snapshot = (await restored.app.inject({ method: 'GET', url: `/campaigns/${QX}/conclusions`, headers: office })).json();
  t.equal((await restored.app.inject({ method: 'GET', url: feedUrl, query: { since: snapshot.cursor }, headers: office })).statusCode, 200);

  // A copy made some other way (no new epoch): a signed cursor beyond its newest event is still 410.
  const raw = join(tempDir(t), 'raw.sqlite');
  await restored.services.db.$client.backup(raw);
  await publish(restored, visitDone(restored, 1, 'xa-quang-binh', '2023-08-10'), 'Lần 1');
  const ahead = (await readFeed(restored)).cursor;
  const rawDir = tempDir(t);
  copyFileSync(raw, join(rawDir, 'db.sqlite'));
  const second = await buildTestApp(t, { dir: rawDir, seed: false, clock: live.clock });
  const res = await second.app.inject({ method: 'GET', url: feedUrl, query: { since: ahead }, headers: office });
  t.equal(res.statusCode, 410);
  t.equal(res.json().code, 'FEED_CURSOR_BEFORE_RESTORE');
  // The office's feed page follows the same cursors (feed.since): never a silent empty page.
  t.throws(() => second.services.findings.feed.since(QX, ahead, {}, 30), { code: 'FEED_CURSOR_BEFORE_RESTORE', statusCode: 410 }, 'the feed page too');
});
