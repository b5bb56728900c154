import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../auth/plugin.js';
import { anyRole, teamRoles } from '../auth/policy.js';
import { campaignIdParam } from '../http/params.js';
import { etag, notModified } from '../http/etag.js';
import { errorResponses, fileAnswer, notModifiedAnswer } from '../http/schemas.js';
import {
  conflictReport,
  daySchedule,
  freeQuery,
  freeResult,
  icsQuery,
  scheduleQuery,
  teamSchedule,
  teamScheduleParams,
  unitSchedule,
  unitScheduleParams,
} from './schema.js';
import type { ScheduleService } from './service.js';

const tags = ['schedule'];
const icsNote =
  'iCalendar (RFC 5545) for phones and Outlook. Calendar apps cannot send Authorization: the token may be given as ?token= ' +
  'on .ics routes only (it is never logged). Event UIDs are stable (visit-<id>@<campaign>); SEQUENCE grows with each change.';

export const scheduleViewRoutes: FastifyPluginAsyncZod<{ schedule: ScheduleService }> = async (app, { schedule }) => {
  const includeCancelled = (q: { includeCancelled?: 'true' | 'false' | undefined }) => q.includeCancelled === 'true';

  app.get(
    '/campaigns/:campaignId/schedule',
    {
      schema: {
        operationId: 'getCampaignSchedule',
        tags,
        summary: 'Lịch kiểm tra toàn đợt theo ngày, kèm các hạn (office, leaders, secretaries)',
        params: campaignIdParam,
        querystring: scheduleQuery,
        response: { 200: daySchedule, ...errorResponses(400, 403, 404) },
      },
      config: { access: teamRoles },
    },
    async (request) => schedule.byDay(request.params.campaignId, includeCancelled(request.query)),
  );

  app.get(
    '/campaigns/:campaignId/teams/:teamNo/schedule',
    {
      schema: {
        operationId: 'getTeamSchedule',
        tags,
        summary: 'Lịch kiểm tra của một đoàn, hạn thông báo kết quả của cả đợt và đơn vị chưa có lịch',
        params: teamScheduleParams,
        querystring: scheduleQuery,
        response: { 200: teamSchedule, ...errorResponses(400, 404) },
      },
      config: { access: anyRole },
    },
    async (request) => schedule.byTeam(request.params.campaignId, request.params.teamNo, actorOf(request), includeCancelled(request.query)),
  );

  app.get(
    '/campaigns/:campaignId/units/:unitId/schedule',
    {
      schema: {
        operationId: 'getUnitSchedule',
        tags,
        summary: 'Lịch của một đơn vị: các buổi được kiểm tra và các buổi đơn vị đi kiểm tra cùng đoàn',
        params: unitScheduleParams,
        querystring: scheduleQuery,
        response: { 200: unitSchedule, ...errorResponses(400, 404) },
      },
      config: { access: anyRole },
    },
    async (request) => schedule.byUnit(request.params.campaignId, request.params.unitId, actorOf(request), includeCancelled(request.query)),
  );

  app.get(
    '/campaigns/:campaignId/free-sessions',
    {
      schema: {
        operationId: 'findFreeSessions',
        tags,
        summary: 'Các buổi còn trống cho một đoàn và một đơn vị của đoàn (no error if registered), với lý do của các buổi bận',
        description: 'At most 92 days; only the part inside the campaign window is answered (from/to say which), and a range outside it is 400.',
        params: campaignIdParam,
        querystring: freeQuery,
        response: { 200: freeResult, ...errorResponses(400, 403, 404, 422) },
      },
      config: { access: teamRoles },
    },
    async (request) => schedule.freeSessions(request.params.campaignId, request.query),
  );

  app.get(
    '/campaigns/:campaignId/conflicts',
    {
      schema: {
        operationId: 'reviewConflicts',
        tags,
        summary: 'Rà soát toàn đợt: mọi lịch đã đăng ký đối chiếu với nhau, với lịch làm việc và các đoàn hiện tại',
        params: campaignIdParam,
        response: { 200: conflictReport, ...errorResponses(403, 404) },
      },
      config: { access: teamRoles },
    },
    async (request) => schedule.conflicts(request.params.campaignId),
  );

  const sendIcs = (request: Parameters<typeof notModified>[0], reply: Parameters<typeof notModified>[1], body: string, name: string) => {
    const tag = etag(createHash('sha256').update(body).digest('base64url').slice(0, 27));
    reply.type('text/calendar; charset=utf-8').header('content-disposition', `inline; filename="${name}.ics"`).header('cache-control', 'private, max-age=300');
    return notModified(request, reply, tag) ?? body;
  };
  const icsResponse = { 200: fileAnswer('iCalendar (RFC 5545)', 'text/calendar'), 304: notModifiedAnswer, ...errorResponses(400, 403, 404) };

  app.get(
    '/campaigns/:campaignId/calendar.ics',
    {
      schema: {
        operationId: 'exportCampaignCalendar',
        tags,
        summary: 'Lịch iCalendar của cả đợt kiểm tra',
        description: icsNote,
        params: campaignIdParam,
        querystring: icsQuery,
        response: icsResponse,
      },
      config: { access: teamRoles, allowQueryToken: true },
    },
    async (request, reply) => {
      const { campaignId } = request.params;
      return sendIcs(request, reply, schedule.campaignFeed(campaignId), campaignId);
    },
  );

  app.get(
    '/campaigns/:campaignId/teams/:teamNo/calendar.ics',
    {
      schema: {
        operationId: 'exportTeamCalendar',
        tags,
        summary: 'Lịch iCalendar của một đoàn kiểm tra',
        description: icsNote,
        params: teamScheduleParams,
        querystring: icsQuery,
        response: icsResponse,
      },
      config: { access: anyRole, allowQueryToken: true },
    },
    async (request, reply) => {
      const { campaignId, teamNo } = request.params;
      return sendIcs(request, reply, schedule.teamFeed(campaignId, teamNo, actorOf(request)), `${campaignId}-doan-${teamNo}`);
    },
  );

  app.get(
    '/campaigns/:campaignId/units/:unitId/calendar.ics',
    {
      schema: {
        operationId: 'exportUnitCalendar',
        tags,
        summary: 'Lịch iCalendar của một đơn vị',
        description: icsNote,
        params: unitScheduleParams,
        querystring: icsQuery,
        response: icsResponse,
      },
      config: { access: anyRole, allowQueryToken: true },
    },
    async (request, reply) => {
      const { campaignId, unitId } = request.params;
      return sendIcs(request, reply, schedule.unitFeed(campaignId, unitId, actorOf(request)), `${campaignId}-${unitId}`);
    },
  );
};
