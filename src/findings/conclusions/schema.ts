import { z } from 'zod';
import { fieldErrors, fieldPath, ValidationFailed } from '../../http/errors.js';
import { badTextError } from '../../http/input.js';
import { campaignIdParam, isoDate } from '../../http/params.js';
import { conclusionStates, recommendationStatuses, versionStatuses } from '../tables.js';
import { pathId } from '../../http/params.js';

export const visitParams = campaignIdParam.extend({
  visitId: pathId.describe('visit id (from the schedule)'),
});
export const versionParams = visitParams.extend({ version: pathId });
export const recommendationParams = campaignIdParam.extend({ recommendationId: pathId });

const longText = z.string().trim().max(20_000);

export const recommendationInput = z.object({
  id: z.number().int().min(1).optional().describe('id of a recommendation kept from the previous version'),
  text: z.string().trim().min(1).max(4000).describe('kiến nghị'),
  responsibleUnitId: z.string().min(1).max(80).optional().describe('unit that must act (a unit of the campaign); default: the inspected unit'),
  dueDate: isoDate.describe('hạn thực hiện (YYYY-MM-DD); a day off moves it to the next working day'),
});

export const draftInput = z
  .object({
    achieved: longText.default('').describe('kết quả đạt được'),
    shortcomings: longText.default('').describe('tồn tại, hạn chế'),
    causes: longText.default('').describe('nguyên nhân'),
    recommendations: z.array(recommendationInput).max(100).default([]).describe('kiến nghị'),
  })
  .meta({ id: 'ConclusionDraft' });

export const publishInput = z
  .object({
    reason: z.string().trim().min(1).max(2000).optional().describe('required when amending a published conclusion'),
    checklistReason: z
      .string()
      .trim()
      .min(10, 'lý do phải có ít nhất 10 ký tự')
      .max(2000)
      .optional()
      .describe("required while the visit's checklist is unfinished: why the conclusion is published before every item is answered (kept on the version)"),
  })
  .meta({ id: 'ConclusionPublication' });
export const withdrawInput = z.object({ reason: z.string().trim().min(1).max(2000).describe('lý do thu hồi') }).meta({ id: 'ConclusionWithdrawal' });
export const statusInput = z
  .object({
    status: z.enum(['open', 'done']).describe('the team or the office marks done or open again; the unit answers through …/answer'),
    note: z.string().trim().min(1).max(2000).optional().describe('what was done (or why it is open again)'),
  })
  .meta({ id: 'RecommendationStatusChange' });

export const recommendationAnswerInput = z
  .object({
    status: z.enum(['done', 'in-progress']).describe('done = đã thực hiện xong; in-progress = đang thực hiện (with expectedDate)'),
    expectedDate: isoDate.optional().describe('with in-progress: the day the unit expects to finish (YYYY-MM-DD)'),
    note: z.string().trim().min(1, 'hãy ghi đơn vị đã làm gì hoặc đang làm gì').max(4000).describe('what was done, or what is being done'),
  })
  .superRefine((answer, ctx) => {
    if (answer.status === 'in-progress' && answer.expectedDate === undefined) {
      ctx.addIssue({ code: 'custom', path: ['expectedDate'], message: 'đang thực hiện thì cần ghi ngày dự kiến hoàn thành' });
    }
    if (answer.status === 'done' && answer.expectedDate !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['expectedDate'], message: 'chỉ ghi ngày dự kiến khi đang thực hiện' });
    }
  });

export const recommendationFileParams = recommendationParams.extend({ fileId: pathId });

export const recommendationFileView = z
  .object({
    id: z.number().int(),
    fileName: z.string(),
    mimeType: z.string(),
    size: z.number().int(),
    uploadedAt: z.string(),
    uploadedBy: z.string(),
    url: z.string().describe('download address (whoever may see the recommendation)'),
  })
  .meta({ id: 'RecommendationFile' });

export const recommendationView = z
  .object({
    id: z.number().int(),
    text: z.string(),
    responsibleUnitId: z.string(),
    responsibleUnitName: z.string(),
    dueDate: z.iso.date(),
    effectiveDueDate: z.iso.date().describe('the due date, or the next working day when it is a day off'),
    status: z.enum(recommendationStatuses),
    overdue: z.boolean().describe('derived from today and the calendar, never stored'),
    workingDaysLate: z.number().int(),
    statusNote: z.string().nullable().describe('the note of the last status change or answer'),
    expectedDate: z.iso.date().nullable().describe('in progress: the day the responsible unit expects to finish'),
    statusChangedAt: z.string().nullable(),
    statusChangedBy: z.string().nullable(),
    evidence: z.array(recommendationFileView).describe('files the responsible unit attached to its answers'),
    etag: z.string().describe('send in If-Match to change the status'),
  })
  .meta({ id: 'Recommendation' });

export const versionView = z
  .object({
    version: z.number().int(),
    status: z.enum(versionStatuses),
    achieved: z.string(),
    shortcomings: z.string(),
    causes: z.string(),
    recommendations: z.array(recommendationView),
    amendmentReason: z.string().nullable(),
    checklistIncomplete: z
      .object({ answered: z.number().int(), total: z.number().int(), reason: z.string() })
      .nullable()
      .describe('published while the checklist was unfinished: how far it was and the written reason'),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    publishedAt: z.string().nullable(),
    publishedBy: z.string().nullable(),
  })
  .meta({ id: 'ConclusionVersion' });

export const conclusionView = z
  .object({
    campaignId: z.string(),
    visitId: z.number().int(),
    teamNumber: z.number().int(),
    unitId: z.string(),
    unitName: z.string(),
    state: z.enum(conclusionStates),
    revision: z.number().int().describe('the ETag; send it in If-Match with every change'),
    published: versionView.nullable().describe('the version in force'),
    draft: versionView.nullable().describe('the draft being written (never shown to the inspected unit)'),
    versions: z.array(
      z.object({
        version: z.number().int(),
        status: z.enum(versionStatuses),
        publishedAt: z.string().nullable(),
        amendmentReason: z.string().nullable(),
      }),
    ),
    withdrawal: z.object({ at: z.string(), by: z.string(), reason: z.string() }).nullable(),
  })
  .meta({ id: 'Conclusion' });

export const conclusionListItem = z.object({
  visitId: z.number().int(),
  teamNumber: z.number().int(),
  unitId: z.string(),
  unitName: z.string(),
  state: z.enum(conclusionStates),
  version: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
  recommendations: z.object({ total: z.number().int(), done: z.number().int(), overdue: z.number().int() }),
});

export const conclusionList = z
  .object({
    campaignId: z.string(),
    conclusions: z.array(conclusionListItem),
    cursor: z.string().describe('feed cursor of this snapshot: follow GET /campaigns/{id}/feed?since=cursor'),
  })
  .meta({ id: 'ConclusionList' });

export const recommendationListQuery = z.object({
  status: z.enum(recommendationStatuses).optional(),
  overdue: z.enum(['true', 'false']).optional().describe('only overdue (true) or only not overdue (false)'),
  unitId: z.string().max(80).optional().describe('responsible unit'),
});
export const recommendationListItem = recommendationView
  .extend({
    visitId: z.number().int(),
    teamNumber: z.number().int(),
    unitId: z.string().describe('the inspected unit whose conclusion made the recommendation'),
    conclusionVersion: z.number().int(),
  })
  .meta({ id: 'RecommendationListItem' });

/** What the results notice prints (documents calls findings.publishedConclusion). */
export const publishedConclusion = z.object({
  version: z.number().int(),
  achieved: z.string(),
  shortcomings: z.string(),
  causes: z.string(),
  recommendations: z.array(
    z.object({ id: z.number().int(), text: z.string(), responsibleUnitId: z.string(), dueDate: z.iso.date(), status: z.enum(recommendationStatuses) }),
  ),
  publishedAt: z.string(),
});

export type DraftInput = z.infer<typeof draftInput>;

/**
 * The draft as the API route accepts it, whoever sends it: the pages call the service with what a
 * form typed, and a due date in year 1 or on 30/2 was stored (and made the results notice a 500).
 */
export function checkedDraft(input: DraftInput): DraftInput {
  const parsed = draftInput.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({ in: 'body' as const, field: fieldPath(issue.path), message: issue.message }));
    throw fieldErrors(ValidationFailed, `Dự thảo kết luận không hợp lệ: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, errors);
  }
  const bad = badTextError(parsed.data);
  if (bad) throw bad;
  return parsed.data;
}
export type RecommendationView = z.infer<typeof recommendationView>;
export type RecommendationAnswerInput = z.infer<typeof recommendationAnswerInput>;
export type RecommendationFileView = z.infer<typeof recommendationFileView>;
export type VersionView = z.infer<typeof versionView>;
export type ConclusionView = z.infer<typeof conclusionView>;
export type ConclusionListItem = z.infer<typeof conclusionListItem>;
export type RecommendationListItem = z.infer<typeof recommendationListItem>;
export type PublishedConclusion = z.infer<typeof publishedConclusion>;
