import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checklistRoutes } from './checklist/routes.js';
import { answerRoutes } from './conclusions/answer-routes.js';
import { conclusionRoutes } from './conclusions/routes.js';
import { feedRoutes } from './feed/routes.js';
import type { FindingsService } from './service.js';

export const findingsRoutes: FastifyPluginAsyncZod<{ findings: FindingsService }> = async (app, { findings }) => {
  await app.register(checklistRoutes, { checklist: findings.checklist, evidence: findings.evidence });
  await app.register(conclusionRoutes, { conclusions: findings.conclusions, recommendations: findings.recommendations });
  await app.register(answerRoutes, { recommendations: findings.recommendations, files: findings.recommendationFiles });
  await app.register(feedRoutes, { feed: findings.feed });
};
