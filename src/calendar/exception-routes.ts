import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/plugin.js';
import { anyRole, officeOnly } from '../auth/policy.js';
import { assertIfMatch, etag } from '../http/etag.js';
import { campaignIdParam } from '../http/params.js';
import { errorResponses } from '../http/schemas.js';
import {
  campaignDayParams,
  dayParams,
  exceptionList,
  exceptionsQuery,
  exceptionView,
  localDayBody,
  localDayChange,
  nationalDayBody,
  nationalDayChange,
} from './schema.js';
import type { CalendarService } from './service.js';

const tags = ['calendar'];

/** The exceptions: national days off and make-up days, and campaigns' local days off. Writes: office only. */
export const exceptionRoutes: FastifyPluginAsyncZod<{ calendar: CalendarService }> = async (app, { calendar }) => {
  const withTag = <T extends { version: number }>(reply: { header(name: string, value: string): unknown }, view: T) => {
    reply.header('etag', etag(view.version));
    return view;
  };

  app.get(
    '/calendar/exceptions',
    {
      schema: {
        operationId: 'listNationalCalendarDays',
        tags,
        summary: 'Ngày ngoại lệ của lịch chung (ngày nghỉ, ngày làm bù, ước tính) và ngày đã bị bỏ',
        description: 'Default: the current year. year, or from/to (at most ten years).',
        querystring: exceptionsQuery,
        response: { 200: exceptionList, ...errorResponses(400) },
      },
      config: { access: anyRole },
    },
    async (request) => calendar.nationalExceptions(request.query),
  );

  app.post(
    '/calendar/exceptions',
    {
      schema: {
        operationId: 'addNationalCalendarDay',
        tags,
        summary: 'Thêm ngày nghỉ hoặc ngày làm bù vào lịch chung',
        description:
          'Office only, unscoped token. A day-off must be a weekday, a working-day a Saturday or Sunday. An estimated day may be replaced; any other existing day is 409 (change it with PUT).',
        body: nationalDayBody,
        response: { 201: exceptionView, ...errorResponses(400, 403, 409, 422) },
      },
      config: { access: officeOnly, idempotent: true, etag: true },
    },
    async (request, reply) => {
      const view = calendar.addNationalDay(actorOf(request), request.body);
      reply.code(201).header('location', `/calendar/exceptions/${view.date}`);
      return withTag(reply, view);
    },
  );

  app.get(
    '/calendar/exceptions/:date',
    {
      schema: {
        operationId: 'getNationalCalendarDay',
        tags,
        summary: 'Một ngày ngoại lệ của lịch chung',
        params: dayParams,
        response: { 200: exceptionView, ...errorResponses(400, 404) },
      },
      config: { access: anyRole, etag: true },
    },
    async (request, reply) => withTag(reply, calendar.nationalException(request.params.date)),
  );

  app.put(
    '/calendar/exceptions/:date',
    {
      schema: {
        operationId: 'changeNationalCalendarDay',
        tags,
        summary: 'Sửa một ngày ngoại lệ của lịch chung (cả ngày có sẵn hoặc ước tính)',
        description: "Office only, unscoped token; If-Match with the day's ETag.",
        params: dayParams,
        body: nationalDayChange,
        response: { 200: exceptionView, ...errorResponses(400, 403, 404, 412, 428) },
      },
      config: { access: officeOnly },
    },
    async (request, reply) =>
      withTag(
        reply,
        calendar.changeNationalDay(actorOf(request), request.params.date, request.body, (tag) => assertIfMatch(request, tag)),
      ),
  );

  app.delete(
    '/calendar/exceptions/:date',
    {
      schema: {
        operationId: 'removeNationalCalendarDay',
        tags,
        summary: 'Bỏ một ngày ngoại lệ của lịch chung (ngày có sẵn được ghi nhận là đã bỏ, không tự trở lại)',
        params: dayParams,
        response: { 204: z.null(), ...errorResponses(400, 403, 404, 412, 428) },
      },
      config: { access: officeOnly },
    },
    async (request, reply) => {
      calendar.removeNationalDay(actorOf(request), request.params.date, (tag) => assertIfMatch(request, tag));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/calendar/campaigns/:campaignId/days-off',
    {
      schema: {
        operationId: 'listLocalDaysOff',
        tags,
        summary: 'Ngày nghỉ riêng của một đợt kiểm tra (định nghĩa và do cơ quan thường trực thêm)',
        params: campaignIdParam,
        response: { 200: exceptionList, ...errorResponses(404) },
      },
      config: { access: anyRole },
    },
    async (request) => calendar.localExceptions(actorOf(request), request.params.campaignId),
  );

  app.post(
    '/calendar/campaigns/:campaignId/days-off',
    {
      schema: {
        operationId: 'addLocalDayOff',
        tags,
        summary: 'Thêm ngày nghỉ riêng cho một đợt kiểm tra',
        description: 'Office only (a token scoped to the campaign may).',
        params: campaignIdParam,
        body: localDayBody,
        response: { 201: exceptionView, ...errorResponses(400, 403, 404, 409, 422) },
      },
      config: { access: officeOnly, idempotent: true, etag: true },
    },
    async (request, reply) => {
      const { campaignId } = request.params;
      const view = calendar.addLocalDay(actorOf(request), campaignId, request.body);
      reply.code(201).header('location', `/calendar/campaigns/${campaignId}/days-off/${view.date}`);
      return withTag(reply, view);
    },
  );

  app.get(
    '/calendar/campaigns/:campaignId/days-off/:date',
    {
      schema: {
        operationId: 'getLocalDayOff',
        tags,
        summary: 'Một ngày nghỉ riêng của đợt kiểm tra',
        params: campaignDayParams,
        response: { 200: exceptionView, ...errorResponses(400, 404) },
      },
      config: { access: anyRole, etag: true },
    },
    async (request, reply) => withTag(reply, calendar.localException(actorOf(request), request.params.campaignId, request.params.date)),
  );

  app.put(
    '/calendar/campaigns/:campaignId/days-off/:date',
    {
      schema: {
        operationId: 'changeLocalDayOff',
        tags,
        summary: 'Sửa một ngày nghỉ riêng của đợt kiểm tra',
        params: campaignDayParams,
        body: localDayChange,
        response: { 200: exceptionView, ...errorResponses(400, 403, 404, 412, 428) },
      },
      config: { access: officeOnly },
    },
    async (request, reply) => {
      const { campaignId, date } = request.params;
      return withTag(
        reply,
        calendar.changeLocalDay(actorOf(request), campaignId, date, request.body, (tag) => assertIfMatch(request, tag)),
      );
    },
  );

  app.delete(
    '/calendar/campaigns/:campaignId/days-off/:date',
    {
      schema: {
        operationId: 'removeLocalDayOff',
        tags,
        summary: 'Bỏ một ngày nghỉ riêng của đợt kiểm tra',
        params: campaignDayParams,
        response: { 204: z.null(), ...errorResponses(400, 403, 404, 412, 428) },
      },
      config: { access: officeOnly },
    },
    async (request, reply) => {
      const { campaignId, date } = request.params;
      calendar.removeLocalDay(actorOf(request), campaignId, date, (tag) => assertIfMatch(request, tag));
      return reply.code(204).send(null);
    },
  );
};
