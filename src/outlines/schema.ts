import { z } from 'zod';
import { campaignIdParam } from '../http/params.js';
import { jobStatuses, selfReportStatuses } from './tables.js';
import type { ItemView } from './rules.js';
import { pathId } from '../http/params.js';

// API shapes of the outlines module. Field names are English; content is Vietnamese.

export const unitOutlineParams = campaignIdParam.extend({ unitId: z.string().min(1).max(80) });
export const formatParams = unitOutlineParams.extend({
  format: z.enum(['html', 'pdf', 'docx']).describe('html, pdf (ready to print) or docx (editable in Word)'),
});
export const setParams = z.object({ setId: z.string().min(1).max(80) });
export const blockParams = setParams.extend({ blockId: z.string().min(1).max(80) });
export const bundleParams = campaignIdParam.extend({ bundleId: pathId });


export const itemView: z.ZodType<ItemView> = z
  .object({
    id: z.string().describe('stable item id, e.g. A.1.2 or A.2.b1'),
    no: z.string().nullable().describe('numbering as printed ("1", "1.1", "I"); null for bullets'),
    marker: z.enum(['-', '+']).nullable(),
    text: z.string(),
    figures: z.boolean().describe('the item asks for numbers'),
    answerable: z.boolean().describe('answers go to items with nothing under them'),
    get children() {
      return z.array(itemView);
    },
  })
  .meta({ id: 'OutlineItem' });

export const blockView = z.object({
  id: z.string(),
  heading: z.string(),
  legalBasis: z.string().nullable(),
  groups: z.array(
    z.object({
      id: z.string(),
      title: z.string().nullable(),
      legalBasis: z.string().nullable(),
      questions: z.array(
        z.object({
          id: z.string(),
          no: z.number().int(),
          text: z.string(),
          figures: z.boolean(),
          answerable: z.boolean(),
          subBullets: z.array(z.object({ id: z.string(), text: z.string(), figures: z.boolean() })),
        }),
      ),
    }),
  ),
}).meta({ id: 'QuestionBlock' });

const period = z.object({ from: z.iso.date(), to: z.iso.date() });

export const outlineSetView = z.object({
  id: z.string(),
  title: z.string(),
  source: z.string().nullable(),
  version: z.number().int().nullable().describe('null for a set shipped with the service; 1, 2, … for one loaded through the API'),
  shipped: z.boolean(),
  references: z
    .array(z.object({ id: z.string(), description: z.string(), kind: z.string() }))
    .describe('the placeholders {plan:<id>} its texts use, filled from each campaign\'s plan.references'),
  outlines: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      appliesTo: z.string(),
      dataPeriodNote: z.string().nullable(),
      trailingNote: z.string().nullable(),
      version: z.string(),
      items: z.array(itemView),
    }),
  ),
  blocks: z.array(blockView.extend({ forOutline: z.string().nullable(), version: z.string() })),
}).meta({ id: 'OutlineSet' });

export const unitOutlineView = z.object({
  campaignId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  level: z.string(),
  outlineSet: z.string(),
  outline: z.object({ code: z.string(), title: z.string(), version: z.string() }),
  period: period.nullable(),
  periodNote: z.string().nullable().describe('printed on the outline, from the campaign period'),
  team: z.object({ number: z.number().int(), name: z.string(), leaderUnitId: z.string(), leaderName: z.string() }),
  visit: z
    .object({ id: z.number().int(), date: z.iso.date(), session: z.string(), startTime: z.string(), endTime: z.string(), place: z.string() })
    .nullable(),
  visitDate: z.iso.date().nullable().describe('date of the registered visit; null until one is registered'),
  version: z.string().describe('changes when the outline or one of its blocks changes'),
  items: z.array(itemView),
  trailingNote: z.string().nullable(),
  blocks: z.array(blockView),
  answerableCount: z.number().int(),
}).meta({ id: 'UnitOutline' });

export const outlineSummary = unitOutlineView.pick({
  campaignId: true,
  unitId: true,
  unitName: true,
  level: true,
  outline: true,
  period: true,
  team: true,
  visitDate: true,
  answerableCount: true,
}).extend({ blocks: z.array(z.object({ id: z.string(), heading: z.string() })) }).meta({ id: 'OutlineSummary' });

const answerInput = z
  .object({
    text: z.string().max(20_000).nullable().optional(),
    notApplicable: z.boolean().nullable().optional().describe('“không phát sinh”: the item does not apply to the unit in the period'),
    figures: z
      .record(z.string().max(200), z.unknown().describe('a number'))
      .nullable()
      .optional()
      .describe('label → number, e.g. {"Tổng số hồ sơ tiếp nhận": 1520}'),
  })
  .strict();

export const selfReportBody = z.object({
  answers: z
    .record(z.string().min(1).max(120), answerInput.nullable())
    .refine((answers) => Object.keys(answers).length <= 2000, 'quá nhiều mục')
    .describe('item id → answer; null removes the item’s answer'),
  expected: z
    .record(z.string().min(1).max(120), z.number().int().min(0))
    .optional()
    .describe('item id → the revision the client read (0: it had no answer). An item changed since by someone else refuses the request with 409, naming it.'),
}).meta({ id: 'SelfReportAnswers' });

const storedAnswer = z.object({
  text: z.string().nullable(),
  figures: z.record(z.string(), z.number()),
  notApplicable: z.boolean(),
  revision: z.number().int().describe('send back in expected when changing this item'),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

export const completenessView = z.object({
  answered: z.number().int(),
  total: z.number().int(),
  sections: z.array(z.object({ id: z.string(), title: z.string(), answered: z.number().int(), total: z.number().int() })),
  missingFigures: z.array(z.string()).describe('items asking for figures that have none yet'),
});

export const selfReportView = z.object({
  campaignId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  outline: z.string(),
  version: z.number().int().describe('0 until the first answer; the ETag'),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  answers: z.record(z.string(), storedAnswer),
  completeness: completenessView,
  status: z.enum(selfReportStatuses).describe('draft (being written), submitted (read-only), returned (for correction, editable)'),
  dueDate: z.iso.date().nullable().describe('the report must be ready by the visit: the date of the unit’s first visit; null until one is registered'),
  late: z.boolean().describe('not submitted and past its due date'),
  submission: z
    .object({ at: z.string(), by: z.string(), incompleteItems: z.array(z.string()).describe('items the unit confirmed it left empty') })
    .nullable(),
  returned: z.object({ at: z.string(), by: z.string(), reason: z.string() }).nullable().describe('the last return for correction'),
  signedScan: z
    .object({ fileName: z.string(), size: z.number().int(), uploadedAt: z.string(), uploadedBy: z.string(), url: z.string() })
    .nullable()
    .describe('the signed and stamped scan (PDF) of the submitted report'),
}).meta({ id: 'SelfReport' });

export const submitBody = z.object({
  confirmIncomplete: z
    .boolean()
    .default(false)
    .describe('true: submit although items are empty (the unit was shown the list); false: 422 listing every empty item'),
});

export const returnBody = z.object({
  reason: z.string().trim().min(3, 'hãy ghi lý do trả lại (ít nhất 3 ký tự)').max(2000).describe('what the unit must correct'),
});

export const bundleBody = z.object({
  teamNumber: z.number().int().min(1).max(999).optional().describe('only this team’s targets; all targets when absent'),
}).meta({ id: 'OutlineBundleRequest' });

export const bundleView = z.object({
  id: z.number().int(),
  campaignId: z.string(),
  teamNumber: z.number().int().nullable(),
  status: z.enum(jobStatuses),
  done: z.number().int(),
  total: z.number().int(),
  bytes: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  download: z.string().nullable().describe('path of the zip once done'),
}).meta({ id: 'OutlineBundle' });

export type UnitOutlineView = z.infer<typeof unitOutlineView>;
export type OutlineSummary = z.infer<typeof outlineSummary>;
export type SelfReportView = z.infer<typeof selfReportView>;
export type BundleView = z.infer<typeof bundleView>;
export type BlockViewShape = z.infer<typeof blockView>;
