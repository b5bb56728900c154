import { z } from 'zod';

// Path parameters shared by every module.

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
