import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServices } from '../src/app.js';
import { systemActor } from '../src/auth/actor.js';
import { applyOfficeRows, definitionDaysOff, nationalLayers, toCalendarData, withLocalDaysOff } from '../src/calendar/compose.js';
import * as repo from '../src/calendar/repository.js';
import { addWorkingDays } from '../src/calendar/rules.js';
import { seedShippedCampaigns } from '../src/campaigns/seed.js';
import { parseConfig } from '../src/config.js';
import { openDatabase } from '../src/db/connection.js';
import type { BenchRow } from './types.js';

// Cost of calendar.forCampaign(), which the schedule and documents modules call on every request:
// the chosen design (a per-process cache revalidated by one read of calendar_state) against reading the
// exceptions and rebuilding the calendar on every call (the other design that sees other processes'
// writes), both measured here on the seeded Quảng Xương campaign with ten office edits in the table.

const CAMPAIGN = 'quang-xuong-2023';

function perCallMicros(fn: () => unknown, minMs = 400): number {
  for (let i = 0; i < 200; i += 1) fn();
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    for (let i = 0; i < 100; i += 1) fn();
    calls += 100;
  }
  return ((performance.now() - start) * 1000) / calls;
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ics-bench-calendar-'));
  const config = parseConfig({ databaseFile: join(dir, 'db.sqlite'), logLevel: 'silent', seedOnStart: false });
  const database = openDatabase(config.databaseFile);
  try {
    const services = buildServices(config, database, () => new Date('2026-03-02T02:00:00Z'));
    const { calendar, campaigns, db } = services;
    const office = systemActor('bench');
    seedShippedCampaigns(campaigns, office);
    for (let i = 0; i < 10; i += 1) {
      const date = `2027-03-${String(i + 1).padStart(2, '0')}`;
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      calendar.addNationalDay(office, { date, kind: 'day-off', name: 'Ngày nghỉ thử', legalBasis: 'bench' });
    }
    calendar.addLocalDay(office, CAMPAIGN, { date: '2023-08-14', name: 'Ngày nghỉ riêng thử' });

    const cached = perCallMicros(() => calendar.forCampaign(CAMPAIGN));
    const rebuild = perCallMicros(() => {
      const layers = nationalLayers(calendar.shippedFile(), repo.dayRows(db, null), repo.yearRows(db));
      const national = toCalendarData(layers.exceptions, layers.confirmedYears);
      const days = campaigns.definition(CAMPAIGN).calendar.localDaysOff;
      const local = applyOfficeRows(definitionDaysOff(CAMPAIGN, days), repo.dayRows(db, CAMPAIGN), 'local', CAMPAIGN);
      return withLocalDaysOff(national, local.exceptions);
    }, 1500);
    const versionOnly = perCallMicros(() => calendar.national());
    const definitionRead = perCallMicros(() => campaigns.definition(CAMPAIGN));
    const cal = calendar.forCampaign(CAMPAIGN);
    const arithmetic = perCallMicros(() => addWorkingDays(cal, '2026-02-12', 5));
    return [
      {
        name: 'forCampaign(): cache + version check',
        figure: cached,
        unit: 'µs/call',
        reference: rebuild,
        ratio: cached / rebuild,
        note: 'reference: read exceptions and rebuild every call',
      },
      {
        name: 'national(): version check only',
        figure: versionOnly,
        unit: 'µs/call',
        reference: cached,
        ratio: versionOnly / cached,
        note: 'reference: forCampaign()',
      },
      { name: 'campaigns.definition() inside forCampaign()', figure: definitionRead, unit: 'µs/call', reference: cached, ratio: definitionRead / cached },
      {
        name: 'addWorkingDays(+5) across Tết 2026',
        figure: arithmetic,
        unit: 'µs/call',
        reference: cached,
        ratio: arithmetic / cached,
        note: 'reference: forCampaign()',
      },
    ];
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
