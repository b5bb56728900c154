import { z } from 'zod';
import { conclusionStates, feedEventTypes } from '../tables.js';

export const feedQuery = z.object({
  since: z.string().max(64).optional().describe('opaque cursor from the previous page (nextCursor); absent or empty = from the first event ever written'),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('events per page (1–500, default 50)'),
  wait: z.coerce.number().int().min(0).max(30).default(0).describe('long polling: seconds to hold the request open when there is nothing new (0–30)'),
});

export const feedEvent = z
  .object({
    cursor: z.string().describe('cursor of this event: resume after it with since=cursor'),
    type: z.enum(feedEventTypes),
    at: z.string().describe('ISO-8601 instant of the change'),
    by: z.string().describe('who made the change'),
    campaignId: z.string(),
    visitId: z.number().int(),
    teamNumber: z.number().int(),
    unitId: z.string(),
    version: z.number().int().nullable().describe('conclusion version published, amended or withdrawn'),
    recommendationId: z.number().int().nullable(),
    status: z.string().nullable().describe('new recommendation status (open, in-progress, done)'),
    reason: z.string().nullable().describe('amendment or withdrawal reason, or the note of a status change or an answer'),
    unit: z.object({ id: z.string(), name: z.string().nullable() }).describe('the inspected unit'),
    team: z.object({ number: z.number().int(), name: z.string().nullable() }),
    conclusion: z
      .object({
        state: z.enum(conclusionStates).nullable().describe("the conclusion's state after the event"),
        version: z.number().int().nullable(),
        summary: z
          .object({
            achieved: z.string().describe('the start of "kết quả đạt được"'),
            shortcomings: z.string().describe('the start of "tồn tại, hạn chế"'),
            recommendations: z.object({ total: z.number().int(), open: z.number().int() }),
          })
          .nullable()
          .describe('of the version in force after the event; null once withdrawn'),
      })
      .describe('as it was when the event happened (null members for events written before the feed carried them)'),
    recommendation: z
      .object({
        id: z.number().int(),
        text: z.string(),
        responsibleUnitId: z.string(),
        responsibleUnitName: z.string(),
        dueDate: z.iso.date(),
        status: z.string().nullable(),
      })
      .nullable()
      .describe('for recommendation.status-changed'),
    links: z.object({
      visit: z.string(),
      conclusion: z.string(),
      conclusionVersion: z.string().nullable(),
      checklist: z.string(),
      progress: z.string().describe("the unit's line in the progress report"),
      recommendation: z.string().nullable().describe("PATCH here to change the recommendation's status"),
    }),
  })
  .meta({ id: 'FeedEvent' });

export const feedPage = z
  .object({
    campaignId: z.string(),
    events: z.array(feedEvent),
    nextCursor: z.string().describe('send as since on the next poll (equal to since when the page is empty)'),
    hasMore: z.boolean().describe('true when more events are already waiting: poll again at once'),
    latestCursor: z.string().describe('cursor of the newest event of the campaign'),
    pollIntervalSeconds: z.number().int().describe('same as the X-Poll-Interval header'),
  })
  .meta({ id: 'FeedPage' });

export type FeedQuery = z.infer<typeof feedQuery>;
export type FeedEvent = z.infer<typeof feedEvent>;
export type FeedPage = z.infer<typeof feedPage>;
