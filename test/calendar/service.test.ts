import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import * as repo from '../../src/calendar/repository.js';
import { addWorkingDays, isWorkingDay } from '../../src/calendar/rules.js';
import { buildServices } from '../../src/app.js';
import { openDatabase } from '../../src/db/connection.js';
import { buildTestApp, QX, tempDir } from '../helpers/app.js';
import { validateDefinition } from '../../src/campaigns/loader.js';
import { miniDefinition } from '../helpers/definitions.js';

const office = systemActor('test office');

t.test("forCampaign: the national calendar plus the definition's localDaysOff", async (t) => {
  const { services } = await buildTestApp(t);
  const definition = {
    ...miniDefinition(),
    calendar: {
      localDaysOff: [
        { date: '2024-03-15', name: 'Lễ hội truyền thống huyện' },
        { date: '2024-05-04', name: 'Nghỉ riêng thứ Bảy' },
      ],
    },
  };
  services.campaigns.importDefinition(validateDefinition(definition), office);
  const mini = services.calendar.forCampaign('mini-2024');
  t.match(mini.daysOff.get('2024-03-15'), { scope: 'local', name: 'Lễ hội truyền thống huyện', status: 'confirmed' });
  t.notOk(isWorkingDay(mini, '2024-03-15'));
  t.ok(isWorkingDay(services.calendar.national(), '2024-03-15'));
  t.notOk(isWorkingDay(mini, '2024-05-04'), 'a local day off wins over the national make-up Saturday');
  t.ok(isWorkingDay(services.calendar.national(), '2024-05-04'));
  t.equal(addWorkingDays(mini, '2024-03-14', 1), '2024-03-18');
  t.notOk(isWorkingDay(services.calendar.forCampaign(QX), '2023-09-01'), 'national days off hold in every campaign');
  t.throws(() => services.calendar.forCampaign('khong-co'), { code: 'CAMPAIGN_NOT_FOUND', statusCode: 404 });
  t.equal(services.calendar.forCampaign(QX), services.calendar.forCampaign(QX), 'cached between calls while nothing changes');
});

t.test("a definition's local day off can be removed, and stays removed after a restart", async (t) => {
  const dir = tempDir(t);
  const first = await buildTestApp(t, { dir });
  const definition = { ...miniDefinition(), calendar: { localDaysOff: [{ date: '2024-03-15', name: 'Lễ hội truyền thống huyện' }] } };
  first.services.campaigns.importDefinition(validateDefinition(definition), office);
  first.services.calendar.removeLocalDay(office, 'mini-2024', '2024-03-15', () => {});
  first.services.calendar.removeNationalDay(office, '2026-09-01', () => {});
  await first.app.close();

  const second = await buildTestApp(t, { dir, seed: false });
  t.ok(isWorkingDay(second.services.calendar.forCampaign('mini-2024'), '2024-03-15'), 'the definition day is not resurrected');
  t.ok(isWorkingDay(second.services.calendar.national(), '2026-09-01'), 'the shipped day is not resurrected');
  const local = second.services.calendar.localExceptions(office, 'mini-2024');
  t.match(local.removed, [{ date: '2024-03-15', hides: { source: 'definition' } }]);
});

t.test('a write made by another service instance on the same database is seen on the next call', async (t) => {
  const { services, config } = await buildTestApp(t);
  const before = services.calendar.forCampaign(QX);
  t.ok(isWorkingDay(before, '2028-03-01'));
  // A second instance with its own SQLite connection and its own cache, as another process has.
  const database = openDatabase(config.databaseFile);
  t.teardown(() => database.close());
  const other = buildServices(config, database, () => new Date('2027-12-01T00:00:00Z'));
  other.calendar.addNationalDay(systemActor('other instance'), { date: '2028-03-01', kind: 'day-off', name: 'Ngày nghỉ thêm', legalBasis: 'thử' });
  const after = services.calendar.forCampaign(QX);
  t.not(after, before, 'the cached calendar was rebuilt');
  t.notOk(isWorkingDay(after, '2028-03-01'), "the other instance's day off is seen");
  t.match(after.daysOff.get('2028-03-01'), { name: 'Ngày nghỉ thêm', status: 'confirmed' });
  t.notOk(isWorkingDay(services.calendar.national(), '2028-03-01'));
  services.calendar.removeNationalDay(office, '2028-03-01', () => {});
  t.ok(isWorkingDay(other.calendar.forCampaign(QX), '2028-03-01'), 'and the other way round');
});

t.test('a rolled-back transaction leaves no trace in the cached calendar', async (t) => {
  const { services } = await buildTestApp(t);
  t.ok(isWorkingDay(services.calendar.national(), '2028-03-02'));
  t.throws(() =>
    services.db.transaction((tx) => {
      repo.writeDay(tx, null, '2028-03-02', { removed: false, kind: 'day-off', name: 'x', legalBasis: null, note: null, updatedAt: 'now', updatedBy: 'test' });
      repo.bumpVersion(tx);
      t.notOk(isWorkingDay(services.calendar.national(), '2028-03-02'), 'visible inside the transaction');
      throw new Error('roll back');
    }),
  );
  t.ok(isWorkingDay(services.calendar.national(), '2028-03-02'), 'gone after the rollback');
});

t.test('un-confirming a shipped year flags it without dropping its days', async (t) => {
  const { services } = await buildTestApp(t);
  services.calendar.setYear(office, 2026, { confirmed: false, note: 'chờ đối chiếu', acceptEstimates: false }, () => {});
  const cal = services.calendar.national();
  t.notOk(cal.confirmedYears.has(2026));
  t.match(services.calendar.day(office, '2026-02-16'), { working: false, yearConfirmed: false, note: { status: 'confirmed' } });
  t.same(services.calendar.year(2026).estimatedDaysOff, [], 'every 2026 holiday is entered, so no estimate applies');
  t.match(services.calendar.year(2026), { source: 'office', note: 'chờ đối chiếu', version: 1 });
  t.throws(() => services.calendar.setYear(office, 2026, { confirmed: false, acceptEstimates: true }, () => {}), {
    code: 'VALIDATION_FAILED',
    statusCode: 400,
  });
});
