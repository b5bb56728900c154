import createError from '@fastify/error';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/plugin.js';
import { anyRole, officeOnly, teamRoles } from '../auth/policy.js';
import { Forbidden, withExtensions } from '../http/errors.js';
import type { CalendarData } from '../calendar/rules.js';
import { campaignIdParam } from '../http/params.js';
import { etag } from '../http/etag.js';
import { errorResponses } from '../http/schemas.js';
import { acceptYaml } from '../http/yaml.js';
import { documentErrors, documentInvalid } from './errors.js';
import { definitionSchema } from './definition.js';
import { DefinitionFileError, parseDefinitionText } from './loader.js';
import {
  analysisView,
  assignmentView,
  campaignDetail,
  campaignSummary,
  copyInput,
  copyResult,
  importResult,
  teamParams,
  teamView,
  unitParams,
  unitSearchQuery,
  unitView,
} from './schema.js';
import type { CampaignService } from './service.js';

/** The calendars a copy counts working days with (the calendar service). */
interface CalendarSource {
  forCampaign(campaignId: string): CalendarData;
  national(): CalendarData;
}

const InvalidYaml = createError<[string]>('INVALID_YAML', '%s', 400);
const tags = ['campaigns'];

export const campaignRoutes: FastifyPluginAsyncZod<{ campaigns: CampaignService; calendar: CalendarSource }> = async (app, { campaigns, calendar }) => {
  acceptYaml(app, (text) => {
    try {
      return parseDefinitionText(text, 'body');
    } catch (error) {
      const issues = error instanceof DefinitionFileError ? error.issues : [];
      throw withExtensions(new InvalidYaml('Nội dung YAML không hợp lệ'), { errors: documentErrors(issues, 'body') });
    }
  });

  app.get(
    '/campaigns',
    {
      schema: {
        operationId: 'listCampaigns',
        tags,
        summary: 'Các đợt kiểm tra (campaigns the token may see)',
        response: { 200: z.array(campaignSummary), ...errorResponses() },
      },
      config: { access: anyRole },
    },
    async (request) => campaigns.list(actorOf(request)),
  );

  app.post(
    '/campaigns',
    {
      schema: {
        operationId: 'importCampaign',
        tags,
        summary: 'Tạo đợt kiểm tra từ một định nghĩa (JSON or YAML)',
        description:
          'Loads a campaign definition document (format inspection-campaign/v1). Every hard error is listed with its path. ' +
          'Posting the same definition again answers 200 with created=false; another definition under an existing id is 409.',
        body: definitionSchema,
        consumes: ['application/json', 'application/yaml'],
        response: { 200: importResult, 201: importResult, ...errorResponses(400, 403, 409, 413, 415, 422) },
      },
      config: { access: officeOnly, idempotent: true },
      attachValidation: true,
    },
    async (request, reply) => {
      if (request.validationError) throw documentInvalid(request.validationError.validation);
      const actor = actorOf(request);
      if (actor.campaignId !== null) {
        throw new Forbidden('Chỉ token của cơ quan thường trực không giới hạn đợt kiểm tra mới tạo được đợt mới.');
      }
      const result = campaigns.importDefinition(request.body, actor);
      if (result.created) reply.code(201).header('location', `/campaigns/${result.campaign.id}`);
      return result;
    },
  );

  app.get(
    '/campaigns/:campaignId',
    {
      schema: {
        operationId: 'getCampaign',
        tags,
        summary: 'Một đợt kiểm tra với các mốc thời gian',
        params: campaignIdParam,
        response: { 200: campaignDetail, ...errorResponses(404) },
      },
      config: { access: anyRole },
    },
    async (request, reply) => {
      const detail = campaigns.detail(request.params.campaignId);
      reply.header('etag', etag(detail.version));
      return detail;
    },
  );

  app.post(
    '/campaigns/:campaignId/copy',
    {
      schema: {
        operationId: 'copyCampaign',
        tags,
        summary: 'Sao chép đợt kiểm tra sang chu kỳ mới (teams, members, targets, rules; dates move by working days)',
        description:
          'The new window starts on windowStart (a working day) and keeps the old length in working days; the registration ' +
          'and team-report deadlines keep their distance from the window in working days; the outline data periods move by the months ' +
          'between the windows. The plan number and the plans the outlines cite are left blank (their symbols kept) and local days off ' +
          'are not copied: toCheck lists them with everything else the office must check. A refusal lists every problem with its field.',
        params: campaignIdParam,
        body: copyInput,
        response: { 200: copyResult, 201: copyResult, ...errorResponses(400, 403, 404, 409, 422) },
      },
      config: { access: officeOnly, idempotent: true },
      attachValidation: true,
    },
    async (request, reply) => {
      if (request.validationError) throw documentInvalid(request.validationError.validation);
      const actor = actorOf(request);
      if (actor.campaignId !== null) {
        throw new Forbidden('Chỉ token của cơ quan thường trực không giới hạn đợt kiểm tra mới tạo được đợt mới.');
      }
      const { campaignId } = request.params;
      const calendars = { source: calendar.forCampaign(campaignId), target: calendar.national() };
      const result = campaigns.copy(campaignId, request.body, calendars, actor);
      if (result.created) reply.code(201).header('location', `/campaigns/${result.campaign.id}`);
      return result;
    },
  );

  app.get(
    '/campaigns/:campaignId/definition',
    {
      schema: {
        operationId: 'getCampaignDefinition',
        tags,
        summary: 'Định nghĩa gốc của đợt kiểm tra (to copy or archive)',
        params: campaignIdParam,
        response: { 200: definitionSchema, ...errorResponses(404) },
      },
      config: { access: teamRoles },
    },
    async (request) => campaigns.definition(request.params.campaignId),
  );

  app.get(
    '/campaigns/:campaignId/analysis',
    {
      schema: {
        operationId: 'analyseCampaign',
        tags,
        summary: 'Phân tích: đơn vị nhiều vai trò, đơn vị ở hai đoàn, cặp đoàn kiểm tra chéo',
        params: campaignIdParam,
        response: { 200: analysisView, ...errorResponses(403, 404) },
      },
      config: { access: teamRoles },
    },
    async (request) => campaigns.analysis(request.params.campaignId),
  );

  app.get(
    '/campaigns/:campaignId/teams',
    {
      schema: {
        operationId: 'listTeams',
        tags,
        summary: 'Các đoàn kiểm tra, thành phần và đơn vị được kiểm tra',
        params: campaignIdParam,
        response: { 200: z.array(teamView), ...errorResponses(404) },
      },
      config: { access: anyRole },
    },
    async (request) => campaigns.teams(request.params.campaignId),
  );

  app.get(
    '/campaigns/:campaignId/teams/:teamNo',
    {
      schema: { operationId: 'getTeam', tags, summary: 'Một đoàn kiểm tra', params: teamParams, response: { 200: teamView, ...errorResponses(404) } },
      config: { access: anyRole },
    },
    async (request) => campaigns.team(request.params.campaignId, request.params.teamNo),
  );

  app.get(
    '/campaigns/:campaignId/units',
    {
      schema: {
        operationId: 'listUnits',
        tags,
        summary: 'Đơn vị của đợt kiểm tra với vai trò ở từng đoàn; q tìm không phân biệt dấu, hoa thường',
        params: campaignIdParam,
        querystring: unitSearchQuery,
        response: { 200: z.array(unitView), ...errorResponses(400, 404) },
      },
      config: { access: anyRole },
    },
    async (request) => campaigns.units(request.params.campaignId, request.query.q),
  );

  app.get(
    '/campaigns/:campaignId/units/:unitId',
    {
      schema: {
        operationId: 'getUnit',
        tags,
        summary: 'Một đơn vị và vai trò của nó',
        params: unitParams,
        response: { 200: unitView, ...errorResponses(404) },
      },
      config: { access: anyRole },
    },
    async (request) => campaigns.unit(request.params.campaignId, request.params.unitId),
  );

  app.get(
    '/campaigns/:campaignId/assignments',
    {
      schema: {
        operationId: 'listAssignments',
        tags,
        summary: 'Phân công: đơn vị được kiểm tra, đoàn, đề cương và khối câu hỏi',
        params: campaignIdParam,
        response: { 200: z.array(assignmentView), ...errorResponses(404) },
      },
      config: { access: anyRole },
    },
    async (request) => campaigns.assignments(request.params.campaignId),
  );

  app.get(
    '/units',
    {
      schema: {
        operationId: 'searchUnits',
        tags,
        summary: 'Tìm đơn vị trong mọi đợt kiểm tra được phép xem (không phân biệt dấu)',
        querystring: z.object({ q: z.string().min(1).max(200) }),
        response: { 200: z.array(unitView), ...errorResponses(400) },
      },
      config: { access: anyRole },
    },
    async (request) => campaigns.searchUnits(actorOf(request), request.query.q),
  );
};
