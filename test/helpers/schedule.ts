import type { CalendarData, DayNote } from '../../src/calendar/rules.js';
import { defaultSeverities } from '../../src/campaigns/definition.js';
import type { ClashRules, ClashWorld, Slot, TeamShape } from '../../src/schedule/rules.js';
import { systemActor } from '../../src/auth/actor.js';
import type { TestApp } from './app.js';
import { QX } from './app.js';

const note = (name: string): DayNote => ({ name, legalBasis: null, status: 'confirmed', scope: 'national' });

/** A literal calendar: weekdays work, except the days off; the make-up Saturdays work. */
export function literalCalendar(daysOff: Record<string, string>, makeUp: Record<string, string> = {}): CalendarData {
  return {
    daysOff: new Map(Object.entries(daysOff).map(([d, n]) => [d, note(n)])),
    workingDays: new Map(Object.entries(makeUp).map(([d, n]) => [d, note(n)])),
    confirmedYears: new Set([2023, 2024]),
  };
}

/** 2023–2024 as in reference/calendar-vn.md (the days that matter to these tests). */
export const vn = literalCalendar(
  {
    '2023-09-01': 'Quốc khánh (nghỉ thêm)',
    '2023-09-04': 'Quốc khánh (nghỉ bù)',
    '2024-02-08': 'Tết Nguyên đán',
    '2024-02-09': 'Tết Nguyên đán',
    '2024-02-12': 'Tết Nguyên đán',
    '2024-02-13': 'Tết Nguyên đán',
    '2024-02-14': 'Tết Nguyên đán',
    '2024-04-29': 'Nghỉ hoán đổi',
    '2024-04-30': 'Ngày Chiến thắng',
    '2024-05-01': 'Quốc tế Lao động',
  },
  { '2024-05-04': 'Làm bù cho ngày 29/4/2024' },
);

/** Seed 001's rules. */
export const qxRules: ClashRules = {
  window: { start: '2023-08-03', endExclusive: '2023-08-25' },
  registrationDeadlineExclusive: '2023-08-01',
  notice: { leadWorkingDays: 2, convention: 'on-or-before' },
  resultsNotice: { workingDays: 5, countFrom: 'round' },
  teamReportDeadlineExclusive: '2023-08-30',
  visitsPerTeamPerDay: 2,
  severities: { ...defaultSeverities },
};

/** Seed 001's teams as far as clashes go (leader = secretary unit). */
export const qxTeams: TeamShape[] = [
  { number: 1, leaderUnitId: 'ca-huyen', secretaryUnitId: 'ca-huyen', memberUnitIds: ['vp-hdnd-ubnd', 'bhxh', 'chi-cuc-thue'] },
  { number: 2, leaderUnitId: 'p-vhtt', secretaryUnitId: 'p-vhtt', memberUnitIds: ['p-nnptnt', 'p-ldtbxh', 'bv-dk'] },
  { number: 3, leaderUnitId: 'p-tnmt', secretaryUnitId: 'p-tnmt', memberUnitIds: ['p-gddt', 'hoi-ccb', 'hoi-nd', 'ttyt', 'ldld'] },
  { number: 4, leaderUnitId: 'p-tckh', secretaryUnitId: 'p-tckh', memberUnitIds: ['vks', 'doan-tn', 'dien-luc', 'hoi-nd'] },
  { number: 5, leaderUnitId: 'p-tp', secretaryUnitId: 'p-tp', memberUnitIds: ['p-kt-ht', 'toa-an', 'hoi-lhpn', 'tt-vhtt-tt-dl'] },
];

export function world(overrides: Partial<ClashWorld> = {}): ClashWorld {
  return {
    rules: qxRules,
    calendar: vn,
    teams: new Map(qxTeams.map((t) => [t.number, t])),
    unitNames: new Map([
      ['bhxh', 'Bảo hiểm xã hội huyện'],
      ['hoi-nd', 'Hội Nông dân huyện'],
      ['p-tckh', 'Phòng Tài chính - Kế hoạch'],
    ]),
    today: '2023-07-20',
    ...overrides,
  };
}

const spans = { sang: [450, 690], chieu: [810, 1020], 'ca-ngay': [450, 1020] } as const;

export function slot(teamNumber: number, unitId: string, date: string, when: keyof typeof spans | [number, number] = 'sang', extra: Partial<Slot> = {}): Slot {
  const [startMinute, endMinute] = Array.isArray(when) ? when : spans[when];
  return {
    id: null,
    teamNumber,
    unitId,
    date,
    session: Array.isArray(when) ? 'custom' : when,
    startMinute,
    endMinute,
    status: 'registered',
    ...extra,
  };
}

/** POST a visit to seed 001 as the given role; returns the response. */
export async function registerVisit(test: Pick<TestApp, 'app' | 'as'>, role: Parameters<TestApp['as']>[0], body: Record<string, unknown>) {
  return test.app.inject({ method: 'POST', url: `/campaigns/${QX}/visits`, headers: test.as(role), payload: body });
}

export function codesOf(findings: readonly { code: string }[]): string[] {
  return [...new Set(findings.map((f) => f.code))].sort();
}

/** An extra token (e.g. the leader of another team) as request headers. */
export function headersFor(
  test: Pick<TestApp, 'services'>,
  role: Parameters<TestApp['as']>[0],
  scope: { teamNumber?: number; unitId?: string; campaignId?: string } = {},
): { authorization: string } {
  const { token } = test.services.auth.create(
    { role, label: `test ${role} ${scope.teamNumber ?? scope.unitId ?? ''}`.trim(), campaignId: QX, ...scope },
    systemActor('test'),
  );
  return { authorization: `Bearer ${token}` };
}
