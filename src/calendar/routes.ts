import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../auth/plugin.js';
import { anyRole, officeOnly } from '../auth/policy.js';
import { assertIfMatch, etag } from '../http/etag.js';
import { errorResponses } from '../http/schemas.js';
import {
  addQuery,
  addResult,
  campaignOnlyQuery,
  countQuery,
  countResult,
  dayParams,
  daysQuery,
  daysResult,
  noticeQuery,
  noticeResult,
  oneDayResult,
  resultsQuery,
  resultsResult,
  yearBody,
  yearParams,
  yearView,
  MAX_RANGE_DAYS,
} from './schema.js';
import { exceptionRoutes } from './exception-routes.js';
import type { CalendarService } from './service.js';

const tags = ['calendar'];

export const calendarRoutes: FastifyPluginAsyncZod<{ calendar: CalendarService }> = async (app, { calendar }) => {
  const withTag = <T extends { version: number }>(reply: { header(name: string, value: string): unknown }, view: T) => {
    reply.header('etag', etag(view.version));
    return view;
  };

  app.get(
    '/calendar/days',
    {
      schema: {
        operationId: 'listCalendarDays',
        tags,
        summary: 'Ngày làm việc và ngày nghỉ trong một khoảng (working / not working, reason, year confirmed)',
        description: `At most ${MAX_RANGE_DAYS} days (400 beyond). With campaignId, the campaign's local days off count too.`,
        querystring: daysQuery,
        response: { 200: daysResult, ...errorResponses(400, 404) },
      },
      config: { access: anyRole },
    },
    async (request) => calendar.days(actorOf(request), request.query),
  );

  app.get(
    '/calendar/days/:date',
    {
      schema: {
        operationId: 'getCalendarDay',
        tags,
        summary: 'Một ngày: làm việc hay nghỉ, lý do, năm đã xác nhận chưa (và ngày nghỉ ước tính)',
        params: dayParams,
        querystring: campaignOnlyQuery,
        response: { 200: oneDayResult, ...errorResponses(400, 404) },
      },
      config: { access: anyRole },
    },
    async (request) => calendar.day(actorOf(request), request.params.date, request.query.campaignId),
  );

  app.get(
    '/calendar/working-days/add',
    {
      schema: {
        operationId: 'addWorkingDays',
        tags,
        summary: 'Cộng hoặc trừ N ngày làm việc',
        description: `days > 0: the N-th working day after date; days < 0: before it; 0: date itself if working, else the next working day.`,
        querystring: addQuery,
        response: { 200: addResult, ...errorResponses(400, 404) },
      },
      config: { access: anyRole },
    },
    async (request) => calendar.addWorkingDays(actorOf(request), request.query),
  );

  app.get(
    '/calendar/working-days/count',
    {
      schema: {
        operationId: 'countWorkingDays',
        tags,
        summary: 'Đếm ngày làm việc giữa hai ngày (không tính ngày đầu, tính ngày cuối)',
        querystring: countQuery,
        response: { 200: countResult, ...errorResponses(400, 404) },
      },
      config: { access: anyRole },
    },
    async (request) => calendar.countWorkingDays(actorOf(request), request.query),
  );

  app.get(
    '/calendar/deadlines/notice',
    {
      schema: {
        operationId: 'getNoticeDeadline',
        tags,
        summary: 'Ngày muộn nhất ban hành thông báo kiểm tra cho một ngày kiểm tra (theo quy ước của đợt)',
        querystring: noticeQuery,
        response: { 200: noticeResult, ...errorResponses(400, 404) },
      },
      config: { access: anyRole },
    },
    async (request) => calendar.noticeDeadline(actorOf(request), request.query.campaignId, request.query.visitDate),
  );

  app.get(
    '/calendar/deadlines/results',
    {
      schema: {
        operationId: 'getResultsNoticeDeadline',
        tags,
        summary: 'Hạn ban hành thông báo kết quả kiểm tra (N ngày làm việc sau ngày kết thúc)',
        querystring: resultsQuery,
        response: { 200: resultsResult, ...errorResponses(400, 404) },
      },
      config: { access: anyRole },
    },
    async (request) => calendar.resultsDue(actorOf(request), request.query.campaignId, request.query.roundEnd),
  );

  app.get(
    '/calendar/years/:year',
    {
      schema: {
        operationId: 'getCalendarYear',
        tags,
        summary: 'Tình trạng lịch của một năm: đã xác nhận chưa, ngày Tết và Giỗ Tổ âm lịch, ngày nghỉ ước tính',
        params: yearParams,
        response: { 200: yearView, ...errorResponses(400) },
      },
      config: { access: anyRole, etag: true },
    },
    async (request, reply) => withTag(reply, calendar.year(request.params.year)),
  );

  app.put(
    '/calendar/years/:year',
    {
      schema: {
        operationId: 'confirmCalendarYear',
        tags,
        summary: 'Xác nhận (hoặc bỏ xác nhận) lịch của một năm',
        description:
          'Office only, unscoped token; If-Match with the year\'s ETag (version; "0" before the first change). ' +
          'Enter the published days first (or send acceptEstimates: true when they match the estimate), then confirm.',
        params: yearParams,
        body: yearBody,
        response: { 200: yearView, ...errorResponses(400, 403, 412, 428) },
      },
      config: { access: officeOnly },
    },
    async (request, reply) => {
      calendar.setYear(actorOf(request), request.params.year, request.body, (tag) => assertIfMatch(request, tag));
      return withTag(reply, calendar.year(request.params.year));
    },
  );

  await app.register(exceptionRoutes, { calendar });
};
