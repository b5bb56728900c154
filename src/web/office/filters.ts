import { z } from 'zod';
import { fieldErrors, ValidationFailed } from '../../http/errors.js';

// The filters of the office's pages, named in Vietnamese in the address (?doan=2&trang=3). A value
// that is not one of the filter's values is a 400 page naming the filter, never an empty answer.

const number = (max: number) =>
  z
    .string()
    .regex(/^[1-9]\d*$/, 'phải là một số nguyên dương')
    .transform(Number)
    .pipe(z.number().max(max, `không lớn hơn ${max}`));
const blankIsAbsent = (value: unknown) => (value === '' ? undefined : value);

export const dashboardFilters = z.object({
  doan: z.preprocess(blankIsAbsent, number(999).optional()),
  trang: z.preprocess(blankIsAbsent, number(100_000).default(1)),
});

export const exportFilters = z.object({
  doan: z.preprocess(blankIsAbsent, number(999).optional()),
  trang_thai: z.preprocess(
    blankIsAbsent,
    z
      .enum(['registered', 'notified', 'carried-out', 'concluded', 'cancelled', 'open', 'in-progress', 'done'], {
        error: 'giá trị này không có trong danh sách trạng thái',
      })
      .optional(),
  ),
  qua_han: z.preprocess(blankIsAbsent, z.enum(['co', 'khong'], { error: 'chỉ nhận co hoặc khong' }).optional()),
  theo: z.preprocess(blankIsAbsent, z.enum(['doan', 'don-vi'], { error: 'chỉ nhận doan hoặc don-vi' }).default('doan')),
});

/** The query read with a filter shape; the first wrong filter is named in a 400. */
export function readFilters<S extends z.ZodType>(shape: S, query: unknown): z.output<S> {
  const parsed = shape.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = issue.path.map(String).join('.');
  const value = (query as Record<string, unknown>)[name];
  const message = `bộ lọc "${name}" không nhận giá trị "${String(value)}": ${issue.message}`;
  throw fieldErrors(ValidationFailed, `Bộ lọc không hợp lệ: ${message}`, [{ in: 'querystring', field: name, message }]);
}
