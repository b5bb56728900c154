import { z } from 'zod';
import { campaignIdParam, pathId } from '../http/params.js';

export const auditEntryView = z
  .object({
    id: z.number().int(),
    at: z.string().describe('when the change was committed (ISO 8601, UTC)'),
    actor: z.object({
      tokenId: z.number().int().nullable().describe('null for the service itself (seeding, command line)'),
      personId: z.number().int().nullable().describe('the person signed in to the web pages, when the act came from a page'),
      label: z.string(),
      role: z.string(),
    }),
    action: z.string().describe('what was done, e.g. visit.register, token.revoke'),
    entityType: z.string(),
    entityId: z.string(),
    campaignId: z.string().nullable(),
    teamId: z.number().int().nullable().describe('internal id of the team record (not the team number)'),
    unitId: z.string().nullable(),
    visitId: z.number().int().nullable(),
    before: z.unknown().describe('the record before the change (null when created)'),
    after: z.unknown().describe('the record after the change (null when removed)'),
    reason: z.string().nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const auditPage = z
  .object({
    entries: z.array(auditEntryView).describe('newest first'),
    nextBefore: z.number().int().nullable().describe('pass as ?before= for the next (older) page; null on the last page'),
  })
  .meta({ id: 'AuditPage' });

export const auditQuery = z.object({
  before: z.coerce.number().int().min(1).optional().describe('only entries with a smaller id (paging)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditVisitParams = campaignIdParam.extend({ visitId: pathId });
export const auditUnitParams = campaignIdParam.extend({ unitId: z.string().min(1).max(80) });

export type AuditEntryView = z.infer<typeof auditEntryView>;
export type AuditPage = z.infer<typeof auditPage>;
