import { z } from 'zod';
import { clashCodes, deadlineView } from '../campaigns/schema.js';
import { campaignIdParam, isoDate, localTime } from '../http/params.js';
import { problemSchema } from '../http/schemas.js';
import { sessions, visitStatuses } from './tables.js';
import { pathId, pathNumber } from '../http/params.js';

// API shapes of the schedule module. Field names are English; messages come in Vietnamese and English.

const session = z.enum(sessions).describe('sang 07:30–11:30, chieu 13:30–17:00, ca-ngay 07:30–17:00 (campaign setting), custom = startTime/endTime');
const override = z
  .object({ reason: z.string().trim().min(10, 'lý do phải có ít nhất 10 ký tự').max(2000) })
  .describe('standing office only: register despite errors, with a written reason (recorded)');

export const visitParams = campaignIdParam.extend({ visitId: pathId });
export const teamScheduleParams = campaignIdParam.extend({ teamNo: pathNumber(1, 999) });
export const unitScheduleParams = campaignIdParam.extend({ unitId: z.string().min(1).max(80) });

export const visitInput = z
  .object({
    teamNumber: z.number().int().min(1).max(999),
    unitId: z.string().trim().min(1).max(80).describe("the target unit (one of the team's targets)"),
    date: isoDate,
    session: session.optional(),
    startTime: localTime.optional(),
    endTime: localTime.optional(),
    place: z.string().trim().min(1).max(500).optional().describe('default: "Trụ sở <unit name>" ("Trụ sở UBND xã <name>" for a commune)'),
    override: override.optional(),
  })
  // What slots.ts requires, said in OpenAPI too: a named session, or a time range. Inside allOf, so
  // generated clients keep the properties' types (openapi-typescript reads a bare anyOf of required
  // lists as "anything").
  .meta({
    id: 'VisitRegistration',
    allOf: [{ anyOf: [{ required: ['session'] }, { required: ['startTime', 'endTime'] }] }],
    examples: [{ teamNumber: 1, unitId: 'p-tckh', date: '2023-08-03', session: 'sang' }],
  });

export const paperRegistrationInput = visitInput.extend({
  receivedOn: isoDate.describe('the day the registration was received on paper (not after today): every rule is judged as on that day'),
  reason: z.string().trim().min(10, 'lý do phải có ít nhất 10 ký tự').max(2000).describe('why it is entered afterwards'),
});

export const visitPatch = z
  .object({
    date: isoDate.optional(),
    session: session.optional(),
    startTime: localTime.optional(),
    endTime: localTime.optional(),
    place: z.string().trim().min(1).max(500).optional(),
    override: override.optional(),
  })
  .refine(
    (patch) => ['date', 'session', 'startTime', 'endTime', 'place'].some((k) => patch[k as keyof typeof patch] !== undefined),
    'cần ít nhất một trong date, session, startTime, endTime, place',
  )
  .meta({ id: 'VisitChange' });

export const statusInput = z
  .object({
    status: z
      .enum(
        ['carried-out', 'concluded'],
        'chỉ chuyển sang "carried-out" hoặc "concluded"; lịch kiểm tra chỉ thành "đã thông báo" khi có thông báo kiểm tra được ban hành hoặc ghi nhận',
      )
      .describe('one step forward: notified → carried-out → concluded. A visit becomes notified only through an issued (or recorded paper) notice'),
  })
  .meta({ id: 'VisitStatusChange' });
export const cancelInput = z.object({ reason: z.string().trim().min(3, 'cần ghi lý do hủy').max(2000) }).meta({ id: 'VisitCancellation' });

const clashCode = z.enum(clashCodes).meta({ id: 'ClashCode' });
// Recorded on the seed campaign: team 02 asked for Bảo hiểm xã hội huyện on the morning of 03/8/2023,
// while the unit sits on team 01, out at Phòng Tài chính - Kế hoạch (visit 1).
const hostAwayInspecting = {
  code: 'HOST_AWAY_INSPECTING',
  severity: 'error',
  overridden: false,
  message: {
    vi: 'Bảo hiểm xã hội huyện là thành viên Đoàn 01; Đoàn 01 kiểm tra Phòng Tài chính - Kế hoạch vào buổi sáng 03/8/2023 (07:30–11:30), lãnh đạo đơn vị đang đi kiểm tra nên không thể làm việc với Đoàn 02',
    en: 'Bảo hiểm xã hội huyện sits on team 01, which inspects Phòng Tài chính - Kế hoạch at 2023-08-03 morning (07:30–11:30): its leaders are away inspecting and cannot host team 02',
  },
  visits: [1],
  teams: [2, 1],
  units: ['bhxh'],
};

export const message = z.object({ vi: z.string(), en: z.string() });
export const finding = z
  .object({
    code: clashCode,
    severity: z.enum(['error', 'warning']),
    overridden: z.boolean().describe('an error the standing office accepted with a reason'),
    message,
    visits: z.array(z.number().int()),
    teams: z.array(z.number().int()),
    units: z.array(z.string()),
  })
  .meta({ id: 'ClashFinding', examples: [hostAwayInspecting] });

/** The 409 of a registration or a move: VISIT_CLASH lists every clash that blocks it. */
export const clashProblem = z
  .intersection(
    problemSchema,
    z.looseObject({
      clashes: z.array(finding).optional().describe('VISIT_CLASH: every error that blocks, none left out'),
      warnings: z.array(finding).optional().describe('VISIT_CLASH: the warnings that would also apply'),
      overridable: z.boolean().optional().describe('VISIT_CLASH: the standing office may register anyway with override.reason'),
    }),
  )
  .meta({
    id: 'VisitClashProblem',
    description: 'A Problem; when code is VISIT_CLASH it lists the clashes',
    examples: [
      {
        type: 'urn:problem:visit-clash',
        title: 'Xung đột dữ liệu',
        status: 409,
        code: 'VISIT_CLASH',
        detail: 'Lịch kiểm tra bị trùng hoặc vi phạm quy định (1): HOST_AWAY_INSPECTING. Cơ quan thường trực có thể vẫn đăng ký, kèm lý do (override.reason).',
        instance: '/campaigns/quang-xuong-2023/visits',
        requestId: '823870be-fa24-415b-aafa-03b7e8094b8c',
        clashes: [hostAwayInspecting],
        warnings: [],
        overridable: true,
      },
    ],
  });

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
    notice: z
      .object({
        id: z.number().int(),
        numberLabel: z.string(),
        issueDate: z.string(),
        origin: z.enum(['service', 'paper']).describe('paper: issued on paper and recorded afterwards'),
        lateReason: z.string().nullable().describe('issued after the latest notice date, with this written reason'),
      })
      .nullable()
      .describe('the inspection notice in force for this visit (null until one is issued, and again after the visit moves or is cancelled)'),
    enteredAfterwards: z
      .object({ statedDate: z.string(), by: z.string(), at: z.string(), reason: z.string() })
      .nullable()
      .describe('registered on paper on statedDate and entered afterwards: by whom, when and why'),
    version: z.number().int(),
    registeredAt: z.string(),
    registeredBy: z.string(),
    updatedAt: z.string(),
    deadlines: z.object({
      latestNoticeDate: z.string().describe('last day the inspection notice may be issued'),
      resultsNoticeDue: z.string().describe("results notice due (from the end of the team's round, or the visit)"),
    }),
  })
  .meta({
    id: 'Visit',
    examples: [
      {
        id: 1,
        campaignId: 'quang-xuong-2023',
        teamNumber: 1,
        unitId: 'p-tckh',
        unitName: 'Phòng Tài chính - Kế hoạch',
        date: '2023-08-03',
        session: 'sang',
        startTime: '07:30',
        endTime: '11:30',
        place: 'Trụ sở Phòng Tài chính - Kế hoạch',
        status: 'registered',
        cancelReason: null,
        overriddenCodes: [],
        overrideReason: null,
        notice: null,
        enteredAfterwards: null,
        version: 1,
        registeredAt: '2023-07-20T02:00:00.000Z',
        registeredBy: 'Trưởng Đoàn 01',
        updatedAt: '2023-07-20T02:00:00.000Z',
        deadlines: { latestNoticeDate: '2023-08-01', resultsNoticeDue: '2023-08-10' },
      },
    ],
  });

export const visitResult = z.object({ visit: visitView, warnings: z.array(finding), overridden: z.array(finding) }).meta({ id: 'VisitResult' });

export const checkResult = z
  .object({
    ok: z.boolean().describe('true when registering would raise no error'),
    slot: z.object({ date: z.string(), session: z.enum(sessions), startTime: z.string(), endTime: z.string() }),
    errors: z.array(finding),
    warnings: z.array(finding),
  })
  .meta({ id: 'VisitCheck' });

export const historyEntry = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'VisitHistoryEntry' });

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
export const freeResult = z
  .object({
    teamNumber: z.number().int(),
    unitId: z.string(),
    unitName: z.string(),
    from: z.string(),
    to: z.string(),
    free: z.array(sessionSlot.extend({ warnings: z.array(clashCode), reasons: z.array(slotReason).describe('what registering would warn') })),
    blocked: z.array(sessionSlot.extend({ codes: z.array(clashCode), reasons: z.array(slotReason).describe('why, in Vietnamese and English') })),
  })
  .meta({ id: 'FreeSessions' });

export const conflictReport = z
  .object({
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
  })
  .meta({ id: 'ConflictReport' });

export const daySchedule = z
  .object({
    campaignId: z.string(),
    days: z.array(z.object({ date: z.string(), weekday: z.string(), visits: z.array(visitView) })),
  })
  .meta({ id: 'CampaignSchedule' });

export const teamSchedule = z
  .object({
    campaignId: z.string(),
    teamNumber: z.number().int(),
    roundStart: z.string().nullable(),
    roundEnd: z.string().nullable(),
    resultsNoticeDue: z.string().nullable().describe('for the whole round when results count from the round'),
    teamReportDeadlineExclusive: z.string().nullable(),
    teamReportDeadline: deadlineView.nullable().describe('with the last working day when the last day is off'),
    visits: z.array(visitView),
    unscheduledTargets: z.array(z.object({ unitId: z.string(), name: z.string() })),
  })
  .meta({ id: 'TeamSchedule' });

export const unitSchedule = z
  .object({
    campaignId: z.string(),
    unitId: z.string(),
    name: z.string(),
    inspected: z.array(visitView).describe('visits at this unit'),
    awayInspecting: z.array(visitView).describe('visits of the teams this unit leads or sits on'),
  })
  .meta({ id: 'UnitSchedule' });

export const scheduleQuery = z.object({ includeCancelled: z.enum(['true', 'false']).optional() });
export const icsQuery = z.object({
  token: z.string().max(200).optional().describe('for calendar apps that cannot send Authorization: the bearer token'),
});

export type VisitView = z.infer<typeof visitView>;
export type VisitInput = z.infer<typeof visitInput>;
export type PaperRegistrationInput = z.infer<typeof paperRegistrationInput>;
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
