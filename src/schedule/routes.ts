import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/plugin.js';
import { anyRole, officeOnly, teamRoles } from '../auth/policy.js';
import { campaignIdParam } from '../http/params.js';
import { etag, notModified } from '../http/etag.js';
import { errorResponses, notModifiedAnswer } from '../http/schemas.js';
import {
  cancelInput,
  checkResult,
  clashProblem,
  historyEntry,
  paperRegistrationInput,
  statusInput,
  visitInput,
  visitListQuery,
  visitParams,
  visitPatch,
  visitResult,
  visitView,
} from './schema.js';
import type { ScheduleService } from './service.js';

const tags = ['schedule'];

function ifMatch(headers: Record<string, string | string[] | undefined>): string | undefined {
  const value = headers['if-match'];
  return Array.isArray(value) ? value.join(',') : value;
}

export const scheduleRoutes: FastifyPluginAsyncZod<{ schedule: ScheduleService }> = async (app, { schedule }) => {
  app.post(
    '/campaigns/:campaignId/visits',
    {
      schema: {
        operationId: 'registerVisit',
        tags,
        summary: 'Đăng ký lịch kiểm tra (register a visit; every clash is checked in the same transaction)',
        description:
          'Leaders and secretaries register for their own team; the office for any team. Errors block with 409 listing every ' +
          'clash (problem member `clashes`); warnings come back with the visit. The office may override errors with `override.reason`.',
        params: campaignIdParam,
        body: visitInput,
        response: { 201: visitResult, ...errorResponses(400, 403, 404, 409, 422), 409: clashProblem },
      },
      config: { access: teamRoles, idempotent: true, etag: true },
    },
    async (request, reply) => {
      const result = schedule.register(request.params.campaignId, request.body, actorOf(request));
      reply.code(201).header('location', `/campaigns/${request.params.campaignId}/visits/${result.visit.id}`).header('etag', etag(result.visit.version));
      return result;
    },
  );

  app.post(
    '/campaigns/:campaignId/visits/paper',
    {
      schema: {
        operationId: 'recordPaperRegistration',
        tags,
        summary: 'Ghi nhận đăng ký lịch đã nhận bằng văn bản giấy (a registration received on paper, entered afterwards)',
        description:
          'Standing office only. Every rule is judged as on receivedOn (a registration received before the deadline is ' +
          'accepted after it; one received on the deadline day is not). The visit keeps enteredAfterwards (the date, who ' +
          'entered it, when and why), in its history and the audit trail.',
        params: campaignIdParam,
        body: paperRegistrationInput,
        response: { 201: visitResult, ...errorResponses(400, 403, 404, 409, 422) },
      },
      config: { access: officeOnly, idempotent: true },
    },
    async (request, reply) => {
      const { receivedOn, reason, ...input } = request.body;
      const result = schedule.register(request.params.campaignId, input, actorOf(request), { receivedOn, reason });
      reply.code(201).header('location', `/campaigns/${request.params.campaignId}/visits/${result.visit.id}`).header('etag', etag(result.visit.version));
      return result;
    },
  );

  app.post(
    '/campaigns/:campaignId/visits/check',
    {
      schema: {
        operationId: 'checkVisit',
        tags,
        summary: 'Kiểm tra thử một lịch kiểm tra, không lưu (dry run)',
        params: campaignIdParam,
        body: visitInput,
        response: { 200: checkResult, ...errorResponses(400, 403, 404, 422) },
      },
      config: { access: teamRoles },
    },
    async (request) => schedule.check(request.params.campaignId, request.body, actorOf(request)),
  );

  app.get(
    '/campaigns/:campaignId/visits',
    {
      schema: {
        operationId: 'listVisits',
        tags,
        summary: 'Danh sách lịch kiểm tra mà token được xem (filters: team, unit, from, to, status)',
        params: campaignIdParam,
        querystring: visitListQuery,
        response: { 200: z.array(visitView), ...errorResponses(400, 404) },
      },
      config: { access: anyRole },
    },
    async (request) => {
      const q = request.query;
      return schedule.list(request.params.campaignId, actorOf(request), {
        teamNumber: q.team,
        unitId: q.unit,
        from: q.from,
        to: q.to,
        status: q.status,
      });
    },
  );

  app.get(
    '/campaigns/:campaignId/visits/:visitId',
    {
      schema: {
        operationId: 'getVisit',
        tags,
        summary: 'Một lịch kiểm tra (with its ETag)',
        params: visitParams,
        response: { 200: visitView, 304: notModifiedAnswer, ...errorResponses(404) },
      },
      config: { access: anyRole },
    },
    async (request, reply) => {
      const visit = schedule.visit(request.params.campaignId, request.params.visitId, actorOf(request));
      return notModified(request, reply, etag(visit.version)) ?? visit;
    },
  );

  app.get(
    '/campaigns/:campaignId/visits/:visitId/history',
    {
      schema: {
        operationId: 'getVisitHistory',
        tags,
        summary: 'Lịch sử thay đổi của một lịch kiểm tra',
        params: visitParams,
        response: { 200: z.array(historyEntry), ...errorResponses(404) },
      },
      config: { access: anyRole },
    },
    async (request) => schedule.history(request.params.campaignId, request.params.visitId, actorOf(request)),
  );

  app.patch(
    '/campaigns/:campaignId/visits/:visitId',
    {
      schema: {
        operationId: 'moveVisit',
        tags,
        summary: 'Đổi ngày, buổi, giờ hoặc địa điểm (every check runs again; a notified visit goes back to registered)',
        params: visitParams,
        body: visitPatch,
        response: { 200: visitResult, ...errorResponses(400, 403, 404, 409, 412, 422, 428), 409: clashProblem },
      },
      config: { access: teamRoles },
    },
    async (request, reply) => {
      const { campaignId, visitId } = request.params;
      const result = schedule.move(campaignId, visitId, request.body, actorOf(request), ifMatch(request.headers));
      reply.header('etag', etag(result.visit.version));
      return result;
    },
  );

  app.post(
    '/campaigns/:campaignId/visits/:visitId/status',
    {
      schema: {
        operationId: 'advanceVisitStatus',
        tags,
        summary: 'Chuyển trạng thái: đã thông báo → đã kiểm tra → đã kết luận (one step)',
        params: visitParams,
        body: statusInput,
        response: { 200: visitView, ...errorResponses(400, 403, 404, 409, 412, 422, 428) },
      },
      config: { access: teamRoles },
    },
    async (request, reply) => {
      const { campaignId, visitId } = request.params;
      const visit = schedule.setStatus(campaignId, visitId, request.body.status, actorOf(request), ifMatch(request.headers));
      reply.header('etag', etag(visit.version));
      return visit;
    },
  );

  app.post(
    '/campaigns/:campaignId/visits/:visitId/cancel',
    {
      schema: {
        operationId: 'cancelVisit',
        tags,
        summary: 'Hủy lịch kiểm tra, kèm lý do',
        params: visitParams,
        body: cancelInput,
        response: { 200: visitView, ...errorResponses(400, 403, 404, 409, 412, 428) },
      },
      config: { access: teamRoles },
    },
    async (request, reply) => {
      const { campaignId, visitId } = request.params;
      const visit = schedule.cancel(campaignId, visitId, request.body.reason, actorOf(request), ifMatch(request.headers));
      reply.header('etag', etag(visit.version));
      return visit;
    },
  );
};
