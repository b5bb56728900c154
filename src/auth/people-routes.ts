import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { campaignIdParam } from '../http/params.js';
import { pathId } from '../http/params.js';
import { errorResponses } from '../http/schemas.js';
import type { InvitationSheet } from './invitation-sheet.js';
import type { PeopleService } from './people.js';
import { actorOf } from './plugin.js';
import { officeOnly } from './policy.js';
import { createdInvitation, createPersonBody, personView } from './schema.js';

const tags = ['people'];
const personParams = campaignIdParam.extend({ personId: pathId });

/** The people who sign in to the web pages, and their invitations: the standing office's business. */
export const peopleRoutes: FastifyPluginAsyncZod<{ people: PeopleService; invitationSheet: InvitationSheet }> = async (app, { people, invitationSheet }) => {
  const config = { access: officeOnly };

  app.get(
    '/campaigns/:campaignId/people',
    {
      schema: {
        tags,
        operationId: 'listPeople',
        summary: 'Người dùng trang web của đợt kiểm tra',
        params: campaignIdParam,
        response: { 200: z.array(personView), ...errorResponses(403, 404) },
      },
      config,
    },
    async (request) => people.list(request.params.campaignId),
  );

  app.post(
    '/campaigns/:campaignId/people',
    {
      schema: {
        tags,
        operationId: 'createPerson',
        summary: 'Thêm người dùng với một vai trò (office, leader/secretary of a team, member unit, inspected unit)',
        params: campaignIdParam,
        body: createPersonBody,
        response: { 201: personView, ...errorResponses(400, 403, 404, 422) },
      },
      config: { ...config, idempotent: true },
    },
    async (request, reply) => {
      reply.code(201);
      return people.create(request.params.campaignId, request.body, actorOf(request));
    },
  );

  app.delete(
    '/campaigns/:campaignId/people/:personId',
    {
      schema: {
        tags,
        operationId: 'revokePerson',
        summary: 'Thu hồi quyền của một người: mọi phiên đăng nhập kết thúc ngay, lời mời chưa dùng hết hiệu lực',
        params: personParams,
        response: { 200: personView, ...errorResponses(403, 404) },
      },
      config,
    },
    async (request) => people.revoke(request.params.campaignId, request.params.personId, actorOf(request)),
  );

  app.post(
    '/campaigns/:campaignId/people/:personId/invitations',
    {
      schema: {
        tags,
        operationId: 'invitePerson',
        summary: 'Tạo liên kết đăng nhập dùng một lần (hiện một lần duy nhất)',
        params: personParams,
        response: { 201: createdInvitation, ...errorResponses(403, 404, 409) },
      },
      config,
    },
    async (request, reply) => {
      const { code, expiresAt, person } = people.invite(request.params.campaignId, request.params.personId, actorOf(request));
      reply.code(201);
      return { person, link: invitationSheet.linkFor(code), expiresAt };
    },
  );

  app.post(
    '/campaigns/:campaignId/invitations/sheet',
    {
      schema: {
        tags,
        operationId: 'printInvitationSheet',
        summary: 'In phiếu mời (PDF): một thẻ cho mỗi người, có liên kết và mã QR; mỗi lần in tạo lời mời mới',
        params: campaignIdParam,
        body: z.object({ personIds: z.array(z.number().int().min(1)).min(1).max(500).optional().describe('default: every person not revoked') }),
        response: {
          200: { description: 'The invitation cards', content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } } },
          ...errorResponses(400, 403, 404, 409, 503),
        },
      },
      config,
    },
    async (request, reply) => {
      const { pdf } = await invitationSheet.print(request.params.campaignId, request.body.personIds, actorOf(request));
      return (reply as FastifyReply)
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="phieu-moi-${request.params.campaignId}.pdf"`)
        .send(pdf);
    },
  );
};
