// The Vietnamese lunisolar calendar, by Hồ Ngọc Đức's astronomical algorithm ("Âm lịch Việt Nam",
// after Jean Meeus, Astronomical Algorithms): months begin on the local day of the new moon and the
// 11th month contains the winter solstice, both computed for UTC+7. Vietnam's calendar uses UTC+7 and
// China's UTC+8, so the two differ when a new moon falls between 16:00 and 17:00 UTC: Tết 2030 is
// 2 February in Vietnam (the new moon is at about 23:08 on 2 February in Hà Nội, 00:08 on the 3rd in
// Beijing), a day before the Chinese New Year.

export const VIETNAM_TIME_ZONE = 7;

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  /** The date lies in a leap month (tháng nhuận), which repeats the number of the month before it. */
  leap: boolean;
}

const { floor, sin, PI } = Math;
const SYNODIC_MONTH = 29.530588853;
const NEW_MOON_EPOCH = 2415021.076998695; // Julian day of the new moon of 1 January 1900

/** Julian day number of a Gregorian date (Julian calendar before 15 October 1582). */
export function jdFromDate(dd: number, mm: number, yy: number): number {
  const a = floor((14 - mm) / 12);
  const y = yy + 4800 - a;
  const m = mm + 12 * a - 3;
  let jd = dd + floor((153 * m + 2) / 5) + 365 * y + floor(y / 4) - floor(y / 100) + floor(y / 400) - 32045;
  if (jd < 2299161) jd = dd + floor((153 * m + 2) / 5) + 365 * y + floor(y / 4) - 32083;
  return jd;
}

export function jdToDate(jd: number): [day: number, month: number, year: number] {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = floor((4 * a + 3) / 146097);
    c = a - floor((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = floor((4 * c + 3) / 1461);
  const e = c - floor((1461 * d) / 4);
  const m = floor((5 * e + 2) / 153);
  return [e - floor((153 * m + 2) / 5) + 1, m + 3 - 12 * floor(m / 10), b * 100 + d - 4800 + floor(m / 10)];
}

/** Julian day (with fraction, UTC) of the k-th new moon after 1 January 1900 (Meeus, ch. 49). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let c1 = (0.1734 - 0.000393 * T) * sin(M * dr) + 0.0021 * sin(2 * dr * M);
  c1 += -0.4068 * sin(Mpr * dr) + 0.0161 * sin(dr * 2 * Mpr);
  c1 += -0.0004 * sin(dr * 3 * Mpr);
  c1 += 0.0104 * sin(dr * 2 * F) - 0.0051 * sin(dr * (M + Mpr));
  c1 += -0.0074 * sin(dr * (M - Mpr)) + 0.0004 * sin(dr * (2 * F + M));
  c1 += -0.0004 * sin(dr * (2 * F - M)) - 0.0006 * sin(dr * (2 * F + Mpr));
  c1 += 0.001 * sin(dr * (2 * F - Mpr)) + 0.0005 * sin(dr * (2 * Mpr + M));
  const deltaT = T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** Local day number on which the k-th new moon falls. */
function newMoonDay(k: number, tz: number): number {
  return floor(newMoon(k) + 0.5 + tz / 24);
}

/** The sun's apparent longitude in radians, [0, 2π), at a Julian day (with fraction). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * sin(dr * M);
  DL += (0.019993 - 0.000101 * T) * sin(dr * 2 * M) + 0.00029 * sin(dr * 3 * M);
  const L = (L0 + DL) * dr;
  return L - PI * 2 * floor(L / (PI * 2));
}

/** Which of the 12 thirty-degree sectors (0 = spring equinox) the sun is in at local midnight ending a day. */
function sunSector(dayNumber: number, tz: number): number {
  return floor((sunLongitude(dayNumber - 0.5 - tz / 24) / PI) * 6);
}

/** Day number of the first day of the 11th lunar month of a Gregorian year (it holds the solstice). */
function lunarMonth11(yy: number, tz: number): number {
  const off = jdFromDate(31, 12, yy) - 2415021;
  const k = floor(off / SYNODIC_MONTH);
  const nm = newMoonDay(k, tz);
  return sunSector(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm;
}

/** In a 13-month year starting at a11, the offset of the leap month: the first with no major solar term. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    last = arc;
    i += 1;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

function isoOf([d, m, y]: [number, number, number]): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function solarToLunar(iso: string, tz = VIETNAM_TIME_ZONE): LunarDate {
  const [yy, mm, dd] = iso.split('-').map(Number) as [number, number, number];
  const dayNumber = jdFromDate(dd, mm, yy);
  const k = floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  // The published algorithm steps back once; a day just before a new moon that comes early against the
  // mean month (7/5/2054) needs a second step, or it gets day 0.
  let j = k + 1;
  let monthStart = newMoonDay(j, tz);
  while (monthStart > dayNumber) {
    j -= 1;
    monthStart = newMoonDay(j, tz);
  }
  let a11 = lunarMonth11(yy, tz);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = yy;
    a11 = lunarMonth11(yy - 1, tz);
  } else {
    year = yy + 1;
    b11 = lunarMonth11(yy + 1, tz);
  }
  const day = dayNumber - monthStart + 1;
  const diff = floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { day, month, year, leap };
}

/** The Gregorian date of a lunar date; null for a leap month that year does not have. */
export function lunarToSolar(lunar: LunarDate, tz = VIETNAM_TIME_ZONE): string | null {
  const { day, month, year, leap } = lunar;
  const [a11, b11] = month < 11 ? [lunarMonth11(year - 1, tz), lunarMonth11(year, tz)] : [lunarMonth11(year, tz), lunarMonth11(year + 1, tz)];
  const k = floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  return isoOf(jdToDate(newMoonDay(k + off, tz) + day - 1));
}

/** Mùng 1 Tết (first day of the first lunar month) of a lunar year, as a Gregorian date. */
export function lunarNewYear(year: number, tz = VIETNAM_TIME_ZONE): string {
  return lunarToSolar({ day: 1, month: 1, year, leap: false }, tz)!;
}

/** Giỗ Tổ Hùng Vương: the 10th day of the (non-leap) third lunar month. */
export function hungKingsDay(year: number, tz = VIETNAM_TIME_ZONE): string {
  return lunarToSolar({ day: 10, month: 3, year, leap: false }, tz)!;
}

const STEMS = ['Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ', 'Canh', 'Tân', 'Nhâm', 'Quý'];
const BRANCHES = ['Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi', 'Thân', 'Dậu', 'Tuất', 'Hợi'];

/** The sexagenary name of a lunar year: 2023 = "Quý Mão", 2026 = "Bính Ngọ". */
export function yearName(year: number): string {
  return `${STEMS[(((year + 6) % 10) + 10) % 10]} ${BRANCHES[(((year + 8) % 12) + 12) % 12]}`;
}
