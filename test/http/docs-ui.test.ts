import puppeteer from 'puppeteer';
import t from 'tap';
import { buildTestApp } from '../helpers/app.js';

// The security headers must not break the Swagger UI: load it in the real Chromium and watch for
// Content-Security-Policy violations.
t.test('the Swagger UI at /docs renders every operation under the security headers', async (t) => {
  const { app, config } = await buildTestApp(t, { seed: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await puppeteer.launch({ executablePath: config.chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(String(error)));
  const response = await page.goto(`${address}/docs/`, { waitUntil: 'networkidle0', timeout: 30_000 });
  t.equal(response?.status(), 200);
  await page.waitForSelector('.opblock', { timeout: 30_000 });
  const operations = await page.$$eval('.opblock-summary-path', (nodes) => nodes.map((n) => n.textContent?.trim() ?? ''));
  t.ok(operations.includes('/campaigns'), 'the operations are listed');
  t.ok(operations.includes('/auth/tokens'));
  t.same(violations, [], 'no CSP violation, no script error');
});
