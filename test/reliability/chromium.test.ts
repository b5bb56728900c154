import type { LightMyRequestResponse } from 'fastify';
import t from 'tap';
import { buildTestApp, QX } from '../helpers/app.js';

// Chromium killed in the middle of a PDF download: that request answers 503 with Retry-After (never
// a 500 or a hang), and the next download works on a freshly launched browser.

t.test('a PDF download whose Chromium dies answers 503, and the next one succeeds', async (t) => {
  // An engine of its own: its browser is killed.
  const { app, as, services } = await buildTestApp(t, { ownPdfEngine: true });
  // Rendered files are kept by content, so each attempt asks for another unit's outline: a real render.
  const units = services.campaigns.assignments(QX).map((a) => a.unitId);
  let next = 0;
  const download = () => app.inject({ method: 'GET', url: `/campaigns/${QX}/units/${units[next++ % units.length]}/outline/pdf`, headers: as('office') });

  const first = await download();
  t.equal(first.statusCode, 200);
  t.equal(first.headers['content-type'], 'application/pdf');
  t.equal(first.rawPayload.subarray(0, 5).toString(), '%PDF-');

  let failed: LightMyRequestResponse | null = null;
  for (let attempt = 0; attempt < 5 && !failed; attempt += 1) {
    const pid = services.pdf.stats().browserPid;
    t.ok(pid, 'Chromium is running');
    const inFlight = download();
    const started = Date.now();
    while (services.pdf.stats().active === 0 && Date.now() - started < 10_000) await new Promise((r) => setImmediate(r));
    t.ok(services.pdf.stats().active > 0, 'the download is rendering');
    process.kill(pid!, 'SIGKILL');
    const res = await inFlight;
    if (res.statusCode === 200) {
      t.comment('the render finished before the kill; once more');
      t.equal((await download()).statusCode, 200);
      continue;
    }
    failed = res;
  }
  t.ok(failed, 'a render was caught mid-way');
  t.equal(failed!.statusCode, 503);
  t.equal(failed!.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(failed!.json().code, /^PDF_/);
  t.ok(Number(failed!.headers['retry-after']) >= 1, 'Retry-After tells the client when to come back');

  const again = await download();
  t.equal(again.statusCode, 200, 'recovered');
  t.equal(again.rawPayload.subarray(0, 5).toString(), '%PDF-');
  t.ok(services.pdf.stats().launches >= 2, 'on a new browser');
});
