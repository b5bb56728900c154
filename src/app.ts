import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditRoutes } from './audit/routes.js';
import { createAuditService } from './audit/service.js';
import { authPlugin, withSafeRequestLog } from './auth/plugin.js';
import { authRoutes } from './auth/routes.js';
import { createInvitationSheet } from './auth/invitation-sheet.js';
import { createPeopleService } from './auth/people.js';
import { createAuthService } from './auth/service.js';
import { createSessionService } from './auth/sessions.js';
import { campaignRoutes } from './campaigns/routes.js';
import { calendarRoutes } from './calendar/routes.js';
import { createCalendarService } from './calendar/service.js';
import { createCampaignService } from './campaigns/service.js';
import { publicUrlOf, type Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/connection.js';
import { documentRoutes } from './documents/routes.js';
import { createDocumentService } from './documents/service.js';
import { idempotencyPlugin } from './http/idempotency.js';
import { nfcInputPlugin, nfcQuerystring } from './http/input.js';
import { openapiPlugin } from './http/openapi.js';
import { findingsRoutes } from './findings/routes.js';
import { createFindingsService } from './findings/service.js';
import { createUploadStore } from './findings/evidence/uploads.js';
import { outlineRoutes } from './outlines/routes.js';
import { progressRoutes } from './progress/routes.js';
import { createProgressService } from './progress/service.js';
import { createOutlineService, loadOutlines } from './outlines/service.js';
import { frameworkErrorHandler, problemPlugin } from './http/problem.js';
import { securityPlugin } from './http/security.js';
import { serializerCompiler } from './http/serializer.js';
import type { App } from './http/types.js';
import { fromRoot } from './paths.js';
import { createRenderServices } from './render/service.js';
import { scheduleRoutes } from './schedule/routes.js';
import { scheduleViewRoutes } from './schedule/routes-views.js';
import { createScheduleService } from './schedule/service.js';
import { systemRoutes } from './system/routes.js';
import { webPlugin } from './web/plugin.js';
import { peopleRoutes } from './auth/people-routes.js';
import { contentCache } from './text/content-cache.js';

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
  // Parsed YAML and checked templates are kept next to the stored files between starts.
  const cache = contentCache(join(config.storageDir, 'cache'));
  const outlineData = loadOutlines(config.outlinesDir, cache);
  const campaigns = createCampaignService({ db, now, audit, definitionChecks: [outlineData.definitionCheck] });
  const auth = createAuthService({ db, now, campaigns, audit });
  const people = createPeopleService({ db, now, audit, campaigns, invitationTtlMs: config.invitationTtlHours * 3_600_000 });
  const sessions = createSessionService({
    db,
    now,
    audit,
    people,
    limits: { idleMs: config.sessionIdleHours * 3_600_000, absoluteMs: config.sessionMaxDays * 86_400_000 },
  });
  const calendar = createCalendarService({ db, now, campaigns, audit, timeZone: config.timeZone, calendarFile: fromRoot(config.calendarFile), cache });
  const schedule = createScheduleService({ db, now, timeZone: config.timeZone, audit, campaigns, calendarFor: (id) => calendar.forCampaign(id) });
  const { templates, pdf, files } = createRenderServices(config, cache);
  const scans = createUploadStore(config.storageDir, 'self-report-scans', { maxBytes: config.evidenceMaxBytes, types: ['application/pdf'] });
  const outlines = createOutlineService({ db, now, audit, campaigns, sets: outlineData.sets, cache, config, pdf, files, visits: schedule, scans });
  const findings = createFindingsService({ db, now, config, audit, campaigns, schedule, outlines, calendar });
  const documents = createDocumentService({ db, now, timeZone: config.timeZone, audit, campaigns, schedule, findings, templates, pdf, files });
  const invitationSheet = createInvitationSheet({ people, campaigns, templates, pdf, publicUrl: publicUrlOf(config), timeZone: config.timeZone });
  const progress = createProgressService({ now, timeZone: config.timeZone, campaigns, schedule, documents, findings, calendar });
  return { config, now, db, audit, campaigns, auth, people, sessions, invitationSheet, calendar, schedule, templates, pdf, files, outlines, findings, documents, progress };
}

export type Services = ReturnType<typeof buildServices>;

/** Builds the whole service; never listens, never reads the environment. */
export async function buildApp(config: Config, deps: AppDeps = {}): Promise<App & { services: Services }> {
  const now = deps.now ?? (() => new Date());
  const database = deps.database ?? openDatabase(config.databaseFile, { busyTimeoutMs: config.databaseBusyTimeoutMs });
  const app = Fastify({
    logger: withSafeRequestLog(deps.logger ?? { level: config.logLevel }),
    bodyLimit: config.bodyLimitBytes,
    frameworkErrors: frameworkErrorHandler,
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { querystringParser: nfcQuerystring },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  if (!deps.database) app.addHook('onClose', async () => database.close());

  const services = buildServices(config, database, now);
  services.pdf.useLogger(app.log);
  app.addHook('onClose', async () => services.pdf.close());
  app.decorate('services', services);

  await app.register(problemPlugin);
  await app.register(openapiPlugin);
  await app.register(nfcInputPlugin);
  await app.register(authPlugin, { auth: services.auth });
  await app.register(securityPlugin, config);
  await app.register(idempotencyPlugin, { db: services.db, now });

  await app.register(systemRoutes, { db: services.db });
  await app.register(campaignRoutes, { campaigns: services.campaigns, calendar: services.calendar });
  await app.register(calendarRoutes, { calendar: services.calendar });
  await app.register(scheduleRoutes, { schedule: services.schedule });
  await app.register(scheduleViewRoutes, { schedule: services.schedule });
  await app.register(authRoutes, { auth: services.auth });
  await app.register(auditRoutes, { audit: services.audit, campaigns: services.campaigns });
  await app.register(outlineRoutes, { outlines: services.outlines });
  await app.register(findingsRoutes, { findings: services.findings });
  await app.register(documentRoutes, { documents: services.documents });
  await app.register(progressRoutes, { progress: services.progress });
  await app.register(peopleRoutes, { people: services.people, invitationSheet: services.invitationSheet });

  // The web pages: the same services, as Vietnamese HTML for people signed in by invitation.
  await app.register(webPlugin, { services, config });

  return app as unknown as App & { services: Services };
}
