import t from 'tap';
import { dateRangeText, documentDate, localToday, placeDateLine, sessionName, shortDate, weekdayDate, weekdayName } from '../../src/text/dates.js';

t.test('document dates: leading zero on days below 10, on the month only for January and February', async (t) => {
  t.equal(documentDate('2024-01-05'), 'ngày 05 tháng 01 năm 2024');
  t.equal(documentDate('2023-07-28'), 'ngày 28 tháng 7 năm 2023');
  t.equal(documentDate('2024-02-09'), 'ngày 09 tháng 02 năm 2024');
  t.equal(documentDate('2023-03-01'), 'ngày 01 tháng 3 năm 2023');
  t.equal(documentDate('2023-12-10'), 'ngày 10 tháng 12 năm 2023');
  t.equal(documentDate('2023-10-31'), 'ngày 31 tháng 10 năm 2023');
});

t.test('place and date line under the header', async (t) => {
  t.equal(placeDateLine('Quảng Xương', '2023-07-28'), 'Quảng Xương, ngày 28 tháng 7 năm 2023');
});

t.test('weekday names and short dates', async (t) => {
  t.equal(weekdayDate('2023-08-03'), 'Thứ Năm, ngày 03/8/2023');
  t.equal(weekdayDate('2024-01-07'), 'Chủ nhật, ngày 07/01/2024');
  t.equal(shortDate('2024-02-29'), '29/02/2024');
  const week = ['2023-07-31', '2023-08-01', '2023-08-02', '2023-08-03', '2023-08-04', '2023-08-05', '2023-08-06'].map(weekdayName);
  t.same(week, ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật']);
  t.equal(dateRangeText('2023-08-03', '2023-08-24'), 'từ ngày 03/8/2023 đến ngày 24/8/2023');
  t.equal(dateRangeText('2023-08-03', '2023-08-03'), 'ngày 03/8/2023');
  for (const text of [...week, documentDate('2024-01-05')]) t.equal(text, text.normalize('NFC'));
});

t.test('sessions', async (t) => {
  t.equal(sessionName('sang'), 'sáng');
  t.equal(sessionName('chieu'), 'chiều');
  t.equal(sessionName('ca-ngay'), 'cả ngày');
  t.equal(sessionName('custom'), 'custom');
});

t.test('local today in Vietnam', async (t) => {
  t.equal(localToday(new Date('2023-07-31T16:59:59Z'), 'Asia/Ho_Chi_Minh'), '2023-07-31');
  t.equal(localToday(new Date('2023-07-31T17:00:00Z'), 'Asia/Ho_Chi_Minh'), '2023-08-01', 'midnight in Hà Nội is 17:00 UTC');
  t.equal(localToday(new Date('2023-07-31T17:00:00Z'), 'UTC'), '2023-07-31');
  t.throws(() => localToday(new Date(), 'Mars/Olympus'), RangeError);
});

t.test('impossible dates are refused', async (t) => {
  t.throws(() => documentDate('2023-02-30'), RangeError);
  t.throws(() => weekdayName('2023-8-3'), RangeError);
});
