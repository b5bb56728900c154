import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { systemActor } from '../src/auth/actor.js';
import { seedShippedCampaigns } from '../src/campaigns/seed.js';
import { ensureRehearsal } from '../src/demo/rehearsal.js';
import { benchConfig, median, type BenchRow } from './types.js';

// The web pages against the JSON calls that carry the same data, server time through the whole stack
// (app.inject: routing, hooks, rendering or serialisation), in the same process and run:
//   - the planning board of team 01 (rehearsal campaign, every target registered) against the
//     free-sessions call of each of its targets plus the team's schedule, which a client of the API
//     would make to draw the same board;
//   - the bytes a browser receives for the board: its HTML, stylesheet and script, compressed.

const NOW = new Date('2026-12-07T02:00:00.000Z');
const ROUNDS = 5;
const SAMPLES = 40;

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ics-bench-pages-'));
  const config = benchConfig(dir);
  const app = await buildApp(config, { now: () => NOW });
  try {
    const actor = systemActor('bench');
    const { services } = app;
    seedShippedCampaigns(services.campaigns, actor);
    const campaign = ensureRehearsal(services, 'quang-xuong-2023', actor).campaignId;
    const token = services.auth.create({ role: 'leader', label: 'bench leader', campaignId: campaign, teamNumber: 1 }, actor).token;
    const person = services.people.create(campaign, { name: 'Bench', role: 'leader', teamNumber: 1 }, actor);
    const { code } = services.people.invite(campaign, person.id, actor);
    const signIn = await app.inject({ url: `/moi/${code}` });
    const csrfCookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(signIn.body)![1]!;
    const opened = await app.inject({
      method: 'POST',
      url: `/moi/${code}`,
      headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(csrf)}`,
    });
    const cookie = [csrfCookie, ...[opened.headers['set-cookie']].flat().map((c) => String(c).split(';')[0])].join('; ');

    // Every target of team 01 gets a visit on the first free session the board offers.
    const team = services.campaigns.team(campaign, 1);
    const rules = services.campaigns.rules(campaign);
    const last = new Date(Date.parse(`${rules.window.endExclusive}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    for (const target of team.targets) {
      const free = services.schedule.freeSessions(campaign, { team: 1, unit: target.unitId, from: rules.window.start, to: last }).free[0]!;
      services.schedule.register(campaign, { teamNumber: 1, unitId: target.unitId, date: free.date, session: free.session }, actor);
    }

    const bearer = { authorization: `Bearer ${token}` };
    const board = () => app.inject({ url: `/dot/${campaign}/doan/1/lich`, headers: { cookie } });
    const json = async () => {
      for (const target of team.targets) {
        await app.inject({ url: `/campaigns/${campaign}/free-sessions?team=1&unit=${target.unitId}&from=${rules.window.start}&to=${last}`, headers: bearer });
      }
      await app.inject({ url: `/campaigns/${campaign}/teams/1/schedule`, headers: bearer });
    };
    const check = await board();
    if (check.statusCode !== 200) throw new Error(`board answered ${check.statusCode}`);

    const time = async (work: () => Promise<unknown>) => {
      const samples: number[] = [];
      for (let i = 0; i < SAMPLES; i += 1) {
        const started = performance.now();
        await work();
        samples.push(performance.now() - started);
      }
      return median(samples);
    };
    await time(board);
    await time(json);
    const boardTimes: number[] = [];
    const jsonTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      boardTimes.push(await time(board));
      jsonTimes.push(await time(json));
    }
    const boardMs = median(boardTimes);
    const jsonMs = median(jsonTimes);

    const compressed = async (url: string, headers: Record<string, string> = {}) => {
      const response = await app.inject({ url, headers: { ...headers, 'accept-encoding': 'br, gzip' } });
      return response.rawPayload.length;
    };
    const html = await compressed(`/dot/${campaign}/doan/1/lich`, { cookie });
    const assets = [...check.body.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1]!);
    let bytes = html;
    for (const asset of assets) bytes += await compressed(asset);
    const plain = Buffer.byteLength(check.body);

    return [
      {
        name: 'planning board page vs its JSON calls (server time)',
        figure: boardMs,
        unit: 'ms',
        reference: jsonMs,
        ratio: boardMs / jsonMs,
        note: `${team.targets.length} free-sessions calls + team schedule; target ≤ 2×, goal 1.3×`,
      },
      {
        name: 'planning board: HTML + CSS + JS transferred, compressed',
        figure: bytes / 1024,
        unit: 'KB',
        reference: 60,
        ratio: bytes / 1024 / 60,
        note: `${assets.length} assets; HTML alone ${(html / 1024).toFixed(1)} KB compressed, ${(plain / 1024).toFixed(0)} KB plain; target ≤ 60 KB (ratio ≤ 1)`,
      },
    ];
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
