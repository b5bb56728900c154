import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/plugin.js';
import { officeOnly } from '../auth/policy.js';
import { campaignIdParam } from '../http/params.js';
import { errorResponses } from '../http/schemas.js';
import { visitStatuses } from '../schedule/tables.js';
import type { ExportFile, ReportService } from './service.js';
import { XLSX } from './service.js';

// The standing office's exports through the API: the same files the pages offer.

const tags = ['exports'];
const binary = z.string().meta({ format: 'binary' });
const file = (type: string, description: string) => ({ description, content: { [type]: { schema: binary } } });
const xlsx = (description: string) => file(XLSX, `${description} (.xlsx: Vietnamese headers, frozen header row, real dates)`);
const team = z.coerce.number().int().min(1).max(999).optional().describe('one team only; a team the campaign does not have is a 400 naming team');
const config = { access: officeOnly };
const errors = errorResponses(400, 403, 404);

export function sendFile(reply: FastifyReply, found: ExportFile): FastifyReply {
  return reply
    .type(found.contentType)
    .header('cache-control', 'private, no-store')
    .header('content-disposition', `attachment; filename="${found.filename}"`)
    .send(found.bytes);
}

export const reportRoutes: FastifyPluginAsyncZod<{ reports: ReportService }> = async (app, { reports }) => {
  app.get(
    '/campaigns/:campaignId/exports/schedule.xlsx',
    {
      schema: {
        tags,
        operationId: 'exportSchedule',
        summary: 'Lịch kiểm tra toàn đợt (Excel), ghi dần từng phần: đợt có 50.000 buổi cũng không cần giữ cả trong bộ nhớ',
        params: campaignIdParam,
        querystring: z.object({
          team,
          status: z.enum(visitStatuses).optional().describe('visits in this status only (default: every status, cancelled included)'),
        }),
        response: { 200: xlsx('The schedule, one row per visit'), ...errors },
      },
      config,
    },
    async (request, reply) => {
      const found = reports.scheduleExport(actorOf(request), request.params.campaignId, request.query);
      const out = new PassThrough();
      found.write(out).catch((error: unknown) => {
        request.log.error({ err: error }, 'schedule export failed while streaming');
        out.destroy(error as Error);
      });
      return (reply as FastifyReply)
        .type(found.contentType)
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="${found.filename}"`)
        .send(out);
    },
  );

  app.get(
    '/campaigns/:campaignId/exports/progress.xlsx',
    {
      schema: {
        tags,
        operationId: 'exportProgress',
        summary: 'Tiến độ theo đoàn và theo đơn vị (Excel, hai trang tính)',
        params: campaignIdParam,
        querystring: z.object({ team }),
        response: { 200: xlsx('Progress per team and per unit'), ...errors },
      },
      config,
    },
    async (request, reply) => sendFile(reply as FastifyReply, await reports.progressWorkbook(actorOf(request), request.params.campaignId, request.query)),
  );

  app.get(
    '/campaigns/:campaignId/exports/recommendations.xlsx',
    {
      schema: {
        tags,
        operationId: 'exportRecommendations',
        summary: 'Sổ theo dõi kiến nghị: đơn vị thực hiện, thời hạn, trạng thái, quá hạn (Excel)',
        params: campaignIdParam,
        querystring: z.object({
          team,
          status: z.enum(['open', 'in-progress', 'done']).optional().describe('open = chưa có trả lời; in-progress = đang thực hiện; done = đã thực hiện xong'),
          overdue: z.enum(['true', 'false']).optional().describe('only overdue (true) or only not overdue (false)'),
        }),
        response: { 200: xlsx('The recommendations register'), ...errors },
      },
      config,
    },
    async (request, reply) => {
      const { team: teamNumber, status, overdue } = request.query;
      const found = await reports.recommendationsWorkbook(actorOf(request), request.params.campaignId, {
        team: teamNumber,
        status,
        overdue: overdue === undefined ? undefined : overdue === 'true',
      });
      return sendFile(reply, found);
    },
  );

  app.get(
    '/campaigns/:campaignId/exports/self-report-figures.xlsx',
    {
      schema: {
        tags,
        operationId: 'exportSelfReportFigures',
        summary: 'Số liệu các đơn vị báo cáo, cộng theo từng mục của đề cương (Excel)',
        params: campaignIdParam,
        querystring: z.object({ team }),
        response: { 200: xlsx('Figures summed per outline item and label across units'), ...errors },
      },
      config,
    },
    async (request, reply) => sendFile(reply as FastifyReply, await reports.figuresWorkbook(actorOf(request), request.params.campaignId, request.query)),
  );

  app.get(
    '/campaigns/:campaignId/exports/summary.docx',
    {
      schema: {
        tags,
        operationId: 'exportRoundSummary',
        summary: 'Báo cáo tổng hợp kết quả kiểm tra của cơ quan thường trực (Word, thể thức Nghị định 30)',
        params: campaignIdParam,
        response: { 200: file('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'The summary of the round'), ...errors },
      },
      config,
    },
    async (request, reply) => sendFile(reply as FastifyReply, await reports.summary(actorOf(request), request.params.campaignId)),
  );

  app.get(
    '/campaigns/:campaignId/timeline.pdf',
    {
      schema: {
        tags,
        operationId: 'printTimeline',
        summary: 'Toàn cảnh lịch kiểm tra trên khổ A4 ngang (PDF): đoàn hoặc đơn vị theo hàng, ngày làm việc theo cột',
        params: campaignIdParam,
        querystring: z.object({ by: z.enum(['team', 'unit']).default('team').describe('rows: teams (default) or units') }),
        response: { 200: file('application/pdf', 'The timeline'), ...errorResponses(400, 403, 404, 503) },
      },
      config,
    },
    async (request, reply) => sendFile(reply as FastifyReply, await reports.timelinePdf(actorOf(request), request.params.campaignId, request.query.by)),
  );
};
