import createError from '@fastify/error';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer';
import { withExtensions } from '../http/errors.js';
import { launchBrowser, pageToPdf, preparePage } from './browser.js';

// One Chromium for the whole process, launched on the first PDF, with a small pool of pages reused
// between renders (a reused page renders a one-page notice in ~70 ms, a new page ~230 ms, a new
// browser seconds). Renders beyond the pool wait in a short queue; beyond that the answer is 503 with
// Retry-After rather than an ever-growing backlog.

const Unavailable = createError<[string]>('PDF_ENGINE_UNAVAILABLE', '%s', 503);
const Busy = createError<[string]>('PDF_ENGINE_BUSY', '%s', 503);
const Failed = createError<[string]>('PDF_RENDER_FAILED', '%s', 503);
const TimedOut = createError<[string]>('PDF_RENDER_TIMEOUT', '%s', 503);

export const INSTALL_HINT =
  'Máy chủ chưa có trình duyệt Chromium để tạo PDF: hãy cài gói Debian chromium và fonts-liberation2 ' +
  '(sudo apt-get install chromium fonts-liberation2) hoặc đặt CHROMIUM_PATH đúng đường dẫn. ' +
  'Các định dạng HTML và Word vẫn dùng được.';

export interface PdfEngineOptions {
  chromiumPath: string;
  /** Pages kept open and reused; also the number of renders running at once. */
  pages?: number;
  /** Renders allowed to wait for a page; one more is refused with 503. */
  maxQueued?: number;
  renderTimeoutMs?: number;
  launchTimeoutMs?: number;
  /** A page is replaced after this many renders, so a slow leak in Chromium cannot grow forever. */
  maxRendersPerPage?: number;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

interface Slot {
  page: Page;
  generation: number;
  renders: number;
}

export interface PdfStats {
  launches: number;
  renders: number;
  failures: number;
  timeouts: number;
  refused: number;
  blockedRequests: string[];
  active: number;
  browserPid: number | null;
}

export type PdfEngine = ReturnType<typeof createPdfEngine>;

const unavailable = () => withExtensions(new Unavailable(INSTALL_HINT), { retryAfterSeconds: 60 });

export function createPdfEngine(options: PdfEngineOptions) {
  const poolSize = options.pages ?? 3;
  const maxQueued = options.maxQueued ?? 8;
  const timeoutMs = options.renderTimeoutMs ?? 20_000;
  const launchTimeoutMs = options.launchTimeoutMs ?? 30_000;
  const maxRendersPerPage = options.maxRendersPerPage ?? 200;
  let log = options.log;

  let browser: Promise<Browser> | null = null;
  let generation = 0;
  let created = 0;
  let idle: Slot[] = [];
  const waiters: (() => void)[] = [];
  let active = 0;
  let closed = false;
  const stats = { launches: 0, renders: 0, failures: 0, timeouts: 0, refused: 0, blockedRequests: [] as string[] };
  let pid: number | null = null;

  function forget(gen: number): void {
    if (gen !== generation) return;
    generation += 1;
    browser = null;
    created = 0;
    idle = [];
    pid = null;
    while (waiters.length > 0) waiters.shift()!();
  }

  function getBrowser(): Promise<Browser> {
    if (browser) return browser;
    const gen = generation;
    stats.launches += 1;
    browser = launchBrowser(options.chromiumPath, launchTimeoutMs).then(
      (b) => {
        pid = b.process()?.pid ?? null;
        b.once('disconnected', () => forget(gen));
        return b;
      },
      (error: unknown) => {
        log?.error({ err: error, chromiumPath: options.chromiumPath }, 'Chromium could not be launched');
        forget(gen);
        throw unavailable();
      },
    );
    return browser;
  }

  async function acquire(): Promise<Slot> {
    for (;;) {
      if (closed) throw withExtensions(new Failed('Dịch vụ đang dừng; hãy thử lại sau.'), { retryAfterSeconds: 5 });
      const slot = idle.pop();
      if (slot) return slot;
      if (created < poolSize) {
        created += 1;
        const gen = generation;
        try {
          const b = await getBrowser();
          const page = await preparePage(b, (url) => {
            stats.blockedRequests.push(url);
            if (stats.blockedRequests.length > 100) stats.blockedRequests.shift();
          });
          return { page, generation: gen, renders: 0 };
        } catch (error) {
          if (gen === generation) created -= 1;
          waiters.shift()?.();
          throw error;
        }
      }
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  }

  function release(slot: Slot, healthy: boolean): void {
    if (slot.generation === generation) {
      if (healthy && slot.renders < maxRendersPerPage && !slot.page.isClosed()) idle.push(slot);
      else {
        created -= 1;
        void slot.page.close().catch(() => undefined);
      }
    }
    waiters.shift()?.();
  }

  async function withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(withExtensions(new TimedOut('Tạo PDF quá thời gian cho phép; hãy thử lại.'), { retryAfterSeconds: 2 })),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    /** PDF bytes of a complete HTML document (styles inline; nothing is fetched). */
    async render(html: string): Promise<Buffer> {
      if (active >= poolSize + maxQueued) {
        stats.refused += 1;
        throw withExtensions(new Busy('Máy chủ đang tạo nhiều PDF cùng lúc; hãy thử lại sau ít giây.'), {
          retryAfterSeconds: 2,
        });
      }
      if (!existsSync(options.chromiumPath)) throw unavailable();
      active += 1;
      try {
        for (let attempt = 1; ; attempt += 1) {
          let slot: Slot | undefined;
          try {
            slot = await acquire();
            slot.renders += 1;
            const pdf = await withTimeout(pageToPdf(slot.page, html, timeoutMs));
            stats.renders += 1;
            release(slot, true);
            return pdf;
          } catch (error) {
            if (slot) release(slot, false);
            const code = (error as { code?: unknown }).code;
            if (typeof code === 'string' && code.startsWith('PDF_')) {
              if (code === 'PDF_RENDER_TIMEOUT') stats.timeouts += 1;
              throw error;
            }
            stats.failures += 1;
            const b = slot && browser ? await browser.catch(() => null) : null;
            const crashed = !b || !b.connected;
            if (slot && crashed) forget(slot.generation);
            log?.warn({ err: error, attempt, crashed }, 'PDF render failed');
            // A page that could not print (its renderer gone, Chromium's transient "Printing failed")
            // is replaced and the render tried once more; a dead browser fails this request at once
            // and is relaunched for the next one.
            if (!crashed && attempt === 1) continue;
            throw withExtensions(new Failed('Trình tạo PDF vừa gặp sự cố và đang khởi động lại; hãy thử lại.'), {
              retryAfterSeconds: 1,
            });
          }
        }
      } finally {
        active -= 1;
      }
    },

    stats(): PdfStats {
      return { ...stats, blockedRequests: [...stats.blockedRequests], active, browserPid: pid };
    },

    /** The app's logger, once it exists (launch failures are logged with their cause). */
    useLogger(logger: NonNullable<PdfEngineOptions['log']>): void {
      log = logger;
      if (!existsSync(options.chromiumPath)) {
        log.warn({ chromiumPath: options.chromiumPath }, 'Chromium not found: PDF requests answer 503 until Debian chromium and fonts-liberation2 are installed');
      }
    },

    available(): boolean {
      return existsSync(options.chromiumPath);
    },

    async close(): Promise<void> {
      closed = true;
      const current = browser;
      forget(generation);
      if (current) await (await current.catch(() => null))?.close().catch(() => undefined);
    },
  };
}
