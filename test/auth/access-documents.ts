import { QX } from '../helpers/app.js';
import { allRoles, officeOnly, teamRoles, type AccessContext, type AccessEntry } from '../helpers/access.js';
import { publishConclusion, register } from '../helpers/document-flow.js';
import { visitDone } from '../helpers/findings.js';

// Role table entries of the document routes (spread into test/auth/access-table.ts). Team 01 issues;
// its notices go to the units it visits (Phòng Tài chính - Kế hoạch, the unit token) and to its member
// units (Bảo hiểm xã hội huyện, the member token).

const team1Targets = ['p-ldtbxh', 'p-tnmt', 'p-tckh'];
// Working days of the window none of the other entries use (2023-08-21 is made a local day off by one).
const noticeDays = ['2023-08-14', '2023-08-15', '2023-08-16', '2023-08-17', '2023-08-18', '2023-08-22', '2023-08-23', '2023-08-11'];

/** A registered visit of team 01, with the clock put back to 20/7/2023 so a notice is in time. */
function freshVisit(ctx: AccessContext): number {
  const visit = register(ctx.test, 1, team1Targets[ctx.n % 3]!, noticeDays[ctx.n % noticeDays.length]!);
  ctx.test.clock.set('2023-07-20T02:00:00.000Z');
  return visit.id;
}

/** A notice of team 01 covering a visit at Phòng Tài chính - Kế hoạch, issued once per app. */
function notice(ctx: AccessContext): Promise<number> {
  return ctx.memo('notice-team1', async () => {
    const saved = ctx.test.clock.now();
    const visit = register(ctx.test, 1, 'p-tckh', '2023-08-24', 'chieu');
    ctx.test.clock.set('2023-07-20T02:00:00.000Z');
    const res = await ctx.asOffice('POST', `/campaigns/${QX}/teams/1/notices`, { visitIds: [visit.id] });
    ctx.test.clock.set(saved);
    if (res.statusCode !== 201) throw new Error(`notice: ${res.body}`);
    return res.json().id as number;
  });
}

/** A unit of team 01 with a published conclusion and no results notice yet. */
async function concludedUnit(ctx: AccessContext): Promise<string> {
  const unitId = ['p-ldtbxh', 'p-tnmt', 'p-tckh', 'tt-tan-phong'][ctx.n % 4]!;
  const visitId = visitDone(ctx.test, 1, unitId, noticeDays[ctx.n % noticeDays.length]!);
  await publishConclusion(ctx.test, visitId);
  return unitId;
}

export const documentAccess: AccessEntry[] = [
  {
    route: 'POST /campaigns/{campaignId}/teams/{teamNo}/notices',
    expect: teamRoles(201),
    request: (ctx) => ({ body: { visitIds: [freshVisit(ctx)] } }),
  },
  {
    route: 'POST /campaigns/{campaignId}/teams/{teamNo}/paper-notices',
    expect: officeOnly(201),
    request: (ctx) => ({
      body: { numberLabel: `${40 + ctx.n}/TB-ĐKT01`, issueDate: '2023-07-20', visitIds: [freshVisit(ctx)], reason: 'Thông báo đã ban hành trên giấy' },
    }),
    why: 'only the standing office records what was done on paper',
  },
  {
    route: 'GET /campaigns/{campaignId}/teams/{teamNo}/notices/draft',
    expect: teamRoles(200),
    request: (ctx) => ctx.memo('draft-visit', async () => ({ query: { visitIds: String(freshVisit(ctx)) } })),
  },
  {
    route: 'GET /campaigns/{campaignId}/teams/{teamNo}/notices/draft/{format}',
    expect: teamRoles(200),
    request: (ctx) =>
      ctx.memo('draft-visit', async () => ({ query: { visitIds: String(freshVisit(ctx)) } })).then((r) => ({ ...r, params: { format: 'html' } })),
  },
  {
    route: 'GET /campaigns/{campaignId}/teams/{teamNo}/results-notices/draft/{format}',
    expect: teamRoles(200),
    request: (ctx) => ctx.memo('concluded-unit', () => concludedUnit(ctx)).then((unitId) => ({ params: { format: 'html' }, query: { unitId } })),
  },
  {
    route: 'GET /campaigns/{campaignId}/teams/{teamNo}/report/draft/{format}',
    expect: teamRoles(200),
    request: (ctx) => ctx.memo('concluded-unit', () => concludedUnit(ctx)).then(() => ({ params: { format: 'html' } })),
  },
  {
    route: 'POST /campaigns/{campaignId}/teams/{teamNo}/results-notices',
    expect: teamRoles(201),
    request: async (ctx) => ({ body: { unitId: await concludedUnit(ctx) } }),
  },
  {
    route: 'POST /campaigns/{campaignId}/teams/{teamNo}/report',
    expect: teamRoles(201),
    request: async (ctx) => {
      await concludedUnit(ctx);
      return { body: {} };
    },
  },
  { route: 'GET /campaigns/{campaignId}/documents', expect: allRoles(200), why: 'each caller gets the documents it may see' },
  { route: 'GET /campaigns/{campaignId}/documents/summary', expect: teamRoles(200) },
  { route: 'GET /campaigns/{campaignId}/teams/{teamNo}/notice-coverage', expect: teamRoles(200), why: 'the team leader’s board of notices' },
  {
    route: 'GET /campaigns/{campaignId}/documents/{documentId}',
    expect: allRoles(200),
    request: async (ctx) => ({ params: { documentId: await notice(ctx) } }),
    why: 'a notice goes to the visited unit and to the team’s member units',
  },
  {
    route: 'GET /campaigns/{campaignId}/documents/{documentId}/{format}',
    expect: allRoles(200),
    request: async (ctx) => ({ params: { documentId: await notice(ctx), format: 'html' } }),
  },
];
