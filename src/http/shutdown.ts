import fp from 'fastify-plugin';
import { problemBody, sendProblem } from './problem.js';

const RETRY_AFTER_SECONDS = 5;

/**
 * A graceful close that ends when the last answer is sent. From the moment app.close() starts,
 * answers carry `Connection: close` and connections left idle are closed after each answer: a
 * keep-alive client would otherwise hold server.close(), and the process, until its idle timeout
 * (the whole SHUTDOWN_TIMEOUT_MS, then exit 1). A request that still arrives on an open connection is
 * refused with 503 problem+json (Fastify's own 503 is plain JSON: return503OnClosing is off).
 */
export const shutdownPlugin = fp(
  async (app) => {
    let closing = false;
    app.addHook('preClose', (done) => {
      closing = true;
      done();
    });
    app.addHook('onRequest', (request, reply, done) => {
      if (!closing) return done();
      reply.header('connection', 'close').header('retry-after', String(RETRY_AFTER_SECONDS));
      const detail = 'Dịch vụ đang dừng để khởi động lại; hãy thử lại sau ít giây.';
      sendProblem(reply, problemBody(request, 503, 'SHUTTING_DOWN', detail, { retryAfterSeconds: RETRY_AFTER_SECONDS }));
    });
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (closing) reply.header('connection', 'close');
      done(null, payload);
    });
    app.addHook('onResponse', (_request, _reply, done) => {
      if (closing) app.server.closeIdleConnections();
      done();
    });
  },
  { name: 'shutdown', dependencies: ['security'] },
);
