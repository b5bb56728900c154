import t from 'tap';
import { buildTestApp } from '../helpers/app.js';
import { launchBrowser, newPerson } from '../helpers/browser.js';

// The Swagger UI at /docs in the real Chromium: it renders every operation under the security headers
// (no Content-Security-Policy violation, no script error), and it can send what the contract declares:
// a PATCH needing If-Match (it answered 428 when the document did not list the header) and a POST with
// an Idempotency-Key, both from "Try it out". One load of the UI for both (1.5 MB of script).
t.test('from /docs, the UI renders under the security headers and Try it out sends If-Match and Idempotency-Key', async (t) => {
  const { app, tokens, as } = await buildTestApp(t);
  const registered = await app.inject({
    method: 'POST',
    url: '/campaigns/quang-xuong-2023/visits',
    headers: as('leader'),
    payload: { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-03', session: 'sang' },
  });
  const etag = registered.headers['etag'] as string;
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const { page } = await newPerson(await launchBrowser(t));
  await page.setExtraHTTPHeaders({ authorization: `Bearer ${tokens.leader}` });
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(String(error)));

  // The deep link opens the first operation.
  const loaded = await page.goto(`${address}/docs/#/schedule/moveVisit`, { waitUntil: 'load', timeout: 90_000 });
  t.equal(loaded?.status(), 200);
  await page.waitForSelector('.opblock', { timeout: 90_000 });
  const operations = await page.$$eval('.opblock-summary-path', (nodes) => nodes.map((n) => n.textContent?.trim() ?? ''));
  t.ok(operations.includes('/campaigns'), 'the operations are listed');
  t.ok(operations.includes('/auth/tokens'));

  /** Sets a field the way typing would (React reads the input event), without a keystroke each. */
  const fill = async (selector: string, value: string) => {
    const field = await page.waitForSelector(selector, { timeout: 30_000 });
    await field!.evaluate((element, text) => {
      const prototype = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(prototype, 'value')!.set!.call(element, text);
      element.dispatchEvent(new Event('input', { bubbles: true }));
    }, value);
  };

  /** Opens an operation, fills its fields, executes it and returns the request sent and the status. */
  async function tryOut(operation: string, fields: Record<string, string>, body: string) {
    const block = `#operations-schedule-${operation}`;
    await page.waitForSelector(block, { timeout: 90_000 });
    if (!(await page.$(`${block} .try-out__btn`))) await page.click(`${block} .opblock-summary-control`);
    const tryButton = await page.waitForSelector(`${block} .try-out__btn`, { timeout: 30_000 });
    if ((await tryButton!.evaluate((b) => b.textContent)) !== 'Cancel') await tryButton!.click();
    await fill(`${block} textarea.body-param__text`, body);
    // The UI re-renders its parameter rows while it settles (the body example, the try-out state) and
    // drops a value typed before; on a loaded machine that can come seconds later. So fill, then wait
    // until every field has held its value for a while, filling again whenever one was dropped.
    const holds = async () =>
      (
        await Promise.all(
          Object.entries(fields).map(([name, value]) =>
            page.$eval(`${block} tr[data-param-name="${name}"] input`, (element, text) => element.value === text, value),
          ),
        )
      ).every(Boolean);
    let steadySince: number | null = null;
    for (let round = 0; round < 80 && (steadySince === null || Date.now() - steadySince < 1500); round += 1) {
      if (!(await holds())) {
        for (const [name, value] of Object.entries(fields)) await fill(`${block} tr[data-param-name="${name}"] input`, value);
        steadySince = Date.now();
      } else steadySince ??= Date.now();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const answered = page.waitForResponse((r) => r.url().includes('/campaigns/quang-xuong-2023/visits'), { timeout: 60_000 });
    await page.click(`${block} .execute`);
    const response = await answered;
    return { headers: response.request().headers(), status: response.status() };
  }

  const moved = await tryOut('moveVisit', { campaignId: 'quang-xuong-2023', visitId: '1', 'if-match': etag }, '{"place": "Hội trường UBND huyện"}');
  t.equal(moved.headers['if-match'], etag, 'the PATCH carries If-Match');
  t.equal(moved.status, 200, 'and is accepted, not refused with 428');

  // A field dropped in the very moment of the click still sends nothing; such a try is repeated once
  // with another visit and key (the first visit was registered without a key, so it cannot be reused).
  let visit = { teamNumber: 1, unitId: 'xa-quang-hai', date: '2023-08-04', session: 'sang' };
  let key = 'thu-tu-docs-1';
  let first = await tryOut('registerVisit', { campaignId: 'quang-xuong-2023', 'idempotency-key': key }, JSON.stringify(visit));
  if (first.headers['idempotency-key'] === undefined && first.status === 201) {
    t.comment('the first try left its key behind; trying once more');
    visit = { teamNumber: 1, unitId: 'xa-quang-hai', date: '2023-08-07', session: 'sang' };
    key = 'thu-tu-docs-2';
    first = await tryOut('registerVisit', { campaignId: 'quang-xuong-2023', 'idempotency-key': key }, JSON.stringify(visit));
  }
  t.equal(first.headers['idempotency-key'], key, 'the POST carries Idempotency-Key');
  t.equal(first.status, 201);
  const again = await app.inject({
    method: 'POST',
    url: '/campaigns/quang-xuong-2023/visits',
    headers: { ...as('leader'), 'idempotency-key': key },
    payload: visit,
  });
  t.equal(again.headers['idempotent-replayed'], 'true', 'the key was stored: the same request again gets the first answer');
  t.same(violations, [], 'no CSP violation, no script error while the UI was used');
});
