import { z } from 'zod';
import { campaignIdParam } from '../http/params.js';

// The standing office's dashboard: what needs it today, counts per team, a page of unit lines and
// the round day by day. Everything is counted in SQL by the modules that own the tables.

export const DASHBOARD_PAGE_SIZE = 50;
/** Lines of each "needs the office today" group; the group still says how many there are. */
export const ATTENTION_LIMIT = 50;

export const dashboardQuery = z.object({
  team: z.coerce.number().int().min(1).max(999).optional().describe('unit lines of one team only'),
  page: z.coerce.number().int().min(1).max(100_000).default(1).describe(`page of unit lines (${DASHBOARD_PAGE_SIZE} a page)`),
});

const recommendationCounts = z.object({ total: z.number().int(), open: z.number().int(), done: z.number().int(), overdue: z.number().int() });
const selfReports = z.object({
  started: z.number().int().describe('units whose self-report holds an answer'),
  submitted: z.number().int().describe('units whose self-report is submitted (not returned for correction since)'),
  answered: z.number().int(),
  expected: z.number().int().describe('answers the outlines of those units ask for'),
});

export const attentionKinds = ['registration', 'notice', 'results-notice', 'team-report', 'self-report', 'recommendation'] as const;

export const attentionItem = z.object({
  teamNumber: z.number().int(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  visitId: z.number().int().nullable(),
  recommendationId: z.number().int().nullable(),
  date: z.iso.date().nullable().describe('the visit date, where there is a visit'),
  dueDate: z.iso.date().nullable().describe('the last day allowed'),
  text: z.string().nullable().describe('the recommendation; for a self-report, where it stands'),
});

export const attentionGroup = z.object({
  kind: z.enum(attentionKinds),
  label: z.string().describe('what is late, in Vietnamese'),
  total: z.number().int(),
  items: z.array(attentionItem).describe(`the first ${ATTENTION_LIMIT}, oldest first`),
});

export const dashboardTeam = z.object({
  number: z.number().int(),
  name: z.string(),
  leaderUnitName: z.string(),
  targets: z.number().int(),
  scheduled: z.number().int().describe('targets with a registered visit'),
  visits: z.number().int().describe('active visits'),
  notified: z.number().int(),
  carriedOut: z.number().int(),
  concluded: z.number().int(),
  resultsNotices: z.number().int().describe('units whose results notice was issued'),
  teamReport: z.object({ dueDate: z.iso.date().nullable(), filedOn: z.iso.date().nullable() }),
  selfReports,
  recommendations: recommendationCounts,
});

export const dashboardUnit = z.object({
  teamNumber: z.number().int(),
  unitId: z.string(),
  unitName: z.string(),
  visit: z.object({ id: z.number().int(), date: z.iso.date(), status: z.string() }).nullable(),
  selfReport: z
    .object({
      answered: z.number().int(),
      expected: z.number().int(),
      submittedOn: z.iso.date().nullable().describe('the day it was submitted; null while a draft or returned for correction'),
      returned: z.boolean().describe('returned for correction and not submitted again'),
    })
    .nullable()
    .describe('null until the unit has answered something'),
  conclusion: z.string().nullable().describe('draft, published, withdrawn, or null'),
  resultsNoticeIssuedOn: z.iso.date().nullable(),
  recommendations: recommendationCounts,
});

export const dashboardView = z
  .object({
    campaignId: z.string(),
    today: z.iso.date(),
    registration: z.object({ deadlineExclusive: z.iso.date().nullable(), lastDay: z.iso.date().nullable(), closed: z.boolean() }),
    attention: z.array(attentionGroup),
    totals: dashboardTeam.omit({ number: true, name: true, leaderUnitName: true, teamReport: true }).extend({
      teams: z.number().int(),
      teamReports: z.number().int(),
    }),
    teams: z.array(dashboardTeam),
    units: z.object({
      teamNumber: z.number().int().nullable(),
      page: z.number().int(),
      pages: z.number().int(),
      total: z.number().int(),
      lines: z.array(dashboardUnit),
    }),
    days: z
      .array(z.object({ date: z.iso.date(), planned: z.number().int(), done: z.number().int(), concluded: z.number().int() }))
      .describe('cumulative, per working day of the window'),
  })
  .meta({ id: 'CampaignDashboard' });

export const dashboardParams = campaignIdParam;

export type DashboardQuery = z.infer<typeof dashboardQuery>;
export type DashboardView = z.infer<typeof dashboardView>;
export type DashboardTeam = z.infer<typeof dashboardTeam>;
export type AttentionGroup = z.infer<typeof attentionGroup>;
