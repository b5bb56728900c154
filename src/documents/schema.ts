import { z } from 'zod';
import { campaignIdParam, ID_MAX, isoDate, pathId, pathNumber } from '../http/params.js';
import { documentKindValues } from './tables.js';

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
const writtenReason = z.string().trim().min(10, 'lý do phải có ít nhất 10 ký tự').max(2000);

/** A POST whose body may be left out entirely (every field is optional). */
const optionalBody = <T extends z.ZodObject>(shape: T) => shape.nullish().transform((body) => body ?? ({} as z.output<T>));

export const noticeInput = optionalBody(
  z.object({
    visitIds: visitIdList.optional().describe('visits to announce (default: every registered visit of the team)'),
    signerName,
    lateReason: writtenReason
      .optional()
      .describe(
        'standing office only: issue although the latest notice date of some visits has passed, with a written reason (kept on the notice and the visits)',
      ),
  }),
).meta({ id: 'NoticeRequest' });
export const paperNoticeInput = z.object({
  numberLabel: z
    .string()
    .trim()
    .regex(/^\d{1,4}\/[\p{L}\p{N}][\p{L}\p{N}.-]{0,39}$/u, 'số văn bản có dạng "05/TB-ĐKT01"')
    .describe('the number as printed on the paper notice, "05/TB-ĐKT01"'),
  issueDate: isoDate.describe('the date printed on the paper notice (not after today); judged by the notice lead time'),
  visitIds: visitIdList.describe('the visits it announced'),
  reason: writtenReason.describe('why it is entered afterwards'),
  signerName: z.string().trim().min(1).max(200).optional().describe('who signed it'),
  lateReason: writtenReason.optional().describe('recorded although its date is after the latest notice date of some visits, with this reason'),
});
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

const header = z
  .object({
    parentBody: z.string(),
    issuingBody: z.string(),
    nationalTitle: z.string(),
    motto: z.string(),
    numberLine: z.string(),
    placeDate: z.string(),
  })
  .meta({ id: 'DocumentHeader' });
const signature = z.object({ authority: z.string().nullable(), title: z.string(), name: z.string().nullable() }).meta({ id: 'DocumentSignature' });
const section = z.object({ heading: z.string().nullable(), paragraphs: z.array(z.string()), items: z.array(z.string()) }).meta({ id: 'DocumentSection' });
const grid = z
  .object({
    columns: z.array(z.object({ title: z.string(), width: z.number() })),
    rows: z.array(z.array(z.array(z.string()))),
    variant: z.string(),
  })
  .meta({ id: 'DocumentTable' });
const common = {
  documentTitle: z.string(),
  draft: z.boolean(),
  rehearsal: z.boolean().optional().describe('made in a rehearsal (diễn tập) campaign: marked so on every page'),
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
      taskUnitIds: z
        .array(z.string())
        .optional()
        .describe('other units a recommendation gives a task to (recipients; they may read it); absent on results notices issued before it was kept'),
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
const documentStatus = z
  .enum(['current', 'partly-superseded', 'outdated', 'superseded'])
  .describe(
    'current: in force; partly-superseded: a later notice replaced it for some visits, it stays in force for the others; ' +
      'outdated: a visit it announced moved (a new notice is needed) or every visit was cancelled; superseded: replaced for every visit. ' +
      'A reader sees the standing of the visits it may see.',
  );
const standing = z.enum(['in-force', 'outdated', 'cancelled', 'superseded']);
const enteredAfterwards = z
  .object({ by: z.string(), at: z.string(), reason: z.string() })
  .describe('a paper document recorded afterwards: who entered it, when and why');

export const paperNoticeRecord = z.object({
  kind: z.literal('paper-notice'),
  numberLabel: z.string(),
  issueDate: date,
  signerName: z.string().nullable(),
  programme: z.object({ rows: z.array(programmeRow) }),
});

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
    origin: z.enum(['service', 'paper']).describe('paper: issued on paper and only recorded here; it has no rendering'),
    enteredAfterwards: enteredAfterwards.nullable(),
    dueDate: date.nullable(),
    late: z.boolean().describe('issued after its due date'),
    lateReason: z.string().nullable().describe("the office's written reason for issuing late"),
    status: documentStatus,
    outdatedAt: z.string().nullable(),
    outdatedReason: z.string().nullable(),
    supersededBy: documentRef.nullable().describe('the document replacing this one for every visit the reader sees'),
    supersedes: z.array(documentRef),
    visitIds: z.array(z.number().int()),
    coverage: z
      .array(
        z.object({
          visitId: z.number().int(),
          unitId: z.string(),
          unitName: z.string(),
          standing,
          since: z.string().nullable(),
          reason: z.string().nullable(),
          supersededBy: documentRef.nullable(),
        }),
      )
      .describe("a notice's standing for each visit the reader may see (empty for other kinds)"),
    links: z.object({ html: z.string(), pdf: z.string(), docx: z.string() }).nullable().describe('null for a paper document'),
    content: z.union([documentContent, paperNoticeRecord]),
  })
  .meta({ id: 'Document' });

const refusal = z.object({
  visitId: z.number().int(),
  unitId: z.string(),
  unitName: z.string(),
  date,
  code: z.enum(['NOTICE_TOO_LATE', 'VISITS_NOT_ANNOUNCEABLE']),
  reason: z.string(),
  latestNoticeDate: date.nullable(),
  acceptedWithLateReason: z.boolean().describe('the standing office may still issue it with lateReason'),
});

export const noticeDraft = z
  .object({
    content: documentContent,
    issuable: z.boolean().describe('issuing now (without lateReason) would succeed'),
    refusals: z.array(refusal).describe('every visit issuing would refuse, and why'),
    dueDate: date.nullable().describe('the earliest latest notice date of the visits'),
    replaces: z.array(documentRef.extend({ visitIds: z.array(z.number().int()) })).describe('earlier notices it would supersede, for these visits only'),
  })
  .meta({ id: 'NoticeDraft' });

export const documentSummaryItem = documentView.omit({ content: true }).meta({ id: 'DocumentSummary' });

const dueState = z.enum(['pending', 'overdue', 'issued', 'issued-late']);
const issuedRef = z.object({ id: z.number().int(), numberLabel: z.string(), issueDate: date });
const dueItem = z
  .object({
    kind: documentKind,
    teamNumber: z.number().int(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    visitIds: z.array(z.number().int()),
    dueDate: date.nullable(),
    state: dueState,
    document: issuedRef.nullable(),
  })
  .meta({ id: 'DueDocument' });

export const documentsSummary = z
  .object({
    campaignId: z.string(),
    today: date,
    teams: z.array(
      z.object({
        teamNumber: z.number().int(),
        notices: z.array(
          issuedRef.extend({
            status: documentStatus,
            origin: z.enum(['service', 'paper']),
            visitIds: z.array(z.number().int()),
            inForceFor: z.array(z.number().int()).describe('the visits it is the notice in force for'),
          }),
        ),
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

const visitNotice = z.object({
  id: z.number().int(),
  numberLabel: z.string(),
  issueDate: date,
  origin: z.enum(['service', 'paper']),
  lateReason: z.string().nullable(),
});

export const noticeCoverage = z
  .object({
    campaignId: z.string(),
    teamNumber: z.number().int(),
    visits: z.array(
      z.object({
        visitId: z.number().int(),
        unitId: z.string(),
        unitName: z.string(),
        date,
        status: z.enum(['registered', 'notified', 'carried-out', 'concluded', 'cancelled']),
        latestNoticeDate: date,
        notice: visitNotice.nullable().describe('the notice in force for the visit'),
        notices: z
          .array(
            documentRef.extend({
              issueDate: date,
              origin: z.enum(['service', 'paper']),
              standing,
              reason: z.string().nullable(),
              supersededBy: documentRef.nullable(),
            }),
          )
          .describe('every notice that announced the visit, oldest first, with its standing for this visit'),
      }),
    ),
  })
  .meta({ id: 'NoticeCoverage' });

export type NoticeCoverage = z.infer<typeof noticeCoverage>;
export type DocumentView = z.infer<typeof documentView>;
export type DocumentsSummary = z.infer<typeof documentsSummary>;
export type DueItem = z.infer<typeof dueItem>;
export type DueState = z.infer<typeof dueState>;
export type NoticeInput = z.infer<typeof noticeInput>;
export type NoticeDraft = z.infer<typeof noticeDraft>;
