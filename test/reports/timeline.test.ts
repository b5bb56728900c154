import t from 'tap';
import type { DayStatus } from '../../src/calendar/rules.js';
import { buildTimeline, paginate, type TimelineVisit } from '../../src/reports/timeline.js';

// The timeline's geometry, pure: rows fit their names (a name too long for the widest column ends
// with "…" and keeps its whole text for the tooltip), visits sit in their half-day, days off are narrow,
// deadlines are lines, and pages of rows keep their bars.

const day = (date: string, weekday: number, working = true): DayStatus =>
  ({ date, weekday, working, reason: working ? 'working' : 'weekend', note: null, yearConfirmed: true }) as DayStatus;
const days = [day('2023-08-03', 4), day('2023-08-04', 5), day('2023-08-05', 6, false), day('2023-08-06', 7, false), day('2023-08-07', 1)];

const visit = (id: number, teamNumber: number, date: string, session: string, status = 'registered'): TimelineVisit => ({
  id,
  teamNumber,
  teamName: `Đoàn kiểm tra số 0${teamNumber}`,
  unitId: `u${id}`,
  unitName: `Đơn vị ${id}`,
  date,
  session,
  startTime: session === 'chieu' ? '14:00' : '08:00',
  endTime: session === 'sang' ? '11:30' : '17:00',
  status,
  overridden: false,
});

t.test('row names are whole when they fit, and end with an ellipsis (whole in the tooltip) when they cannot', async (t) => {
  const long = 'Đoàn 04 · Phòng Nông nghiệp và Phát triển nông thôn huyện Quảng Xương tỉnh Thanh Hóa';
  const model = buildTimeline({
    title: 'Toàn cảnh',
    by: 'team',
    days,
    rows: [
      { key: '2', label: 'Đoàn 02 · Phòng Văn hóa - Thông tin' },
      { key: '4', label: long },
    ],
    visits: [visit(1, 2, '2023-08-03', 'sang'), visit(2, 2, '2023-08-07', 'chieu', 'concluded')],
    clashing: new Set(),
    deadlines: [{ date: '2023-08-04', label: 'Hạn đăng ký lịch' }],
  });
  t.same(model.rows[0], { ...model.rows[0], text: 'Đoàn 02 · Phòng Văn hóa - Thông tin', cut: false }, 'a name that fits is printed whole');
  t.ok(model.labelWidth >= 12 + 'Đoàn 02 · Phòng Văn hóa - Thông tin'.length * 6, 'and its column is wide enough for it');
  t.ok(model.rows[1]!.cut, 'a name too long is cut');
  t.match(model.rows[1]!.text, /^Đoàn 04 · Phòng Nông nghiệp.*…$/);
  t.ok(model.rows[1]!.text.length < long.length);
  t.equal(model.rows[1]!.label, long, 'and keeps its whole text for the tooltip');

  const [morning, afternoon] = model.bars;
  const thursday = model.columns[0]!;
  const monday = model.columns.at(-1)!;
  t.equal(morning!.x, thursday.x + 1, 'a morning takes the left half of its day');
  t.equal(afternoon!.x, monday.x + monday.width / 2, 'an afternoon the right half');
  t.equal(afternoon!.letter, 'L', 'the status as a letter, not colour alone');
  t.ok(model.columns[2]!.width < thursday.width, 'days off are narrow');
  t.equal(model.lines[0]!.x, model.columns[1]!.x + model.columns[1]!.width - 1, 'a deadline is drawn at the end of its day');
});

t.test('pages of rows keep their bars on the right page', async (t) => {
  const model = buildTimeline({
    title: 'Toàn cảnh',
    by: 'team',
    days,
    rows: [1, 2, 3].map((n) => ({ key: String(n), label: `Đoàn 0${n}` })),
    visits: [visit(1, 1, '2023-08-03', 'sang'), visit(3, 3, '2023-08-04', 'ca-ngay')],
    clashing: new Set([3]),
    deadlines: [],
  });
  const pages = paginate(model, 2);
  t.equal(pages.length, 2);
  t.same(
    pages.map((p) => p.bars.length),
    [1, 1],
  );
  t.equal(pages[1]!.bars[0]!.letter, '✗', 'a clash is marked on its bar');
  t.equal(pages[1]!.bars[0]!.y, model.headerHeight + 3, 'the second page starts its rows at the top');
});
