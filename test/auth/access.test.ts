import t, { type Test } from 'tap';
import { parse } from 'yaml';
import { systemActor } from '../../src/auth/actor.js';
import { definitionSchema } from '../../src/campaigns/definition.js';
import { generateOpenapiYaml } from '../../src/http/openapi-document.js';
import { callers, type AccessContext, type AccessRequest, type Caller } from '../helpers/access.js';
import { buildTestApp, QX, type TestApp } from '../helpers/app.js';
import { operationsOf } from '../helpers/openapi.js';
import { miniDefinition } from '../helpers/definitions.js';
import { accessTable } from './access-table.js';

const defaultParams: Record<string, string | number> = {
  campaignId: QX,
  teamNo: 1,
  unitId: 'p-tckh',
  date: '2023-08-03',
  year: 2023,
};

const documented = new Map<string, { path: string; method: string; names: Set<string> }>();
for (const { method, path, parameters } of operationsOf(parse(await generateOpenapiYaml()))) {
  documented.set(`${method} ${path}`, { path, method, names: new Set(parameters.map((p) => `${p.in}:${p.name}`)) });
}

t.test('every route of the OpenAPI document has an entry in the role table', async (t) => {
  const entries = new Set(accessTable.map((e) => e.route));
  for (const route of documented.keys()) {
    if (!entries.has(route)) t.fail(`${route} has no entry: add one to test/auth/access-table.ts saying what each role gets`);
  }
  for (const entry of accessTable) {
    if (!documented.has(entry.route)) t.fail(`${entry.route} is in test/auth/access-table.ts but not in the OpenAPI document: remove it`);
  }
  t.pass(`${documented.size} routes documented, ${new Set(accessTable.map((e) => e.route)).size} in the table`);
});

function urlOf(path: string, params: Record<string, string | number>, query?: Record<string, string>): string {
  const filled = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}}: give it in the entry's request.params`);
    return encodeURIComponent(String(value));
  });
  return query ? `${filled}?${new URLSearchParams(query).toString()}` : filled;
}

interface Fixture {
  test: TestApp;
  outsider: string;
  memo: Map<string, Promise<unknown>>;
  calls: number;
}

/** A seeded app with a second campaign and a leader of it (the outsider). */
async function fixture(t: Test): Promise<Fixture> {
  // The shared app answers several hundred requests per token: the rate limit is another test's subject.
  const test = await buildTestApp(t, { config: { rateLimitMax: 1_000_000 } });
  const { services } = test;
  services.campaigns.importDefinition(definitionSchema.parse(miniDefinition('other-campaign')), systemActor('test'));
  const outsider = services.auth.create({ role: 'leader', label: 'đoàn khác', campaignId: 'other-campaign', teamNumber: 1 }, systemActor('test')).token;
  return { test, outsider, memo: new Map(), calls: 0 };
}

// Reads share one app (they change nothing; what they need is made once with ctx.memo); every
// other route gets a fresh app, so one write cannot change the answer of another.
let shared: Promise<Fixture> | null = null;
const root = t;

for (const entry of accessTable) {
  const route = documented.get(entry.route);
  if (!route) continue;
  t.test(entry.case ? `${entry.route} (${entry.case})` : entry.route, async (t) => {
    const reads = route.method === 'GET';
    if (reads && !shared) shared = fixture(root);
    const fx = reads ? await shared! : await fixture(t);
    const { test, outsider } = fx;
    const { app, as } = test;
    const asOffice: AccessContext['asOffice'] = (method, url, body) =>
      app.inject({ method, url, headers: as('office'), ...(body === undefined ? {} : { payload: body as object }) });
    const memo: AccessContext['memo'] = (key, make) => {
      if (!fx.memo.has(key)) fx.memo.set(key, make());
      return fx.memo.get(key) as Promise<never>;
    };

    const namesCampaign = route.names.has('path:campaignId') || route.names.has('query:campaignId');
    const outsiderExpect = entry.expect.outsider ?? (namesCampaign ? (entry.expect.leader === 403 ? 403 : 404) : undefined);
    const who: (Caller | 'outsider')[] = [...callers.slice(0, -1), ...(outsiderExpect === undefined ? [] : ['outsider' as const]), 'office'];

    for (const caller of who) {
      const n = fx.calls++;
      const given: AccessRequest = typeof entry.request === 'function' ? await entry.request({ who: caller, n, test, asOffice, memo }) : (entry.request ?? {});
      const query = { ...given.query };
      if (route.names.has('query:campaignId') && caller === 'outsider') query['campaignId'] = QX;
      const auth = caller === 'anonymous' ? {} : caller === 'outsider' ? { authorization: `Bearer ${outsider}` } : as(caller);
      const res = await app.inject({
        method: route.method as 'GET',
        url: urlOf(route.path, { ...defaultParams, ...given.params }, Object.keys(query).length ? query : undefined),
        headers: { ...auth, ...given.headers },
        ...(given.body === undefined ? {} : { payload: given.body as object }),
      });
      const expected = caller === 'outsider' ? outsiderExpect : entry.expect[caller];
      const code = res.headers['content-type']?.toString().includes('json') && res.body ? (JSON.parse(res.body).code ?? '') : '';
      t.equal(res.statusCode, expected, `${caller}: ${entry.route} → ${res.statusCode} ${code}`.trim());
    }
  });
}
