import type { AuditService } from '../audit/service.js';
import type { CampaignService } from '../campaigns/service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { createChecklistService } from './checklist/service.js';
import { createFindingsAggregates } from './conclusions/aggregates.js';
import { createRecommendationService } from './conclusions/recommendations.js';
import type { PublishedConclusion } from './conclusions/schema.js';
import { createConclusionService } from './conclusions/service.js';
import { createContexts } from './context.js';
import type { CalendarForFindings, OutlinesForFindings, ScheduleForFindings } from './deps.js';
import { createEvidenceService } from './evidence/service.js';
import { createBlobStore } from './evidence/store.js';
import { createUploadStore } from './evidence/uploads.js';
import { createRecommendationFiles } from './conclusions/files.js';
import { createFeedService } from './feed/service.js';

// The versions the API sends as ETags, which the pages send too (one If-Match for both).
export { answerEtag } from './checklist/service.js';
export { conclusionEtag, recommendationEtag } from './conclusions/views.js';

export type FindingsService = ReturnType<typeof createFindingsService>;

/** Checklists, evidence, conclusions with their recommendations, and the standing office's feed. */
export function createFindingsService(deps: {
  db: Db;
  now: () => Date;
  config: Pick<Config, 'storageDir' | 'timeZone' | 'evidenceMaxBytes' | 'evidenceTypes' | 'feedRetentionDays' | 'feedPollSeconds'>;
  audit: AuditService;
  campaigns: CampaignService;
  schedule: ScheduleForFindings;
  outlines: OutlinesForFindings;
  calendar: CalendarForFindings;
  /** How often a long poll looks for events written by another process (default 1 s). */
  feedCheckMs?: number;
}) {
  const { db, now, config, audit, campaigns, schedule, outlines, calendar } = deps;
  const contexts = createContexts({ schedule, campaigns, calendar, now, timeZone: config.timeZone });
  const feed = createFeedService({
    db,
    now,
    options: { retentionDays: config.feedRetentionDays, pollSeconds: config.feedPollSeconds, checkMs: deps.feedCheckMs ?? 1000 },
    assertCampaign: (id) => void campaigns.rules(id),
  });
  const checklist = createChecklistService({ db, now, audit, campaigns, outlines, contexts });
  const evidence = createEvidenceService({
    db,
    now,
    audit,
    contexts,
    checklist,
    blobs: createBlobStore(config.storageDir),
    limits: { maxBytes: config.evidenceMaxBytes, types: config.evidenceTypes },
  });
  const conclusions = createConclusionService({
    db,
    now,
    audit,
    schedule,
    contexts,
    feed,
    checklistProgress: (campaignId, visit) => checklist.progressOf(campaignId, [visit]).get(visit.id)!,
  });
  const recommendations = createRecommendationService({ db, now, audit, contexts, feed });
  const recommendationFiles = createRecommendationFiles({
    db,
    now,
    audit,
    recommendations,
    store: createUploadStore(config.storageDir, 'recommendation-evidence', { maxBytes: config.evidenceMaxBytes, types: config.evidenceTypes }),
  });

  return {
    checklist,
    evidence,
    conclusions,
    recommendations,
    recommendationFiles,
    feed,
    /** Conclusions and recommendations counted in SQL, for the office's dashboard. */
    aggregates: createFindingsAggregates(db),

    /** The version in force of a visit's conclusion, for the results notice (docs/contracts.md), or null. */
    publishedConclusion(campaignId: string, visitId: number): PublishedConclusion | null {
      return conclusions.publishedConclusion(campaignId, visitId);
    },
  };
}
