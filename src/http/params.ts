import { DateTime } from 'luxon';
import { z } from 'zod';
import { ESTIMATE_YEARS } from '../calendar/rules.js';

// Request primitives every module shares, defined once.

/** The largest numeric id a path accepts: a signed 32-bit integer, which every client type holds. */
export const ID_MAX = 2 ** 31 - 1;

/**
 * A number in a path, spelled as decimal digits without sign, spaces or leading zeros: `0x10`,
 * `1e1`, `+1`, `1.0`, ` 1` and `010` are refused (400 naming the parameter) rather than read as
 * some other number, so a typo can never reach, or revoke, a record the caller did not name.
 */
export function pathNumber(min: number, max: number) {
  return z
    .string()
    .regex(/^(0|[1-9][0-9]*)$/, 'phải là số nguyên viết bằng chữ số thập phân, không dấu, không khoảng trắng, không số 0 ở đầu')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .meta({ type: 'integer', minimum: min, maximum: max, pattern: undefined } as Record<string, unknown>);
}

/** A record id in a path (visit, document, token, evidence…): 1 … ID_MAX. */
export const pathId = pathNumber(1, ID_MAX);

/**
 * 'YYYY-MM-DD' that exists on the calendar (2023-02-30 does not), in a year whose working days the
 * calendar knows: deadlines counted from 9999-12-31 would run past the last ISO date.
 */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD')
  .refine((value) => DateTime.fromISO(value, { zone: 'utc' }).isValid, 'ngày không tồn tại')
  .refine((value) => {
    const year = Number(value.slice(0, 4));
    return year >= ESTIMATE_YEARS.from && year <= ESTIMATE_YEARS.to;
  }, `năm phải từ ${ESTIMATE_YEARS.from} đến ${ESTIMATE_YEARS.to}`)
  .meta({ format: 'date', examples: ['2023-08-03'] });

/** A local time of day, 'HH:mm' (00:00–23:59), in the campaign's time zone. */
export const localTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'giờ phải có dạng HH:mm (00:00–23:59)')
  .meta({ id: 'LocalTime', description: 'local time HH:mm in the campaign time zone', examples: ['07:30'] });

export const campaignIdParam = z.object({
  campaignId: z
    .string()
    .min(1)
    .max(80)
    .meta({ description: 'campaign id', examples: ['quang-xuong-2023'] }),
});
