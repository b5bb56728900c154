import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../http/schemas.js';
import { Forbidden } from '../http/errors.js';
import { actorOf } from './plugin.js';
import { anyRole, officeOnly } from './policy.js';
import { createdToken, createTokenBody, tokenIdParam, tokenView, whoami } from './schema.js';
import type { AuthService } from './service.js';

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService }> = async (app, { auth }) => {
  app.get(
    '/auth/whoami',
    {
      schema: { operationId: 'describeCurrentToken', tags, summary: 'Vai trò và phạm vi của token đang dùng', response: { 200: whoami, ...errorResponses() } },
      config: { access: anyRole },
    },
    async (request) => {
      const actor = actorOf(request);
      return { role: actor.role, label: actor.label, campaignId: actor.campaignId, teamNumber: actor.teamNumber, unitId: actor.unitId };
    },
  );

  app.get(
    '/auth/tokens',
    {
      schema: {
        operationId: 'listTokens',
        tags,
        summary: 'Danh sách token (không gồm giá trị token)',
        response: { 200: z.array(tokenView), ...errorResponses(403) },
      },
      config: { access: officeOnly },
    },
    async (request) => auth.list(actorOf(request).campaignId ?? undefined),
  );

  app.post(
    '/auth/tokens',
    {
      schema: {
        operationId: 'issueToken',
        tags,
        summary: 'Cấp token cho một vai trò; giá trị token chỉ hiện một lần',
        body: createTokenBody,
        response: { 201: createdToken, ...errorResponses(400, 403, 404, 409, 422) },
      },
      config: { access: officeOnly, idempotent: true },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (actor.campaignId !== null && request.body.campaignId !== actor.campaignId) {
        throw new Forbidden('Token này chỉ cấp được token trong đợt kiểm tra của mình.');
      }
      reply.code(201);
      return auth.create(request.body, actor);
    },
  );

  app.delete(
    '/auth/tokens/:tokenId',
    {
      schema: { operationId: 'revokeToken', tags, summary: 'Thu hồi token', params: tokenIdParam, response: { 200: tokenView, ...errorResponses(403, 404) } },
      config: { access: officeOnly },
    },
    async (request) => auth.revoke(request.params.tokenId, actorOf(request)),
  );
};
