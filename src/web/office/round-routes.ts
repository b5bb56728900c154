import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { PassThrough } from 'node:stream';
import { officeOnly } from '../../auth/policy.js';
import { fieldErrors, ValidationFailed } from '../../http/errors.js';
import { LEGEND, PICTURED_CLASHES, type ExportFile } from '../../reports/service.js';
import type { VisitStatus } from '../../schedule/tables.js';
import { rehearsalBanner } from '../leader/context.js';
import type { WebContext } from '../plugin.js';
import { exportFilters, readFilters } from './filters.js';

// The whole round as a picture (the page and its A4 landscape PDF), and the office's downloads:
// the same services and files as the API's exports.

type Params = { campaignId: string };
type Query = { Params: Params; Querystring: Record<string, unknown> };
const page = { config: { access: officeOnly, session: true } };
const VISIT_STATUSES = new Set(['registered', 'notified', 'carried-out', 'concluded', 'cancelled']);

function download(reply: FastifyReply, file: ExportFile): FastifyReply {
  return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.bytes);
}

function wrongStatus(value: string, allowed: string): Error {
  const message = `bộ lọc "trang_thai" không nhận giá trị "${value}" cho tệp này (${allowed})`;
  return fieldErrors(ValidationFailed, `Bộ lọc không hợp lệ: ${message}`, [{ in: 'querystring', field: 'trang_thai', message }]);
}

export const roundRoutes: FastifyPluginAsync<WebContext> = async (app, { services }) => {
  const { reports, campaigns } = services;

  app.get<Query>('/dot/:campaignId/toan-canh', page, async (request, reply) => {
    const campaign = campaigns.detail(request.params.campaignId);
    const { theo } = readFilters(exportFilters, request.query);
    const by = theo === 'don-vi' ? 'unit' : 'team';
    const timeline = reports.timeline(request.actor!, campaign.id, by);
    const review = services.schedule.conflicts(campaign.id);
    const visits = new Map(services.schedule.listForCampaign(campaign.id).map((v) => [v.id, v]));
    const marked = [
      ...review.conflicts
        .filter((c) => PICTURED_CLASHES.has(c.code))
        .map((c) => ({
          kind: c.overridden ? 'override' : 'clash',
          text: c.message.vi,
          visits: c.visits.map((id) => visits.get(id)).filter((v) => v !== undefined),
        })),
      ...[...visits.values()]
        .filter((v) => v.overrideReason && !review.conflicts.some((c) => PICTURED_CLASHES.has(c.code) && c.visits.includes(v.id)))
        .map((v) => ({ kind: 'override', text: `Cơ quan thường trực cho phép vượt quy định: ${v.overrideReason}`, visits: [v] })),
    ];
    return reply.page('office-timeline', {
      title: `Toàn cảnh lịch · ${campaign.title}`,
      banner: rehearsalBanner(campaign),
      campaign,
      section: 'toan-canh',
      by,
      timeline: { svg: timeline.svg, heading: timeline.heading, subtitle: timeline.subtitle, description: timeline.model.description },
      legend: LEGEND,
      marked,
    });
  });

  app.get<Query>('/dot/:campaignId/toan-canh.pdf', page, async (request, reply) => {
    const { theo } = readFilters(exportFilters, request.query);
    return download(reply, await reports.timelinePdf(request.actor!, request.params.campaignId, theo === 'don-vi' ? 'unit' : 'team'));
  });

  app.get<Query>('/dot/:campaignId/xuat', page, async (request, reply) => {
    const campaign = campaigns.detail(request.params.campaignId);
    return reply.page('office-exports', {
      title: `Xuất Excel, Word · ${campaign.title}`,
      banner: rehearsalBanner(campaign),
      campaign,
      section: 'xuat',
      teams: campaigns.targetCountsByTeam(campaign.id),
    });
  });

  app.get<Query>('/dot/:campaignId/xuat/lich-kiem-tra.xlsx', page, async (request, reply) => {
    const filters = readFilters(exportFilters, request.query);
    if (filters.trang_thai && !VISIT_STATUSES.has(filters.trang_thai)) throw wrongStatus(filters.trang_thai, 'trạng thái của buổi kiểm tra');
    const found = reports.scheduleExport(request.actor!, request.params.campaignId, {
      team: filters.doan,
      status: filters.trang_thai as VisitStatus | undefined,
    });
    const out = new PassThrough();
    found.write(out).catch((error: unknown) => out.destroy(error as Error));
    return reply.type(found.contentType).header('content-disposition', `attachment; filename="${found.filename}"`).send(out);
  });

  app.get<Query>('/dot/:campaignId/xuat/tien-do.xlsx', page, async (request, reply) => {
    const filters = readFilters(exportFilters, request.query);
    return download(reply, await reports.progressWorkbook(request.actor!, request.params.campaignId, { team: filters.doan }));
  });

  app.get<Query>('/dot/:campaignId/xuat/kien-nghi.xlsx', page, async (request, reply) => {
    const filters = readFilters(exportFilters, request.query);
    const status = filters.trang_thai;
    if (status && status !== 'open' && status !== 'in-progress' && status !== 'done') throw wrongStatus(status, 'open, in-progress hoặc done');
    const overdue = filters.qua_han === undefined ? undefined : filters.qua_han === 'co';
    return download(reply, await reports.recommendationsWorkbook(request.actor!, request.params.campaignId, { team: filters.doan, status, overdue }));
  });

  app.get<Query>('/dot/:campaignId/xuat/so-lieu-bao-cao.xlsx', page, async (request, reply) => {
    const filters = readFilters(exportFilters, request.query);
    return download(reply, await reports.figuresWorkbook(request.actor!, request.params.campaignId, { team: filters.doan }));
  });

  app.get<Query>('/dot/:campaignId/xuat/bao-cao-tong-hop.docx', page, async (request, reply) =>
    download(reply, await reports.summary(request.actor!, request.params.campaignId)),
  );
};
