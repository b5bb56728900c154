import Database from 'better-sqlite3';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { tempDir } from '../helpers/app.js';
import { crashCampaign } from '../helpers/crash-campaign.js';
import { runSeed, seededRandom } from '../helpers/random.js';
import { startServer, type RunningServer } from '../helpers/server.js';

// SIGKILL the real server during a stream of visit registrations, restart it, and find every
// registration it acknowledged (201 with an id), in an intact database. Three rounds.

const CAMPAIGN = 'do-ben-crash';
const ROUNDS = 3;
const SLOTS_PER_ROUND = 120;

interface Acked {
  id: number;
  unitId: string;
  date: string;
  session: string;
  round: number;
}

async function api(server: RunningServer, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${server.tokens['OFFICE_TOKEN']}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function assertAllPresent(t: Test, server: RunningServer, acked: Acked[]) {
  const missing: Acked[] = [];
  for (const visit of acked) {
    const res = await api(server, 'GET', `/campaigns/${CAMPAIGN}/visits/${visit.id}`);
    const got = res.body as { id?: number; unitId?: string; date?: string; session?: string };
    if (res.status !== 200 || got.unitId !== visit.unitId || got.date !== visit.date || got.session !== visit.session) missing.push(visit);
  }
  t.same(missing, [], `all ${acked.length} acknowledged registrations are there, with their ids`);
}

t.test('no acknowledged registration is lost when the server is killed mid-stream', async (t) => {
  const dir = tempDir(t);
  const random = seededRandom(runSeed(20230803));
  const file = join(dir, 'db.sqlite');
  const acked: Acked[] = [];
  let server = await startServer(t, dir);

  const created = await api(server, 'POST', '/campaigns', crashCampaign(CAMPAIGN));
  if (created.status !== 201) t.comment(JSON.stringify(created.body).slice(0, 1000));
  t.equal(created.status, 201, 'the campaign of the write stream is loaded');
  const window = (created.body['campaign'] as { window: { start: string } }).window;
  const to = new Date(Date.parse(window.start) + 300 * 86_400_000).toISOString().slice(0, 10);
  const calendar = await api(server, 'GET', `/calendar/days?from=${window.start}&to=${to}&campaignId=${CAMPAIGN}`);
  const workingDays = (calendar.body['days'] as { date: string; working: boolean }[]).filter((d) => d.working).map((d) => d.date);
  t.ok(workingDays.length >= (ROUNDS * SLOTS_PER_ROUND) / 2, `${workingDays.length} working days to register on`);

  for (let round = 0; round < ROUNDS; round += 1) {
    const killAfter = random.int(15, 60);
    let sent = 0;
    let refused = 0;
    let killed = false;
    const team = async (teamNumber: number) => {
      for (let slot = round * SLOTS_PER_ROUND; slot < (round + 1) * SLOTS_PER_ROUND && !killed; slot += 1) {
        const visit = {
          teamNumber,
          unitId: `xa-${teamNumber}-${slot % 10}`,
          date: workingDays[Math.floor(slot / 2)]!,
          session: slot % 2 === 0 ? 'sang' : 'chieu',
        };
        sent += 1;
        let res;
        try {
          res = await api(server, 'POST', `/campaigns/${CAMPAIGN}/visits`, visit);
        } catch {
          return; // the connection died with the server: this one was never acknowledged
        }
        if (res.status !== 201) {
          refused += 1;
          t.fail(`registration refused: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
          continue;
        }
        const id = (res.body['visit'] as { id: number }).id;
        acked.push({ id, unitId: visit.unitId, date: visit.date, session: visit.session, round });
        if (acked.filter((a) => a.round === round).length >= killAfter && !killed) {
          killed = true;
          server.process.kill('SIGKILL');
        }
      }
    };
    await Promise.all([1, 2, 3, 4].map(team));
    const exit = await server.exited;
    t.equal(
      exit.signal,
      'SIGKILL',
      `round ${round + 1}: killed after ${acked.filter((a) => a.round === round).length} acknowledged of ${sent} sent (${refused} refused)`,
    );

    const db = new Database(file);
    t.equal(db.pragma('integrity_check', { simple: true }), 'ok', 'the database is intact after the kill');
    t.same(db.pragma('foreign_key_check'), [], 'no dangling reference');
    db.close();

    server = await startServer(t, dir);
    await assertAllPresent(t, server, acked);
  }
  server.process.kill('SIGTERM');
  t.same(await server.exited, { code: 0, signal: null });
});
