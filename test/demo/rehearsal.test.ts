import JSZip from 'jszip';
import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { addWorkingDays, workingDaysLeft } from '../../src/calendar/rules.js';
import { ensureRehearsal } from '../../src/demo/rehearsal.js';
import { buildTestApp, QX, testClock } from '../helpers/app.js';
import { register } from '../helpers/document-flow.js';

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
  t.same(
    first.links.map((l) => l.role),
    ['leader', 'secretary', 'office', 'member', 'unit'],
    'one sign-in link per role',
  );
  const summary = services.campaigns.summary(first.campaignId);
  t.equal(summary.rehearsal, true);
  t.match(summary.title, /^Diễn tập: /);
  t.match(summary.title, /Quảng Xương năm 2026$/, 'the copied plan named for the year of its dates, not 2023');
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

t.test("a rehearsal's documents say DIỄN TẬP on every page, in HTML and in Word; the real campaign's do not", async (t) => {
  const clock = testClock('2026-12-07T02:00:00.000Z');
  const { services } = await buildTestApp(t, { clock });
  const actor = systemActor('diễn tập');
  const { campaignId } = ensureRehearsal(services, QX, actor);
  const team = services.schedule.listForCampaign(campaignId)[0]!.teamNumber;
  const html = await services.documents.draftNoticeFile(campaignId, team, undefined, 'html', actor);
  const text = html.bytes.toString('utf8');
  t.match(text, /DIỄN TẬP – văn bản tập dượt, không có giá trị pháp lý/, 'the line above the header');
  t.match(text, /class="rehearsal-watermark"[^>]*>DIỄN TẬP</, 'and the watermark Chromium repeats on every page');

  const word = await services.documents.draftNoticeFile(campaignId, team, undefined, 'docx', actor);
  const zip = await JSZip.loadAsync(word.bytes);
  const headers = await Promise.all(
    Object.keys(zip.files)
      .filter((name) => /^word\/header\d+\.xml$/.test(name))
      .map((name) => zip.file(name)!.async('string')),
  );
  t.ok(headers.length >= 2, 'the first page and the others have their own header');
  t.ok(
    headers.every((xml) => xml.includes('DIỄN TẬP')),
    'every page header of the Word file carries the line',
  );

  const ctx = await buildTestApp(t);
  register(ctx, 1, 'p-tckh', '2023-08-07');
  const real = await ctx.services.documents.draftNoticeFile(QX, 1, undefined, 'html', actor);
  t.notMatch(real.bytes.toString('utf8'), /DIỄN TẬP/, 'the real campaign is not marked');
});
