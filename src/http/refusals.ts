import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { fastifyCodes, problemBody, sendProblem } from './problem.js';
import { securityHeaders } from './helmet.js';

// Refusals made before any route or hook runs, so that they look like every other answer:
// application/problem+json with the security headers and an X-Request-Id.

/**
 * Errors the router raises (a malformed %-escape, an over-long path parameter): Fastify's
 * `frameworkErrors` option. The security hook has not run for them, so its headers are set here.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known = fastifyCodes[error.code];
  const body = known ? problemBody(request, known.status, known.code, known.detail) : problemBody(request, 400, 'BAD_REQUEST', 'Yêu cầu không hợp lệ.');
  reply.headers(securityHeaders).header('x-request-id', request.id);
  void sendProblem(reply, body);
}

const parserRefusals: Record<string, { status: number; code: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'HEADERS_TOO_LARGE',
    detail: 'Dòng yêu cầu và các tiêu đề vượt quá giới hạn kích thước (đường dẫn hoặc tiêu đề quá dài).',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'REQUEST_TIMEOUT', detail: 'Yêu cầu không được gửi hết trong thời gian cho phép.' },
};

/**
 * Requests Node's HTTP parser refuses (headers too large, not HTTP, a bad Content-Length): Fastify's
 * `clientErrorHandler` option. There is no request object yet, so the answer is written to the socket
 * as Node and Fastify do, and the connection closed.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const refusal = parserRefusals[error.code ?? ''] ?? { status: 400, code: 'BAD_REQUEST', detail: 'Yêu cầu HTTP không đúng cú pháp.' };
  const id = randomUUID();
  const body = JSON.stringify(problemBody({ id }, refusal.status, refusal.code, refusal.detail));
  const headers = {
    ...securityHeaders,
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'x-request-id': id,
    connection: 'close',
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  if (socket.writable) socket.write(`HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\n${head.join('\r\n')}\r\n\r\n${body}`);
  socket.destroy(error);
}
