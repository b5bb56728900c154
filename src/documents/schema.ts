import { z } from 'zod';
import { campaignIdParam } from '../http/params.js';
import { documentKindValues } from './tables.js';
import { ID_MAX, pathId, pathNumber } from '../http/params.js';

// API shapes of the documents module. The content shapes mirror src/documents/content.ts (what
// every format prints), so the JSON form is an allow-listed copy of the same text.

const date = z.iso.date();
export const documentKind = z.enum(documentKindValues);
export const documentFormat = z.enum(['html', 'pdf', 'docx']);

export const documentParams = campaignIdParam.extend({ documentId: pathId });
export const documentFormatParams = documentParams.extend({ format: documentFormat });
export const teamDocParams = campaignIdParam.extend({ teamNo: pathNumber(1, 999) });
export const draftFormatParams = teamDocParams.extend({ format: documentFormat });

const signerName = z.string().trim().min(1).max(200).optional().describe('name printed under TRƯỞNG ĐOÀN (default: the team leader named in the campaign)');
const visitIdList = z.array(z.number().int().min(1).max(ID_MAX)).min(1).max(500);

/** A POST whose body may be left out entirely (every field is optional). */
const optionalBody = <T extends z.ZodObject>(shape: T) => shape.nullish().transform((body) => body ?? ({} as z.output<T>));

export const noticeInput = optionalBody(
  z.object({
    visitIds: visitIdList.optional().describe('visits to announce (default: every registered visit of the team)'),
    signerName,
  }),
).meta({ id: 'NoticeRequest' });
export const draftQuery = z.object({
  visitIds: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'danh sách số lịch kiểm tra, cách nhau bởi dấu phẩy')
    .optional()
    .describe('comma-separated visit ids (default: every registered visit of the team)'),
});
export const resultsNoticeInput = z.object({ unitId: z.string().trim().min(1).max(80), signerName }).meta({ id: 'ResultsNoticeRequest' });
export const teamReportInput = optionalBody(z.object({ signerName })).meta({ id: 'TeamReportRequest' });
export const documentListQuery = z.object({
  team: z.coerce.number().int().min(1).max(999).optional(),
  kind: documentKind.optional(),
  unit: z.string().min(1).max(80).optional(),
});

const header = z.object({
  parentBody: z.string(),
  issuingBody: z.string(),
  nationalTitle: z.string(),
  motto: z.string(),
  numberLine: z.string(),
  placeDate: z.string(),
}).meta({ id: 'DocumentHeader' });
const signature = z.object({ authority: z.string().nullable(), title: z.string(), name: z.string().nullable() }).meta({ id: 'DocumentSignature' });
const section = z.object({ heading: z.string().nullable(), paragraphs: z.array(z.string()), items: z.array(z.string()) }).meta({ id: 'DocumentSection' });
const grid = z.object({
  columns: z.array(z.object({ title: z.string(), width: z.number() })),
  rows: z.array(z.array(z.array(z.string()))),
  variant: z.string(),
}).meta({ id: 'DocumentTable' });
const common = {
  documentTitle: z.string(),
  draft: z.boolean(),
  header,
  docType: z.string(),
  subject: z.string(),
  intro: z.array(z.string()),
  closing: z.array(z.string()),
  recipients: z.array(z.string()),
  signature,
};
const programmeRow = z.object({
  visitId: z.number().int(),
  unitId: z.string(),
  unitName: z.string(),
  date,
  dateText: z.string(),
  session: z.string(),
  timeText: z.string(),
  place: z.string(),
});

export const documentContent = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('notice'),
      ...common,
      team: section,
      programme: section.extend({ rows: z.array(programmeRow), table: grid }),
      preparation: section,
    }),
    z.object({
      kind: z.literal('results-notice'),
      ...common,
      unitId: z.string(),
      unitName: z.string(),
      visitIds: z.array(z.number().int()),
      conclusionVersions: z.record(z.string(), z.number().int()),
      sections: z.array(section),
    }),
    z.object({
      kind: z.literal('team-report'),
      ...common,
      addressee: z.string(),
      overview: section.extend({ table: grid }),
      sections: z.array(section),
    }),
  ])
  .meta({ id: 'DocumentContent', description: 'Everything the document prints, in order; the same in HTML, PDF and Word' });

const documentRef = z.object({ id: z.number().int(), numberLabel: z.string() });

export const documentView = z
  .object({
    id: z.number().int(),
    campaignId: z.string(),
    teamNumber: z.number().int(),
    kind: documentKind,
    number: z.number().int(),
    numberLabel: z.string().describe('"01/TB-ĐKT01": numbered per team and series (TB thông báo, BC báo cáo)'),
    unitId: z.string().nullable(),
    issueDate: date,
    issuedAt: z.string(),
    issuedBy: z.string(),
    dueDate: date.nullable(),
    late: z.boolean().describe('issued after its due date'),
    status: z.enum(['current', 'outdated', 'superseded']),
    outdatedAt: z.string().nullable(),
    outdatedReason: z.string().nullable(),
    supersededBy: documentRef.nullable(),
    supersedes: z.array(documentRef),
    visitIds: z.array(z.number().int()),
    links: z.object({ html: z.string(), pdf: z.string(), docx: z.string() }),
    content: documentContent,
  })
  .meta({ id: 'Document' });

export const documentSummaryItem = documentView.omit({ content: true }).meta({ id: 'DocumentSummary' });

const dueState = z.enum(['pending', 'overdue', 'issued', 'issued-late']);
const issuedRef = z.object({ id: z.number().int(), numberLabel: z.string(), issueDate: date });
const dueItem = z.object({
  kind: documentKind,
  teamNumber: z.number().int(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  visitIds: z.array(z.number().int()),
  dueDate: date.nullable(),
  state: dueState,
  document: issuedRef.nullable(),
}).meta({ id: 'DueDocument' });

export const documentsSummary = z
  .object({
    campaignId: z.string(),
    today: date,
    teams: z.array(
      z.object({
        teamNumber: z.number().int(),
        notices: z.array(issuedRef.extend({ status: z.enum(['current', 'outdated', 'superseded']), visitIds: z.array(z.number().int()) })),
        noticesDue: z.array(dueItem).describe('registered visits no notice covers yet, due by their latest notice date'),
        resultsNotices: z.array(dueItem),
        teamReport: dueItem,
      }),
    ),
    due: z.array(dueItem).describe('not issued yet, due date not passed'),
    overdue: z.array(dueItem).describe('not issued, due date passed'),
    issuedLate: z.array(dueItem),
  })
  .meta({ id: 'DocumentsSummary' });

export type DocumentView = z.infer<typeof documentView>;
export type DocumentsSummary = z.infer<typeof documentsSummary>;
export type DueItem = z.infer<typeof dueItem>;
export type DueState = z.infer<typeof dueState>;
export type NoticeInput = z.infer<typeof noticeInput>;
