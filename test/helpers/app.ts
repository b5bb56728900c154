import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import root, { type Test } from 'tap';
import { buildApp, type AppDeps } from '../../src/app.js';
import { systemActor } from '../../src/auth/actor.js';
import type { Role } from '../../src/auth/tables.js';
import { seedShippedCampaigns } from '../../src/campaigns/seed.js';
import { parseConfig, type Config, type ConfigInput } from '../../src/config.js';
import type { PdfEngine } from '../../src/render/pdf.js';
import { pdfEngineFor } from '../../src/render/service.js';

export const QX = 'quang-xuong-2023';

/** A clock tests can move; services read it through deps.now. */
export function testClock(start: string | Date = '2023-07-20T02:00:00.000Z') {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(at: string | Date) {
      current = new Date(at);
    },
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
  };
}

export function tempDir(t: Test, prefix = 'ics-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The start-up cache every test app shares (CACHE_DIR): what one app parsed and checked, the next reads
 * back, as a restarted service does. It is keyed by content and build, so sharing it is safe; without it
 * each of the suite's apps spent about 150 ms parsing the same YAML and checking the same templates.
 * Tests of the cache itself give their own folder.
 */
export const SHARED_TEST_CACHE = join(tmpdir(), 'ics-test-content-cache');

export function testConfig(dir: string, overrides: ConfigInput = {}): Config {
  return parseConfig({
    databaseFile: join(dir, 'db.sqlite'),
    storageDir: join(dir, 'storage'),
    cacheDir: SHARED_TEST_CACHE,
    demoTokensFile: join(dir, 'demo-tokens.env'),
    logLevel: 'silent',
    seedOnStart: false,
    ...overrides,
  });
}

let sharedPdf: PdfEngine | null = null;

/**
 * One Chromium for the test apps of a process (closed when its tests end), as the service has one:
 * launching one for each app that renders a PDF cost about 1.6 s of CPU each, some 50 times a run.
 * Tests that render through the engine directly share it too.
 */
export function sharedPdfEngine(): PdfEngine {
  if (sharedPdf === null) {
    const engine = pdfEngineFor(parseConfig({}));
    root.teardown(() => engine.close());
    sharedPdf = engine;
  }
  return sharedPdf;
}

/**
 * The shared engine for a test app, unless its test sets its own PDF options or asks for an engine of
 * its own (to kill or count its browser).
 */
function pdfEngineOf(options: TestAppOptions): PdfEngine | undefined {
  const pdfOptions: (keyof ConfigInput)[] = ['chromiumPath', 'pdfPages', 'pdfQueue', 'pdfTimeoutMs'];
  if (options.ownPdfEngine || pdfOptions.some((name) => options.config?.[name] !== undefined)) return undefined;
  return sharedPdfEngine();
}

export interface TestAppOptions {
  /** A PDF engine of the app's own rather than the process's shared one. */
  ownPdfEngine?: boolean;
  seed?: boolean;
  clock?: ReturnType<typeof testClock>;
  config?: ConfigInput;
  dir?: string;
  deps?: AppDeps;
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

/**
 * A whole app on a fresh SQLite file in a temp folder. With seed (the default) the Quảng Xương 2023
 * campaign is loaded and one token per role is ready: office (every campaign), leader and secretary of
 * team 01, member (Bảo hiểm xã hội huyện: member of team 01, target of team 02) and unit (Phòng Tài
 * chính - Kế hoạch, a target of team 01).
 */
export async function buildTestApp(t: Test, options: TestAppOptions = {}) {
  const dir = options.dir ?? tempDir(t);
  const clock = options.clock ?? testClock();
  const config = testConfig(dir, options.config);
  const app = await buildApp(config, { now: clock.now, pdf: pdfEngineOf(options), ...options.deps });
  t.teardown(() => app.close());
  const { auth, campaigns } = app.services;
  const tokens = {} as Record<Role, string>;
  if (options.seed ?? true) {
    seedShippedCampaigns(campaigns, systemActor('test'));
    const make = (role: Role, extra: Partial<Parameters<typeof auth.create>[0]> = {}) =>
      auth.create({ role, label: `test ${role}`, ...extra }, systemActor('test')).token;
    tokens.office = make('office');
    tokens.leader = make('leader', { campaignId: QX, teamNumber: 1 });
    tokens.secretary = make('secretary', { campaignId: QX, teamNumber: 1 });
    tokens.member = make('member', { campaignId: QX, unitId: 'bhxh' });
    tokens.unit = make('unit', { campaignId: QX, unitId: 'p-tckh' });
  }
  const as = (role: Role) => ({ authorization: `Bearer ${tokens[role]}` });
  return { app, config, dir, clock, tokens, as, services: app.services };
}
