import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { fieldPath, problemExtensions, type FieldIssue, type ProblemError } from './errors.js';

const titles: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  401: 'Chưa xác thực',
  403: 'Không có quyền',
  404: 'Không tìm thấy',
  405: 'Phương thức không được hỗ trợ',
  406: 'Không có định dạng phù hợp',
  408: 'Hết thời gian chờ yêu cầu',
  409: 'Xung đột dữ liệu',
  410: 'Không còn khả dụng',
  412: 'Phiên bản đã thay đổi',
  413: 'Yêu cầu quá lớn',
  414: 'Đường dẫn quá dài',
  415: 'Kiểu nội dung không được hỗ trợ',
  422: 'Không thể xử lý yêu cầu',
  428: 'Thiếu điều kiện phiên bản',
  429: 'Quá nhiều yêu cầu',
  431: 'Tiêu đề yêu cầu quá lớn',
  500: 'Lỗi máy chủ',
  503: 'Dịch vụ tạm thời không khả dụng',
};

export const fastifyCodes: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    detail: 'Kiểu nội dung của yêu cầu không được hỗ trợ; hãy gửi application/json.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'Nội dung yêu cầu vượt quá giới hạn.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'EMPTY_BODY', detail: 'Nội dung JSON trống.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON', detail: 'Nội dung không phải JSON hợp lệ.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'INVALID_CONTENT_LENGTH',
    detail: 'Độ dài nội dung không khớp với Content-Length.',
  },
  FST_ERR_CTP_INVALID_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Thiếu hoặc sai kiểu nội dung.' },
  FST_ERR_BAD_URL: { status: 400, code: 'BAD_URL', detail: 'Đường dẫn không hợp lệ.' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'URI_TOO_LONG', detail: 'Một phần của đường dẫn dài quá mức cho phép.' },
};

// SQLite answers these when the disk is full, the file is locked past the busy timeout, or the file
// went read-only: the request can be retried later, so they are 503, not 500.
const unavailableSqliteCodes = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN|PROTOCOL)/;

function sqliteCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldIssue[];
  [extension: string]: unknown;
}

export function problemBody(
  request: { url?: string; id: string },
  status: number,
  code: string,
  detail?: string,
  extensions: Record<string, unknown> = {},
): ProblemBody {
  return {
    type: `urn:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: titles[status] ?? (status >= 500 ? titles[500]! : titles[400]!),
    status,
    code,
    ...(detail ? { detail } : {}),
    instance: request.url,
    requestId: request.id,
    ...extensions,
  };
}

export function sendProblem(reply: FastifyReply, body: ProblemBody): FastifyReply {
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
}

/** The problem+json body an error becomes (the pages show its detail the same way). */
export function toProblem(error: FastifyError & ProblemError, request: FastifyRequest): ProblemBody {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error.validationContext ?? 'body') as FieldIssue['in'];
    const errors: FieldIssue[] = error.validation.map((issue) => ({
      in: where,
      field: fieldPath(issue.instancePath),
      message: issue.message ?? 'không hợp lệ',
      code: issue.keyword,
    }));
    const fields = [...new Set(errors.map((issue) => issue.field || where))].join(', ');
    return problemBody(request, 400, 'VALIDATION_FAILED', `Dữ liệu không hợp lệ: ${fields}`, { errors });
  }
  const known = fastifyCodes[error.code];
  if (known) return problemBody(request, known.status, known.code, known.detail);

  const dbCode = sqliteCode(error);
  if (dbCode && unavailableSqliteCodes.test(dbCode)) {
    request.log.error({ err: error }, 'database unavailable');
    return problemBody(request, 503, 'DATABASE_UNAVAILABLE', 'Cơ sở dữ liệu tạm thời không sẵn sàng; hãy thử lại sau.', {
      retryAfterSeconds: 2,
    });
  }

  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = error.code && !error.code.startsWith('FST_') ? error.code : `HTTP_${status}`;
    return problemBody(request, status, code, error.message, error[problemExtensions]);
  }
  if (status === 503 && error.code && !error.code.startsWith('FST_')) {
    return problemBody(request, 503, error.code, error.message, error[problemExtensions]);
  }
  request.log.error({ err: error }, 'unhandled error');
  return problemBody(request, 500, 'INTERNAL_ERROR', 'Đã có lỗi phía máy chủ; yêu cầu chưa được thực hiện.');
}

const methods = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'] as const;

/** Every error leaves as application/problem+json (RFC 9457); 5xx bodies reveal nothing internal. */
export const problemPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError & ProblemError, request, reply) => {
      const body = toProblem(error, request);
      if (body.status === 503 || body.status === 429) {
        const retry = (body['retryAfterSeconds'] as number | undefined) ?? 1;
        if (!reply.hasHeader('retry-after')) reply.header('retry-after', String(retry));
      }
      return sendProblem(reply, body);
    });
    // A path that exists with other methods is 405 with Allow (RFC 9110 §15.5.6), not 404.
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0];
      const allowed = methods.filter((method) => app.findRoute({ method, url: request.url }) !== null);
      // A route of this very method that found nothing (reply.callNotFound()) is a plain 404.
      if (allowed.length > 0 && !allowed.includes(request.method as (typeof methods)[number])) {
        reply.header('allow', allowed.join(', '));
        const detail = `Đường dẫn ${path} không nhận phương thức ${request.method}; các phương thức được nhận: ${allowed.join(', ')}`;
        return sendProblem(reply, problemBody(request, 405, 'METHOD_NOT_ALLOWED', detail));
      }
      return sendProblem(reply, problemBody(request, 404, 'ROUTE_NOT_FOUND', `Không có đường dẫn ${request.method} ${path}`));
    });
  },
  { name: 'problem' },
);
