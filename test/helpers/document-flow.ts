import { systemActor } from '../../src/auth/actor.js';
import type { VisitView } from '../../src/schedule/service.js';
import { QX, type TestApp } from './app.js';
import { checklistReason, sampleDraft } from './findings.js';

// Steps of a campaign that documents follow: registering visits (before the registration deadline),
// publishing a visit's conclusion as the team leader.

const office = systemActor('test');

/** Registers a visit while the clock reads 20/7/2023, then puts the clock back where it was. */
export function register(
  ctx: TestApp,
  teamNumber: number,
  unitId: string,
  date: string,
  session: 'sang' | 'chieu' | 'ca-ngay' = 'sang',
  campaignId = QX,
): VisitView {
  const saved = ctx.clock.now();
  ctx.clock.set('2023-07-20T02:00:00.000Z');
  try {
    return ctx.services.schedule.register(campaignId, { teamNumber, unitId, date, session }, office).visit;
  } finally {
    ctx.clock.set(saved);
  }
}

/** Local noon of a date in Asia/Ho_Chi_Minh. */
export const noonOf = (date: string) => `${date}T12:00:00+07:00`;

/** Drafts and publishes a visit's conclusion as team 01's leader (the clock must be on or after the visit). */
export async function publishConclusion(ctx: TestApp, visitId: number, draft: Partial<typeof sampleDraft> = {}, reason?: string): Promise<void> {
  const base = `/campaigns/${QX}/visits/${visitId}/conclusion`;
  const current = await ctx.app.inject({ method: 'GET', url: base, headers: ctx.as('leader') });
  const headers = current.statusCode === 200 ? { ...ctx.as('leader'), 'if-match': String(current.headers.etag) } : ctx.as('leader');
  const saved = await ctx.app.inject({ method: 'PUT', url: `${base}/draft`, headers, payload: { ...sampleDraft, ...draft } });
  if (saved.statusCode >= 300) throw new Error(`draft: ${saved.body}`);
  const done = await ctx.app.inject({
    method: 'POST',
    url: `${base}/publish`,
    headers: { ...ctx.as('leader'), 'if-match': String(saved.headers.etag) },
    payload: reason ? { reason, checklistReason } : { checklistReason },
  });
  if (done.statusCode !== 200) throw new Error(`publish: ${done.body}`);
}
