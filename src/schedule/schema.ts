import { z } from 'zod';
import { isoDate } from '../campaigns/definition.js';
import { campaignIdParam, clashCodes, deadlineView } from '../campaigns/schema.js';
import { sessions, visitStatuses } from './tables.js';

// API shapes of the schedule module. Field names are English; messages come in Vietnamese and English.

const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'giờ phải có dạng HH:mm (00:00–23:59)')
  .describe('local time HH:mm in the campaign time zone');
const session = z.enum(sessions).describe('sang 07:30–11:30, chieu 13:30–17:00, ca-ngay 07:30–17:00 (campaign setting), custom = startTime/endTime');
const override = z
  .object({ reason: z.string().trim().min(10, 'lý do phải có ít nhất 10 ký tự').max(2000) })
  .describe('standing office only: register despite errors, with a written reason (recorded)');

export const visitParams = campaignIdParam.extend({ visitId: z.coerce.number().int().min(1).max(2 ** 31) });
export const teamScheduleParams = campaignIdParam.extend({ teamNo: z.coerce.number().int().min(1).max(999) });
export const unitScheduleParams = campaignIdParam.extend({ unitId: z.string().min(1).max(80) });

export const visitInput = z.object({
  teamNumber: z.number().int().min(1).max(999),
  unitId: z.string().trim().min(1).max(80).describe('the target unit (one of the team\'s targets)'),
  date: isoDate,
  session: session.optional(),
  startTime: time.optional(),
  endTime: time.optional(),
  place: z.string().trim().min(1).max(500).optional().describe('default: "Trụ sở <unit name>"'),
  override: override.optional(),
})
  // What slots.ts requires, said in OpenAPI too: a named session, or a time range.
  .meta({ anyOf: [{ required: ['session'] }, { required: ['startTime', 'endTime'] }] });

export const visitPatch = z
  .object({
    date: isoDate.optional(),
    session: session.optional(),
    startTime: time.optional(),
    endTime: time.optional(),
    place: z.string().trim().min(1).max(500).optional(),
    override: override.optional(),
  })
  .refine(
    (patch) => ['date', 'session', 'startTime', 'endTime', 'place'].some((k) => patch[k as keyof typeof patch] !== undefined),
    'cần ít nhất một trong date, session, startTime, endTime, place',
  );

export const statusInput = z.object({
  status: z.enum(['notified', 'carried-out', 'concluded']).describe('one step forward: registered → notified → carried-out → concluded'),
});
export const cancelInput = z.object({ reason: z.string().trim().min(3, 'cần ghi lý do hủy').max(2000) });

export const message = z.object({ vi: z.string(), en: z.string() });
export const finding = z
  .object({
    code: z.enum(clashCodes),
    severity: z.enum(['error', 'warning']),
    overridden: z.boolean().describe('an error the standing office accepted with a reason'),
    message,
    visits: z.array(z.number().int()),
    teams: z.array(z.number().int()),
    units: z.array(z.string()),
  })
  .meta({ id: 'ClashFinding' });

export const visitView = z
  .object({
    id: z.number().int(),
    campaignId: z.string(),
    teamNumber: z.number().int(),
    unitId: z.string(),
    unitName: z.string(),
    date: z.string(),
    session: z.enum(sessions),
    startTime: z.string(),
    endTime: z.string(),
    place: z.string(),
    status: z.enum(visitStatuses),
    cancelReason: z.string().nullable(),
    overriddenCodes: z.array(z.string()),
    overrideReason: z.string().nullable(),
    version: z.number().int(),
    registeredAt: z.string(),
    registeredBy: z.string(),
    updatedAt: z.string(),
    deadlines: z.object({
      latestNoticeDate: z.string().describe('last day the inspection notice may be issued'),
      resultsNoticeDue: z.string().describe('results notice due (from the end of the team\'s round, or the visit)'),
    }),
  })
  .meta({ id: 'Visit' });

export const visitResult = z.object({ visit: visitView, warnings: z.array(finding), overridden: z.array(finding) });

export const checkResult = z.object({
  ok: z.boolean().describe('true when registering would raise no error'),
  slot: z.object({ date: z.string(), session: z.enum(sessions), startTime: z.string(), endTime: z.string() }),
  errors: z.array(finding),
  warnings: z.array(finding),
});

export const historyEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});

export const visitListQuery = z.object({
  team: z.coerce.number().int().min(1).max(999).optional(),
  unit: z.string().min(1).max(80).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: z.enum(visitStatuses).optional(),
});

export const freeQuery = z
  .object({
    team: z.coerce.number().int().min(1).max(999),
    unit: z.string().min(1).max(80),
    from: isoDate,
    to: isoDate,
  })
  .refine((q) => q.from <= q.to, { message: 'to phải không trước from', path: ['to'] });

const sessionSlot = z.object({ date: z.string(), session: z.enum(sessions), startTime: z.string(), endTime: z.string() });
const slotReason = z.object({ code: z.enum(clashCodes), severity: z.enum(['error', 'warning']), message });
export const freeResult = z.object({
  teamNumber: z.number().int(),
  unitId: z.string(),
  unitName: z.string(),
  from: z.string(),
  to: z.string(),
  free: z.array(sessionSlot.extend({ warnings: z.array(z.enum(clashCodes)), reasons: z.array(slotReason).describe('what registering would warn') })),
  blocked: z.array(sessionSlot.extend({ codes: z.array(z.enum(clashCodes)), reasons: z.array(slotReason).describe('why, in Vietnamese and English') })),
});

export const conflictReport = z.object({
  campaignId: z.string(),
  today: z.string(),
  checkedVisits: z.number().int(),
  conflicts: z.array(finding).describe('errors among the saved visits (overridden ones flagged)'),
  warnings: z.array(finding),
  byCode: z.record(z.string(), z.number().int()),
  registration: z.object({
    deadline: deadlineView.nullable(),
    closed: z.boolean().describe('today is on or after the registration deadline'),
    unscheduledTargets: z
      .array(z.object({ teamNumber: z.number().int(), unitId: z.string(), name: z.string() }))
      .describe('once registration has closed: targets without an active visit'),
  }),
});

export const daySchedule = z.object({
  campaignId: z.string(),
  days: z.array(z.object({ date: z.string(), weekday: z.string(), visits: z.array(visitView) })),
});

export const teamSchedule = z.object({
  campaignId: z.string(),
  teamNumber: z.number().int(),
  roundStart: z.string().nullable(),
  roundEnd: z.string().nullable(),
  resultsNoticeDue: z.string().nullable().describe('for the whole round when results count from the round'),
  teamReportDeadlineExclusive: z.string().nullable(),
  teamReportDeadline: deadlineView.nullable().describe('with the last working day when the last day is off'),
  visits: z.array(visitView),
  unscheduledTargets: z.array(z.object({ unitId: z.string(), name: z.string() })),
});

export const unitSchedule = z.object({
  campaignId: z.string(),
  unitId: z.string(),
  name: z.string(),
  inspected: z.array(visitView).describe('visits at this unit'),
  awayInspecting: z.array(visitView).describe('visits of the teams this unit leads or sits on'),
});

export const scheduleQuery = z.object({ includeCancelled: z.enum(['true', 'false']).optional() });
export const icsQuery = z.object({
  token: z.string().max(200).optional().describe('for calendar apps that cannot send Authorization: the bearer token'),
});

export type VisitView = z.infer<typeof visitView>;
export type VisitInput = z.infer<typeof visitInput>;
export type VisitPatch = z.infer<typeof visitPatch>;
export type FindingView = z.infer<typeof finding>;
export type VisitResult = z.infer<typeof visitResult>;
export type CheckResult = z.infer<typeof checkResult>;
export type FreeResult = z.infer<typeof freeResult>;
export type ConflictReport = z.infer<typeof conflictReport>;
export type TeamSchedule = z.infer<typeof teamSchedule>;
export type UnitSchedule = z.infer<typeof unitSchedule>;
export type DaySchedule = z.infer<typeof daySchedule>;
export type HistoryEntry = z.infer<typeof historyEntry>;
