import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { ensureRehearsal } from '../../src/demo/rehearsal.js';
import { buildTestApp, QX, testClock } from '../helpers/app.js';

// The people API: the office adds people in a role the service knows, invites them with single-use
// links, revokes them, and prints the invitation cards as one PDF.

t.test('people are added in a known role and scope, each problem named', async (t) => {
  const { app, as } = await buildTestApp(t);
  const post = (body: object) => app.inject({ method: 'POST', url: `/campaigns/${QX}/people`, headers: as('office'), payload: body });
  const ok = await post({ name: 'Lê Văn Hùng', position: 'Phó Trưởng Công an huyện', role: 'leader', teamNumber: 1 });
  t.equal(ok.statusCode, 201);
  t.match(ok.json(), { name: 'Lê Văn Hùng', role: 'leader', teamNumber: 1, openSessions: 0, pendingInvitations: 0 });

  const noTeam = await post({ name: 'Thiếu đoàn', role: 'secretary' });
  t.equal(noTeam.statusCode, 400);
  t.match(noTeam.json().errors, [{ field: 'teamNumber' }]);
  const wrongUnit = await post({ name: 'Không phải đơn vị được kiểm tra', role: 'unit', unitId: 'ca-huyen' });
  t.equal(wrongUnit.statusCode, 422, 'a unit role for a unit no team inspects');
  const blank = await post({ name: ' ', role: 'office' });
  t.equal(blank.statusCode, 400);
  t.match(blank.json().errors, [{ field: 'name' }]);
  t.equal((await app.inject({ url: `/campaigns/${QX}/people`, headers: as('office') })).json().length, 1, 'nothing half-made');
  t.equal((await app.inject({ url: `/campaigns/${QX}/people`, headers: as('leader') })).statusCode, 403);
});

t.test('an invitation link is shown once; revoking stops it', async (t) => {
  const { app, as } = await buildTestApp(t);
  const person = (
    await app.inject({
      method: 'POST',
      url: `/campaigns/${QX}/people`,
      headers: as('office'),
      payload: { name: 'Hoàng Thị Dung', role: 'unit', unitId: 'p-tckh' },
    })
  ).json();
  const invited = await app.inject({ method: 'POST', url: `/campaigns/${QX}/people/${person.id}/invitations`, headers: as('office') });
  t.equal(invited.statusCode, 201);
  t.match(invited.json().link, /^http:\/\/localhost:3000\/moi\/[A-Za-z0-9_-]{43}$/);
  t.equal(invited.json().person.pendingInvitations, 1);
  const revoked = await app.inject({ method: 'DELETE', url: `/campaigns/${QX}/people/${person.id}`, headers: as('office') });
  t.equal(revoked.statusCode, 200);
  t.ok(revoked.json().revokedAt);
  const again = await app.inject({ method: 'POST', url: `/campaigns/${QX}/people/${person.id}/invitations`, headers: as('office') });
  t.equal(again.statusCode, 409, 'a revoked person cannot be invited');
  t.equal((await app.inject({ method: 'DELETE', url: `/campaigns/${QX}/people/999999`, headers: as('office') })).statusCode, 404);
});

t.test('two sign-ins racing with one code: one session', async (t) => {
  const { services } = await buildTestApp(t);
  const person = services.people.create(QX, { name: 'Một lần', role: 'leader', teamNumber: 2 }, systemActor('test'));
  const { code } = services.people.invite(QX, person.id, systemActor('test'));
  const results = [services.sessions.signIn(code, null), services.sessions.signIn(code, null)];
  t.same(
    results.map((r) => r.ok),
    [true, false],
  );
  t.equal(services.people.get(QX, person.id).openSessions, 1);
});

t.test('the invitation sheet: one card per person with role, link and QR code, in Vietnamese', async (t) => {
  const clock = testClock('2026-12-07T02:00:00.000Z');
  const { app, as, services, dir } = await buildTestApp(t, { clock, config: { publicUrl: 'https://kiemtra.quangxuong.vn' } });
  const campaign = ensureRehearsal(services, QX, systemActor('diễn tập')).campaignId;
  const response = await app.inject({ method: 'POST', url: `/campaigns/${campaign}/invitations/sheet`, headers: as('office'), payload: {} });
  t.equal(response.statusCode, 200);
  t.equal(response.headers['content-type'], 'application/pdf');
  const file = join(dir, 'sheet.pdf');
  writeFileSync(file, response.rawPayload);
  const words = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  for (const name of ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Thị Hoa', 'Phạm Văn Cường', 'Hoàng Thị Dung']) t.match(words, name);
  t.match(words, /PHIẾU MỜI ĐĂNG NHẬP/);
  t.match(words, /Trưởng Đoàn 01/);
  t.match(words, /DIỄN TẬP/);
  t.equal((words.match(/https:\/\/kiemtra\.quangxuong\.vn\/moi\//g) ?? []).length, 5, 'five links at the public address');
  const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => /^\s*\d+\s+\d+\s+image/.test(line));
  t.equal(images.length, 5, 'five QR codes');
  t.equal(
    services.people.list(campaign).reduce((n, p) => n + p.pendingInvitations, 0),
    10,
    'printing made new invitations (the first ones stay valid)',
  );
});
