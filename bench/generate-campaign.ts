// Builds a synthetic campaign with a given number of existing visits: province- and country-sized
// (hundreds of teams, tens of thousands of targets), spread over the working days of a long window.
// Units play several roles as in seed 001: each team's leader is inspected by the next team, one of
// its members by the team after that, and a shared unit sits on two neighbouring teams.
//
//   npx tsx bench/generate-campaign.ts --visits 5000 --db var/bench-5000.sqlite
import { pathToFileURL } from 'node:url';
import type { Services } from '../src/app.js';
import { buildServices } from '../src/app.js';
import { systemActor } from '../src/auth/actor.js';
import { isWorkingDay, addDays } from '../src/calendar/rules.js';
import { definitionSchema, type CampaignDefinition } from '../src/campaigns/definition.js';
import { parseConfig } from '../src/config.js';
import { openDatabase } from '../src/db/connection.js';
import { visits as visitsTable } from '../src/schedule/tables.js';

export const WINDOW = { start: '2030-03-04', endExclusive: '2030-07-01' };
/** "Today" of a benchmark: before the registration deadline of the synthetic campaign. */
export const BENCH_NOW = new Date('2030-01-15T02:00:00Z');
/** Targets of each team left without a visit, for the measured registrations. */
export const FREE_TARGETS = 4;

export interface SyntheticShape {
  teams: number;
  visitsPerTeam: number;
  targetsPerTeam: number;
}

export function shapeFor(visits: number): SyntheticShape {
  // Team numbers stop at 999, so a country-sized campaign has bigger teams.
  const visitsPerTeam = visits <= 100 ? 10 : Math.max(20, Math.ceil(visits / 900));
  const teams = Math.max(3, Math.ceil(visits / visitsPerTeam));
  return { teams, visitsPerTeam, targetsPerTeam: visitsPerTeam + FREE_TARGETS };
}

const leaderOf = (i: number) => `d-${i}`;
const memberOf = (i: number) => `m-${i}`;
const sharedOf = (i: number) => `s-${Math.floor(i / 2)}`;
const communeOf = (i: number, j: number) => `x-${i}-${j}`;

/** Target j of team i (0-based): the previous team's leader, a member of the team before it, then communes. */
export function targetOf(shape: SyntheticShape, i: number, j: number): string {
  if (j === 0) return leaderOf((i + shape.teams - 1) % shape.teams);
  if (j === 1) return memberOf((i + shape.teams - 2) % shape.teams);
  return communeOf(i, j - 2);
}

export function syntheticDefinition(id: string, shape: SyntheticShape): CampaignDefinition {
  const units: { id: string; name: string; level: 'district' | 'commune'; kind: 'department' | 'commune-committee' | 'mass-organisation' }[] = [];
  const teams = [];
  for (let i = 0; i < shape.teams; i += 1) {
    units.push({ id: leaderOf(i), name: `Phòng chủ trì số ${i + 1}`, level: 'district', kind: 'department' });
    units.push({ id: memberOf(i), name: `Phòng thành viên số ${i + 1}`, level: 'district', kind: 'department' });
    if (i % 2 === 0) units.push({ id: sharedOf(i), name: `Hội đoàn thể số ${i / 2 + 1}`, level: 'district', kind: 'mass-organisation' });
    for (let j = 0; j < shape.targetsPerTeam - 2; j += 1) {
      units.push({ id: communeOf(i, j), name: `Xã số ${i + 1}-${j + 1}`, level: 'commune', kind: 'commune-committee' });
    }
    const members = [memberOf(i), sharedOf(i)];
    teams.push({
      number: i + 1,
      leader: leaderOf(i),
      members,
      targets: Array.from({ length: shape.targetsPerTeam }, (_, j) => targetOf(shape, i, j)),
    });
  }
  return definitionSchema.parse({
    format: 'inspection-campaign/v1',
    id,
    title: `Đợt kiểm tra tổng hợp ${id}`,
    issuingBody: 'Tổ công tác Đề án 06 (thử tải)',
    parentBody: 'UBND (thử tải)',
    placeName: 'Thử tải',
    window: WINDOW,
    registration: { deadlineExclusive: '2030-03-01' },
    teamReport: { deadlineExclusive: '2030-08-01' },
    outlines: {
      set: 'quang-xuong-2023',
      periods: { A: { from: '2029-01-01', to: '2029-12-31' }, B: { from: '2029-01-01', to: '2029-11-30' } },
      byLevel: { district: 'A', commune: 'B' },
    },
    units,
    teams,
  });
}

/** Working days of the window for this calendar. */
export function windowDays(services: Services, campaignId: string): string[] {
  const calendar = services.calendar.forCampaign(campaignId);
  const days: string[] = [];
  for (let d = WINDOW.start; d < WINDOW.endExclusive; d = addDays(d, 1)) if (isWorkingDay(calendar, d)) days.push(d);
  return days;
}

/** Day index and session of existing visit k of team i: two a day in a block that moves with i. */
export function plannedSlot(shape: SyntheticShape, days: number, i: number, k: number): { day: number; session: 'sang' | 'chieu' } {
  const span = Math.ceil(shape.visitsPerTeam / 2);
  const offset = (i * 7) % Math.max(1, days - span);
  return { day: offset + Math.floor(k / 2), session: k % 2 === 0 ? 'sang' : 'chieu' };
}

/** Loads the campaign and inserts exactly `count` existing visits in one transaction. */
export function generateCampaign(services: Services, id: string, count: number, given?: SyntheticShape): { shape: SyntheticShape; days: string[] } {
  const shape = given ?? shapeFor(count);
  services.campaigns.importDefinition(syntheticDefinition(id, shape), systemActor('bench'));
  const days = windowDays(services, id);
  const structure = services.campaigns.structure(id);
  const sessions = services.campaigns.rules(id).sessions;
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
  const at = BENCH_NOW.toISOString();
  services.db.transaction((tx) => {
    let made = 0;
    for (let i = 0; i < shape.teams && made < count; i += 1) {
      const team = structure.teams[i]!;
      for (let k = 0; k < shape.visitsPerTeam && made < count; k += 1, made += 1) {
        const target = team.targets[k]!;
        const slot = plannedSlot(shape, days.length, i, k);
        tx.insert(visitsTable)
          .values({
            campaignId: id,
            teamId: team.id,
            teamNumber: team.number,
            assignmentId: target.assignmentId,
            unitId: target.unitId,
            date: days[slot.day]!,
            session: slot.session,
            startMinute: minutes(sessions[slot.session].start),
            endMinute: minutes(sessions[slot.session].end),
            place: `Trụ sở ${target.unitId}`,
            status: 'registered',
            registeredAt: at,
            registeredBy: 'bench',
            updatedAt: at,
          })
          .run();
      }
    }
  });
  return { shape, days };
}

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const count = Number(argument('visits', '5000'));
  const file = argument('db', `var/bench-${count}.sqlite`);
  const id = argument('id', `synthetic-${count}`);
  const config = parseConfig({ databaseFile: file, logLevel: 'silent', seedOnStart: false });
  const database = openDatabase(config.databaseFile);
  const started = performance.now();
  const { shape } = generateCampaign(
    buildServices(config, database, () => BENCH_NOW),
    id,
    count,
  );
  database.close();
  process.stdout.write(
    `${id}: ${count} visits, ${shape.teams} teams × ${shape.targetsPerTeam} targets in ${file} (${Math.round(performance.now() - started)} ms)\n`,
  );
}
