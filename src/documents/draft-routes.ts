import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/plugin.js';
import { teamRoles } from '../auth/policy.js';
import { errorResponses } from '../http/schemas.js';
import { sendDownload } from '../render/store.js';
import { draftFormatParams } from './schema.js';
import type { DocumentService } from './service.js';

// Previews of the results notice and the team report: the document as it would be issued today,
// marked DỰ THẢO and unnumbered, in the format asked for; nothing is saved.

const tags = ['documents'];
const binary = z.string().meta({ format: 'binary' });
const fileResponse = {
  description: 'The draft as HTML, PDF or Word (.docx)',
  content: {
    'text/html': { schema: z.string() },
    'application/pdf': { schema: binary },
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: binary },
  },
};
const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";

export const draftRoutes: FastifyPluginAsyncZod<{ documents: DocumentService }> = async (app, { documents }) => {
  const send = (
    request: Parameters<typeof sendDownload>[0],
    reply: Parameters<typeof sendDownload>[1],
    file: Awaited<ReturnType<DocumentService['draftTeamReportFile']>>,
  ) => {
    if (file.contentType.startsWith('text/html')) reply.header('content-security-policy', HTML_CSP);
    return sendDownload(request, reply, file);
  };

  app.get(
    '/campaigns/:campaignId/teams/:teamNo/results-notices/draft/:format',
    {
      schema: {
        tags,
        operationId: 'previewResultsNotice',
        summary: 'Dự thảo thông báo kết quả kiểm tra của một đơn vị (như sẽ ban hành hôm nay; không lưu gì)',
        description: '409 NOT_CONCLUDED while the unit has no published conclusion.',
        params: draftFormatParams,
        querystring: z.object({ unitId: z.string().trim().min(1).max(80).describe('the inspected unit') }),
        response: { 200: fileResponse, 304: z.null(), ...errorResponses(400, 403, 404, 409, 503) },
      },
      config: { access: teamRoles },
    },
    async (request, reply) => {
      const { campaignId, teamNo, format } = request.params;
      return send(request, reply, await documents.draftResultsNoticeFile(campaignId, teamNo, request.query.unitId, format, actorOf(request)));
    },
  );

  app.get(
    '/campaigns/:campaignId/teams/:teamNo/report/draft/:format',
    {
      schema: {
        tags,
        operationId: 'previewTeamReport',
        summary: 'Dự thảo báo cáo kết quả kiểm tra của đoàn (như sẽ ban hành hôm nay; không lưu gì)',
        description: '409 NOT_CONCLUDED while the team has no published conclusion.',
        params: draftFormatParams,
        response: { 200: fileResponse, 304: z.null(), ...errorResponses(400, 403, 404, 409, 503) },
      },
      config: { access: teamRoles },
    },
    async (request, reply) => {
      const { campaignId, teamNo, format } = request.params;
      return send(request, reply, await documents.draftTeamReportFile(campaignId, teamNo, format, actorOf(request)));
    },
  );
};
