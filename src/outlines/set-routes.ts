import createError from '@fastify/error';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/plugin.js';
import { anyRole, officeOnly } from '../auth/policy.js';
import { documentErrors, documentInvalid } from '../campaigns/errors.js';
import { DefinitionFileError, parseDefinitionText } from '../campaigns/loader.js';
import { Forbidden, withExtensions } from '../http/errors.js';
import { pathId } from '../http/params.js';
import { errorResponses, fieldIssueSchema } from '../http/schemas.js';
import { acceptYaml } from '../http/yaml.js';
import { setDocumentSchema } from './data.js';
import { setParams } from './schema.js';
import type { OutlineService } from './service.js';

const InvalidYaml = createError<[string]>('INVALID_YAML', '%s', 400);
const tags = ['outlines'];

const preview = z
  .object({
    setId: z.string(),
    version: z.number().int().describe('the version the document would be (the current one when unchanged)'),
    unchanged: z.boolean().describe('the newest version already has this content'),
    canLoad: z.boolean().describe('no campaign naming the set would miss an outline or block it names'),
    outlines: z.array(z.object({ code: z.string(), title: z.string(), items: z.number().int() })),
    blocks: z.array(z.object({ id: z.string(), heading: z.string(), forOutline: z.string().nullable() })),
    references: z.array(z.object({ id: z.string(), description: z.string(), kind: z.string() })),
    usedBy: z.array(z.object({ campaignId: z.string(), title: z.string(), errors: z.array(fieldIssueSchema) })),
  })
  .meta({ id: 'OutlineSetPreview' });

const documentDescription =
  'One document (format outline-set-document/v1, JSON or YAML) with the set\'s outlines and question blocks written as ' +
  'the files of outlines/ are (see outlines/README.md), and the references its texts cite as {plan:<id>}, which each ' +
  'campaign fills from plan.references of its definition. Checked as strictly as the shipped sets; every problem is listed with its path.';

export const outlineSetRoutes: FastifyPluginAsyncZod<{ outlines: OutlineService }> = async (app, { outlines }) => {
  acceptYaml(app, (text) => {
    try {
      return parseDefinitionText(text, 'body');
    } catch (error) {
      const issues = error instanceof DefinitionFileError ? error.issues : [];
      throw withExtensions(new InvalidYaml('Nội dung YAML không hợp lệ'), { errors: documentErrors(issues, 'body') });
    }
  });

  app.get(
    '/outline-sets',
    {
      schema: {
        operationId: 'listOutlineSets',
        tags,
        summary: 'Các bộ đề cương: đi kèm dịch vụ và do cơ quan thường trực nạp, với các đợt kiểm tra dùng chúng',
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              shipped: z.boolean(),
              version: z.number().int().nullable(),
              versions: z.number().int(),
              usedBy: z.array(z.string()),
            }),
          ),
          ...errorResponses(),
        },
      },
      config: { access: anyRole },
    },
    async () => outlines.sets.list(),
  );

  app.post(
    '/outline-sets/:setId/preview',
    {
      schema: {
        operationId: 'previewOutlineSet',
        tags,
        summary: 'Xem trước một bộ đề cương trước khi nạp (nothing is written)',
        description: documentDescription,
        params: setParams,
        body: setDocumentSchema,
        response: { 200: preview, ...errorResponses(400, 403, 415, 422) },
      },
      config: { access: officeOnly },
      attachValidation: true,
    },
    async (request) => {
      if (request.validationError) throw documentInvalid(request.validationError.validation);
      return outlines.sets.preview(request.params.setId, request.body);
    },
  );

  app.put(
    '/outline-sets/:setId',
    {
      schema: {
        operationId: 'loadOutlineSet',
        tags,
        summary: 'Nạp bộ đề cương của một đợt kiểm tra (a new version; the earlier ones are kept)',
        description:
          `${documentDescription} Campaigns naming the set use its newest version; a version that would leave one of them ` +
          'without an outline or block it names is refused (409 OUTLINE_SET_IN_USE). The same content again answers 200 with created=false.',
        params: setParams,
        body: setDocumentSchema,
        response: { 200: preview.extend({ created: z.boolean() }), 201: preview.extend({ created: z.boolean() }), ...errorResponses(400, 403, 409, 415, 422) },
      },
      // A PUT of the same content answers created=false: idempotent without an Idempotency-Key.
      config: { access: officeOnly },
      attachValidation: true,
    },
    async (request, reply) => {
      if (request.validationError) throw documentInvalid(request.validationError.validation);
      const actor = actorOf(request);
      if (actor.campaignId !== null) {
        throw new Forbidden('Bộ đề cương dùng chung cho mọi đợt kiểm tra: chỉ token của cơ quan thường trực không giới hạn đợt kiểm tra mới nạp được.');
      }
      const result = outlines.sets.load(request.params.setId, request.body, actor);
      if (result.created) reply.code(201).header('location', `/outline-sets/${result.setId}/versions/${result.version}`);
      return result;
    },
  );

  app.get(
    '/outline-sets/:setId/versions/:version',
    {
      schema: {
        operationId: 'getOutlineSetVersion',
        tags,
        summary: 'Một phiên bản của bộ đề cương đã nạp, đúng như khi nạp',
        params: setParams.extend({ version: pathId }),
        response: {
          200: z.object({ setId: z.string(), version: z.number().int(), loadedAt: z.string(), loadedBy: z.string(), document: setDocumentSchema }),
          ...errorResponses(400, 404),
        },
      },
      config: { access: anyRole },
    },
    async (request) => outlines.sets.version(request.params.setId, request.params.version),
  );
};
