import { randomUUID } from 'node:crypto';
import { chmodSync } from 'node:fs';
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
import { amendmentRoutes } from './campaigns/amendment-routes.js';
import { createAmendmentService } from './campaigns/amendments.js';
import { campaignRoutes } from './campaigns/routes.js';
import { calendarRoutes } from './calendar/routes.js';
import { createCalendarService } from './calendar/service.js';
import { createCampaignService } from './campaigns/service.js';
import { cacheDirOf, publicUrlOf, type Config } from './config.js';
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
import { outlineSetRoutes } from './outlines/set-routes.js';
import { progressRoutes } from './progress/routes.js';
import { createProgressService } from './progress/service.js';
import { createDashboard } from './progress/dashboard.js';
import { dashboardRoutes } from './progress/dashboard-routes.js';
import { createOutlineService, loadOutlines } from './outlines/service.js';
import { problemPlugin } from './http/problem.js';
import { clientErrorHandler, frameworkErrorHandler } from './http/refusals.js';
import { securityPlugin } from './http/security.js';
import { shutdownPlugin } from './http/shutdown.js';
import { serializerCompiler } from './http/serializer.js';
import type { App } from './http/types.js';
import { fromRoot } from './paths.js';
import { makePrivateDir, PRIVATE_DIR } from './private-files.js';
import type { PdfEngine } from './render/pdf.js';
import { createRenderServices } from './render/service.js';
import { scheduleRoutes } from './schedule/routes.js';
import { scheduleViewRoutes } from './schedule/routes-views.js';
import { createScheduleService } from './schedule/service.js';
import { systemRoutes } from './system/routes.js';
import { webPlugin } from './web/plugin.js';
import { peopleRoutes } from './auth/people-routes.js';
import { reportRoutes } from './reports/routes.js';
import { createReportService } from './reports/service.js';
import { contentCache } from './text/content-cache.js';

export interface AppDeps {
  /** The clock every service reads; tests pass a fixed one. */
  now?: () => Date;
  /** An already-open database (the app will not close it); by default the app opens config.databaseFile. */
  database?: DatabaseHandle;
  logger?: FastifyServerOptions['logger'];
  /** A PDF engine shared with other apps (the app will not close it); by default the app has its own. */
  pdf?: PdfEngine;
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;

export function buildServices(config: Config, database: DatabaseHandle, now: () => Date, pdfEngine?: PdfEngine) {
  const { db } = database;
  // The storage folder is the service's own: documents and evidence in it are for its user only.
  makePrivateDir(config.storageDir);
  chmodSync(config.storageDir, PRIVATE_DIR);
  const audit = createAuditService({ db, now });
  // Parsed YAML and checked templates are kept between starts (next to the stored files by default).
  const cache = contentCache(cacheDirOf(config));
  const outlineData = loadOutlines(config.outlinesDir, db, cache);
  const campaigns = createCampaignService({
    db,
    now,
    audit,
    definitionChecks: [outlineData.definitionCheck],
    calendarFor: (id) => calendar.forCampaign(id),
  });
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
  const { templates, pdf, files } = createRenderServices(config, cache, pdfEngine);
  const scans = createUploadStore(config.storageDir, 'self-report-scans', { maxBytes: config.evidenceMaxBytes, types: ['application/pdf'] });
  const outlines = createOutlineService({ db, now, audit, campaigns, sets: outlineData.sets, cache, config, pdf, files, visits: schedule, scans });
  const findings = createFindingsService({ db, now, config, audit, campaigns, schedule, outlines, calendar });
  const documents = createDocumentService({ db, now, timeZone: config.timeZone, audit, campaigns, schedule, findings, templates, pdf, files });
  const invitationSheet = createInvitationSheet({ people, campaigns, templates, pdf, publicUrl: publicUrlOf(config), timeZone: config.timeZone });
  const progress = createProgressService({ now, timeZone: config.timeZone, campaigns, schedule, documents, findings, calendar });
  const amendments = createAmendmentService({
    db,
    now,
    audit,
    campaigns,
    definitionChecks: [outlineData.definitionCheck],
    reviewProposal: (id, proposal) => schedule.reviewProposal(id, proposal),
    calendarWith: (id, days) => calendar.withDefinitionDays(id, days),
  });
  campaigns.useShippedUpgrader((definition, sourceHash, actor) => amendments.upgradeShipped(definition, sourceHash, actor));
  const dashboard = createDashboard({
    now,
    timeZone: config.timeZone,
    campaigns,
    calendar,
    schedule: schedule.aggregates,
    documents: documents.aggregates,
    selfReports: outlines.aggregates,
    findings: findings.aggregates,
  });
  const reports = createReportService({
    now,
    timeZone: config.timeZone,
    campaigns,
    calendar,
    schedule,
    documents,
    outlines,
    findings,
    dashboard,
    templates,
    pdf,
  });
  return {
    config,
    now,
    db,
    audit,
    campaigns,
    amendments,
    auth,
    people,
    sessions,
    invitationSheet,
    calendar,
    schedule,
    templates,
    pdf,
    files,
    outlines,
    findings,
    documents,
    progress,
    dashboard,
    reports,
  };
}

export type Services = ReturnType<typeof buildServices>;

/** Builds the whole service; never listens, never reads the environment. */
export async function buildApp(config: Config, deps: AppDeps = {}): Promise<App & { services: Services }> {
  const now = deps.now ?? (() => new Date());
  const database = deps.database ?? openDatabase(config.databaseFile, { busyTimeoutMs: config.databaseBusyTimeoutMs });
  const app = Fastify({
    logger: withSafeRequestLog(deps.logger ?? { level: config.logLevel }),
    bodyLimit: config.bodyLimitBytes,
    // Behind a reverse proxy: request.ip (rate limits, sign-in attempts, logs), .protocol and .host
    // come from the X-Forwarded-* headers of the proxies named, never from anyone else's.
    trustProxy: config.trustProxy,
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    // Requests arriving while the app closes are refused by the shutdown plugin, as problem+json.
    return503OnClosing: false,
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { querystringParser: nfcQuerystring },
  }).withTypeProvider<ZodTypeProvider>();

  // A client that half-closes its side once the request is sent gets the whole answer: a FIN ends the
  // request, not the client's interest in the response (RFC 9112). By default Node ends the socket at
  // the client's FIN and a streamed download went out empty; Node keeps this switch for such servers
  // (nodejs/node#36819).
  (app.server as { httpAllowHalfOpen?: boolean }).httpAllowHalfOpen = true;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  if (!deps.database) app.addHook('onClose', async () => database.close());

  const services = buildServices(config, database, now, deps.pdf);
  services.pdf.useLogger(app.log);
  if (!deps.pdf) app.addHook('onClose', async () => services.pdf.close());
  app.decorate('services', services);

  await app.register(problemPlugin);
  await app.register(openapiPlugin);
  await app.register(nfcInputPlugin);
  await app.register(authPlugin, { auth: services.auth });
  await app.register(securityPlugin, config);
  await app.register(shutdownPlugin);
  await app.register(idempotencyPlugin, { db: services.db, now });

  await app.register(systemRoutes, { db: services.db });
  await app.register(campaignRoutes, { campaigns: services.campaigns, calendar: services.calendar });
  await app.register(amendmentRoutes, { amendments: services.amendments });
  await app.register(calendarRoutes, { calendar: services.calendar });
  await app.register(scheduleRoutes, { schedule: services.schedule });
  await app.register(scheduleViewRoutes, { schedule: services.schedule });
  await app.register(authRoutes, { auth: services.auth });
  await app.register(auditRoutes, { audit: services.audit, campaigns: services.campaigns });
  await app.register(outlineRoutes, { outlines: services.outlines });
  await app.register(outlineSetRoutes, { outlines: services.outlines });
  await app.register(findingsRoutes, { findings: services.findings });
  await app.register(documentRoutes, { documents: services.documents });
  await app.register(progressRoutes, { progress: services.progress });
  await app.register(dashboardRoutes, { dashboard: services.dashboard });
  await app.register(reportRoutes, { reports: services.reports });
  await app.register(peopleRoutes, { people: services.people, invitationSheet: services.invitationSheet });

  // The web pages: the same services, as Vietnamese HTML for people signed in by invitation.
  await app.register(webPlugin, { services, config, cache: contentCache(cacheDirOf(config)) });

  return app as unknown as App & { services: Services };
}
