import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { createAuditService } from './audit/service.js';
import { authPlugin } from './auth/plugin.js';
import { authRoutes } from './auth/routes.js';
import { createAuthService } from './auth/service.js';
import { campaignRoutes } from './campaigns/routes.js';
import { createCampaignService } from './campaigns/service.js';
import type { Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/connection.js';
import { nfcInputPlugin, nfcQuerystring } from './http/input.js';
import { openapiPlugin } from './http/openapi.js';
import { problemPlugin } from './http/problem.js';
import type { App } from './http/types.js';
import { systemRoutes } from './system/routes.js';


export interface AppDeps {
  /** The clock every service reads; tests pass a fixed one. */
  now?: () => Date;
  /** An already-open database (the app will not close it); by default the app opens config.databaseFile. */
  database?: DatabaseHandle;
  logger?: FastifyServerOptions['logger'];
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;

export function buildServices(config: Config, database: DatabaseHandle, now: () => Date) {
  const { db } = database;
  const audit = createAuditService({ db, now });
  const campaigns = createCampaignService({ db, now, audit });
  const auth = createAuthService({ db, now, campaigns, audit });
  return { config, db, audit, campaigns, auth };
}

export type Services = ReturnType<typeof buildServices>;

/** Builds the whole service; never listens, never reads the environment. */
export async function buildApp(config: Config, deps: AppDeps = {}): Promise<App & { services: Services }> {
  const now = deps.now ?? (() => new Date());
  const database = deps.database ?? openDatabase(config.databaseFile);
  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { querystringParser: nfcQuerystring },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  if (!deps.database) app.addHook('onClose', async () => database.close());

  const services = buildServices(config, database, now);
  app.decorate('services', services);

  await app.register(problemPlugin);
  await app.register(openapiPlugin);
  await app.register(nfcInputPlugin);
  await app.register(authPlugin, { auth: services.auth });

  await app.register(systemRoutes, { db: services.db });
  await app.register(campaignRoutes, { campaigns: services.campaigns });
  await app.register(authRoutes, { auth: services.auth });

  return app as unknown as App & { services: Services };
}
