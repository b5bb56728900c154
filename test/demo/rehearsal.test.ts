import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { addWorkingDays, workingDaysLeft } from '../../src/calendar/rules.js';
import { ensureRehearsal } from '../../src/demo/rehearsal.js';
import { buildTestApp, QX, testClock } from '../helpers/app.js';

// The rehearsal works on the day it is tried: its registration is open today, its dates follow the
// working-day calendar, it is labelled, its sample visits clash where the board says, and a later
// start makes a new one once its registration has closed.

t.test('a rehearsal opens today and stays until its registration closes', async (t) => {
  const clock = testClock('2026-12-07T02:00:00.000Z');
  const { services } = await buildTestApp(t, { clock });
  const actor = systemActor('diễn tập');
  const first = ensureRehearsal(services, QX, actor);
  t.ok(first.created);
  t.equal(first.campaignId, 'dien-tap-2026-12-07');
  t.same(first.links.map((l) => l.role), ['leader', 'secretary', 'office', 'member', 'unit'], 'one sign-in link per role');
  const summary = services.campaigns.summary(first.campaignId);
  t.equal(summary.rehearsal, true);
  t.match(summary.title, /^Diễn tập: /);
  const rules = services.campaigns.rules(first.campaignId);
  const calendar = services.calendar.forCampaign(first.campaignId);
  t.equal(rules.window.start, addWorkingDays(calendar, '2026-12-07', 10), 'the window opens ten working days ahead');
  t.ok(workingDaysLeft(calendar, '2026-12-07', rules.registrationDeadlineExclusive!) > 3, 'registration is open for days');
  t.equal(services.schedule.listForCampaign(first.campaignId).length, 3, 'three visits of other teams to meet');
  t.equal(services.schedule.listForTeam(first.campaignId, 1).length, 0, 'team 01 starts with nothing registered');

  clock.set('2026-12-09T02:00:00.000Z');
  const again = ensureRehearsal(services, QX, actor);
  t.same(again, { campaignId: first.campaignId, created: false, links: [] }, 'the open rehearsal is kept');

  clock.set(`${rules.registrationDeadlineExclusive}T02:00:00.000Z`);
  const next = ensureRehearsal(services, QX, actor);
  t.ok(next.created, 'once its registration has closed, a new rehearsal is made');
  t.not(next.campaignId, first.campaignId);
  t.ok(services.campaigns.summary(first.campaignId).rehearsal, 'the old one stays, still labelled');
});
