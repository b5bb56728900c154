import { z } from 'zod';
import { isoDate, localTime } from '../http/params.js';

// The campaign definition document, version 1: everything a campaign plan (Kế hoạch kiểm tra) fixes,
// written as YAML or JSON. Unit references may be a unit id or a name as written in the source;
// resolve.ts turns names into ids through each unit's name and aliases.

export const DEFINITION_FORMAT = 'inspection-campaign/v1';

const text = z.string().trim().min(1).max(2000);
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'chỉ gồm chữ thường không dấu, số và dấu gạch nối')
  .max(80);

export const unitLevels = ['province', 'district', 'commune', 'other'] as const;
export const unitKinds = [
  'department',
  'commune-committee',
  'township',
  'mass-organisation',
  'court',
  'procuracy',
  'hospital',
  'tax-office',
  'one-stop-desk',
  'police',
  'other',
] as const;
export const noticeConventions = ['on-or-before', 'full-days-between'] as const;
export const clashCodes = [
  'OUTSIDE_WINDOW',
  'NOT_WORKING_DAY',
  'REGISTRATION_CLOSED',
  'TARGET_DOUBLE_BOOKED',
  'TEAM_DOUBLE_BOOKED',
  'HOST_AWAY_INSPECTING',
  'MEMBER_DOUBLE_BOOKED',
  'NOTICE_TOO_LATE',
  'RESULTS_AFTER_REPORT_DEADLINE',
  'TARGET_VISITED_TWICE',
] as const;
export type ClashCode = (typeof clashCodes)[number];
export const severityLevels = ['error', 'warning', 'off'] as const;
export type Severity = (typeof severityLevels)[number];

/** Default severities of the clash rules; a campaign may change any of them. */
export const defaultSeverities: Record<ClashCode, Severity> = {
  OUTSIDE_WINDOW: 'error',
  NOT_WORKING_DAY: 'error',
  REGISTRATION_CLOSED: 'error',
  TARGET_DOUBLE_BOOKED: 'error',
  TEAM_DOUBLE_BOOKED: 'error',
  HOST_AWAY_INSPECTING: 'error',
  MEMBER_DOUBLE_BOOKED: 'error',
  NOTICE_TOO_LATE: 'error',
  RESULTS_AFTER_REPORT_DEADLINE: 'warning',
  // A follow-up visit can be meant; a second registration by mistake is the common case.
  TARGET_VISITED_TWICE: 'warning',
};

export const standardSessions = ['sang', 'chieu', 'ca-ngay'] as const;
export type StandardSession = (typeof standardSessions)[number];
export interface TimeRange {
  start: string;
  end: string;
}

/** Office hours of the sessions (buổi) a visit may take; a campaign may set its own. */
export const defaultSessionTimes: Record<StandardSession, TimeRange> = {
  sang: { start: '07:30', end: '11:30' },
  chieu: { start: '13:30', end: '17:00' },
  'ca-ngay': { start: '07:30', end: '17:00' },
};

const timeRange = z
  .object({ start: localTime, end: localTime })
  .refine((range) => range.start < range.end, 'giờ kết thúc phải sau giờ bắt đầu')
  .meta({ id: 'SessionHours' });

const unitRef = text.meta({ id: 'UnitReference', description: 'unit id, or the unit name as written in the source' });
const person = z.object({ name: text, title: text.optional() }).meta({ id: 'DefinitionPerson' });

const unitDefinition = z
  .object({
    id: slug,
    name: text,
    level: z.enum(unitLevels),
    kind: z.enum(unitKinds),
    aliases: z.array(text).default([]),
  })
  .meta({ id: 'UnitDefinition' });

const memberDefinition = z.union([unitRef, z.object({ unit: unitRef, representative: person.optional() })]).meta({ id: 'TeamMemberDefinition' });

const targetDefinition = z
  .union([
    unitRef,
    z.object({
      unit: unitRef,
      outline: text.optional(),
      questionBlocks: z.array(slug).optional(),
    }),
  ])
  .meta({ id: 'TeamTargetDefinition' });

const teamDefinition = z
  .object({
    number: z.number().int().min(1).max(999),
    name: text.optional(),
    leader: unitRef,
    leaderPerson: person.optional(),
    secretaryUnit: unitRef.optional(),
    members: z.array(memberDefinition).default([]),
    targets: z.array(targetDefinition).min(1),
  })
  .meta({ id: 'TeamDefinition' });

const period = z.object({ from: isoDate, to: isoDate });

/** A document the outlines cite ("{plan:ke-hoach-nam}" in a text): as printed, or by number and date. */
const planReference = z.union([
  text.describe('as printed, e.g. "Kế hoạch số 56/KH-UBND ngày 02/3/2023"'),
  z.object({
    kind: text.default('Kế hoạch'),
    number: text.nullable().default(null).describe('"56/KH-UBND"; "/KH-UBND" when only the symbol is known; null when unknown'),
    date: isoDate.nullable().default(null),
  }),
]);

export const definitionSchema = z
  .object({
    format: z.literal(DEFINITION_FORMAT),
    id: slug,
    title: text,
    fullTitle: text.optional(),
    /** A rehearsal (diễn tập): a copy to practise on; every page and document says so. */
    rehearsal: z.literal(true).optional(),
    issuingBody: text,
    parentBody: text,
    placeName: text,
    plan: z
      .object({
        number: text.nullable().default(null),
        date: isoDate.nullable().default(null),
        legalBasis: z.array(text).default([]),
        // Optional without a default, so definitions written before it keep their hash.
        references: z.record(slug, planReference).optional().describe("the campaign's own documents its outline set cites, by the set's placeholder ids"),
      })
      .default({ number: null, date: null, legalBasis: [] }),
    standingOffice: z.object({ unit: unitRef, desk: text.optional() }).optional(),
    window: z.object({ start: isoDate, endExclusive: isoDate }),
    registration: z.object({ deadlineExclusive: isoDate.nullable() }).default({ deadlineExclusive: null }),
    notice: z
      .object({
        leadWorkingDays: z.number().int().min(0).max(60).default(2),
        convention: z.enum(noticeConventions).default('on-or-before'),
      })
      .default({ leadWorkingDays: 2, convention: 'on-or-before' }),
    resultsNotice: z
      .object({
        workingDays: z.number().int().min(0).max(60).default(5),
        countFrom: z.enum(['round', 'visit']).default('round'),
      })
      .default({ workingDays: 5, countFrom: 'round' }),
    teamReport: z.object({ deadlineExclusive: isoDate.nullable() }).default({ deadlineExclusive: null }),
    scheduling: z
      .object({
        visitsPerTeamPerDay: z.number().int().min(1).max(20).default(2),
        severities: z.partialRecord(z.enum(clashCodes), z.enum(severityLevels)).default({}),
        // Optional without a default, so definitions written before it keep their hash.
        sessions: z.partialRecord(z.enum(standardSessions), timeRange).optional(),
      })
      .default({ visitsPerTeamPerDay: 2, severities: {} }),
    calendar: z.object({ localDaysOff: z.array(z.object({ date: isoDate, name: text })).default([]) }).default({ localDaysOff: [] }),
    outlines: z.object({
      set: slug,
      periods: z.record(text, period),
      byLevel: z.partialRecord(z.enum(unitLevels), text),
      questionBlocks: z.record(slug, z.array(unitRef)).default({}),
      otherBlock: z.object({ id: slug, forOutline: text }).optional(),
    }),
    inspection: z
      .object({
        contents: z.array(z.object({ no: z.number().int().min(1), text })).default([]),
        methods: z.array(z.object({ no: z.number().int().min(1), text, bullets: z.array(text).default([]) })).default([]),
      })
      .default({ contents: [], methods: [] }),
    units: z.array(unitDefinition).min(1),
    teams: z.array(teamDefinition).min(1),
  })
  .meta({ id: 'CampaignDefinition' });

export type CampaignDefinition = z.output<typeof definitionSchema>;
export type CampaignDefinitionInput = z.input<typeof definitionSchema>;
export type UnitLevel = (typeof unitLevels)[number];
export type UnitKind = (typeof unitKinds)[number];
