import { systemActor } from '../../src/auth/actor.js';
import { QX } from '../helpers/app.js';
import { allRoles, officeOnly, teamRoles, weekday, type AccessContext, type AccessEntry, type AccessRequest } from '../helpers/access.js';
import { miniDefinition } from '../helpers/definitions.js';
import { findingsAccess } from '../findings/access-entries.js';
import { documentAccess } from './access-documents.js';
import { outlineAccess } from './access-outlines.js';

// The role table: every route of openapi.yaml, what each caller gets. Callers: anonymous; unit =
// Phòng Tài chính - Kế hoạch (target of team 01); member = Bảo hiểm xã hội huyện (member of team 01,
// target of team 02); leader and secretary of team 01; office (every campaign); outsider = a leader
// of another campaign. Default parameters: campaignId quang-xuong-2023, teamNo 1, unitId p-tckh.
// test/auth/access.test.ts fails for a route missing here.

const etagOf = (res: { headers: Record<string, unknown> }) => String(res.headers['etag']);

// Working days of seed 001's window, one per call of a route that registers a visit.
const visitDays = ['2023-08-03', '2023-08-04', '2023-08-07', '2023-08-08', '2023-08-09', '2023-08-10', '2023-08-11', '2023-08-14'];

/** A fresh visit of team 01 at Phòng Tài chính - Kế hoạch, which every role of the table may see. */
async function newVisitOfTeam1({ n, asOffice }: AccessContext): Promise<AccessRequest> {
  const res = await asOffice('POST', `/campaigns/${QX}/visits`, {
    teamNumber: 1,
    unitId: 'p-tckh',
    date: visitDays[n % visitDays.length]!,
    session: n < visitDays.length ? 'sang' : 'chieu',
  });
  return { params: { visitId: res.json().visit.id } };
}

/** The visit of team 01 at Phòng Tài chính - Kế hoạch, registered once per app (for reads). */
const visitOfTeam1 = (ctx: AccessContext): Promise<AccessRequest> => ctx.memo('visit-team1', () => newVisitOfTeam1({ ...ctx, n: 0 }));

export const accessTable: AccessEntry[] = [
  // system
  { route: 'GET /health', expect: { ...allRoles(200), anonymous: 200 } },

  // campaigns
  { route: 'GET /campaigns', expect: allRoles(200) },
  {
    route: 'POST /campaigns',
    expect: officeOnly(201),
    request: ({ n }) => ({ body: miniDefinition(`access-${n}`) }),
  },
  { route: 'GET /campaigns/{campaignId}', expect: allRoles(200) },
  { route: 'GET /campaigns/{campaignId}/definition', expect: teamRoles(200) },
  { route: 'GET /campaigns/{campaignId}/analysis', expect: teamRoles(200) },
  { route: 'GET /campaigns/{campaignId}/teams', expect: allRoles(200), why: 'team composition is part of the published plan' },
  { route: 'GET /campaigns/{campaignId}/teams/{teamNo}', expect: allRoles(200), request: { params: { teamNo: 2 } } },
  { route: 'GET /campaigns/{campaignId}/units', expect: allRoles(200), request: { query: { q: 'tai chinh' } } },
  { route: 'GET /campaigns/{campaignId}/units/{unitId}', expect: allRoles(200), request: { params: { unitId: 'bhxh' } } },
  { route: 'GET /campaigns/{campaignId}/assignments', expect: allRoles(200) },
  { route: 'GET /units', expect: allRoles(200), request: { query: { q: 'Tài chính' } } },

  // auth
  { route: 'GET /auth/whoami', expect: allRoles(200) },
  { route: 'GET /auth/tokens', expect: officeOnly(200) },
  {
    route: 'POST /auth/tokens',
    expect: officeOnly(201),
    request: { body: { role: 'leader', label: 'Trưởng đoàn số 02', campaignId: QX, teamNumber: 2 } },
  },
  {
    route: 'DELETE /auth/tokens/{tokenId}',
    expect: officeOnly(200),
    request: ({ test }) => ({
      params: { tokenId: test.services.auth.create({ role: 'unit', label: 'để thu hồi', campaignId: QX, unitId: 'p-tckh' }, systemActor('test')).id },
    }),
  },

  // the standing office's dashboard and exports (office only: other roles have their own pages)
  { route: 'GET /campaigns/{campaignId}/dashboard', expect: officeOnly(200) },
  { route: 'GET /campaigns/{campaignId}/exports/schedule.xlsx', expect: officeOnly(200) },
  { route: 'GET /campaigns/{campaignId}/exports/progress.xlsx', expect: officeOnly(200) },
  { route: 'GET /campaigns/{campaignId}/exports/recommendations.xlsx', expect: officeOnly(200) },
  { route: 'GET /campaigns/{campaignId}/exports/self-report-figures.xlsx', expect: officeOnly(200) },
  { route: 'GET /campaigns/{campaignId}/exports/summary.docx', expect: officeOnly(200) },
  { route: 'GET /campaigns/{campaignId}/timeline.pdf', expect: officeOnly(200) },

  // people who sign in to the pages, and their invitations
  { route: 'GET /campaigns/{campaignId}/people', expect: officeOnly(200) },
  {
    route: 'POST /campaigns/{campaignId}/people',
    expect: officeOnly(201),
    request: { body: { name: 'Ngô Văn Sơn', role: 'leader', teamNumber: 2 } },
  },
  {
    route: 'DELETE /campaigns/{campaignId}/people/{personId}',
    expect: officeOnly(200),
    request: ({ test }) => ({
      params: { personId: test.services.people.create(QX, { name: 'Để thu hồi', role: 'unit', unitId: 'p-tckh' }, systemActor('test')).id },
    }),
  },
  {
    route: 'POST /campaigns/{campaignId}/people/{personId}/invitations',
    expect: officeOnly(201),
    request: ({ test }) => ({
      params: { personId: test.services.people.create(QX, { name: 'Được mời', role: 'secretary', teamNumber: 1 }, systemActor('test')).id },
    }),
  },
  {
    route: 'POST /campaigns/{campaignId}/invitations/sheet',
    expect: officeOnly(200),
    request: ({ test }) => ({
      body: { personIds: [test.services.people.create(QX, { name: 'In phiếu', role: 'leader', teamNumber: 3 }, systemActor('test')).id] },
    }),
  },

  // audit
  { route: 'GET /audit', expect: officeOnly(200) },
  { route: 'GET /campaigns/{campaignId}/audit', expect: officeOnly(200) },
  { route: 'GET /campaigns/{campaignId}/units/{unitId}/audit', expect: officeOnly(200) },
  { route: 'GET /campaigns/{campaignId}/visits/{visitId}/audit', expect: officeOnly(200), request: visitOfTeam1 },

  // calendar: reads for everyone, the national calendar written by an unscoped office only
  { route: 'GET /calendar/days', expect: allRoles(200), request: { query: { from: '2023-08-01', to: '2023-08-31', campaignId: QX } } },
  { route: 'GET /calendar/days/{date}', expect: allRoles(200), request: { query: { campaignId: QX } } },
  { route: 'GET /calendar/working-days/add', expect: allRoles(200), request: { query: { date: '2023-08-03', days: '-2', campaignId: QX } } },
  { route: 'GET /calendar/working-days/count', expect: allRoles(200), request: { query: { from: '2023-08-03', to: '2023-08-24', campaignId: QX } } },
  { route: 'GET /calendar/deadlines/notice', expect: allRoles(200), request: { query: { campaignId: QX, visitDate: '2023-08-10' } } },
  { route: 'GET /calendar/deadlines/results', expect: allRoles(200), request: { query: { campaignId: QX, roundEnd: '2023-08-18' } } },
  { route: 'GET /calendar/years/{year}', expect: allRoles(200) },
  {
    route: 'PUT /calendar/years/{year}',
    expect: officeOnly(200),
    request: async ({ asOffice }) => ({
      params: { year: 2030 },
      headers: { 'if-match': etagOf(await asOffice('GET', '/calendar/years/2030')) },
      body: { confirmed: false, note: 'chưa có lịch nghỉ chính thức' },
    }),
  },
  { route: 'GET /calendar/exceptions', expect: allRoles(200), request: { query: { year: '2023' } } },
  {
    route: 'POST /calendar/exceptions',
    expect: officeOnly(201),
    request: ({ n }) => ({ body: { date: weekday(n), kind: 'day-off', name: 'Nghỉ thử', legalBasis: 'Công văn thử' } }),
  },
  { route: 'GET /calendar/exceptions/{date}', expect: allRoles(200), request: { params: { date: '2023-09-01' } } },
  {
    route: 'PUT /calendar/exceptions/{date}',
    expect: officeOnly(200),
    request: async ({ n, asOffice }) => {
      const made = await asOffice('POST', '/calendar/exceptions', { date: weekday(n), kind: 'day-off', name: 'Nghỉ thử', legalBasis: 'Công văn thử' });
      return {
        params: { date: weekday(n) },
        headers: { 'if-match': etagOf(made) },
        body: { kind: 'day-off', name: 'Nghỉ thử (sửa)', legalBasis: 'Công văn thử' },
      };
    },
  },
  {
    route: 'DELETE /calendar/exceptions/{date}',
    expect: officeOnly(204),
    request: async ({ n, asOffice }) => {
      const made = await asOffice('POST', '/calendar/exceptions', { date: weekday(n), kind: 'day-off', name: 'Nghỉ thử', legalBasis: 'Công văn thử' });
      return { params: { date: weekday(n) }, headers: { 'if-match': etagOf(made) } };
    },
  },
  { route: 'GET /calendar/campaigns/{campaignId}/days-off', expect: allRoles(200) },
  {
    route: 'POST /calendar/campaigns/{campaignId}/days-off',
    expect: officeOnly(201),
    request: ({ n }) => ({ body: { date: `2023-08-${String(7 + n).padStart(2, '0')}`, name: 'Nghỉ địa phương' } }),
  },
  {
    route: 'GET /calendar/campaigns/{campaignId}/days-off/{date}',
    expect: allRoles(200),
    request: ({ memo, asOffice }) =>
      memo('local-day-off', async () => {
        await asOffice('POST', `/calendar/campaigns/${QX}/days-off`, { date: '2023-08-21', name: 'Nghỉ địa phương' });
        return { params: { date: '2023-08-21' } };
      }),
  },
  {
    route: 'PUT /calendar/campaigns/{campaignId}/days-off/{date}',
    expect: officeOnly(200),
    request: async ({ n, asOffice }) => {
      const date = `2023-08-${String(7 + n).padStart(2, '0')}`;
      const made = await asOffice('POST', `/calendar/campaigns/${QX}/days-off`, { date, name: 'Nghỉ địa phương' });
      return { params: { date }, headers: { 'if-match': etagOf(made) }, body: { name: 'Nghỉ địa phương (sửa)' } };
    },
  },
  {
    route: 'DELETE /calendar/campaigns/{campaignId}/days-off/{date}',
    expect: officeOnly(204),
    request: async ({ n, asOffice }) => {
      const date = `2023-08-${String(7 + n).padStart(2, '0')}`;
      const made = await asOffice('POST', `/calendar/campaigns/${QX}/days-off`, { date, name: 'Nghỉ địa phương' });
      return { params: { date }, headers: { 'if-match': etagOf(made) } };
    },
  },

  // schedule: visits are written by the team's leader and secretary (or the office); the whole
  // schedule is read by the office, leaders and secretaries; members and units see their own part.
  {
    route: 'POST /campaigns/{campaignId}/amendments/preview',
    expect: officeOnly(200),
    request: { body: { reason: 'Theo kế hoạch điều chỉnh', changes: [{ op: 'setPlan', number: '9/KH-TCTĐA06' }] } },
  },
  {
    route: 'POST /campaigns/{campaignId}/amendments',
    expect: officeOnly(201),
    request: async ({ n, asOffice }) => ({
      headers: { 'if-match': etagOf(await asOffice('GET', `/campaigns/${QX}`)) },
      body: { reason: 'Theo kế hoạch điều chỉnh', changes: [{ op: 'setPlan', number: `${n + 10}/KH-TCTĐA06` }] },
    }),
  },
  { route: 'GET /campaigns/{campaignId}/versions', expect: teamRoles(200) },
  { route: 'GET /campaigns/{campaignId}/versions/{version}', expect: teamRoles(200), request: { params: { version: 1 } } },
  {
    route: 'POST /campaigns/{campaignId}/copy',
    expect: officeOnly(201),
    request: ({ n }) => ({ body: { id: `copy-${n}`, title: 'Bản sao để diễn tập', windowStart: '2027-08-03' } }),
  },
  {
    route: 'POST /campaigns/{campaignId}/visits',
    expect: teamRoles(201),
    request: ({ n }) => ({ body: { teamNumber: 1, unitId: 'p-tckh', date: visitDays[n]!, session: 'sang' } }),
  },
  {
    route: 'POST /campaigns/{campaignId}/visits',
    case: 'another team',
    expect: { ...teamRoles(201), leader: 403, secretary: 403, outsider: 404 },
    request: ({ n }) => ({ body: { teamNumber: 2, unitId: 'bhxh', date: visitDays[n % visitDays.length]!, session: 'sang' } }),
    why: "team 01's leader and secretary may not register for team 02",
  },
  {
    route: 'PATCH /campaigns/{campaignId}/visits/{visitId}',
    case: "another team's visit",
    expect: { ...teamRoles(200), leader: 404, secretary: 404 },
    request: async ({ n, asOffice }) => {
      const res = await asOffice('POST', `/campaigns/${QX}/visits`, { teamNumber: 2, unitId: 'bhxh', date: visitDays[n % visitDays.length]!, session: 'sang' });
      return { params: { visitId: res.json().visit.id }, headers: { 'if-match': '"1"' }, body: { place: 'Hội trường' } };
    },
  },
  { route: 'GET /campaigns/{campaignId}/visits', expect: allRoles(200), why: 'each role sees the visits it may see' },
  {
    route: 'POST /campaigns/{campaignId}/visits/check',
    expect: teamRoles(200),
    request: { body: { teamNumber: 1, unitId: 'p-tckh', date: '2023-08-10', session: 'sang' } },
  },
  {
    route: 'POST /campaigns/{campaignId}/visits/paper',
    expect: officeOnly(201),
    request: ({ n }) => ({
      body: {
        teamNumber: 1,
        unitId: 'p-tnmt',
        date: visitDays[n % visitDays.length]!,
        session: 'chieu',
        receivedOn: '2023-07-20',
        reason: 'Phiếu đăng ký nhận bằng văn bản giấy',
      },
    }),
    why: 'only the standing office records what was done on paper',
  },
  { route: 'GET /campaigns/{campaignId}/visits/{visitId}', expect: allRoles(200), request: visitOfTeam1 },
  { route: 'GET /campaigns/{campaignId}/visits/{visitId}/history', expect: allRoles(200), request: visitOfTeam1 },
  {
    route: 'PATCH /campaigns/{campaignId}/visits/{visitId}',
    expect: teamRoles(200),
    request: async (ctx) => ({ ...(await newVisitOfTeam1(ctx)), headers: { 'if-match': '"1"' }, body: { place: 'Hội trường UBND huyện' } }),
  },
  {
    route: 'POST /campaigns/{campaignId}/visits/{visitId}/status',
    expect: teamRoles(200),
    request: async (ctx) => {
      // Only a notice makes a visit notified; the route then moves it on.
      const visit = await newVisitOfTeam1(ctx);
      await ctx.asOffice('POST', `/campaigns/${QX}/teams/1/notices`, { visitIds: [visit.params!['visitId']] });
      return { ...visit, headers: { 'if-match': '"2"' }, body: { status: 'concluded' } };
    },
  },
  {
    route: 'POST /campaigns/{campaignId}/visits/{visitId}/cancel',
    expect: teamRoles(200),
    request: async (ctx) => ({ ...(await newVisitOfTeam1(ctx)), headers: { 'if-match': '"1"' }, body: { reason: 'Lùi lịch' } }),
  },
  { route: 'GET /campaigns/{campaignId}/schedule', expect: teamRoles(200), why: 'leaders and secretaries coordinate dates' },
  {
    route: 'GET /campaigns/{campaignId}/teams/{teamNo}/schedule',
    expect: { ...allRoles(200), unit: 404 },
    why: 'an inspected unit sees only its own visits; the member unit sits on team 01',
  },
  { route: 'GET /campaigns/{campaignId}/units/{unitId}/schedule', expect: allRoles(200), why: 'filtered to what the caller may see' },
  {
    route: 'GET /campaigns/{campaignId}/free-sessions',
    expect: teamRoles(200),
    request: { query: { team: '1', unit: 'p-tckh', from: '2023-08-07', to: '2023-08-11' } },
  },
  { route: 'GET /campaigns/{campaignId}/conflicts', expect: teamRoles(200) },
  { route: 'GET /campaigns/{campaignId}/calendar.ics', expect: teamRoles(200) },
  { route: 'GET /campaigns/{campaignId}/teams/{teamNo}/calendar.ics', expect: { ...allRoles(200), unit: 404 } },
  { route: 'GET /campaigns/{campaignId}/units/{unitId}/calendar.ics', expect: allRoles(200) },
  ...findingsAccess,
  ...outlineAccess,
  ...documentAccess,
];
