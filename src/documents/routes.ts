import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/plugin.js';
import { anyRole, officeOnly, teamRoles } from '../auth/policy.js';
import { campaignIdParam } from '../http/params.js';
import { errorResponses } from '../http/schemas.js';
import { sendDownload } from '../render/store.js';
import {
  documentFormatParams,
  documentListQuery,
  documentParams,
  documentSummaryItem,
  documentsSummary,
  documentView,
  draftFormatParams,
  draftQuery,
  noticeCoverage,
  noticeDraft,
  noticeInput,
  paperNoticeInput,
  resultsNoticeInput,
  teamDocParams,
  teamReportInput,
} from './schema.js';
import type { DocumentService, RenderedFile } from './service.js';
import { draftRoutes } from './draft-routes.js';

const tags = ['documents'];
const binary = z.string().meta({ format: 'binary' });
const fileResponse = {
  description: 'The document as HTML, PDF or Word (.docx), with a strong ETag',
  content: {
    'text/html': { schema: z.string() },
    'application/pdf': { schema: binary },
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: binary },
  },
};
const notModifiedResponse = z.null().describe('Not modified: the If-None-Match ETag is current');
// The HTML form is meant to be opened in a browser: its inline stylesheet is allowed, nothing else.
const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";

const visitIdsOf = (query: { visitIds?: string }) => query.visitIds?.split(',').map(Number);

export const documentRoutes: FastifyPluginAsyncZod<{ documents: DocumentService }> = async (app, { documents }) => {
  await app.register(draftRoutes, { documents });
  const send = (request: Parameters<typeof sendDownload>[0], reply: Parameters<typeof sendDownload>[1], file: RenderedFile) => {
    if (file.contentType.startsWith('text/html')) reply.header('content-security-policy', HTML_CSP);
    return sendDownload(request, reply, file);
  };

  app.post(
    '/campaigns/:campaignId/teams/:teamNo/notices',
    {
      schema: {
        operationId: 'issueNotice',
        tags,
        summary: 'Ban hành thông báo kiểm tra (issue an inspection notice for registered visits)',
        description:
          'Refused with 409 NOTICE_TOO_LATE listing every visit closer than the notice lead time (issue date = today in the ' +
          'service time zone), unless the standing office gives lateReason (403 for anyone else): the notice and its late ' +
          'visits then show it was late. Numbered per team ("01/TB-ĐKT01"), frozen once issued; the visits become notified ' +
          'under it. An earlier notice of a moved visit is superseded for that visit only.',
        params: teamDocParams,
        body: noticeInput,
        response: { 201: documentView, ...errorResponses(400, 403, 404, 409) },
      },
      config: { access: teamRoles, idempotent: true },
    },
    async (request, reply) => {
      const { campaignId, teamNo } = request.params;
      const view = documents.issueNotice(campaignId, teamNo, request.body, actorOf(request));
      reply.code(201).header('location', `/campaigns/${campaignId}/documents/${view.id}`);
      return view;
    },
  );

  app.post(
    '/campaigns/:campaignId/teams/:teamNo/paper-notices',
    {
      schema: {
        operationId: 'recordPaperNotice',
        tags,
        summary: 'Ghi nhận thông báo kiểm tra đã ban hành trên giấy (record a notice issued on paper before it was entered)',
        description:
          'Standing office only. The stated issue date is judged like an issued notice (409 NOTICE_TOO_LATE when it is after a ' +
          "visit's latest notice date, unless lateReason is given; 409 VISITS_NOT_ANNOUNCEABLE; 409 NUMBER_TAKEN). The record " +
          'says who entered it, when and why (enteredAfterwards, and the audit trail); the visits become notified under it. ' +
          'It is never rendered: its HTML, PDF and Word forms answer 409 PAPER_DOCUMENT.',
        params: teamDocParams,
        body: paperNoticeInput,
        response: { 201: documentView, ...errorResponses(400, 403, 404, 409) },
      },
      config: { access: officeOnly, idempotent: true },
    },
    async (request, reply) => {
      const { campaignId, teamNo } = request.params;
      const view = documents.recordPaperNotice(campaignId, teamNo, request.body, actorOf(request));
      reply.code(201).header('location', `/campaigns/${campaignId}/documents/${view.id}`);
      return view;
    },
  );

  app.get(
    '/campaigns/:campaignId/teams/:teamNo/notices/draft',
    {
      schema: {
        operationId: 'draftNotice',
        tags,
        summary: 'Dự thảo thông báo kiểm tra (the notice as it would be issued today; nothing is saved)',
        description:
          'The content, and before anyone presses "issue": whether issuing would succeed, every visit it would refuse and why ' +
          '(NOTICE_TOO_LATE, which the office may still issue with lateReason; VISITS_NOT_ANNOUNCEABLE), and the earlier notices ' +
          'it would supersede, for which visits.',
        params: teamDocParams,
        querystring: draftQuery,
        response: { 200: noticeDraft, ...errorResponses(400, 403, 404, 409) },
      },
      config: { access: teamRoles },
    },
    async (request) => documents.draftNotice(request.params.campaignId, request.params.teamNo, visitIdsOf(request.query), actorOf(request)),
  );

  app.get(
    '/campaigns/:campaignId/teams/:teamNo/notices/draft/:format',
    {
      schema: {
        operationId: 'renderNoticeDraft',
        tags,
        summary: 'Dự thảo thông báo kiểm tra dạng HTML, PDF hoặc Word (rendered on every request)',
        params: draftFormatParams,
        querystring: draftQuery,
        response: { 200: fileResponse, 304: notModifiedResponse, ...errorResponses(400, 403, 404, 409, 503) },
      },
      config: { access: teamRoles },
    },
    async (request, reply) => {
      const { campaignId, teamNo, format } = request.params;
      return send(request, reply, await documents.draftNoticeFile(campaignId, teamNo, visitIdsOf(request.query), format, actorOf(request)));
    },
  );

  app.post(
    '/campaigns/:campaignId/teams/:teamNo/results-notices',
    {
      schema: {
        operationId: 'issueResultsNotice',
        tags,
        summary: 'Ban hành thông báo kết quả kiểm tra cho một đơn vị (from its published conclusion)',
        description: 'Issuing again after the conclusion changed supersedes the earlier results notice; the same conclusion twice is 409.',
        params: teamDocParams,
        body: resultsNoticeInput,
        response: { 201: documentView, ...errorResponses(400, 403, 404, 409) },
      },
      config: { access: teamRoles, idempotent: true },
    },
    async (request, reply) => {
      const { campaignId, teamNo } = request.params;
      const view = documents.issueResultsNotice(campaignId, teamNo, request.body, actorOf(request));
      reply.code(201).header('location', `/campaigns/${campaignId}/documents/${view.id}`);
      return view;
    },
  );

  app.post(
    '/campaigns/:campaignId/teams/:teamNo/report',
    {
      schema: {
        operationId: 'issueTeamReport',
        tags,
        summary: 'Lập báo cáo kết quả kiểm tra của đoàn gửi cơ quan thường trực',
        params: teamDocParams,
        body: teamReportInput,
        response: { 201: documentView, ...errorResponses(400, 403, 404, 409) },
      },
      config: { access: teamRoles, idempotent: true },
    },
    async (request, reply) => {
      const { campaignId, teamNo } = request.params;
      const view = documents.issueTeamReport(campaignId, teamNo, request.body, actorOf(request));
      reply.code(201).header('location', `/campaigns/${campaignId}/documents/${view.id}`);
      return view;
    },
  );

  app.get(
    '/campaigns/:campaignId/teams/:teamNo/notice-coverage',
    {
      schema: {
        operationId: 'getNoticeCoverage',
        tags,
        summary: 'Thông báo nào đang có hiệu lực cho từng lịch kiểm tra của đoàn (which notice covers which visit)',
        description:
          'Every visit of the team (cancelled ones too) with the notice in force for it, and every notice that announced it ' +
          'with its standing for that visit (in-force, outdated, cancelled, superseded by …).',
        params: teamDocParams,
        response: { 200: noticeCoverage, ...errorResponses(400, 404) },
      },
      config: { access: teamRoles },
    },
    async (request) => documents.coverage(request.params.campaignId, request.params.teamNo),
  );

  app.get(
    '/campaigns/:campaignId/documents',
    {
      schema: {
        operationId: 'listDocuments',
        tags,
        summary: 'Văn bản đã ban hành mà token được xem (notices, results notices, team reports)',
        params: campaignIdParam,
        querystring: documentListQuery,
        response: { 200: z.array(documentSummaryItem), ...errorResponses(400, 404) },
      },
      config: { access: anyRole },
    },
    async (request) => {
      const { team, kind, unit } = request.query;
      return documents.list(request.params.campaignId, actorOf(request), { teamNumber: team, kind, unitId: unit });
    },
  );

  app.get(
    '/campaigns/:campaignId/documents/summary',
    {
      schema: {
        operationId: 'summariseDocuments',
        tags,
        summary: 'Văn bản phải ban hành: đến hạn, quá hạn, ban hành muộn (per team)',
        params: campaignIdParam,
        response: { 200: documentsSummary, ...errorResponses(404) },
      },
      config: { access: teamRoles },
    },
    async (request) => documents.summary(request.params.campaignId),
  );

  app.get(
    '/campaigns/:campaignId/documents/:documentId',
    {
      schema: {
        operationId: 'getDocument',
        tags,
        summary: 'Một văn bản: số, ngày, người ban hành, hiệu lực và toàn bộ nội dung (JSON)',
        params: documentParams,
        response: { 200: documentView, ...errorResponses(400, 404) },
      },
      config: { access: anyRole },
    },
    async (request) => documents.get(request.params.campaignId, request.params.documentId, actorOf(request)),
  );

  app.get(
    '/campaigns/:campaignId/documents/:documentId/:format',
    {
      schema: {
        operationId: 'downloadDocument',
        tags,
        summary: 'Văn bản dạng HTML, PDF hoặc Word; PDF và Word được tạo một lần rồi phục vụ từ kho lưu trữ',
        description:
          'Strong ETag; 304 on If-None-Match. 503 with Retry-After when the PDF engine is busy or Chromium is missing. ' +
          '409 PAPER_DOCUMENT for a notice issued on paper: the service only recorded it.',
        params: documentFormatParams,
        response: { 200: fileResponse, 304: notModifiedResponse, ...errorResponses(400, 404, 409, 503) },
      },
      config: { access: anyRole },
    },
    async (request, reply) => {
      const { campaignId, documentId, format } = request.params;
      return send(request, reply, await documents.file(campaignId, documentId, format, actorOf(request)));
    },
  );
};
