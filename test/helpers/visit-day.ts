import { systemActor } from '../../src/auth/actor.js';
import { addDays } from '../../src/calendar/rules.js';
import type { VisitView } from '../../src/schedule/schema.js';
import type { WebApp } from './browser.js';
import { invite } from './browser.js';
import { WebClient } from './web-client.js';

// Steps of the visit day on the rehearsal campaign, for page tests: a visit registered in a free
// session, announced by a notice, and the clock on the day it takes place.

const actor = systemActor('test');

/** The first free morning or afternoon of the window for the team at the unit. */
export function freeSlot(web: WebApp, unitId: string, teamNumber = 1, skip = 0): { date: string; session: 'sang' | 'chieu' } {
  const rules = web.services.campaigns.rules(web.rehearsal);
  const free = web.services.schedule.freeSessions(web.rehearsal, {
    team: teamNumber,
    unit: unitId,
    from: rules.window.start,
    to: addDays(rules.window.endExclusive, -1),
  }).free;
  const slot = free.filter((s) => s.session === 'sang' || s.session === 'chieu')[skip];
  if (!slot) throw new Error(`no free session for ${unitId}`);
  return { date: slot.date, session: slot.session as 'sang' | 'chieu' };
}

/** Registered in the first free session and announced by a notice; the clock does not move. */
export function announcedVisit(web: WebApp, unitId: string, teamNumber = 1): VisitView {
  const slot = freeSlot(web, unitId, teamNumber);
  const { visit } = web.services.schedule.register(web.rehearsal, { teamNumber, unitId, ...slot }, actor);
  web.services.documents.issueNotice(web.rehearsal, teamNumber, { visitIds: [visit.id] }, actor);
  return web.services.schedule.get(web.rehearsal, visit.id);
}

/** The clock at 09:00 (Hà Nội) of the visit's day: the team can work and conclude. */
export function onItsDay(web: WebApp, visit: VisitView): void {
  web.clock.set(`${visit.date}T02:00:00.000Z`);
}

/** Registered, notified, and the clock on its day. */
export function visitOnItsDay(web: WebApp, unitId: string, teamNumber = 1): VisitView {
  const visit = announcedVisit(web, unitId, teamNumber);
  onItsDay(web, visit);
  return visit;
}

/** An HTTP client signed in as a new person of the rehearsal campaign. */
export async function signedIn(web: WebApp, person: Parameters<typeof invite>[2]): Promise<WebClient> {
  const client = new WebClient(web.url);
  const signedIn = await client.signIn(new URL(invite(web, web.rehearsal, person).link).pathname);
  if (signedIn.status !== 303) throw new Error(`sign-in answered ${signedIn.status}`);
  return client;
}
