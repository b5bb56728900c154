import { z } from 'zod';
import { campaignIdParam, pathNumber } from '../http/params.js';
import { deadlineView } from '../campaigns/schema.js';

export const progressTeamParams = campaignIdParam.extend({ teamNo: pathNumber(1, 999) });
export const progressUnitParams = campaignIdParam.extend({ unitId: z.string().min(1).max(80) });

export const overdueItem = z
  .object({
    kind: z.enum(['registration', 'notice', 'results-notice', 'team-report', 'recommendation']),
    label: z.string().describe('what is late, in Vietnamese'),
    teamNumber: z.number().int(),
    unitId: z.string().nullable(),
    visitId: z.number().int().nullable(),
    recommendationId: z.number().int().nullable(),
    dueDate: z.iso.date().describe('last allowed day'),
    workingDaysLate: z.number().int(),
  })
  .meta({ id: 'OverdueItem' });

export const counts = z
  .object({
    targets: z.number().int().describe('units the team must inspect'),
    registered: z.number().int().describe('visits registered (not cancelled)'),
    notified: z.number().int().describe('visits covered by an inspection notice'),
    carriedOut: z.number().int(),
    concluded: z.number().int().describe('visits with a published conclusion'),
    resultsNoticesSent: z.number().int().describe('visits whose results notice was issued'),
    teamReportsFiled: z.number().int(),
    overdue: z.number().int(),
  })
  .meta({ id: 'ProgressCounts' });

export const unitLine = z
  .object({
    teamNumber: z.number().int(),
    unitId: z.string(),
    unitName: z.string(),
    visit: z.object({ id: z.number().int(), date: z.iso.date(), status: z.string() }).nullable(),
    checklist: z.object({ answered: z.number().int(), total: z.number().int() }).nullable(),
    conclusion: z.string().nullable().describe('draft, published, withdrawn, or null'),
    resultsNoticeIssuedOn: z.iso.date().nullable(),
    overdue: z.array(overdueItem),
  })
  .meta({ id: 'ProgressUnitLine' });

export const teamProgress = z
  .object({
    teamNumber: z.number().int(),
    name: z.string(),
    counts,
    teamReport: z.object({ dueDate: z.iso.date().nullable(), filedOn: z.iso.date().nullable() }),
    units: z.array(unitLine),
    overdue: z.array(overdueItem),
  })
  .meta({ id: 'TeamProgress' });

export const campaignProgress = z
  .object({
    campaignId: z.string(),
    today: z.iso.date(),
    totals: counts.describe('over the teams shown'),
    teams: z.array(teamProgress),
    overdue: z.array(overdueItem).describe('every overdue item shown, oldest due date first'),
    registration: z.object({
      deadline: deadlineView.nullable(),
      closed: z.boolean(),
      unscheduledTargets: z
        .array(z.object({ teamNumber: z.number().int(), unitId: z.string(), name: z.string() }))
        .describe('once registration has closed: targets of the teams shown without an active visit'),
    }),
  })
  .meta({ id: 'CampaignProgress' });

export type CampaignProgress = z.infer<typeof campaignProgress>;
export type TeamProgressView = z.infer<typeof teamProgress>;
export type UnitLineView = z.infer<typeof unitLine>;
