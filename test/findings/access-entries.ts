import { QX, type TestApp } from '../helpers/app.js';
import { allRoles, officeOnly, teamRoles, type AccessContext, type AccessEntry } from '../helpers/access.js';
import { checklistReason, multipart, sampleDraft, visitDone } from '../helpers/findings.js';

// Role table entries of findings and progress routes (spread into test/auth/access-table.ts). The visit is team
// 01's at Phòng Tài chính - Kế hoạch, the unit token's own unit; the member token (Bảo hiểm xã hội
// huyện) sits on team 01, so it reads the team's papers and fills the checklist, but drafts nothing.

const visits = new WeakMap<TestApp, number>();
const etagOf = (res: { headers: Record<string, unknown> }) => String(res.headers['etag']);

/** The visit, concluded with a published conclusion, made once per test app. */
async function concluded({ test, asOffice }: AccessContext): Promise<number> {
  const known = visits.get(test);
  if (known) return known;
  const visitId = visitDone(test, 1, 'p-tckh', '2023-08-07');
  const base = `/campaigns/${QX}/visits/${visitId}/conclusion`;
  const draft = await asOffice('PUT', `${base}/draft`, sampleDraft);
  await test.app.inject({ method: 'POST', url: `${base}/publish`, headers: { ...test.as('office'), 'if-match': etagOf(draft) }, payload: { checklistReason } });
  visits.set(test, visitId);
  return visitId;
}

async function conclusionEtag(ctx: AccessContext, visitId: number): Promise<string> {
  return etagOf(await ctx.asOffice('GET', `/campaigns/${QX}/visits/${visitId}/conclusion`));
}

/** A fresh draft over the published version; its ETag. */
async function withDraft(ctx: AccessContext, visitId: number): Promise<string> {
  const res = await ctx.test.app.inject({
    method: 'PUT',
    url: `/campaigns/${QX}/visits/${visitId}/conclusion/draft`,
    headers: { ...ctx.test.as('office'), 'if-match': await conclusionEtag(ctx, visitId) },
    payload: { ...sampleDraft, achieved: `Bản sửa ${ctx.n}` },
  });
  return etagOf(res);
}

/** Published again if a previous caller withdrew it; the current ETag. */
async function published(ctx: AccessContext, visitId: number): Promise<string> {
  const current = await ctx.asOffice('GET', `/campaigns/${QX}/visits/${visitId}/conclusion`);
  if (current.json().state === 'published') return etagOf(current);
  const draft = await withDraft(ctx, visitId);
  const res = await ctx.test.app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits/${visitId}/conclusion/publish`,
    headers: { ...ctx.test.as('office'), 'if-match': draft },
    payload: { checklistReason },
  });
  return etagOf(res);
}

async function upload(ctx: AccessContext, visitId: number): Promise<number> {
  const body = multipart(`bien-ban-${ctx.n}.pdf`, 'application/pdf', Buffer.from(`%PDF-1.4\n% ${ctx.n}\n`));
  const res = await ctx.test.app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits/${visitId}/checklist/items/II.1/evidence`,
    headers: { ...ctx.test.as('office'), ...body.headers },
    payload: body.payload,
  });
  return res.json().id;
}

/** The recommendation of the published conclusion, as it stands now (its current ETag). */
async function recommendationInForce(ctx: AccessContext): Promise<{ id: number; etag: string }> {
  const visitId = await concluded(ctx);
  await published(ctx, visitId);
  const [rec] = (await ctx.asOffice('GET', `/campaigns/${QX}/recommendations`)).json();
  return rec;
}

const teamAndMember = (ok: number): AccessEntry['expect'] => ({ ...teamRoles(ok), member: ok });

export const findingsAccess: AccessEntry[] = [
  { route: 'GET /campaigns/{campaignId}/conclusions', expect: allRoles(200), why: 'each caller sees the conclusions it may see' },
  {
    route: 'GET /campaigns/{campaignId}/visits/{visitId}/conclusion',
    expect: allRoles(200),
    request: async (ctx) => ({ params: { visitId: await concluded(ctx) } }),
    why: 'the unit reads its own published conclusion; the member sits on the team',
  },
  {
    route: 'GET /campaigns/{campaignId}/visits/{visitId}/conclusion/versions/{version}',
    expect: allRoles(200),
    request: async (ctx) => ({ params: { visitId: await concluded(ctx), version: 1 } }),
  },
  {
    route: 'PUT /campaigns/{campaignId}/visits/{visitId}/conclusion/draft',
    expect: teamRoles(200),
    request: async (ctx) => {
      const visitId = await concluded(ctx);
      return { params: { visitId }, headers: { 'if-match': await conclusionEtag(ctx, visitId) }, body: sampleDraft };
    },
  },
  {
    route: 'DELETE /campaigns/{campaignId}/visits/{visitId}/conclusion/draft',
    expect: teamRoles(200),
    request: async (ctx) => {
      const visitId = await concluded(ctx);
      return { params: { visitId }, headers: { 'if-match': await withDraft(ctx, visitId) } };
    },
  },
  {
    route: 'POST /campaigns/{campaignId}/visits/{visitId}/conclusion/publish',
    expect: { ...teamRoles(200), secretary: 403 },
    request: async (ctx) => {
      const visitId = await concluded(ctx);
      return { params: { visitId }, headers: { 'if-match': await withDraft(ctx, visitId) }, body: { reason: 'Sửa đổi', checklistReason } };
    },
    why: 'the leader concludes (Trưởng đoàn kết luận); the secretary drafts',
  },
  {
    route: 'POST /campaigns/{campaignId}/visits/{visitId}/conclusion/withdraw',
    expect: { ...teamRoles(200), secretary: 403 },
    request: async (ctx) => {
      const visitId = await concluded(ctx);
      return { params: { visitId }, headers: { 'if-match': await published(ctx, visitId) }, body: { reason: 'Thu hồi thử' } };
    },
  },
  { route: 'GET /campaigns/{campaignId}/recommendations', expect: allRoles(200) },
  {
    route: 'PATCH /campaigns/{campaignId}/recommendations/{recommendationId}',
    expect: { ...allRoles(200), member: 403 },
    request: async (ctx) => {
      const visitId = await concluded(ctx);
      await published(ctx, visitId);
      const [rec] = (await ctx.asOffice('GET', `/campaigns/${QX}/recommendations`)).json();
      return {
        params: { recommendationId: rec.id },
        headers: { 'if-match': rec.etag },
        body: { status: rec.status === 'done' ? 'open' : 'done' },
      };
    },
    why: 'the unit marks its own recommendation done; a member unit it is not addressed to may not',
  },
  {
    route: 'POST /campaigns/{campaignId}/recommendations/{recommendationId}/answer',
    expect: { ...allRoles(200), member: 403 },
    request: async (ctx) => {
      const rec = await recommendationInForce(ctx);
      return { params: { recommendationId: rec.id }, headers: { 'if-match': rec.etag }, body: { status: 'done', note: `Đã thực hiện, lần ${ctx.n}` } };
    },
    why: 'the unit answers what is addressed to it; the team and the office may record an answer for it',
  },
  {
    route: 'POST /campaigns/{campaignId}/recommendations/{recommendationId}/evidence',
    expect: { ...allRoles(201), member: 403 },
    request: async (ctx) => {
      const rec = await recommendationInForce(ctx);
      const body = multipart(`nghiem-thu-${ctx.n}.pdf`, 'application/pdf', Buffer.from(`%PDF-1.4\n% ${ctx.n}\n`));
      return { params: { recommendationId: rec.id }, headers: body.headers, body: body.payload };
    },
  },
  {
    route: 'GET /campaigns/{campaignId}/recommendations/{recommendationId}/evidence/{fileId}',
    expect: allRoles(200),
    request: async (ctx) => {
      const { id, fileId } = await ctx.memo('recommendation-file', async () => {
        const rec = await recommendationInForce(ctx);
        const body = multipart('nghiem-thu.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n'));
        const res = await ctx.test.app.inject({
          method: 'POST',
          url: `/campaigns/${QX}/recommendations/${rec.id}/evidence`,
          headers: { ...ctx.test.as('office'), ...body.headers },
          payload: body.payload,
        });
        return { id: rec.id, fileId: res.json().id as number };
      });
      return { params: { recommendationId: id, fileId } };
    },
    why: 'whoever sees the recommendation: the team (members too), the unit, the office',
  },
  { route: 'GET /campaigns/{campaignId}/feed', expect: officeOnly(200), why: 'the standing office follows every team' },
  {
    route: 'GET /campaigns/{campaignId}/visits/{visitId}/checklist',
    expect: teamAndMember(200),
    request: async (ctx) => ({ params: { visitId: await concluded(ctx) } }),
  },
  {
    route: 'GET /campaigns/{campaignId}/visits/{visitId}/checklist/progress',
    expect: teamAndMember(200),
    request: async (ctx) => ({ params: { visitId: await concluded(ctx) } }),
  },
  {
    route: 'PUT /campaigns/{campaignId}/visits/{visitId}/checklist/items/{itemKey}',
    expect: teamAndMember(200),
    why: 'the member units in the meeting room fill the checklist on the day',
    request: async (ctx) => ({ params: { visitId: await concluded(ctx), itemKey: `II.${ctx.n + 1}` }, body: { result: 'dat' } }),
  },
  {
    route: 'POST /campaigns/{campaignId}/visits/{visitId}/checklist/items/{itemKey}/evidence',
    expect: teamAndMember(201),
    request: async (ctx) => {
      const body = multipart(`bien-ban-${ctx.n}.pdf`, 'application/pdf', Buffer.from(`%PDF-1.4\n% ${ctx.n}\n`));
      return { params: { visitId: await concluded(ctx), itemKey: 'II.1' }, headers: body.headers, body: body.payload };
    },
  },
  {
    route: 'GET /campaigns/{campaignId}/visits/{visitId}/evidence/{evidenceId}',
    expect: allRoles(200),
    request: async (ctx) => {
      const visitId = await concluded(ctx);
      return { params: { visitId, evidenceId: await upload(ctx, visitId) } };
    },
    why: 'those who may see the visit: the team, the office and the inspected unit',
  },
  {
    route: 'DELETE /campaigns/{campaignId}/visits/{visitId}/evidence/{evidenceId}',
    expect: teamAndMember(204),
    request: async (ctx) => {
      const visitId = await concluded(ctx);
      return { params: { visitId, evidenceId: await upload(ctx, visitId) } };
    },
  },
  { route: 'GET /campaigns/{campaignId}/progress', expect: teamRoles(200), why: 'the office sees every team, a leader or secretary their own' },
  { route: 'GET /campaigns/{campaignId}/progress/teams/{teamNo}', expect: teamRoles(200) },
  {
    route: 'GET /campaigns/{campaignId}/progress/units/{unitId}',
    expect: { ...allRoles(200), member: 404 },
    why: 'a unit reads its own line; Bảo hiểm xã hội huyện is not Phòng Tài chính - Kế hoạch',
  },
];
