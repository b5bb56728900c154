import { z } from 'zod';
import { checklistResults } from '../tables.js';
import { visitParams } from '../conclusions/schema.js';
import { pathId } from '../../http/params.js';

export const itemParams = visitParams.extend({
  itemKey: z
    .string()
    .min(1)
    .max(160)
    .regex(/^[\w.:-]+$/, 'mã mục chỉ gồm chữ, số, dấu chấm, hai chấm, gạch nối')
    .describe('item key from the checklist, e.g. II.3, III.2.4, tckh.q2'),
});
export const evidenceParams = visitParams.extend({ evidenceId: pathId });

export const figureSchema = z.object({
  label: z.string().trim().min(1).max(300).describe('what is counted, e.g. "Số hồ sơ trực tuyến"'),
  value: z.number().finite(),
  unit: z.string().trim().min(1).max(40).nullable().default(null).describe('e.g. "hồ sơ", "%", "triệu đồng"'),
});

export const answerInput = z
  .object({
    result: z
      .enum(checklistResults)
      .nullable()
      .describe('dat = đạt, dat-mot-phan = đạt một phần, chua-dat = chưa đạt, khong-ap-dung = không áp dụng; null clears it'),
    note: z.string().trim().max(10_000).nullable().default(null),
    figures: z.array(figureSchema).max(50).default([]),
  })
  .meta({ id: 'ChecklistAnswer' });

export const evidenceView = z
  .object({
    id: z.number().int(),
    itemKey: z.string(),
    fileName: z.string(),
    mimeType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    uploadedAt: z.string(),
    uploadedBy: z.string(),
    url: z.string().describe('download address (same access as the visit)'),
  })
  .meta({ id: 'Evidence' });

export const answerView = z.object({
  result: z.enum(checklistResults).nullable(),
  note: z.string().nullable(),
  figures: z.array(figureSchema),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

export const checklistItemView = z
  .object({
    key: z.string(),
    section: z.string(),
    group: z.string().nullable(),
    no: z.string(),
    text: z.string(),
    subBullets: z.array(z.string()),
    asksForFigures: z.boolean().describe('the item asks for numbers: record them in figures'),
    answer: answerView.nullable(),
    etag: z.string().describe('send in If-Match when changing an answered item'),
    evidence: z.array(evidenceView),
  })
  .meta({ id: 'ChecklistItem' });

export const progressView = z
  .object({
    answered: z.number().int(),
    total: z.number().int(),
    byResult: z.record(z.enum(checklistResults), z.number().int()),
  })
  .meta({ id: 'ChecklistProgress' });

export const checklistView = z
  .object({
    campaignId: z.string(),
    visitId: z.number().int(),
    teamNumber: z.number().int(),
    unitId: z.string(),
    unitName: z.string(),
    questionBlocks: z.array(z.string()),
    progress: progressView.describe('items answered / total'),
    sections: z.array(
      z.object({
        key: z.string(),
        kind: z.enum(['contents', 'methods', 'block']),
        title: z.string(),
        legalBasis: z.string().nullable(),
        items: z.array(checklistItemView),
      }),
    ),
  })
  .meta({ id: 'Checklist' });

export type AnswerInput = z.infer<typeof answerInput>;
export type EvidenceView = z.infer<typeof evidenceView>;
export type ChecklistItemView = z.infer<typeof checklistItemView>;
export type ChecklistView = z.infer<typeof checklistView>;
