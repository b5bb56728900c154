import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { systemActor } from '../src/auth/actor.js';
import { seedShippedCampaigns } from '../src/campaigns/seed.js';
import { ensureRehearsal } from '../src/demo/rehearsal.js';
import { benchConfig, median, type BenchRow } from './types.js';

// The pages of the visit day and of the inspected unit against the JSON calls that carry the same
// data, server time through the whole stack (app.inject), in the same process and run, on the
// rehearsal campaign with a visit of team 01 at Phòng Tài chính - Kế hoạch on its day, half of the
// checklist answered, a draft conclusion, and half of the unit's report written:
//   - the visit page as the leader sees it, against getVisit, getChecklist, getConclusion,
//     listDocuments (the team's notices), getUnitOutline and getSelfReport;
//   - the self-report form as the unit sees it, against getUnitOutline and getSelfReport;
//   - saving one answer of the report from the page (the page's script: one item, JSON answer)
//     against answerSelfReport (PATCH) with the same answer.

const ROUNDS = 5;
const SAMPLES = 20;
const SAVES = 40;

type Inject = Awaited<ReturnType<typeof buildApp>>['inject'];

/** A person's page session through the invitation link: its cookies and a CSRF token for its forms. */
async function signIn(inject: Inject, code: string): Promise<{ cookie: string; csrf: string }> {
  const shown = await inject({ url: `/moi/${code}` });
  const csrfCookie = String(shown.headers['set-cookie']).split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(shown.body)![1]!;
  const opened = await inject({
    method: 'POST',
    url: `/moi/${code}`,
    headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: `_csrf=${encodeURIComponent(csrf)}`,
  });
  return { cookie: [csrfCookie, ...[opened.headers['set-cookie']].flat().map((c) => String(c).split(';')[0])].join('; '), csrf };
}

async function time(work: () => Promise<unknown>, samples = SAMPLES): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const started = performance.now();
    await work();
    out.push(performance.now() - started);
  }
  return median(out);
}

/** Warm both, then alternate rounds so both meet the same machine load; the medians of the rounds. */
async function compare(page: () => Promise<unknown>, json: () => Promise<unknown>, samples = SAMPLES): Promise<{ page: number; json: number }> {
  await time(page, samples);
  await time(json, samples);
  const pages: number[] = [];
  const jsons: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    pages.push(await time(page, samples));
    jsons.push(await time(json, samples));
  }
  return { page: median(pages), json: median(jsons) };
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ics-bench-unit-pages-'));
  let now = new Date('2026-12-07T02:00:00.000Z');
  const config = benchConfig(dir);
  const app = await buildApp(config, { now: () => new Date(now) });
  try {
    const actor = systemActor('bench');
    const { services } = app;
    const inject: Inject = app.inject.bind(app);
    seedShippedCampaigns(services.campaigns, actor);
    const campaign = ensureRehearsal(services, 'quang-xuong-2023', actor).campaignId;
    const unitId = 'p-tckh';

    // The visit, announced, and the clock on its day.
    const rules = services.campaigns.rules(campaign);
    const last = new Date(Date.parse(`${rules.window.endExclusive}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const slot = services.schedule
      .freeSessions(campaign, { team: 1, unit: unitId, from: rules.window.start, to: last })
      .free.find((s) => s.session === 'sang' || s.session === 'chieu')!;
    const { visit } = services.schedule.register(campaign, { teamNumber: 1, unitId, date: slot.date, session: slot.session }, actor);
    services.documents.issueNotice(campaign, 1, { visitIds: [visit.id] }, actor);
    now = new Date(`${visit.date}T02:00:00.000Z`);

    // Half the checklist answered, a draft conclusion, half the report written (figures where asked).
    const checklist = services.findings.checklist.get(actor, campaign, visit.id);
    const items = checklist.sections.flatMap((s) => s.items);
    for (const item of items.slice(0, Math.ceil(items.length / 2))) {
      services.findings.checklist.answer(
        actor,
        campaign,
        visit.id,
        item.key,
        { result: 'dat', note: `Ghi nhận tại đơn vị cho nội dung ${item.no}.`, figures: [] },
        undefined,
      );
    }
    services.findings.conclusions.saveDraft(
      actor,
      campaign,
      visit.id,
      {
        achieved: 'Đơn vị đã ban hành kế hoạch.',
        shortcomings: 'Tỷ lệ hồ sơ trực tuyến còn thấp.',
        causes: '',
        recommendations: [{ text: 'Đẩy mạnh hướng dẫn nộp hồ sơ trực tuyến.', responsibleUnitId: unitId, dueDate: '2027-03-31' }],
      },
      undefined,
    );
    const outline = services.outlines.forUnit(campaign, unitId);
    type Node = { id: string; answerable: boolean; figures: boolean; children: Node[] };
    const answerable: { id: string; figures: boolean }[] = [];
    const walk = (nodes: Node[]) => nodes.forEach((n) => (n.answerable && answerable.push(n), walk(n.children)));
    walk(outline.items);
    for (const q of outline.blocks.flatMap((b) => b.groups.flatMap((g) => g.questions))) {
      if (q.answerable) answerable.push({ id: q.id, figures: q.figures });
      for (const b of q.subBullets) answerable.push({ id: b.id, figures: b.figures });
    }
    const answers = Object.fromEntries(
      answerable
        .filter((_, i) => i % 2 === 0)
        .map((item) => [
          item.id,
          item.figures ? { text: 'Số liệu trong kỳ.', figures: { 'Số hồ sơ': 1520 } } : { text: `Nội dung báo cáo của mục ${item.id}.` },
        ]),
    );
    services.outlines.saveSelfReport(actor, campaign, unitId, answers, { replace: false });
    const target = answerable.find((item, i) => i % 2 === 1 && !item.figures)!.id;
    const apiTarget = answerable.find((item, i) => i % 2 === 1 && !item.figures && item.id !== target)!.id;

    // The same people on both sides: the leader of team 01 and the unit's clerk.
    const leaderToken = services.auth.create({ role: 'leader', label: 'bench leader', campaignId: campaign, teamNumber: 1 }, actor).token;
    const unitToken = services.auth.create({ role: 'unit', label: 'bench unit', campaignId: campaign, unitId }, actor).token;
    const invite = (person: Parameters<typeof services.people.create>[1]) =>
      services.people.invite(campaign, services.people.create(campaign, person, actor).id, actor).code;
    const leader = await signIn(inject, invite({ name: 'Nguyễn Văn An', role: 'leader', teamNumber: 1 }));
    const unit = await signIn(inject, invite({ name: 'Hoàng Thị Dung', role: 'unit', unitId }));

    const api = `/campaigns/${campaign}`;
    const asLeader = { authorization: `Bearer ${leaderToken}` };
    const asUnit = { authorization: `Bearer ${unitToken}` };
    const visitPage = () => inject({ url: `/dot/${campaign}/buoi/${visit.id}/kiem-tra`, headers: { cookie: leader.cookie } });
    const visitJson = async () => {
      for (const url of [
        `${api}/visits/${visit.id}`,
        `${api}/visits/${visit.id}/checklist`,
        `${api}/visits/${visit.id}/conclusion`,
        `${api}/documents?team=1&kind=notice`,
        `${api}/units/${unitId}/outline`,
        `${api}/units/${unitId}/self-report`,
      ]) {
        await inject({ url, headers: asLeader });
      }
    };
    const formPage = () => inject({ url: `/dot/${campaign}/don-vi/${unitId}/bao-cao`, headers: { cookie: unit.cookie } });
    const formJson = async () => {
      await inject({ url: `${api}/units/${unitId}/outline`, headers: asUnit });
      await inject({ url: `${api}/units/${unitId}/self-report`, headers: asUnit });
    };
    for (const [name, check] of [
      ['visit page', visitPage],
      ['self-report form', formPage],
    ] as const) {
      const answer = await check();
      if (answer.statusCode !== 200) throw new Error(`${name} answered ${answer.statusCode}`);
    }
    for (const url of [`${api}/visits/${visit.id}/conclusion`, `${api}/units/${unitId}/self-report`]) {
      const answer = await inject({ url, headers: asLeader });
      if (answer.statusCode !== 200) throw new Error(`${url} answered ${answer.statusCode}`);
    }

    // One answer saved, as the page's script sends it (the item's fields, JSON back) and through the API.
    const shown = (await formPage()).body;
    const field = (name: string) => new RegExp(`name="${name.replace(/\./g, '\\.')}" value="([^"]*)"`).exec(shown)![1]!;
    const pageFields: Record<string, string> = {
      _csrf: unit.csrf,
      phan: target.split('.').slice(0, 2).join('.'),
      [`phien_ban:${target}`]: field(`phien_ban:${target}`),
      [`goc:${target}`]: field(`goc:${target}`),
    };
    let pageCount = 0;
    const savePage = async () => {
      pageCount += 1;
      const body = new URLSearchParams({ ...pageFields, [`noi_dung:${target}`]: `Đã thực hiện, lần lưu thứ ${pageCount}.` });
      const answer = await inject({
        method: 'POST',
        url: `/dot/${campaign}/don-vi/${unitId}/bao-cao`,
        headers: { cookie: unit.cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      });
      if (answer.statusCode !== 200) throw new Error(`saving from the page answered ${answer.statusCode}: ${answer.body.slice(0, 200)}`);
      Object.assign(pageFields, answer.json<{ fields: Record<string, string> }>().fields);
    };
    let apiCount = 0;
    let apiRevision = 0;
    const saveApi = async () => {
      apiCount += 1;
      const answer = await inject({
        method: 'PATCH',
        url: `${api}/units/${unitId}/self-report`,
        headers: asUnit,
        payload: { answers: { [apiTarget]: { text: `Đã thực hiện, lần lưu thứ ${apiCount}.` } }, expected: { [apiTarget]: apiRevision } },
      });
      if (answer.statusCode !== 200) throw new Error(`answerSelfReport answered ${answer.statusCode}: ${answer.body.slice(0, 200)}`);
      apiRevision = answer.json<{ answers: Record<string, { revision: number }> }>().answers[apiTarget]!.revision;
    };

    const visitTimes = await compare(visitPage, visitJson);
    const formTimes = await compare(formPage, formJson);
    const saveTimes = await compare(savePage, saveApi, SAVES);
    const size = (body: string) => `${(Buffer.byteLength(body) / 1024).toFixed(0)} KB`;
    return [
      {
        name: 'visit page (leader) vs its JSON calls (server time)',
        figure: visitTimes.page,
        unit: 'ms',
        reference: visitTimes.json,
        ratio: visitTimes.page / visitTimes.json,
        note: `${items.length} checklist items; 6 calls: visit, checklist, conclusion, notices, outline, self-report; HTML ${size((await visitPage()).body)}; target ≤ 2×`,
      },
      {
        name: 'self-report form (unit) vs its JSON calls (server time)',
        figure: formTimes.page,
        unit: 'ms',
        reference: formTimes.json,
        ratio: formTimes.page / formTimes.json,
        note: `${answerable.length} items, half answered; 2 calls: outline, self-report; HTML ${size(shown)}; target ≤ 2×`,
      },
      {
        name: 'saving one self-report answer from the page vs answerSelfReport',
        figure: saveTimes.page,
        unit: 'ms',
        reference: saveTimes.json,
        ratio: saveTimes.page / saveTimes.json,
        note: 'the page script’s POST (JSON answer) vs PATCH with the same answer; target ≤ 1.5×',
      },
    ];
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
