import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { systemActor } from '../src/auth/actor.js';
import { seedShippedCampaigns } from '../src/campaigns/seed.js';
import { parseConfig } from '../src/config.js';
import { bareArgs, serviceArgs, startProcess } from './process.js';
import { median, type BenchRow } from './types.js';

// The office's feed under polling load, measured with autocannon against the real server process and,
// in the same run, against a bare Fastify hello-world spawned the same way:
//   - a poll at the current cursor with the page's ETag (304, decided from one indexed query),
//   - a full page of 50 events (200),
// both through the whole stack: bearer-token check, rate limit, helmet headers, zod validation.

interface Result {
  requests: { average: number; total: number };
  '2xx': number;
  '3xx': number;
  non2xx: number;
  errors: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; headers?: Record<string, string> }) => Promise<Result>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const QX = 'quang-xuong-2023';
const EVENTS = 120;
const CONNECTIONS = 10;
const SECONDS = 3;
// The three targets are measured in turns, ROUNDS times, and each keeps its median: a machine whose
// load changes during the run then skews every target alike instead of one of them.
const ROUNDS = 3;

/** A database with one concluded visit amended until the campaign's feed holds EVENTS events. */
export async function prepare(dir: string): Promise<string> {
  let clock = new Date('2023-07-20T02:00:00.000Z');
  const config = parseConfig({
    databaseFile: join(dir, 'db.sqlite'),
    storageDir: join(dir, 'storage'),
    demoTokensFile: join(dir, 'tokens.env'),
    logLevel: 'silent',
    seedOnStart: false,
  });
  const app = await buildApp(config, { now: () => clock });
  try {
    const actor = systemActor('bench');
    const { auth, campaigns, schedule, documents, findings } = app.services;
    seedShippedCampaigns(campaigns, actor);
    const token = auth.create({ role: 'office', label: 'bench office' }, actor).token;
    const { visit } = schedule.register(QX, { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-07', session: 'sang' }, actor);
    // Only a notice makes a visit notified.
    documents.issueNotice(QX, 1, { visitIds: [visit.id] }, actor);
    clock = new Date('2023-08-08T02:00:00.000Z');
    const draft = (n: number) => ({
      achieved: `Kết quả đạt được, phiên bản ${n}: đơn vị đã ban hành kế hoạch và phân công cán bộ phụ trách.`,
      shortcomings: 'Tỷ lệ hồ sơ dịch vụ công trực tuyến còn thấp.',
      causes: 'Người dân chưa quen sử dụng tài khoản định danh điện tử.',
      recommendations: [{ text: 'Đẩy mạnh tuyên truyền, hướng dẫn kích hoạt tài khoản VNeID mức 2.', dueDate: '2023-09-29' }],
    });
    let tag = findings.conclusions.saveDraft(actor, QX, visit.id, draft(1), undefined).etag;
    // Published over an unfinished checklist, which asks for a reason.
    const checklistReason = 'Kiểm tra theo chuyên đề';
    tag = findings.conclusions.publish(actor, QX, visit.id, undefined, tag, checklistReason).etag;
    for (let n = 2; n <= EVENTS; n += 1) {
      tag = findings.conclusions.saveDraft(actor, QX, visit.id, draft(n), tag).etag;
      tag = findings.conclusions.publish(actor, QX, visit.id, `Sửa đổi lần ${n}`, tag, checklistReason).etag;
    }
    return token;
  } finally {
    await app.close();
  }
}

interface Target {
  url: string;
  headers: Record<string, string>;
  /** The server answering, whose CPU time is read from /proc. */
  pid: number;
  check: (result: Result) => string | null;
}

/** User + system CPU time of a process in microseconds (Linux /proc, clock ticks of 10 ms). */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/**
 * Requests per second and server CPU per request of each target: median of ROUNDS turns, after one
 * warm-up turn each. CPU per request does not depend on what else the machine is running.
 */
async function measure(targets: Target[]): Promise<{ rps: number; cpu: number }[]> {
  for (const t of targets) await autocannon({ url: t.url, connections: CONNECTIONS, duration: 1, headers: t.headers });
  const rps: number[][] = targets.map(() => []);
  const cpu: number[][] = targets.map(() => []);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [i, t] of targets.entries()) {
      const before = cpuMicros(t.pid);
      const result = await autocannon({ url: t.url, connections: CONNECTIONS, duration: SECONDS, headers: t.headers });
      const used = cpuMicros(t.pid) - before;
      const problem = t.check(result);
      if (problem) throw new Error(`${t.url}: ${problem}`);
      rps[i]!.push(result.requests.average);
      cpu[i]!.push(used / result.requests.total);
    }
  }
  return targets.map((_, i) => ({ rps: median(rps[i]!), cpu: median(cpu[i]!) }));
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ics-bench-feed-'));
  try {
    const token = await prepare(dir);
    const env = {
      DATABASE_FILE: join(dir, 'db.sqlite'),
      STORAGE_DIR: join(dir, 'storage'),
      DEMO_TOKENS_FILE: join(dir, 'tokens.env'),
      SIGN_IN_LINKS_FILE: join(dir, 'links.txt'),
      LOG_FILE: '-',
      SEED_ON_START: 'false',
      RATE_LIMIT_MAX: '1000000000',
      FEED_RETENTION_DAYS: '36500', // the events are dated 2023: keep them
    };
    const bare = await startProcess(bareArgs(), {}, '/hello');
    const service = await startProcess(serviceArgs(), env);
    try {
      const auth = { authorization: `Bearer ${token}` };
      const base = `http://127.0.0.1:${service.port}/campaigns/${QX}/feed`;
      const latest = (await (await fetch(base, { headers: auth })).json()) as { latestCursor: string };
      const current = `${base}?since=${latest.latestCursor}`;
      const tag = (await fetch(current, { headers: auth })).headers.get('etag')!;
      const full = await fetch(`${base}?limit=50`, { headers: auth });
      const page = (await full.json()) as { events: unknown[] };
      if (page.events?.length !== 50) throw new Error(`expected a page of 50 events, got ${JSON.stringify(page).slice(0, 400)}`);

      let healthCpu = 0;
      const ok200 = (r: Result) => (r['2xx'] > 0 && r.non2xx === 0 && r.errors === 0 ? null : 'not every answer was 200');
      const [hello, poll, fullPage] = (await measure([
        { url: `http://127.0.0.1:${bare.port}/hello`, headers: {}, pid: bare.child.pid!, check: ok200 },
        { url: `http://127.0.0.1:${service.port}/health`, headers: {}, pid: service.child.pid!, check: ok200 },
        {
          url: current,
          headers: { ...auth, 'if-none-match': tag },
          pid: service.child.pid!,
          check: (r) => (r['3xx'] > 0 && r['2xx'] === 0 && r.errors === 0 ? null : 'not every answer was 304'),
        },
        { url: `${base}?limit=50`, headers: auth, pid: service.child.pid!, check: ok200 },
      ]).then(([bareHello, health, ...rest]) => {
        healthCpu = health!.cpu;
        return [bareHello, ...rest];
      })) as [{ rps: number; cpu: number }, { rps: number; cpu: number }, { rps: number; cpu: number }];
      const [reference, rps304, rpsPage] = [hello.rps, poll.rps, fullPage.rps];
      const note = `median of ${ROUNDS} × ${SECONDS} s, ${CONNECTIONS} connections, autocannon`;
      return [
        { name: 'bare Fastify hello-world', figure: reference, unit: 'req/s', reference, ratio: 1, note },
        { name: 'feed poll, current ETag → 304', figure: rps304, unit: 'req/s', reference, ratio: rps304 / reference, note: 'target ≥ 0.5× bare Fastify' },
        { name: 'feed page of 50 events → 200', figure: rpsPage, unit: 'req/s', reference, ratio: rpsPage / reference, note: 'target ≥ 0.12× bare Fastify' },
        { name: '304 poll against the 50-event page', figure: rps304, unit: 'req/s', reference: rpsPage, ratio: rps304 / rpsPage, note: 'target ≥ 3×' },
        // Diagnostics: server CPU per request, independent of the machine's load.
        {
          name: 'CPU per request: service /health',
          figure: healthCpu,
          unit: 'µs',
          reference: hello.cpu,
          ratio: healthCpu / hello.cpu,
          note: 'the stack every route pays (no auth)',
        },
        { name: 'CPU per request: 304 poll', figure: poll.cpu, unit: 'µs', reference: hello.cpu, ratio: poll.cpu / hello.cpu },
        {
          name: 'CPU per request: 50-event page',
          figure: fullPage.cpu,
          unit: 'µs',
          reference: poll.cpu,
          ratio: fullPage.cpu / poll.cpu,
          note: 'page / 304 poll',
        },
      ];
    } finally {
      await service.stop();
      await bare.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
