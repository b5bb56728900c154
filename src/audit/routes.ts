import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../auth/plugin.js';
import { officeOnly } from '../auth/policy.js';
import { campaignIdParam } from '../http/params.js';
import type { CampaignService } from '../campaigns/service.js';
import { errorResponses } from '../http/schemas.js';
import { VisitNotFound } from '../schedule/errors.js';
import { auditPage, auditQuery, auditUnitParams, auditVisitParams } from './schema.js';
import type { AuditService } from './service.js';

const tags = ['audit'];
const description = 'Nhật ký chỉ được ghi thêm, không sửa, không xoá. Mới nhất trước; trang sau: ?before=<nextBefore>.';

/** The audit trail, for the standing office only. */
export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditService; campaigns: CampaignService }> = async (app, { audit, campaigns }) => {
  const config = { access: officeOnly };

  app.get(
    '/audit',
    {
      schema: {
        operationId: 'listAuditEntries',
        tags,
        summary: 'Nhật ký thay đổi của mọi đợt kiểm tra được phép xem (kể cả token không gắn đợt nào)',
        description,
        querystring: auditQuery,
        response: { 200: auditPage, ...errorResponses(400, 403) },
      },
      config,
    },
    async (request) => {
      const campaignId = actorOf(request).campaignId ?? undefined;
      return audit.page({ campaignId, beforeId: request.query.before, limit: request.query.limit });
    },
  );

  app.get(
    '/campaigns/:campaignId/audit',
    {
      schema: {
        operationId: 'listCampaignAuditEntries',
        tags,
        summary: 'Nhật ký thay đổi của một đợt kiểm tra: ai, vai trò, lúc nào, làm gì, trước và sau',
        description,
        params: campaignIdParam,
        querystring: auditQuery,
        response: { 200: auditPage, ...errorResponses(400, 403, 404) },
      },
      config,
    },
    async (request) => {
      const { campaignId } = request.params;
      campaigns.summary(campaignId);
      return audit.page({ campaignId, beforeId: request.query.before, limit: request.query.limit });
    },
  );

  app.get(
    '/campaigns/:campaignId/visits/:visitId/audit',
    {
      schema: {
        operationId: 'listVisitAuditEntries',
        tags,
        summary: 'Nhật ký thay đổi của một lịch kiểm tra (đăng ký, dời lịch, huỷ, thông báo, kết luận)',
        description,
        params: auditVisitParams,
        querystring: auditQuery,
        response: { 200: auditPage, ...errorResponses(400, 403, 404) },
      },
      config,
    },
    async (request) => {
      const { campaignId, visitId } = request.params;
      campaigns.summary(campaignId);
      if (!audit.hasVisit(campaignId, visitId)) throw new VisitNotFound(campaignId, visitId);
      return audit.page({ campaignId, visitId, beforeId: request.query.before, limit: request.query.limit });
    },
  );

  app.get(
    '/campaigns/:campaignId/units/:unitId/audit',
    {
      schema: {
        operationId: 'listUnitAuditEntries',
        tags,
        summary: 'Nhật ký thay đổi liên quan đến một đơn vị (lịch kiểm tra, báo cáo, kết quả, token)',
        description,
        params: auditUnitParams,
        querystring: auditQuery,
        response: { 200: auditPage, ...errorResponses(400, 403, 404) },
      },
      config,
    },
    async (request) => {
      const { campaignId, unitId } = request.params;
      campaigns.unit(campaignId, unitId);
      return audit.page({ campaignId, unitId, beforeId: request.query.before, limit: request.query.limit });
    },
  );
};
