import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/plugin.js';
import { officeOnly, teamRoles } from '../auth/policy.js';
import { withExtensions } from '../http/errors.js';
import { errorResponses } from '../http/schemas.js';
import { acceptYaml } from '../http/yaml.js';
import { amendmentInput, amendmentPreview, amendmentResult, campaignVersionDetail, campaignVersionView, versionParams } from './amendment-schema.js';
import type { AmendmentService } from './amendments.js';
import { documentErrors, documentInvalid } from './errors.js';
import { DefinitionFileError, parseDefinitionText } from './loader.js';
import { campaignIdParam } from '../http/params.js';
import createError from '@fastify/error';

const InvalidYaml = createError<[string]>('INVALID_YAML', '%s', 400);
const tags = ['campaigns'];

const bodyDescription =
  'Either `definition` (a whole new version, same id) or `changes` (targeted: setSigner, setRepresentative, setPlan, ' +
  'setPlanReference, setDataPeriod, addUnit, addTarget, removeTarget, addMember, removeMember, moveWindow, setDeadline), with a `reason`. ' +
  'The result is checked like a new definition; every problem is listed with its path (changes[2].unit, definition.teams[0].targets[1]).';

export const amendmentRoutes: FastifyPluginAsyncZod<{ amendments: AmendmentService }> = async (app, { amendments }) => {
  acceptYaml(app, (text) => {
    try {
      return parseDefinitionText(text, 'body');
    } catch (error) {
      const issues = error instanceof DefinitionFileError ? error.issues : [];
      throw withExtensions(new InvalidYaml('Nội dung YAML không hợp lệ'), { errors: documentErrors(issues, 'body') });
    }
  });

  app.post(
    '/campaigns/:campaignId/amendments/preview',
    {
      schema: {
        operationId: 'previewCampaignAmendment',
        tags,
        summary: 'Xem trước sửa đổi kế hoạch: những gì thay đổi và ảnh hưởng tới lịch đã đăng ký (nothing is written)',
        description: `${bodyDescription} The answer lists the changes, what blocks them (active visits of a target taken out or moved) and the clashes the saved visits would newly have.`,
        params: campaignIdParam,
        body: amendmentInput,
        response: { 200: amendmentPreview, ...errorResponses(400, 403, 404, 415, 422) },
      },
      config: { access: officeOnly },
      attachValidation: true,
    },
    async (request) => {
      if (request.validationError) throw documentInvalid(request.validationError.validation);
      return amendments.preview(request.params.campaignId, request.body);
    },
  );

  app.post(
    '/campaigns/:campaignId/amendments',
    {
      schema: {
        operationId: 'amendCampaign',
        tags,
        summary: 'Sửa đổi kế hoạch kiểm tra: phiên bản mới của định nghĩa (the previous one is kept)',
        description:
          `${bodyDescription} Send If-Match with the campaign's ETag (GET /campaigns/{campaignId}). Refused with 409 ` +
          'AMENDMENT_BLOCKED while a target taken out or moved has active visits (cancel them first), and 409 ' +
          'AMENDMENT_CLASHES when saved visits would newly clash or fall outside the window unless acceptClashes is true. ' +
          'Applied in one transaction with the audit record; issued documents never change.',
        params: campaignIdParam,
        headers: z.object({ 'if-match': z.string().optional().describe('the campaign\'s ETag, e.g. "3"') }),
        body: amendmentInput,
        response: { 201: amendmentResult, ...errorResponses(400, 403, 404, 409, 412, 415, 422, 428) },
      },
      config: { access: officeOnly, idempotent: true },
      attachValidation: true,
    },
    async (request, reply) => {
      if (request.validationError) throw documentInvalid(request.validationError.validation);
      const { campaignId } = request.params;
      const result = amendments.apply(campaignId, request.body, actorOf(request), request.headers['if-match']);
      reply.code(201).header('location', `/campaigns/${campaignId}/versions/${result.version}`).header('etag', amendments.etag(campaignId));
      return result;
    },
  );

  app.get(
    '/campaigns/:campaignId/versions',
    {
      schema: {
        operationId: 'listCampaignVersions',
        tags,
        summary: 'Các phiên bản của kế hoạch kiểm tra (loaded, copied, amended), oldest first',
        params: campaignIdParam,
        response: { 200: z.array(campaignVersionView), ...errorResponses(403, 404) },
      },
      config: { access: teamRoles },
    },
    async (request) => amendments.versions(request.params.campaignId),
  );

  app.get(
    '/campaigns/:campaignId/versions/:version',
    {
      schema: {
        operationId: 'getCampaignVersion',
        tags,
        summary: 'Một phiên bản của kế hoạch với định nghĩa của nó',
        params: versionParams,
        response: { 200: campaignVersionDetail, ...errorResponses(400, 403, 404) },
      },
      config: { access: teamRoles },
    },
    async (request) => amendments.version(request.params.campaignId, request.params.version),
  );
};
