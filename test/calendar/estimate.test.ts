import t from 'tap';
import { estimateYear } from '../../src/calendar/estimate.js';
import { isoWeekday } from '../../src/calendar/rules.js';
import { REFERENCE, SWAPPED_OFF } from '../helpers/calendar.js';

t.test('the estimate rules reproduce every published day off of 2023–2026 except the swaps', async (t) => {
  for (const [year, { off }] of Object.entries(REFERENCE)) {
    const expected = off.filter((d) => !SWAPPED_OFF[Number(year)]!.includes(d)).map((d) => `${year}-${d}`);
    t.same(
      estimateYear(Number(year)).map((d) => d.date),
      expected,
      `${year}`,
    );
  }
});

t.test('2027: Tết Đinh Mùi (mùng 1 on Saturday 6/2) gets five weekdays around it', async (t) => {
  const days = estimateYear(2027);
  const tet = days.filter((d) => d.holiday === 'tet');
  t.same(
    tet.map((d) => [d.date, d.substitute]),
    [
      ['2027-02-04', true],
      ['2027-02-05', false],
      ['2027-02-08', false],
      ['2027-02-09', false],
      ['2027-02-10', true],
    ],
  );
  t.equal(tet[0]!.name, 'Nghỉ Tết Nguyên đán Đinh Mùi');
  t.same(
    days.find((d) => d.holiday === 'hung-kings'),
    { date: '2027-04-16', name: 'Giỗ Tổ Hùng Vương', holiday: 'hung-kings', substitute: false },
  );
  t.same(
    days.find((d) => d.holiday === 'labour-day'),
    { date: '2027-05-03', name: 'Nghỉ bù Ngày Quốc tế Lao động', holiday: 'labour-day', substitute: true },
  );
  t.same(
    days.filter((d) => d.holiday === 'national-day').map((d) => d.date),
    ['2027-09-02', '2027-09-03'],
  );
});

t.test('every estimated year has five Tết weekdays and only weekdays', async (t) => {
  for (let year = 2000; year <= 2099; year += 1) {
    const days = estimateYear(year);
    t.equal(days.filter((d) => d.holiday === 'tet').length, 5, `${year}: five weekdays of Tết`);
    t.ok(
      days.every((d) => isoWeekday(d.date) <= 5),
      `${year}: weekdays only`,
    );
    t.equal(new Set(days.map((d) => d.date)).size, days.length, `${year}: no date twice`);
    t.equal(days.filter((d) => d.holiday === 'national-day').length, 2, `${year}: two days for Quốc khánh`);
  }
});

t.test('past practice the rules were drawn from', async (t) => {
  // 2018: Tết on Friday 16/2, break Wednesday 14/2 – Tuesday 20/2; 2020: Tết on Saturday 25/1, break
  // Thursday 23/1 – Wednesday 29/1; 2022: Tết on Tuesday 1/2, break Monday 31/1 – Friday 4/2.
  const tet = (year: number) =>
    estimateYear(year)
      .filter((d) => d.holiday === 'tet')
      .map((d) => d.date);
  t.same(tet(2018), ['2018-02-14', '2018-02-15', '2018-02-16', '2018-02-19', '2018-02-20']);
  t.same(tet(2020), ['2020-01-23', '2020-01-24', '2020-01-27', '2020-01-28', '2020-01-29']);
  t.same(tet(2022), ['2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04']);
  // 2/9/2022 was a Friday: 1/9 (Thursday) was the day next to it.
  t.same(
    estimateYear(2022)
      .filter((d) => d.holiday === 'national-day')
      .map((d) => d.date),
    ['2022-09-01', '2022-09-02'],
  );
});
