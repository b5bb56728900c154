import { z } from 'zod';
import { campaignIdParam, isoDate } from '../http/params.js';
import { clashCodes, definitionSchema, noticeConventions, severityLevels, standardSessions, unitKinds, unitLevels } from './definition.js';
import { pathNumber } from '../http/params.js';

export { clashCodes, standardSessions, type CampaignDefinition, type ClashCode, type StandardSession } from './definition.js';

// API shapes of the campaigns module. Field names are English; content is Vietnamese.

export const teamParams = campaignIdParam.extend({
  teamNo: pathNumber(1, 999).describe('team number (số đoàn)'),
});
export const unitParams = campaignIdParam.extend({ unitId: z.string().min(1).max(80) });

const date = z.iso.date();
const person = z.object({ name: z.string(), title: z.string().nullable() });

export const campaignRules = z
  .object({
    window: z.object({
      start: date,
      endExclusive: date.describe('"kết thúc trước ngày X": visits strictly before this date'),
    }),
    registrationDeadlineExclusive: date.nullable().describe('registrations on or after this date need an override'),
    notice: z.object({
      leadWorkingDays: z.number().int(),
      convention: z.enum(noticeConventions).describe('on-or-before: issue date ≤ visit − N working days; full-days-between: N whole working days between'),
    }),
    resultsNotice: z.object({ workingDays: z.number().int(), countFrom: z.enum(['round', 'visit']) }),
    teamReportDeadlineExclusive: date.nullable(),
    visitsPerTeamPerDay: z.number().int(),
    severities: z.record(z.enum(clashCodes), z.enum(severityLevels)),
    sessions: z
      .record(z.enum(standardSessions), z.object({ start: z.string(), end: z.string() }))
      .describe('office hours of each session (buổi), local time HH:mm, half-open'),
    outlineSet: z.string(),
    outlinePeriods: z.record(z.string(), z.object({ from: date, to: date })),
  })
  .meta({ id: 'CampaignRules' });

export const campaignSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    rehearsal: z.boolean().describe('a rehearsal (diễn tập) copy to practise on, labelled so on every page and document'),
    issuingBody: z.string(),
    parentBody: z.string(),
    placeName: z.string(),
    window: z.object({ start: date, endExclusive: date }),
    teamCount: z.number().int(),
    targetCount: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'CampaignSummary' });

export const deadlineView = z
  .object({
    before: date.describe('the X of "trước ngày X"'),
    lastDay: date.describe('the day before X: the last day the rule allows'),
    lastWorkingDay: date.describe('the last working day before X: when the office must act'),
    lastDayIsWorkingDay: z.boolean(),
    note: z.object({ vi: z.string(), en: z.string() }).nullable().describe('when the last day is a weekend or a day off: which working day comes last'),
  })
  .meta({ id: 'Deadline' });

export const campaignDetail = campaignSummary
  .extend({
    fullTitle: z.string().nullable(),
    plan: z.object({ number: z.string().nullable(), date: date.nullable(), legalBasis: z.array(z.string()) }),
    standingOffice: z.object({ unitId: z.string().nullable(), name: z.string().nullable(), desk: z.string().nullable() }),
    rules: campaignRules,
    deadlines: z.object({
      window: deadlineView.describe('"kết thúc trước ngày X": the last day of visits'),
      registration: deadlineView.nullable(),
      teamReport: deadlineView.nullable(),
    }),
    definitionHash: z.string(),
    version: z.number().int().describe('one more with every amendment; the ETag (send it in If-Match to amend)'),
  })
  .meta({ id: 'Campaign' });

export const unitRef = z.object({ unitId: z.string(), name: z.string() }).meta({ id: 'UnitRef' });

export const teamView = z
  .object({
    number: z.number().int(),
    name: z.string(),
    leader: unitRef.extend({ asWritten: z.string(), person: person.nullable() }),
    secretaryUnitId: z.string(),
    members: z.array(unitRef.extend({ asWritten: z.string(), representative: person.nullable() })),
    targets: z.array(
      unitRef.extend({
        asWritten: z.string(),
        level: z.enum(unitLevels),
        kind: z.enum(unitKinds),
        outline: z.string(),
        questionBlocks: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'Team' });

export const unitRole = z
  .object({
    teamNumber: z.number().int(),
    role: z.enum(['leader', 'member', 'target']),
    asWritten: z.string(),
  })
  .meta({ id: 'UnitRole' });

export const unitView = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    name: z.string(),
    level: z.enum(unitLevels),
    kind: z.enum(unitKinds),
    aliases: z.array(z.string()),
    roles: z.array(unitRole),
  })
  .meta({ id: 'Unit' });

export const assignmentView = z
  .object({
    id: z.number().int(),
    teamNumber: z.number().int(),
    unitId: z.string(),
    name: z.string(),
    level: z.enum(unitLevels),
    asWritten: z.string(),
    outline: z.string(),
    outlinePeriod: z.object({ from: date, to: date }).nullable(),
    questionBlocks: z.array(z.string()),
  })
  .meta({ id: 'Assignment' });

const unitRefList = z.array(unitRef);
export const analysisView = z
  .object({
    campaignId: z.string(),
    counts: z.object({
      teams: z.number().int(),
      units: z.number().int(),
      unitsByLevel: z.record(z.string(), z.number().int()),
      targets: z.number().int(),
      targetsByLevel: z.record(z.string(), z.number().int()),
    }),
    multiRoleUnits: z.array(unitRef.extend({ roles: z.array(unitRole) })),
    unitsOnSeveralTeams: z.array(unitRef.extend({ teams: z.array(z.number().int()) })),
    reciprocalTeamPairs: z.array(z.object({ teams: z.tuple([z.number().int(), z.number().int()]), firstInspects: unitRefList, secondInspects: unitRefList })),
    leadersInspectedByOtherTeams: z.array(unitRef.extend({ leads: z.number().int(), inspectedBy: z.number().int() })),
    unitsNeverInspected: unitRefList,
    unitsOnlyInspected: unitRefList,
    aliasesUsed: z.array(
      unitRef.extend({
        asWritten: z.string(),
        kind: z.enum(['alias', 'spelling']),
        teamNumber: z.number().int(),
        role: z.enum(['leader', 'member', 'target']),
      }),
    ),
  })
  .meta({ id: 'CampaignAnalysis' });

export const unitSearchQuery = z.object({
  q: z
    .string()
    .max(200)
    .optional()
    .describe('words, in any order, each beginning a word of the name or of one alias; case, diacritics and punctuation are ignored'),
});

export const importResult = z.object({ created: z.boolean(), campaign: campaignDetail }).meta({ id: 'CampaignImport' });

export const copyResult = importResult.extend({
  toCheck: z
    .array(z.object({ path: z.string(), code: z.string(), message: z.string(), messageEn: z.string() }))
    .describe('what the office must check or enter before the new cycle starts (plan number, cited plans, moved periods, days off, signers)'),
});

export const copyInput = z
  .object({
    id: definitionSchema.shape.id.describe('id of the new campaign, e.g. quang-xuong-2027'),
    title: definitionSchema.shape.title,
    fullTitle: definitionSchema.shape.title.optional(),
    windowStart: isoDate.describe('first day of the new window (a working day)'),
  })
  .meta({ id: 'CampaignCopy' });

export type CampaignRules = z.infer<typeof campaignRules>;
export type CampaignSummary = z.infer<typeof campaignSummary>;
export type CampaignDetail = z.infer<typeof campaignDetail>;
export type DeadlineView = z.infer<typeof deadlineView>;
export type TeamView = z.infer<typeof teamView>;
export type UnitView = z.infer<typeof unitView>;
export type AssignmentView = z.infer<typeof assignmentView>;
