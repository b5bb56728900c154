import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ProblemError } from '../http/errors.js';
import { toProblem } from '../http/problem.js';

// Errors on a page are pages: the same Vietnamese explanation the API gives and what to do next,
// never JSON or a stack trace.

const CSRF_CODES = new Set(['FST_CSRF_MISSING_SECRET', 'FST_CSRF_INVALID_TOKEN']);

export function pageErrorHandler(error: FastifyError & ProblemError, request: FastifyRequest, reply: FastifyReply): void {
  if (CSRF_CODES.has(error.code)) {
    reply.page('refused', { title: 'Biểu mẫu không hợp lệ', origin: false, badText: null }, 403);
    return;
  }
  const problem = toProblem(error, request);
  if (problem.status === 404) {
    reply.page('not-found', { title: 'Không tìm thấy trang' }, 404);
    return;
  }
  const retry = problem['retryAfterSeconds'];
  if (typeof retry === 'number') reply.header('retry-after', String(retry));
  const title = problem.status === 503 ? 'Tạm thời chưa thực hiện được' : problem.status >= 500 ? 'Đã có lỗi' : 'Không thực hiện được';
  reply.page('error', { title, message: problem.detail ?? problem.title, status: problem.status }, problem.status);
}
