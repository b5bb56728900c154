import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { buildServices, type Services } from '../src/app.js';
import { systemActor } from '../src/auth/actor.js';
import { parseConfig } from '../src/config.js';
import { openDatabase } from '../src/db/connection.js';
import { visits } from '../src/schedule/tables.js';
import { BENCH_NOW, FREE_TARGETS, generateCampaign, plannedSlot, targetOf, type SyntheticShape } from './generate-campaign.js';
import { median, type BenchRow } from './types.js';

// Registration with the full clash check (one IMMEDIATE transaction, synchronous=FULL commit) into
// synthetic campaigns holding 50, 5,000 and 50,000 visits. Each measured visit is removed again
// (untimed), so every registration sees exactly the stated number of existing visits.

const SIZES = [50, 5_000, 50_000] as const;
const SAMPLES = 151;
const WARMUP = 20;

/** A deterministic pseudo-random sequence, so every run registers the same visits. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

interface Subject {
  size: number;
  id: string;
  services: Services;
  shape: SyntheticShape;
  days: string[];
  next: () => number;
  timings: number[];
  close(): void;
}

/** Registers one visit that the dry run finds free, times it, and removes it again. */
function registerOnce(subject: Subject): void {
  const { services, id, shape, days, next } = subject;
  const actor = systemActor('bench');
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const team = Math.floor(next() * shape.teams);
    const target = targetOf(shape, team, shape.visitsPerTeam + Math.floor(next() * FREE_TARGETS));
    const busy = new Set(Array.from({ length: shape.visitsPerTeam }, (_, k) => plannedSlot(shape, days.length, team, k).day));
    const day = Math.floor(next() * days.length);
    if (busy.has(day)) continue;
    const input = { teamNumber: team + 1, unitId: target, date: days[day]!, session: next() < 0.5 ? ('sang' as const) : ('chieu' as const) };
    if (!services.schedule.check(id, input, actor).ok) continue;
    const started = performance.now();
    const { visit } = services.schedule.register(id, input, actor);
    const elapsed = performance.now() - started;
    services.db.delete(visits).where(eq(visits.id, visit.id)).run();
    subject.timings.push(elapsed);
    return;
  }
  throw new Error(`no free slot found in the campaign of ${subject.size} visits`);
}

function subjectOf(size: number): Subject {
  const dir = mkdtempSync(join(tmpdir(), 'ics-bench-registration-'));
  const config = parseConfig({ databaseFile: join(dir, 'db.sqlite'), logLevel: 'silent', seedOnStart: false });
  const database = openDatabase(config.databaseFile);
  const services = buildServices(config, database, () => BENCH_NOW);
  const id = `synthetic-${size}`;
  const { shape, days } = generateCampaign(services, id, size);
  return {
    size,
    id,
    services,
    shape,
    days,
    next: random(42),
    timings: [],
    close() {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function run(): Promise<BenchRow[]> {
  const subjects = SIZES.map(subjectOf);
  try {
    // Round-robin over the sizes, so a busy machine slows every size alike.
    for (let round = 0; round < WARMUP + SAMPLES; round += 1) for (const subject of subjects) registerOnce(subject);
  } finally {
    for (const subject of subjects) subject.close();
  }
  const medianOf = (size: number) => median(subjects.find((s) => s.size === size)!.timings.slice(WARMUP));
  const reference = medianOf(50);
  return [5_000, 50_000].map((size) => {
    const shape = subjects.find((s) => s.size === size)!.shape;
    const figure = medianOf(size);
    return {
      name: `register a visit (full clash check) among ${size.toLocaleString('en')} visits`,
      figure,
      unit: 'ms',
      reference,
      ratio: figure / reference,
      note:
        `${shape.teams} teams × ${shape.targetsPerTeam} targets; median of ${SAMPLES}; reference: median at 50 visits` +
        (size === 50_000 ? '; target ≤ 2×' : ''),
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await run()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
