import t from 'tap';
import { emptyCalendar, listDays } from '../../src/calendar/rules.js';
import type { FreeResult, VisitView } from '../../src/schedule/schema.js';
import { buildBoard } from '../../src/web/leader/board.js';

// The board's view model, from literal answers of the schedule service: which cell is free, taken or
// blocked, and why; nothing here is decided by the board itself.

const calendar = {
  ...emptyCalendar(),
  daysOff: new Map([['2023-09-01', { name: 'Nghỉ lễ Quốc khánh', legalBasis: null, status: 'confirmed' as const, scope: 'national' as const }]]),
};
// Thursday 31/8 to Monday 4/9/2023: a working day, a day off, a weekend, a working Monday.
const days = listDays(calendar, '2023-08-31', '2023-09-04');
const slot = (date: string, session: 'sang' | 'chieu') => ({
  date,
  session,
  startTime: session === 'sang' ? '07:30' : '13:30',
  endTime: session === 'sang' ? '11:30' : '17:00',
});
const reason = (code: string, severity: 'error' | 'warning', vi: string) =>
  ({ code, severity, message: { vi, en: vi } }) as FreeResult['blocked'][number]['reasons'][number];

function freeResult(
  unitId: string,
  blocked: Record<string, ReturnType<typeof reason>[]>,
  warned: Record<string, ReturnType<typeof reason>[]> = {},
): FreeResult {
  const all = ['2023-08-31', '2023-09-04'].flatMap((date) => (['sang', 'chieu'] as const).map((session) => slot(date, session)));
  const key = (s: { date: string; session: string }) => `${s.date} ${s.session}`;
  return {
    teamNumber: 1,
    unitId,
    unitName: unitId,
    from: '2023-08-31',
    to: '2023-09-04',
    free: all
      .filter((s) => !blocked[key(s)])
      .map((s) => ({ ...s, warnings: (warned[key(s)] ?? []).map((r) => r.code) as never, reasons: warned[key(s)] ?? [] })),
    blocked: all.filter((s) => blocked[key(s)]).map((s) => ({ ...s, codes: blocked[key(s)]!.map((r) => r.code) as never, reasons: blocked[key(s)]! })),
  };
}

const visit = {
  id: 7,
  campaignId: 'c',
  teamNumber: 1,
  unitId: 'xa-a',
  unitName: 'Xã A',
  date: '2023-09-04',
  session: 'ca-ngay',
  startTime: '07:30',
  endTime: '17:00',
  status: 'registered',
} as VisitView;

t.test('cells: free, this team, blocked with its reasons, days off named', async (t) => {
  const { rows, reasons } = buildBoard({
    campaignId: 'c',
    teamNumber: 1,
    days,
    targets: [
      { unitId: 'xa-a', name: 'Xã A' },
      { unitId: 'xa-b', name: 'Xã B' },
    ],
    free: new Map([
      ['xa-a', freeResult('xa-a', {})],
      [
        'xa-b',
        freeResult(
          'xa-b',
          { '2023-08-31 chieu': [reason('TARGET_DOUBLE_BOOKED', 'error', 'Xã B đã có lịch làm việc với Đoàn 02')] },
          { '2023-08-31 sang': [reason('RESULTS_AFTER_REPORT_DEADLINE', 'warning', 'muộn')] },
        ),
      ],
    ]),
    visits: [visit],
    canRegister: true,
    moving: null,
  });
  const a = rows[0]!;
  t.same(
    a.days.map((d) => d.working),
    [true, false, false, false, true],
  );
  t.equal(a.days[1]!.offName, 'Nghỉ lễ Quốc khánh', 'a day off by its name');
  t.equal(a.days[2]!.offName, 'Thứ Bảy', 'a weekend day by its weekday');
  t.same(
    a.days[4]!.cells!.map((c) => c.kind),
    ['mine', 'mine'],
    'a whole-day visit fills both sessions',
  );
  t.equal(a.days[4]!.cells![0]!.href, '/dot/c/buoi/7');
  const b = rows[1]!;
  const [morning, afternoon] = b.days[0]!.cells!;
  t.equal(morning!.kind, 'free');
  t.ok(morning!.warn, 'a free session with a warning is marked');
  t.match(morning!.href!, /\/dot\/c\/doan\/1\/lich\/chon\?don_vi=xa-b&ngay=2023-08-31&buoi=sang$/);
  t.equal(afternoon!.kind, 'blocked');
  t.equal(afternoon!.href, '#ly-do-xa-b-2023-08-31-chieu');
  t.same(reasons, [
    {
      id: 'ly-do-xa-b-2023-08-31-chieu',
      date: '2023-08-31',
      session: 'chieu',
      unitName: 'Xã B',
      messages: [{ code: 'TARGET_DOUBLE_BOOKED', text: 'Xã B đã có lịch làm việc với Đoàn 02' }],
    },
  ]);
});

t.test('after the deadline: no registration offered, and the closed registration is not repeated per cell', async (t) => {
  const closed = [reason('REGISTRATION_CLOSED', 'error', 'Đã hết hạn đăng ký')];
  const { rows, reasons } = buildBoard({
    campaignId: 'c',
    teamNumber: 1,
    days,
    targets: [{ unitId: 'xa-b', name: 'Xã B' }],
    free: new Map([
      ['xa-b', freeResult('xa-b', { '2023-08-31 sang': closed, '2023-08-31 chieu': [...closed, reason('TARGET_DOUBLE_BOOKED', 'error', 'Xã B bận')] })],
    ]),
    visits: [],
    canRegister: false,
    moving: null,
  });
  const [morning, afternoon] = rows[0]!.days[0]!.cells!;
  t.equal(morning!.kind, 'closed');
  t.equal(morning!.href, null);
  t.equal(afternoon!.kind, 'blocked', 'a real clash still shows');
  t.same(
    reasons[0]!.messages.map((m) => m.code),
    ['TARGET_DOUBLE_BOOKED'],
  );
});

t.test('moving a visit: only its own row offers sessions, and they lead to the move', async (t) => {
  const { rows } = buildBoard({
    campaignId: 'c',
    teamNumber: 1,
    days,
    targets: [
      { unitId: 'xa-a', name: 'Xã A' },
      { unitId: 'xa-b', name: 'Xã B' },
    ],
    free: new Map([
      ['xa-a', freeResult('xa-a', {})],
      ['xa-b', freeResult('xa-b', {})],
    ]),
    visits: [visit],
    canRegister: true,
    moving: visit,
  });
  t.match(rows[0]!.days[0]!.cells![0]!.href!, /doi=7$/);
  t.equal(rows[0]!.days[4]!.cells![0]!.kind, 'moving');
  t.equal(rows[1]!.days[0]!.cells![0]!.kind, 'closed', 'another target offers nothing while moving');
});
