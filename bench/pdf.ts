import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer';
import { buildApp } from '../src/app.js';
import { systemActor } from '../src/auth/actor.js';
import { seedShippedCampaigns } from '../src/campaigns/seed.js';
import { parseConfig } from '../src/config.js';
import { fromRoot } from '../src/paths.js';
import { CHROMIUM_ARGS } from '../src/render/browser.js';
import { serviceArgs, startProcess } from './process.js';
import { median, type BenchRow } from './types.js';

// The PDF engine through the real server process (bearer token, rate limit, database, templates,
// page pool, interception), against a bare Puppeteer loop rendering the same HTML in this process:
//   - throughput of the draft-notice PDF endpoint (rendered on every request) vs the bare loop with
//     as many pages as the server's pool;
//   - serving an issued notice's stored PDF vs rendering one;
//   - 20 simultaneous requests: each is rendered or refused with 503 and Retry-After;
//   - the RSS of Chromium's process tree before and after 500 renders.

interface Result {
  '2xx': number;
  non2xx: number;
  errors: number;
  duration: number;
  requests: { average: number };
}
type Autocannon = (options: { url: string; connections: number; duration?: number; amount?: number; headers?: Record<string, string> }) => Promise<Result>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const QX = 'quang-xuong-2023';
const CHROMIUM = '/usr/bin/chromium';
const PAGES = 3;
const SECONDS = 5;
const ROUNDS = 3;
const MEMORY_RENDERS = 500;

/** A database with team 01's visits registered and one notice issued; returns an office token and the notice id. */
async function prepare(config: ReturnType<typeof parseConfig>): Promise<{ token: string; noticeId: number }> {
  let clock = new Date('2023-07-20T02:00:00.000Z');
  const app = await buildApp(config, { now: () => clock });
  try {
    const actor = systemActor('bench');
    const { auth, campaigns, schedule, documents } = app.services;
    seedShippedCampaigns(campaigns, actor);
    const token = auth.create({ role: 'office', label: 'bench office' }, actor).token;
    const visits: [string, string, 'sang' | 'chieu'][] = [
      ['p-tckh', '2023-08-07', 'sang'],
      ['p-ldtbxh', '2023-08-07', 'chieu'],
      ['p-tnmt', '2023-08-08', 'sang'],
      ['xa-quang-binh', '2023-08-09', 'sang'],
    ];
    const ids = visits.map(([unitId, date, session]) => schedule.register(QX, { teamNumber: 1, unitId, date, session }, actor).visit.id);
    clock = new Date('2023-08-01T05:00:00.000Z');
    const notice = documents.issueNotice(QX, 1, { visitIds: ids.slice(0, 2) }, actor);
    return { token, noticeId: notice.id };
  } finally {
    await app.close();
  }
}

/** The server as `npm start` runs it: the bundle when this file was built, else the sources under tsx. */
function serverArgs(): string[] {
  const built = fileURLToPath(import.meta.url).includes(`${'/'}dist${'/'}`);
  return built ? serviceArgs() : ['--import', 'tsx', fromRoot('src/server.ts')];
}

/** Summed RSS and PSS (MiB) of the Chromium processes below a process (Linux /proc). */
function chromiumTree(root: number): { rssMiB: number; pssMiB: number; processes: number } {
  const parents = new Map<number, number>();
  const names = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      names.set(Number(entry), stat.slice(stat.indexOf('(') + 1, close));
      parents.set(Number(entry), Number(stat.slice(close + 2).split(' ')[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const below = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === root) return true;
    return false;
  };
  const field = (text: string, name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  let rss = 0;
  let pss = 0;
  let processes = 0;
  for (const [pid, name] of names) {
    if (!below(pid) || !/chrom/i.test(name)) continue;
    try {
      rss += field(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmRSS');
      pss += field(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss');
      processes += 1;
    } catch {
      // gone
    }
  }
  return { rssMiB: rss / 1024, pssMiB: pss / 1024, processes };
}

/** A bare Puppeteer loop: `PAGES` pages of one browser, each doing setContent + pdf back to back. */
async function bareLoop(html: string) {
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const pages = await Promise.all(Array.from({ length: PAGES }, () => browser.newPage()));
  const once = async (page: (typeof pages)[number]) => {
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({ preferCSSPageSize: true, printBackground: true });
  };
  for (const page of pages) await once(page);
  return {
    /** Renders per second over `seconds`. */
    async rate(seconds: number): Promise<number> {
      let renders = 0;
      const end = performance.now() + seconds * 1000;
      await Promise.all(
        pages.map(async (page) => {
          while (performance.now() < end) {
            await once(page);
            renders += 1;
          }
        }),
      );
      return renders / seconds;
    },
    close: () => browser.close(),
  };
}

/** Where the server keeps a rendered PDF (src/render/store.ts), from its strong ETag. */
function storedPath(storageDir: string, etag: string): string {
  const hash = etag.replace(/"/g, '');
  return join(storageDir, 'renders', hash.slice(0, 2), `${hash}.pdf`);
}

async function timedGet(url: string, headers: Record<string, string>): Promise<{ ms: number; etag: string }> {
  const started = performance.now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return { ms: performance.now() - started, etag: res.headers.get('etag')! };
}

async function endpointRate(url: string, headers: Record<string, string>, connections: number, seconds: number): Promise<number> {
  const result = await autocannon({ url, connections, duration: seconds, headers });
  if (result.non2xx > 0 || result.errors > 0) {
    const codes = JSON.stringify((result as unknown as { statusCodeStats: unknown }).statusCodeStats);
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors ${codes}`);
  }
  return result['2xx'] / result.duration;
}

interface Target {
  base: string;
  headers: Record<string, string>;
  draftPdf: string;
  storedUrl: string;
  storageDir: string;
}

/** Throughput of the draft endpoint and of the bare loop, and the issued PDF's latency rendered vs stored. */
async function compare(target: Target, html: string, firstEtag: string) {
  const { headers, draftPdf, storedUrl } = target;
  const loop = await bareLoop(html);
  // Targets take turns, ROUNDS times, each keeping its median: on a machine whose load changes during
  // the run, every target is affected alike.
  const rates = { endpoint: [] as number[], bare: [] as number[], stored: [] as number[] };
  const latency = { rendered: [] as number[], stored: [] as number[] };
  let tag = firstEtag;
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      rates.endpoint.push(await endpointRate(draftPdf, headers, PAGES * 2, SECONDS));
      rates.bare.push(await loop.rate(SECONDS));
      rates.stored.push(await endpointRate(storedUrl, headers, 10, 2));
      // The issued PDF one request at a time: rendered (its stored file removed first), then from storage.
      for (let i = 0; i < 5; i += 1) {
        rmSync(storedPath(target.storageDir, tag));
        const answer = await timedGet(storedUrl, headers);
        latency.rendered.push(answer.ms);
        tag = answer.etag;
      }
      for (let i = 0; i < 50; i += 1) latency.stored.push((await timedGet(storedUrl, headers)).ms);
    }
  } finally {
    await loop.close();
  }
  return {
    endpoint: median(rates.endpoint),
    bare: median(rates.bare),
    stored: median(rates.stored),
    renderedMs: median(latency.rendered),
    storedMs: median(latency.stored),
    samples: `${latency.stored.length} stored, ${latency.rendered.length} rendered`,
  };
}

/** 20 requests at once: how many were rendered, how many refused with 503 and Retry-After. */
async function burst(target: Target) {
  const answers = await Promise.all(
    Array.from({ length: 20 }, async () => {
      const res = await fetch(target.draftPdf, { headers: target.headers });
      await res.arrayBuffer();
      return { status: res.status, retryAfter: Number(res.headers.get('retry-after') ?? 0) };
    }),
  );
  return {
    rendered: answers.filter((b) => b.status === 200).length,
    refused: answers.filter((b) => b.status === 503 && b.retryAfter >= 1).length,
  };
}

/** Chromium's process tree before MEMORY_RENDERS renders through the endpoint and after each hundred. */
async function memory(target: Target, serverPid: number) {
  const before = chromiumTree(serverPid);
  const steps: ReturnType<typeof chromiumTree>[] = [];
  for (let done = 0; done < MEMORY_RENDERS; done += 100) {
    const step = await autocannon({ url: target.draftPdf, connections: PAGES, amount: 100, headers: target.headers });
    if (step['2xx'] !== 100) throw new Error(`memory run: ${step['2xx']} of 100 rendered`);
    steps.push(chromiumTree(serverPid));
  }
  return { before, after: steps.at(-1)!, steps };
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ics-bench-pdf-'));
  const env = {
    DATABASE_FILE: join(dir, 'db.sqlite'),
    STORAGE_DIR: join(dir, 'storage'),
    DEMO_TOKENS_FILE: join(dir, 'tokens.env'),
    SIGN_IN_LINKS_FILE: join(dir, 'links.txt'),
    LOG_FILE: '-',
    SEED_ON_START: 'false',
    RATE_LIMIT_MAX: '1000000000',
    CHROMIUM_PATH: CHROMIUM,
    PDF_PAGES: String(PAGES),
  };
  const config = parseConfig({
    databaseFile: env.DATABASE_FILE,
    storageDir: env.STORAGE_DIR,
    demoTokensFile: env.DEMO_TOKENS_FILE,
    logLevel: 'silent',
    seedOnStart: false,
  });
  try {
    const { token, noticeId } = await prepare(config);
    const server = await startProcess(serverArgs(), env);
    try {
      const base = `http://127.0.0.1:${server.port}/campaigns/${QX}`;
      const target: Target = {
        base,
        headers: { authorization: `Bearer ${token}` },
        draftPdf: `${base}/teams/1/notices/draft/pdf`,
        storedUrl: `${base}/documents/${noticeId}/pdf`,
        storageDir: env.STORAGE_DIR,
      };
      const html = await (await fetch(`${base}/teams/1/notices/draft/html`, { headers: target.headers })).text();
      if (!html.includes('DỰ THẢO')) throw new Error(`draft HTML: ${html.slice(0, 300)}`);
      // Warm-up: the server launches Chromium and opens its pages; the issued PDF is rendered and stored.
      await autocannon({ url: target.draftPdf, connections: PAGES * 2, amount: 30, headers: target.headers });
      const first = await fetch(target.storedUrl, { headers: target.headers });
      if (first.status !== 200 || (await first.arrayBuffer()).byteLength < 1000) throw new Error(`issued PDF: ${first.status}`);

      const c = await compare(target, html, first.headers.get('etag')!);
      const b = await burst(target);
      const m = await memory(target, server.child.pid!);
      return [
        {
          name: 'PDF endpoint (draft notice) vs bare Puppeteer loop',
          figure: c.endpoint,
          unit: 'PDF/s',
          reference: c.bare,
          ratio: c.endpoint / c.bare,
          note: `target ≥ 0.8×; ${PAGES} pages each; median of ${ROUNDS} × ${SECONDS} s; endpoint: autocannon, ${PAGES * 2} connections`,
        },
        {
          name: 'issued PDF: served from storage vs rendered (latency)',
          figure: c.storedMs,
          unit: 'ms',
          reference: c.renderedMs,
          ratio: c.renderedMs / c.storedMs,
          note: `speed-up, bigger is better, target ≥ 20×; median, one request at a time (${c.samples})`,
        },
        {
          name: 'issued PDF from storage vs rendering (throughput)',
          figure: c.stored,
          unit: 'PDF/s',
          reference: c.endpoint,
          ratio: c.stored / c.endpoint,
          note: 'target ≥ 20×; stored: 10 connections; reference: the rendering endpoint above',
        },
        {
          name: '20 simultaneous PDF requests answered',
          figure: b.rendered + b.refused,
          unit: 'requests',
          reference: 20,
          ratio: (b.rendered + b.refused) / 20,
          note: `target 1×; ${b.rendered} rendered, ${b.refused} refused with 503 + Retry-After`,
        },
        {
          name: `Chromium RSS after ${MEMORY_RENDERS} renders vs before`,
          figure: m.after.rssMiB,
          unit: 'MiB',
          reference: m.before.rssMiB,
          ratio: m.after.rssMiB / m.before.rssMiB,
          note:
            `bounded if flat: after each 100 renders ${m.steps.map((x) => x.rssMiB.toFixed(0)).join(', ')} MiB; ` +
            `${m.before.processes}→${m.after.processes} processes; RSS summed over the tree (shared pages counted per process; ` +
            `PSS ${m.before.pssMiB.toFixed(0)}→${m.after.pssMiB.toFixed(0)} MiB)`,
        },
      ];
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
