import swagger from '@fastify/swagger';
import fp from 'fastify-plugin';
import { registerDocs } from './docs.js';
import { contractDocument, routeTransform } from './openapi-contract.js';

const description = `Dịch vụ quản lý đợt kiểm tra Đề án 06: đoàn kiểm tra, đăng ký lịch không trùng, thông báo, đề cương báo cáo, kết luận.

Quy ước tính ngày (counting conventions):
- "Trước ngày X" nghĩa là trước hẳn ngày X: ngày cuối cùng được phép là ngày liền trước X ("before X" is strictly before X).
- "Trước ít nhất 02 ngày làm việc tính đến thời điểm tiến hành kiểm tra": ngày ban hành thông báo ≤ ngày kiểm tra − 2 ngày làm việc (issue date ≤ visit date − 2 working days). Each campaign can choose the stricter reading, two full working days between issue and visit.
- Ngày làm việc theo lịch công chức Việt Nam: thứ Hai–thứ Sáu, trừ ngày nghỉ lễ, Tết và ngày nghỉ bù, cộng các thứ Bảy làm bù.

Every request except /health and /docs needs \`Authorization: Bearer <token>\`. Errors are application/problem+json with a stable \`code\`.`;

const calendarDescription = `Lịch làm việc: ngày làm việc, ngày nghỉ, làm bù, hạn tính theo ngày làm việc.

Counting: N working days after a date start on the next day (the date itself is never counted); "trước ngày X" means strictly before X. The notice lead time "trước ít nhất 02 ngày làm việc tính đến thời điểm tiến hành kiểm tra" is read as issue date ≤ visit date − 2 working days (on-or-before); a campaign may choose full-days-between (two whole working days between issue and visit, i.e. issue ≤ visit − 3 working days). Years whose government schedule is not entered are answered with yearConfirmed=false and estimated Tết, Giỗ Tổ and holiday days off.`;

export const openapiPlugin = fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: 'Inspection-campaign service (Đề án 06)', version: '1.0.0', description },
        servers: [{ url: '/', description: 'this service' }],
        components: {
          securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API token (ict_…)' } },
        },
        security: [{ bearer: [] }],
        tags: [
          { name: 'campaigns', description: 'Đợt kiểm tra, đoàn, đơn vị, phân công' },
          { name: 'calendar', description: calendarDescription },
          { name: 'schedule', description: 'Lịch kiểm tra: đăng ký không trùng, dời, hủy, lịch theo đoàn và đơn vị, iCalendar' },
          { name: 'documents', description: 'Văn bản: thông báo kiểm tra, thông báo kết quả, báo cáo của đoàn (HTML, PDF, Word)' },
          { name: 'outlines', description: 'Đề cương báo cáo (Phụ lục 2), báo cáo của đơn vị, gói đề cương' },
          { name: 'checklist', description: 'Danh mục kiểm tra của từng buổi và tệp minh chứng' },
          { name: 'conclusions', description: 'Kết luận kiểm tra và kiến nghị' },
          { name: 'feed', description: 'Dòng sự kiện kết luận cho cơ quan thường trực' },
          { name: 'progress', description: 'Tiến độ đợt kiểm tra và việc quá hạn' },
          { name: 'auth', description: 'Tokens and roles' },
          { name: 'audit', description: 'Nhật ký thay đổi (audit trail, append-only)' },
          { name: 'system', description: 'Health' },
        ],
      },
      transform: routeTransform,
      transformObject: contractDocument,
    });
    await registerDocs(app);
  },
  { name: 'openapi' },
);
