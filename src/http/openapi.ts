import swagger from '@fastify/swagger';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { DOCS_PREFIX, docsRoutes } from './docs.js';

const description = `Dịch vụ quản lý đợt kiểm tra Đề án 06: đoàn kiểm tra, đăng ký lịch không trùng, thông báo, đề cương báo cáo, kết luận.

Quy ước tính ngày (counting conventions):
- "Trước ngày X" nghĩa là trước hẳn ngày X: ngày cuối cùng được phép là ngày liền trước X ("before X" is strictly before X).
- "Trước ít nhất 02 ngày làm việc tính đến thời điểm tiến hành kiểm tra": ngày ban hành thông báo ≤ ngày kiểm tra − 2 ngày làm việc (issue date ≤ visit date − 2 working days). Each campaign can choose the stricter reading, two full working days between issue and visit.
- Ngày làm việc theo lịch công chức Việt Nam: thứ Hai–thứ Sáu, trừ ngày nghỉ lễ, Tết và ngày nghỉ bù, cộng các thứ Bảy làm bù.

Every request except /health and /docs needs \`Authorization: Bearer <token>\`. Errors are application/problem+json with a stable \`code\`.`;

export const openapiPlugin = fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: 'Inspection-campaign service (Đề án 06)', version: '1.0.0', description },
        components: {
          securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API token (ict_…)' } },
        },
        security: [{ bearer: [] }],
        tags: [
          { name: 'campaigns', description: 'Đợt kiểm tra, đoàn, đơn vị, phân công' },
          { name: 'auth', description: 'Tokens and roles' },
          { name: 'audit', description: 'Nhật ký thay đổi (audit trail, append-only)' },
          { name: 'outlines', description: 'Đề cương báo cáo (Phụ lục 2), báo cáo của đơn vị, gói đề cương' },
          { name: 'system', description: 'Health' },
        ],
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(docsRoutes, { prefix: DOCS_PREFIX });
  },
  { name: 'openapi' },
);
