import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildApp } from '../src/app.js';
import { systemActor } from '../src/auth/actor.js';
import { seedShippedCampaigns } from '../src/campaigns/seed.js';
import { benchConfig, median, type BenchRow } from './types.js';

const QX = 'quang-xuong-2023';
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function request(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}
// District units with different blocks: each is a first render of a new document.
const FIRST = ['bv-dk', 'p-tckh', 'p-nv', 'p-vhtt', 'p-tp'];
const CACHED_ROUNDS = 200;

/**
 * Outline downloads over real HTTP (loopback, keep-alive): a cached download against the first
 * render of the same document, for PDF and Word; the 304 revalidation; and the event loop while the
 * campaign's bundle of 41 outlines is built in the background.
 */
export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ics-bench-outlines-'));
  const app = await buildApp(benchConfig(dir));
  try {
    const { auth, campaigns } = app.services;
    seedShippedCampaigns(campaigns, systemActor('bench'));
    const token = auth.create({ role: 'office', label: 'bench' }, systemActor('bench')).token;
    const headers = { authorization: `Bearer ${token}` };
    // Time in the server (Fastify's elapsedTime, request in to response out) besides the round trip,
    // which on a busy machine is mostly scheduling noise.
    const serverMs = new Map<string, number>();
    app.addHook('onResponse', async (request, reply) => {
      serverMs.set(request.id, reply.elapsedTime);
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const get = async (url: string, extra: Record<string, string> = {}) => {
      const start = performance.now();
      const res = await request(`${base}${url}`, { ...headers, ...extra });
      const ms = performance.now() - start;
      if (res.status !== 200 && res.status !== 304) throw new Error(`${url}: ${res.status} ${res.body.toString().slice(0, 200)}`);
      await new Promise((resolve) => setImmediate(resolve));
      const id = res.headers['x-request-id'] as string;
      const server = serverMs.get(id) ?? ms;
      serverMs.delete(id);
      return { ms, server, etag: res.headers.etag as string };
    };
    await get(`/campaigns/${QX}/units/xa-quang-binh/outline/pdf`); // launches Chromium: not a render cost

    const rows: BenchRow[] = [];
    for (const format of ['pdf', 'docx'] as const) {
      const first: { ms: number; server: number }[] = [];
      for (const unit of FIRST) first.push(await get(`/campaigns/${QX}/units/${unit}/outline/${format}`));
      const cached: { ms: number; server: number }[] = [];
      for (let i = 0; i < CACHED_ROUNDS; i += 1) cached.push(await get(`/campaigns/${QX}/units/${FIRST[i % FIRST.length]}/outline/${format}`));
      for (const side of ['ms', 'server'] as const) {
        const figure = median(cached.map((c) => c[side]));
        const reference = median(first.map((c) => c[side]));
        rows.push({
          name: `${format} outline: cached download vs first render (median, ${side === 'ms' ? 'HTTP round trip' : 'time in server'})`,
          figure,
          unit: 'ms',
          reference,
          ratio: reference / figure,
          note: 'speed-up, target ≥ 50×',
        });
      }
    }

    const url = `/campaigns/${QX}/units/bv-dk/outline/pdf`;
    const { etag } = await get(url);
    const revalidations: number[] = [];
    for (let i = 0; i < CACHED_ROUNDS; i += 1) revalidations.push((await get(url, { 'if-none-match': etag })).server);
    const cachedPdf = rows[1]!.figure;
    rows.push({
      name: 'pdf outline: 304 revalidation vs cached download (time in server)',
      figure: median(revalidations),
      unit: 'ms',
      reference: cachedPdf,
      ratio: median(revalidations) / cachedPdf,
    });

    const idle = monitorEventLoopDelay({ resolution: 5 });
    idle.enable();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    idle.disable();
    const busy = monitorEventLoopDelay({ resolution: 5 });
    busy.enable();
    const started = performance.now();
    const job = app.services.outlines.bundles.request(systemActor('bench'), QX, null);
    await app.services.outlines.bundles.idle();
    busy.disable();
    const seconds = (performance.now() - started) / 1000;
    const status = app.services.outlines.bundles.get(QX, job.bundle.id);
    if (status.status !== 'done') throw new Error(`bundle ${status.status}: ${status.error}`);
    rows.push({
      name: `event-loop delay p99 while the 41-unit bundle builds (${seconds.toFixed(1)} s, ${(status.bytes! / 1e6).toFixed(1)} MB)`,
      figure: busy.percentile(99) / 1e6,
      unit: 'ms',
      reference: idle.percentile(99) / 1e6,
      ratio: busy.percentile(99) / idle.percentile(99),
      note: 'reference: the same app idle',
    });
    return rows;
  } finally {
    agent.destroy();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await run()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
