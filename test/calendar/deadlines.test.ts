import t from 'tap';
import { deadlineOf } from '../../src/calendar/rules.js';
import { literalCalendar, vn } from '../helpers/schedule.js';

// Issue 15, item 10: "trước ngày X" whose last day is a day off is shown with the last working day before it.

t.test('a last day that is a working day stands as it is', async (t) => {
  t.same(deadlineOf(vn, '2023-08-01'), {
    before: '2023-08-01',
    lastDay: '2023-07-31',
    lastWorkingDay: '2023-07-31',
    lastDayIsWorkingDay: true,
    note: null,
  });
});

t.test('"trước ngày 20/5/2024": the last day is a Sunday, the last working day Friday 17/5', async (t) => {
  const deadline = deadlineOf(literalCalendar({}), '2024-05-20');
  t.match(deadline, { before: '2024-05-20', lastDay: '2024-05-19', lastWorkingDay: '2024-05-17', lastDayIsWorkingDay: false });
  t.equal(
    deadline.note?.vi,
    'Hạn "trước ngày 20/5/2024": ngày cuối cùng là Chủ nhật, ngày 19/5/2024, không phải ngày làm việc; ngày làm việc cuối cùng trước hạn là Thứ Sáu, ngày 17/5/2024',
  );
  t.equal(
    deadline.note?.en,
    'Deadline "before 2024-05-20": its last day, Sunday 2024-05-19, is not a working day; the last working day before it is Friday 2024-05-17',
  );
});

t.test('over a holiday: "trước ngày 02/5/2024" ends on 1/5, the last working day is Friday 26/4', async (t) => {
  t.match(deadlineOf(vn, '2024-05-02'), { lastDay: '2024-05-01', lastWorkingDay: '2024-04-26', lastDayIsWorkingDay: false });
  t.match(deadlineOf(vn, '2024-05-05'), { lastDay: '2024-05-04', lastWorkingDay: '2024-05-04', lastDayIsWorkingDay: true }, 'a make-up Saturday works');
});
