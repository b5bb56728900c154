import type { FastifyPluginAsync } from 'fastify';
import type { WebContext } from '../plugin.js';
import { checklistRoutes } from './checklist-routes.js';
import { conclusionRoutes } from './conclusion-routes.js';
import { resultsRoutes } from './results-routes.js';

// The team on the day of the visit and after it: the visit page (checklist, evidence, conclusion) and
// the results of the round (results notices, the team report).

export const teamRoutes: FastifyPluginAsync<WebContext> = async (app, context) => {
  await app.register(checklistRoutes, context);
  await app.register(conclusionRoutes, context);
  await app.register(resultsRoutes, context);
};
