import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { systemActor } from '../src/auth/actor.js';
import { seedShippedCampaigns } from '../src/campaigns/seed.js';
import { benchConfig, median, type BenchRow } from './types.js';

const N = 300;
const QX = 'quang-xuong-2023';

/**
 * What the safety nets cost per request, in process (app.inject, no network): an idempotent creating
 * POST (two more commits: the key's claim and its answer) against the same POST without a key, a
 * replay against that POST, and an authenticated, rate-limited trivial read against the public health check.
 */
export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ics-bench-security-'));
  const app = await buildApp(benchConfig(dir));
  try {
    await app.ready();
    seedShippedCampaigns(app.services.campaigns, systemActor('bench'));
    const token = app.services.auth.create({ role: 'office', label: 'bench' }, systemActor('bench')).token;
    const headers = { authorization: `Bearer ${token}` };
    const body = { role: 'leader', label: 'Trưởng đoàn số 02', campaignId: QX, teamNumber: 2 };

    const time = async (make: (i: number) => Promise<{ statusCode: number }>, ok: number) => {
      const ms: number[] = [];
      for (let i = 0; i < N; i += 1) {
        const start = process.hrtime.bigint();
        const res = await make(i);
        ms.push(Number(process.hrtime.bigint() - start) / 1e6);
        if (res.statusCode !== ok) throw new Error(`bench request answered ${res.statusCode}`);
      }
      return median(ms);
    };
    const post = (extra: Record<string, string>) => app.inject({ method: 'POST', url: '/auth/tokens', headers: { ...headers, ...extra }, payload: body });

    const plain = await time(() => post({}), 201);
    const keyed = await time((i) => post({ 'idempotency-key': `bench-${i}` }), 201);
    const replay = await time((i) => post({ 'idempotency-key': `bench-${i}` }), 201);
    const read = await time(() => app.inject({ method: 'GET', url: '/auth/whoami', headers }), 200);
    const health = await time(() => app.inject({ method: 'GET', url: '/health' }), 200);
    return [
      {
        name: 'POST /auth/tokens with a new Idempotency-Key',
        figure: keyed,
        unit: 'ms',
        reference: plain,
        ratio: keyed / plain,
        note: 'reference: the same POST without a key',
      },
      { name: 'replay of an idempotent POST', figure: replay, unit: 'ms', reference: plain, ratio: replay / plain, note: 'reference: the POST itself' },
      {
        name: 'GET /auth/whoami (token lookup, rate limit, headers)',
        figure: read,
        unit: 'ms',
        reference: health,
        ratio: read / health,
        note: 'reference: public /health',
      },
    ];
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
