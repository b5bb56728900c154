import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/connection.js';
import { problemSchema } from '../http/schemas.js';

const health = z.object({ status: z.literal('ok'), database: z.literal('ok') });

export const systemRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const ping = db.$client.prepare('select 1');
  app.get(
    '/health',
    {
      schema: {
        operationId: 'getHealth',
        tags: ['system'],
        summary: 'Dịch vụ và cơ sở dữ liệu sẵn sàng',
        security: [],
        response: { 200: health, 503: problemSchema },
      },
      config: { access: 'public' },
    },
    async () => {
      ping.get();
      return { status: 'ok' as const, database: 'ok' as const };
    },
  );
};
