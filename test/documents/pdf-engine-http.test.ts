import type { AddressInfo } from 'node:net';
import t from 'tap';
import { buildTestApp, QX, type TestApp } from '../helpers/app.js';
import { noonOf, register } from '../helpers/document-flow.js';
import { pdfText } from '../helpers/document-text.js';

const draftPdf = `/campaigns/${QX}/teams/1/notices/draft/pdf`;

async function listen(t: Parameters<typeof buildTestApp>[0], ctx: TestApp): Promise<string> {
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
}

function withVisits(ctx: TestApp): void {
  register(ctx, 1, 'p-tckh', '2023-08-07');
  register(ctx, 1, 'p-tnmt', '2023-08-08');
  ctx.clock.set(noonOf('2023-08-01'));
}

t.test('without Chromium the service starts; PDFs answer 503 saying what to install, other formats still work', async (t) => {
  const ctx = await buildTestApp(t, { config: { chromiumPath: '/nonexistent/chromium' } });
  withVisits(ctx);
  const base = await listen(t, ctx);
  const res = await fetch(`${base}${draftPdf}`, { headers: ctx.as('leader') });
  t.equal(res.status, 503);
  t.ok(Number(res.headers.get('retry-after')) > 0, 'Retry-After is set');
  t.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  const problem = await res.json();
  t.equal(problem.code, 'PDF_ENGINE_UNAVAILABLE');
  t.match(problem.detail, /chromium và fonts-liberation2/);
  t.notOk(JSON.stringify(problem).includes('/nonexistent'), 'no server path in the answer');
  const html = await fetch(`${base}/campaigns/${QX}/teams/1/notices/draft/html`, { headers: ctx.as('leader') });
  t.equal(html.status, 200);
  const docx = await fetch(`${base}/campaigns/${QX}/teams/1/notices/draft/docx`, { headers: ctx.as('leader') });
  t.equal(docx.status, 200);
});

t.test('Chromium killed mid-render: that request gets 503, the next one a PDF', async (t) => {
  // An engine of its own: its browser is killed and its launches counted.
  const ctx = await buildTestApp(t, { ownPdfEngine: true });
  // Many visits make a long programme, so the render lasts long enough to be interrupted.
  const units = ['p-tckh', 'p-ldtbxh', 'p-tnmt', 'tt-tan-phong', 'xa-quang-binh', 'xa-quang-hop', 'xa-quang-hai', 'xa-quang-thai', 'xa-quang-nhan'];
  units.forEach((unit, i) => register(ctx, 1, unit, `2023-08-${String(7 + (i % 5)).padStart(2, '0')}`, i < 5 ? 'sang' : 'chieu'));
  ctx.clock.set(noonOf('2023-08-01'));
  const base = await listen(t, ctx);
  const warm = await fetch(`${base}${draftPdf}`, { headers: ctx.as('leader') });
  t.equal(warm.status, 200);
  const pid = ctx.services.pdf.stats().browserPid!;
  const inFlight = fetch(`${base}${draftPdf}`, { headers: ctx.as('leader') });
  while (ctx.services.pdf.stats().active === 0) await new Promise((resolve) => setTimeout(resolve, 2));
  process.kill(pid, 'SIGKILL');
  const crashed = await inFlight;
  t.equal(crashed.status, 503);
  t.ok(crashed.headers.get('retry-after'));
  t.equal((await crashed.json()).code, 'PDF_RENDER_FAILED');
  const next = await fetch(`${base}${draftPdf}`, { headers: ctx.as('leader') });
  t.equal(next.status, 200);
  t.ok(pdfText(Buffer.from(await next.arrayBuffer())).includes('DỰ THẢO'));
  t.equal(ctx.services.pdf.stats().launches, 2, 'Chromium was relaunched');
});

t.test('20 concurrent PDF requests all finish: rendered, or 503 with Retry-After', async (t) => {
  const ctx = await buildTestApp(t, { config: { pdfPages: 2, pdfQueue: 4, rateLimitMax: 10_000 } });
  withVisits(ctx);
  const base = await listen(t, ctx);
  const answers = await Promise.all(
    Array.from({ length: 20 }, async () => {
      const res = await fetch(`${base}${draftPdf}`, { headers: ctx.as('leader') });
      const body = Buffer.from(await res.arrayBuffer());
      return { status: res.status, retryAfter: res.headers.get('retry-after'), pdf: body.subarray(0, 5).toString() };
    }),
  );
  const ok = answers.filter((a) => a.status === 200);
  const busy = answers.filter((a) => a.status === 503);
  t.equal(ok.length + busy.length, 20, 'every request answered 200 or 503');
  t.ok(ok.length >= 6, `${ok.length} rendered (2 pages + 4 waiting at least)`);
  t.ok(busy.length > 0, `${busy.length} refused at once`);
  t.ok(ok.every((a) => a.pdf === '%PDF-'));
  t.ok(
    busy.every((a) => Number(a.retryAfter) >= 1),
    'each refusal says when to retry',
  );
  t.equal(ctx.services.pdf.stats().active, 0);
});
