import { QX } from '../helpers/app.js';
import { allRoles, officeOnly, teamRoles, type AccessContext, type AccessEntry } from '../helpers/access.js';
import { multipart } from '../helpers/findings.js';

// Role table entries of the outline routes (spread into test/auth/access-table.ts). An outline and a
// self-report are the inspected unit's own: Phòng Tài chính - Kế hoạch (the unit token) is a target
// of team 01; Bảo hiểm xã hội huyện (the member token) is a target of team 02.

const ownUnit = { params: { unitId: 'p-tckh' } };
const bhxh = { params: { unitId: 'bhxh' } };
/** p-tckh: the unit itself, its inspecting team and the office; not a member unit of that team. */
const ownOutline = (ok: number): AccessEntry['expect'] => ({ ...allRoles(ok), member: 404 });
/** bhxh: the office and the unit itself (here holding a member token); not team 01, not another unit. */
const otherTeamsTarget = (ok: number): AccessEntry['expect'] => ({ anonymous: 401, unit: 404, member: ok, secretary: 404, leader: 404, office: ok });

const answers = (n: number) => ({ answers: { 'A.1.1': { text: `Đã triển khai, lần ${n}` } } });

/** Phòng Tài chính - Kế hoạch's report, submitted (a second submission is refused, and ignored here). */
async function submitted(ctx: AccessContext): Promise<void> {
  await ctx.asOffice('POST', `/campaigns/${QX}/units/p-tckh/self-report/submission`, { confirmIncomplete: true });
}

/** A bundle of team 01's outlines, started once per app; with `done`, waited for. */
async function bundle(ctx: AccessContext, done: boolean): Promise<number> {
  const id = await ctx.memo(
    'outline-bundle',
    async () => (await ctx.asOffice('POST', `/campaigns/${QX}/outline-bundles`, { teamNumber: 1 })).json().id as number,
  );
  for (let i = 0; done && i < 600; i += 1) {
    const status = (await ctx.asOffice('GET', `/campaigns/${QX}/outline-bundles/${id}`)).json().status;
    if (status === 'done' || status === 'failed') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return id;
}

/** A small outline set document (format outline-set-document/v1) under the given id. */
function setDocument(id: string) {
  return {
    format: 'outline-set-document/v1',
    id,
    title: `Bộ đề cương thử ${id}`,
    outlines: [{ format: 'outline/v1', code: 'A', title: 'Đề cương A', appliesTo: 'Các đơn vị', items: [{ id: 'A.1', no: '1', text: 'Kết quả thực hiện' }] }],
  };
}

export const outlineAccess: AccessEntry[] = [
  { route: 'GET /outline-sets', expect: allRoles(200) },
  { route: 'POST /outline-sets/{setId}/preview', expect: officeOnly(200), request: { params: { setId: 'thu-nghiem' }, body: setDocument('thu-nghiem') } },
  { route: 'PUT /outline-sets/{setId}', expect: officeOnly(201), request: ({ n }) => ({ params: { setId: `thu-${n}` }, body: setDocument(`thu-${n}`) }) },
  {
    route: 'GET /outline-sets/{setId}/versions/{version}',
    expect: allRoles(200),
    request: async (ctx) => {
      await ctx.memo('loaded-set', async () => (await ctx.asOffice('PUT', '/outline-sets/thu-doc', setDocument('thu-doc'))).statusCode);
      return { params: { setId: 'thu-doc', version: 1 } };
    },
  },
  {
    route: 'GET /outline-sets/{setId}',
    expect: allRoles(200),
    request: { params: { setId: 'quang-xuong-2023' } },
    why: 'the Phụ lục 2 template is public to the campaign',
  },
  { route: 'GET /outline-sets/{setId}/blocks/{blockId}', expect: allRoles(200), request: { params: { setId: 'quang-xuong-2023', blockId: 'gddt' } } },
  { route: 'GET /campaigns/{campaignId}/outlines', expect: allRoles(200), why: 'each caller gets the outlines it may see' },
  { route: 'GET /campaigns/{campaignId}/units/{unitId}/outline', case: 'own unit', expect: ownOutline(200), request: ownUnit },
  { route: 'GET /campaigns/{campaignId}/units/{unitId}/outline', case: "another team's target", expect: otherTeamsTarget(200), request: bhxh },
  {
    route: 'GET /campaigns/{campaignId}/units/{unitId}/outline/{format}',
    expect: ownOutline(200),
    request: { params: { unitId: 'p-tckh', format: 'html' } },
  },
  { route: 'GET /campaigns/{campaignId}/units/{unitId}/self-report', case: 'own unit', expect: ownOutline(200), request: ownUnit },
  { route: 'GET /campaigns/{campaignId}/units/{unitId}/self-report', case: "another team's target", expect: otherTeamsTarget(200), request: bhxh },
  {
    route: 'PATCH /campaigns/{campaignId}/units/{unitId}/self-report',
    expect: { ...officeOnly(200), unit: 200, member: 404 },
    request: ({ n }) => ({ ...ownUnit, body: answers(n) }),
    why: 'the inspected unit writes its report; the office may correct it',
  },
  {
    route: 'PATCH /campaigns/{campaignId}/units/{unitId}/self-report',
    case: 'another unit',
    expect: { ...officeOnly(200), unit: 404, member: 200 },
    why: 'Bảo hiểm xã hội huyện (the member token) is inspected by team 02: it writes its own report',
    request: ({ n }) => ({ ...bhxh, body: { answers: { 'A.1.1': { text: `Lần ${n}` } } } }),
  },
  {
    route: 'PUT /campaigns/{campaignId}/units/{unitId}/self-report',
    expect: { ...officeOnly(200), unit: 200, member: 404 },
    request: ({ n }) => ({ ...ownUnit, body: answers(n) }),
  },
  {
    route: 'GET /campaigns/{campaignId}/units/{unitId}/self-report/{format}',
    expect: ownOutline(200),
    request: { params: { unitId: 'p-tckh', format: 'html' } },
  },
  {
    route: 'POST /campaigns/{campaignId}/units/{unitId}/self-report/submission',
    expect: { ...officeOnly(200), unit: 200, member: 404 },
    request: async (ctx) => {
      // A submitted report is submitted once: give each caller one back to submit.
      await ctx.asOffice('POST', `/campaigns/${QX}/units/p-tckh/self-report/return`, { reason: `Trả lại lần ${ctx.n}` });
      return { ...ownUnit, body: { confirmIncomplete: true } };
    },
    why: 'the inspected unit submits its report; the office may do it for a unit that sent paper',
  },
  {
    route: 'POST /campaigns/{campaignId}/units/{unitId}/self-report/return',
    expect: teamRoles(200),
    request: async (ctx) => {
      await submitted(ctx);
      return { ...ownUnit, body: { reason: `Bổ sung số liệu, lần ${ctx.n}` } };
    },
    why: 'the inspecting team (leader, secretary) or the office returns it for correction',
  },
  {
    route: 'PUT /campaigns/{campaignId}/units/{unitId}/self-report/signed-scan',
    expect: { ...officeOnly(200), unit: 200, member: 404 },
    request: async (ctx) => {
      await submitted(ctx);
      const body = multipart(`ban-ky-${ctx.n}.pdf`, 'application/pdf', Buffer.from(`%PDF-1.4\n% ${ctx.n}\n`));
      return { ...ownUnit, headers: body.headers, body: body.payload };
    },
  },
  {
    route: 'GET /campaigns/{campaignId}/units/{unitId}/self-report/signed-scan',
    expect: ownOutline(200),
    request: async (ctx) => {
      await ctx.memo('signed-scan', async () => {
        await submitted(ctx);
        const body = multipart('ban-ky.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n'));
        await ctx.test.app.inject({
          method: 'PUT',
          url: `/campaigns/${QX}/units/p-tckh/self-report/signed-scan`,
          headers: { ...ctx.test.as('office'), ...body.headers },
          payload: body.payload,
        });
      });
      return ownUnit;
    },
  },
  { route: 'POST /campaigns/{campaignId}/outline-bundles', expect: officeOnly(202), request: { body: { teamNumber: 1 } } },
  { route: 'GET /campaigns/{campaignId}/outline-bundles', expect: officeOnly(200) },
  {
    route: 'GET /campaigns/{campaignId}/outline-bundles/{bundleId}',
    expect: officeOnly(200),
    request: async (ctx) => ({ params: { bundleId: await bundle(ctx, false) } }),
  },
  {
    route: 'GET /campaigns/{campaignId}/outline-bundles/{bundleId}/file',
    expect: officeOnly(200),
    request: async (ctx) => ({ params: { bundleId: await bundle(ctx, true) } }),
  },
];
