import { DateTime } from 'luxon';
import { z } from 'zod';

// Request primitives every module shares, defined once.

/** 'YYYY-MM-DD' that exists on the calendar (2023-02-30 does not). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD')
  .refine((value) => DateTime.fromISO(value, { zone: 'utc' }).isValid, 'ngày không tồn tại')
  .meta({ format: 'date', examples: ['2023-08-03'] });

/** A local time of day, 'HH:mm' (00:00–23:59), in the campaign's time zone. */
export const localTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'giờ phải có dạng HH:mm (00:00–23:59)')
  .meta({ id: 'LocalTime', description: 'local time HH:mm in the campaign time zone', examples: ['07:30'] });

export const campaignIdParam = z.object({
  campaignId: z.string().min(1).max(80).meta({ description: 'campaign id', examples: ['quang-xuong-2023'] }),
});
