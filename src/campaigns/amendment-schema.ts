import { z } from 'zod';
import { finding } from '../schedule/schema.js';
import { amendmentChange } from './amend-changes.js';
import { definitionSchema } from './definition.js';
import { campaignIdParam, pathId } from '../http/params.js';
import { campaignDetail } from './schema.js';

// API shapes of amendments: a new version of a campaign's definition, previewed before it is applied.

export const amendmentInput = z
  .object({
    reason: z
      .string()
      .trim()
      .min(10, 'lý do phải có ít nhất 10 ký tự')
      .max(2000)
      .describe('why the plan changes, kept with the version and in the audit trail (e.g. "Theo Kế hoạch số 12/KH-UBND điều chỉnh")'),
    definition: definitionSchema.optional().describe('a whole new version of the definition (same id); or give changes'),
    changes: z.array(amendmentChange).min(1).max(500).optional().describe('targeted changes, applied in order to the current definition'),
    acceptClashes: z.boolean().default(false).describe('apply although saved visits would newly clash or fall outside the window (the preview lists them)'),
  })
  .refine((input) => (input.definition === undefined) !== (input.changes === undefined), {
    message: 'cần đúng một trong hai: definition hoặc changes',
    path: ['changes'],
  });

export const changeLine = z.object({
  path: z.string().describe('where in the plan, e.g. window.endExclusive, teams.2.members.hoi-nd, targets.p-tckh'),
  kind: z.enum(['added', 'removed', 'changed']),
  before: z.unknown(),
  after: z.unknown(),
  vi: z.string(),
  en: z.string(),
});

const visitRef = z.object({
  id: z.number().int(),
  teamNumber: z.number().int(),
  unitId: z.string(),
  unitName: z.string(),
  date: z.string(),
  status: z.string(),
});

export const blockingIssue = z.object({
  code: z.string(),
  path: z.string(),
  message: z.string(),
  messageEn: z.string(),
  visits: z.array(visitRef),
});

export const amendmentPreview = z
  .object({
    campaignId: z.string(),
    fromVersion: z.number().int(),
    toVersion: z.number().int(),
    definitionHash: z.string().describe('of the definition the amendment would make'),
    changes: z.array(changeLine).describe('everything that changes; empty when the amendment changes nothing'),
    blocking: z.array(blockingIssue).describe('what must be done first (cancel the active visits of a target taken out or moved)'),
    clashes: z.object({
      raised: z.array(finding).describe('errors the saved visits would newly have (outside the window, a new day off, a team changed)'),
      cleared: z.array(finding).describe('errors the amendment would resolve'),
      warnings: z.array(finding).describe('warnings the saved visits would newly have'),
    }),
    canApply: z.boolean().describe('something changes and nothing blocks'),
    needsAcceptance: z.boolean().describe('clashes are raised: applying needs acceptClashes: true'),
    definition: definitionSchema.describe('the definition the amendment would make'),
  })
  .meta({ id: 'AmendmentPreview' });

export const amendmentResult = z.object({
  version: z.number().int(),
  campaign: campaignDetail,
  amendment: amendmentPreview,
});

export const versionParams = campaignIdParam.extend({ version: pathId });

export const campaignVersionView = z
  .object({
    version: z.number().int(),
    kind: z.enum(['import', 'copy', 'amendment']),
    definitionHash: z.string(),
    changes: z.array(changeLine),
    reason: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'CampaignVersion' });

export const campaignVersionDetail = campaignVersionView.extend({ definition: definitionSchema });

export type AmendmentInput = z.infer<typeof amendmentInput>;
export type AmendmentPreview = z.infer<typeof amendmentPreview>;
export type BlockingIssue = z.infer<typeof blockingIssue>;
export type CampaignVersionView = z.infer<typeof campaignVersionView>;
