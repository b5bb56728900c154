import createError from '@fastify/error';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer';
import { withExtensions } from '../http/errors.js';
import { launchBrowser, pageToPdf, preparePage } from './browser.js';

// One Chromium for the whole process, launched on the first PDF, with a small pool of pages reused
// between renders (a reused page renders a one-page notice in ~70 ms, a new page ~230 ms, a new
// browser seconds). Renders beyond the pool wait in a short queue; beyond that the answer is 503 with
// Retry-After rather than an ever-growing backlog. A browser that stops answering (frozen, not
// crashed: a crash is seen at once) is found when a render times out, killed and replaced.

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
  /** After a render timed out, how long the browser has to answer a trivial call before it is killed. */
  probeTimeoutMs?: number;
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
  /** How long the last launch took: what Retry-After says while a browser restarts. */
  launchMs: number;
}

export type PdfEngine = ReturnType<typeof createPdfEngine>;

const unavailable = () => withExtensions(new Unavailable(INSTALL_HINT), { retryAfterSeconds: 60 });
// A launch failing this many times in a row, the executable being there, is a broken installation.
const LAUNCH_ATTEMPTS = 3;
// Unref'd: a probe or a close still waiting must not keep a finished process alive.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export function createPdfEngine(options: PdfEngineOptions) {
  const poolSize = options.pages ?? 3;
  const maxQueued = options.maxQueued ?? 8;
  const timeoutMs = options.renderTimeoutMs ?? 20_000;
  const launchTimeoutMs = options.launchTimeoutMs ?? 30_000;
  const maxRendersPerPage = options.maxRendersPerPage ?? 200;
  const probeTimeoutMs = options.probeTimeoutMs ?? Math.min(5000, timeoutMs);
  let log = options.log;

  let browser: Promise<Browser> | null = null;
  // What a launch took last time: the Retry-After of a render that failed while the browser restarts.
  let launchMs = 2000;
  let launchFailures = 0;
  let probing: Promise<void> | null = null;
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

  const retryAfterSeconds = () => Math.max(1, Math.ceil(launchMs / 1000));
  const restarting = () =>
    withExtensions(new Failed('Trình tạo PDF vừa gặp sự cố và đang khởi động lại; hãy thử lại.'), { retryAfterSeconds: retryAfterSeconds() });

  function getBrowser(): Promise<Browser> {
    if (browser) return browser;
    const gen = generation;
    const started = performance.now();
    stats.launches += 1;
    // Every DevTools call is bounded (Puppeteer waits 180 s by default): a frozen browser then fails
    // calls instead of holding them.
    browser = launchBrowser(options.chromiumPath, launchTimeoutMs, 2 * timeoutMs + launchTimeoutMs).then(
      (b) => {
        launchMs = performance.now() - started;
        launchFailures = 0;
        pid = b.process()?.pid ?? null;
        b.once('disconnected', () => forget(gen));
        return b;
      },
      (error: unknown) => {
        launchFailures += 1;
        log?.error({ err: error, chromiumPath: options.chromiumPath, launchFailures }, 'Chromium could not be launched');
        forget(gen);
        // Killed while starting, or out of memory for a moment: the next launch will likely work.
        throw launchFailures >= LAUNCH_ATTEMPTS ? unavailable() : restarting();
      },
    );
    return browser;
  }

  /**
   * After a render timed out: a browser that cannot answer a trivial call within probeTimeoutMs is
   * frozen (stopped, swapping, deadlocked). It is killed (SIGKILL ends a stopped process too) and
   * forgotten, which fails the renders still waiting on it; the next render launches another.
   */
  function probe(gen: number): Promise<void> {
    probing ??= (async () => {
      const b = await browser?.catch(() => null);
      if (!b || gen !== generation) return;
      const answered = await Promise.race([
        b.version().then(
          () => true,
          () => false,
        ),
        sleep(probeTimeoutMs).then(() => false),
      ]);
      if (answered || gen !== generation) return;
      log?.error({ pid, probeTimeoutMs }, 'Chromium does not answer: killed and replaced');
      b.process()?.kill('SIGKILL');
      forget(gen);
    })().finally(() => (probing = null));
    return probing;
  }

  async function acquire(): Promise<Slot> {
    for (;;) {
      if (closed) throw withExtensions(new Failed('Dịch vụ đang dừng; hãy thử lại sau.'), { retryAfterSeconds: 5 });
      // A browser under suspicion gets no new work until it has answered (or been replaced).
      if (probing) await probing;
      const slot = idle.pop();
      if (slot) return slot;
      if (created < poolSize) {
        created += 1;
        const gen = generation;
        try {
          const b = await getBrowser();
          const prepared = preparePage(b, (url) => {
            stats.blockedRequests.push(url);
            if (stats.blockedRequests.length > 100) stats.blockedRequests.shift();
          });
          const page = await withTimeout(prepared, () => void prepared.then((late) => late.close()).catch(() => undefined));
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

  /** `work` bounded by the render timeout; `onLate` runs when it is abandoned (to close a late page). */
  async function withTimeout<T>(work: Promise<T>, onLate?: () => void): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        onLate?.();
        reject(withExtensions(new TimedOut('Tạo PDF quá thời gian cho phép; hãy thử lại.'), { retryAfterSeconds: 2 }));
      }, timeoutMs);
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
          const gen = generation;
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
              if (code === 'PDF_RENDER_TIMEOUT') {
                stats.timeouts += 1;
                void probe(slot?.generation ?? gen);
              }
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
            throw restarting();
          }
        }
      } finally {
        active -= 1;
      }
    },

    stats(): PdfStats {
      return { ...stats, blockedRequests: [...stats.blockedRequests], active, browserPid: pid, launchMs };
    },

    /** The app's logger, once it exists (launch failures are logged with their cause). */
    useLogger(logger: NonNullable<PdfEngineOptions['log']>): void {
      log = logger;
      if (!existsSync(options.chromiumPath)) {
        log.warn(
          { chromiumPath: options.chromiumPath },
          'Chromium not found: PDF requests answer 503 until Debian chromium and fonts-liberation2 are installed',
        );
      }
    },

    available(): boolean {
      return existsSync(options.chromiumPath);
    },

    /** Closes the browser; one that does not close within the probe time (frozen) is killed. */
    async close(): Promise<void> {
      closed = true;
      const current = await browser?.catch(() => null);
      forget(generation);
      if (!current) return;
      const closing = current.close().then(
        () => true,
        () => false,
      );
      if (!(await Promise.race([closing, sleep(probeTimeoutMs).then(() => false)]))) current.process()?.kill('SIGKILL');
    },
  };
}
