import { createRequire } from 'node:module';
import type { Browser, Page, PuppeteerNode } from 'puppeteer';

// The Chromium side of the PDF engine: launching and preparing pages. Every page has JavaScript off
// and refuses every request except data: URLs, so document content (which may carry names typed by
// users) can never make the renderer read a file or call an address on the server's network.

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchBrowser(executablePath: string, timeoutMs: number, protocolTimeoutMs: number): Promise<Browser> {
  // Loaded on the first PDF, not at start-up: the module alone takes a quarter of a second to load.
  // Required rather than import()ed: the bundle runs from V8's code cache, where import() has no loader.
  const puppeteer = createRequire(import.meta.url)('puppeteer') as PuppeteerNode;
  return puppeteer.launch({
    executablePath,
    args: CHROMIUM_ARGS,
    timeout: timeoutMs,
    protocolTimeout: protocolTimeoutMs,
    // DevTools over a pipe rather than a WebSocket: Chromium ends itself when the pipe closes, which
    // the kernel does however the service dies (even kill -9), so no browser outlives its service
    // (measured: all ten processes gone within a second). A wrapper setting PR_SET_PDEATHSIG,
    // or pid files reaped at the next start, would need more parts and leave a window open.
    pipe: true,
    // The app closes the browser in its onClose hook; letting Puppeteer kill it on a signal would
    // fail the renders still draining during a graceful shutdown.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

export async function preparePage(browser: Browser, onBlocked: (url: string) => void): Promise<Page> {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    if (url.startsWith('data:')) {
      void request.continue().catch(() => undefined);
      return;
    }
    onBlocked(url);
    void request.abort('blockedbyclient').catch(() => undefined);
  });
  return page;
}

export async function pageToPdf(page: Page, html: string, timeoutMs: number): Promise<Buffer> {
  await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: timeoutMs });
  return Buffer.from(pdf);
}
