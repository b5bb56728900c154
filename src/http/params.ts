import { DateTime } from 'luxon';
import { z } from 'zod';

// Request primitives every module shares, defined once.

/** 'YYYY-MM-DD' that exists on the calendar (2023-02-30 does not). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD')
  .refine((value) => DateTime.fromISO(value, { zone: 'utc' }).isValid, 'ngày không tồn tại')
  .meta({ format: 'date', examples: ['2023-08-03'] });

export const campaignIdParam = z.object({
  campaignId: z.string().min(1).max(80).meta({ description: 'campaign id', examples: ['quang-xuong-2023'] }),
});
