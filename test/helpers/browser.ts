import type { AxeResults } from 'axe-core';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer';
import root, { type Test } from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import type { CreatePersonInput } from '../../src/auth/schema.js';
import { ensureRehearsal } from '../../src/demo/rehearsal.js';
import { CHROMIUM_ARGS } from '../../src/render/browser.js';
import { fromRoot } from '../../src/paths.js';
import { buildTestApp, testClock, type TestAppOptions } from './app.js';

// Pages tested as people use them: the real service over real HTTP, Debian's Chromium driven by
// Puppeteer, axe-core on every page at a phone's and an office PC's width, and a screenshot of each
// written to docs/screenshots (the README shows them).

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const WIDTHS = [360, 1366] as const;
export const SCREENSHOTS = fromRoot('docs', 'screenshots');

let shared: Promise<Browser> | null = null;

/**
 * The page tests' Chromium: one per test process, closed when its tests end, as the test apps share
 * one PDF engine (a launch cost about 2.5 s of CPU, once for each page test file). Every person is a
 * browser context of their own (`newPerson`); the contexts a test leaves open are closed at its end,
 * so the next file starts with no cookie of this one. A missing browser fails with how to install it.
 */
export async function launchBrowser(t: Test): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Các bài kiểm tra trang web cần Chromium tại ${CHROMIUM}: sudo apt-get install chromium fonts-liberation2 (hoặc đặt CHROMIUM_PATH)`);
  }
  if (shared === null) {
    const launched = puppeteer.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    root.teardown(() =>
      launched.then(
        (browser) => browser.close(),
        () => undefined,
      ),
    );
    shared = launched;
  }
  const browser = await shared;
  t.teardown(async () => {
    for (const context of browser.browserContexts()) if (context !== browser.defaultBrowserContext()) await context.close();
  });
  return browser;
}

/** Today for the page tests: a Monday, 2026-12-07, 09:00 in Hà Nội. */
export const PAGE_TEST_NOW = '2026-12-07T02:00:00.000Z';

/**
 * The service listening on a free loopback port, the Quảng Xương campaign loaded and its rehearsal
 * made for the test's today (registration open), with a clock the test moves.
 */
export async function startWebApp(t: Test, options: TestAppOptions = {}) {
  const clock = options.clock ?? testClock(PAGE_TEST_NOW);
  const test = await buildTestApp(t, { ...options, clock });
  await test.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(test.app.server.address() as AddressInfo).port}`;
  const rehearsal = ensureRehearsal(test.services, 'quang-xuong-2023', systemActor('diễn tập'));
  return { ...test, url, rehearsal: rehearsal.campaignId };
}

export type WebApp = Awaited<ReturnType<typeof startWebApp>>;

/** A new person in a campaign and their single-use sign-in link. */
export function invite(web: WebApp, campaignId: string, person: CreatePersonInput): { link: string; personId: number } {
  const created = web.services.people.create(campaignId, person, systemActor('test'));
  const { code } = web.services.people.invite(campaignId, created.id, systemActor('test'));
  return { link: `${web.url}/moi/${code}`, personId: created.id };
}

/** Opens an invitation link and presses "Đăng nhập", as a person would. */
export async function signIn(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await Promise.all([page.waitForNavigation(), page.click('form button.primary')]);
}

/** A fresh browser context (its own cookies), one page in it, at the office PC's width. */
export async function newPerson(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1366, height: 768 });
  return { context, page };
}

/** Clicks a link or button and waits for the page it leads to. */
export async function follow(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

export async function text(page: Page, selector = 'main'): Promise<string> {
  return page.$eval(selector, (element) => (element as HTMLElement).innerText);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's violations on the page as it is. axe-core is run in the page directly (our pages have no
 * frames): @axe-core/puppeteer's analyze() took 1.8 s a page against 0.45 s for this, as it also
 * opens a blank page to finish each run.
 */
export async function axeViolations(page: Page): Promise<AxeResults['violations']> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: typeof import('axe-core') };
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
}

/**
 * A screenshot that comes out the same from run to run, so that `npm test` leaves docs/screenshots as
 * git has it unless a page changed: every image is loaded first, the text caret (it blinks) is
 * hidden, and so are the `masked` elements (what differs at every run, such as a new sign-in link
 * and its QR code), their boxes left in place. Styles are set through the CSSOM (the pages' CSP
 * refuses a <style> added to them) and put back after.
 */
async function steadyScreenshot(page: Page, path: string, masked: readonly string[]): Promise<void> {
  const restore = await page.evaluateHandle(async (selectors) => {
    // Every image shown, lazy ones too (a photo's thumbnail may not have arrived on a busy machine).
    await Promise.all(
      [...document.images].map((img) => {
        img.loading = 'eager';
        return img.decode().catch(() => undefined);
      }),
    );
    const changes = selectors
      .flatMap((selector) => [...document.querySelectorAll<HTMLElement>(selector)])
      .map((el) => ({ el, property: 'visibility', value: 'hidden' }));
    if (document.activeElement instanceof HTMLElement) changes.push({ el: document.activeElement, property: 'caret-color', value: 'transparent' });
    const before = changes.map(({ el, property }) => ({ el, property, value: el.style.getPropertyValue(property) }));
    for (const { el, property, value } of changes) el.style.setProperty(property, value);
    return () => before.forEach(({ el, property, value }) => el.style.setProperty(property, value));
  }, masked);
  try {
    await page.screenshot({ path, fullPage: true });
  } finally {
    await restore.evaluate((putBack) => putBack());
    await restore.dispose();
  }
}

/**
 * axe-core at both widths (zero serious or critical violations) and a screenshot of each, named
 * <name>-360.png and <name>-1366.png. Nothing on the page may scroll sideways but the board's frame.
 * `masked`: selectors of what changes at every run, left blank in the screenshots.
 */
export async function checkPage(t: Test, page: Page, name: string, masked: readonly string[] = []): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of WIDTHS) {
    await page.setViewport({ width, height: width === 360 ? 740 : 768 });
    const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    t.same(
      serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
      [],
      `${name} at ${width} px: no serious or critical axe-core violation`,
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    t.ok(overflow <= 0, `${name} at ${width} px: the page does not scroll sideways (${overflow} px)`);
    await steadyScreenshot(page, join(SCREENSHOTS, `${name}-${width}.png`), masked);
  }
  await page.setViewport({ width: 1366, height: 768 });
}
