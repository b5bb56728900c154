import fc from 'fast-check';
import t from 'tap';
import { hungKingsDay, lunarNewYear, lunarToSolar, solarToLunar, yearName } from '../../src/calendar/lunar.js';
import { addDays } from '../../src/calendar/rules.js';

// shared/reference/calendar-vn.md: Tết and Giỗ Tổ in the Vietnamese calendar (UTC+7).
const TET: Record<number, string> = {
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-02',
};
const HUNG_KINGS: Record<number, string> = {
  2023: '2023-04-29',
  2024: '2024-04-18',
  2025: '2025-04-07',
  2026: '2026-04-26',
  2027: '2027-04-16',
  2028: '2028-04-04',
  2029: '2029-04-23',
  2030: '2030-04-12',
};

t.test('Tết and Giỗ Tổ 2023–2030 match the reference', async (t) => {
  for (const [year, date] of Object.entries(TET)) t.equal(lunarNewYear(Number(year)), date, `Tết ${year}`);
  for (const [year, date] of Object.entries(HUNG_KINGS)) t.equal(hungKingsDay(Number(year)), date, `Giỗ Tổ ${year}`);
});

t.test('2030: Vietnam (UTC+7) celebrates Tết on 2 February, China (UTC+8) on the 3rd', async (t) => {
  t.equal(lunarNewYear(2030), '2030-02-02');
  t.equal(lunarNewYear(2030, 8), '2030-02-03', 'the same algorithm for Beijing time gives the Chinese date');
  t.same(solarToLunar('2030-02-02'), { day: 1, month: 1, year: 2030, leap: false });
  t.same(solarToLunar('2030-02-01'), { day: 29, month: 12, year: 2029, leap: false }, 'a short (29-day) twelfth month');
});

t.test('lunar dates of known days', async (t) => {
  t.same(solarToLunar('2023-01-20'), { day: 29, month: 12, year: 2022, leap: false }, '20/1/2023 was 29 tháng Chạp');
  t.same(solarToLunar('2026-02-14'), { day: 27, month: 12, year: 2025, leap: false }, '14/2/2026 was 27 tháng Chạp Ất Tỵ');
  t.same(solarToLunar('2026-02-22'), { day: 6, month: 1, year: 2026, leap: false }, '22/2/2026 was mùng 6 tháng Giêng');
  t.same(solarToLunar('2023-03-22'), { day: 1, month: 2, year: 2023, leap: true }, '2023 had a leap second month');
  t.same(solarToLunar('2025-07-25'), { day: 1, month: 6, year: 2025, leap: true }, '2025 had a leap sixth month');
  t.equal(lunarToSolar({ day: 1, month: 5, year: 2025, leap: true }), null, 'no leap fifth month in 2025');
  t.equal(lunarToSolar({ day: 1, month: 6, year: 2024, leap: true }), null, 'no leap month at all in 2024');
  t.same(solarToLunar('2054-05-07'), { day: 30, month: 3, year: 2054, leap: false }, 'the eve of an early new moon is day 30, not day 0');
});

t.test('solar → lunar → solar round-trips over random days of 1950–2099', async (t) => {
  const day = fc.integer({ min: 0, max: 150 * 365 }).map((offset) => addDays('1950-01-01', offset));
  fc.assert(
    fc.property(day, (iso) => {
      const lunar = solarToLunar(iso);
      return lunarToSolar(lunar) === iso && lunar.day >= 1 && lunar.day <= 30 && lunar.month >= 1 && lunar.month <= 12;
    }),
    { numRuns: 3000 },
  );
  t.pass();
});

t.test('Tết falls between 21 January and 20 February', async (t) => {
  for (let year = 1950; year <= 2099; year += 1) {
    const tet = lunarNewYear(year);
    t.ok(tet >= `${year}-01-21` && tet <= `${year}-02-20`, `${year}: ${tet}`);
  }
});

t.test('year names', async (t) => {
  t.equal(yearName(2023), 'Quý Mão');
  t.equal(yearName(2024), 'Giáp Thìn');
  t.equal(yearName(2026), 'Bính Ngọ');
  t.equal(yearName(2027), 'Đinh Mùi');
});
