import t from 'tap';
import { emptyCalendar, type CalendarData, type DayNote } from '../../src/calendar/rules.js';
import { effectiveDueDate, nextVersion, overdueness, publishKind, refusal } from '../../src/findings/conclusions/rules.js';

const note: DayNote = { name: 'Quốc khánh', legalBasis: null, status: 'confirmed', scope: 'national' };
// 2023: National Day off 1–4 September (Friday 1 to Monday 4).
const calendar: CalendarData = {
  ...emptyCalendar(),
  daysOff: new Map(['2023-09-01', '2023-09-04'].map((d) => [d, note])),
};

t.test('a due date on a day off moves to the next working day (BLDS 2015, Điều 148.5)', async (t) => {
  t.equal(effectiveDueDate(calendar, '2023-08-31'), '2023-08-31', 'a Thursday stays');
  t.equal(effectiveDueDate(calendar, '2023-09-01'), '2023-09-05', 'holiday Friday → Tuesday after the long weekend');
  t.equal(effectiveDueDate(calendar, '2023-09-02'), '2023-09-05', 'Saturday');
});

t.test('open and past the effective due date is overdue; done never is', async (t) => {
  t.same(overdueness(calendar, { status: 'open', dueDate: '2023-09-01' }, '2023-09-05'), {
    overdue: false,
    workingDaysLate: 0,
    effectiveDueDate: '2023-09-05',
  });
  t.same(overdueness(calendar, { status: 'open', dueDate: '2023-09-01' }, '2023-09-06'), {
    overdue: true,
    workingDaysLate: 1,
    effectiveDueDate: '2023-09-05',
  });
  t.equal(overdueness(calendar, { status: 'open', dueDate: '2023-08-31' }, '2023-09-05').workingDaysLate, 1, 'the holiday is not counted');
  t.equal(overdueness(calendar, { status: 'done', dueDate: '2023-08-01' }, '2023-12-31').overdue, false);
  t.equal(
    overdueness(calendar, { status: 'in-progress', dueDate: '2023-08-01' }, '2023-08-03').overdue,
    true,
    'in progress past its due date is still overdue',
  );
});

t.test('steps allowed from each state', async (t) => {
  t.equal(refusal(null, 'draft'), null);
  t.match(refusal(null, 'publish'), /dự thảo/);
  t.match(refusal(null, 'withdraw'), /thu hồi/);
  const draft = { state: 'draft' as const, publishedVersion: null, draftVersion: 1 };
  t.equal(refusal(draft, 'publish'), null);
  t.match(refusal(draft, 'withdraw'), /đã ban hành/);
  const published = { state: 'published' as const, publishedVersion: 1, draftVersion: null };
  t.equal(refusal(published, 'withdraw'), null);
  t.match(refusal(published, 'publish'), /dự thảo/);
  t.match(refusal(published, 'discard'), /dự thảo/);
  t.equal(publishKind({ ...published, draftVersion: 2 }), 'amended');
  t.equal(publishKind(draft), 'published');
  t.equal(publishKind({ state: 'withdrawn', publishedVersion: null, draftVersion: 3 }), 'published', 'republishing after a withdrawal');
  t.equal(nextVersion([]), 1);
  t.equal(nextVersion([1, 3, 2]), 4);
});
