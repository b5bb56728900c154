import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { invite, startWebApp, type WebApp } from '../helpers/browser.js';
import { unescapeHtml, WebClient } from '../helpers/web-client.js';

// Signing in, sessions and the refusals of the pages, over real HTTP: single-use invitations, CSRF
// and Origin, resent forms, expiry with the way back, sign-out everywhere, revocation.

const HOUR = 3_600_000;

function leaderOf(web: WebApp, team = 1) {
  const { link } = invite(web, web.rehearsal, { name: `Trưởng đoàn ${team}`, role: 'leader', teamNumber: team });
  return new URL(link).pathname;
}

const countVisits = (web: WebApp, team = 1) => web.services.schedule.listForTeam(web.rehearsal, team).length;

async function freeSlot(web: WebApp, client: WebClient): Promise<{ unit: string; date: string; session: string }> {
  const board = await client.request(`/dot/${web.rehearsal}/doan/1/lich`);
  const href = unescapeHtml(/<td class="free[^"]*"><a href="([^"]+)"/.exec(board.body)![1]!);
  const query = new URL(href, 'http://x').searchParams;
  return { unit: query.get('don_vi')!, date: query.get('ngay')!, session: query.get('buoi')! };
}

t.test('an invitation signs in once; looking at it does not use it', async (t) => {
  const web = await startWebApp(t);
  const path = leaderOf(web);
  const client = new WebClient(web.url);
  t.equal((await client.request(path)).status, 200);
  t.equal((await client.request(path)).status, 200, 'opening the link twice uses nothing');
  const signedIn = await client.signIn(path);
  t.equal(signedIn.status, 303);
  t.equal(signedIn.location, `/dot/${web.rehearsal}/doan/1`);
  const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('phien='))!;
  t.match(cookie, /HttpOnly/i);
  t.match(cookie, /SameSite=Lax/i);
  t.notMatch(cookie, /Secure/, 'no Secure flag over plain HTTP');

  const again = await new WebClient(web.url).signIn(path);
  t.equal(again.status, 410);
  t.match(again.body, /đã được dùng để đăng nhập/);
  const unknown = await new WebClient(web.url).request('/moi/khong-phai-ma-dung');
  t.equal(unknown.status, 404);
  t.match(unknown.body, /không đúng/);
  const trail = web.services.audit.list({ campaignId: web.rehearsal, limit: 50 }).map((e) => e.action);
  t.ok(trail.includes('session.sign-in'), 'the sign-in is in the audit trail');
  t.ok(trail.includes('session.refused'), 'so is the refused second use');
});

t.test('an invitation past its time is refused', async (t) => {
  const web = await startWebApp(t);
  const path = leaderOf(web);
  web.clock.advance(web.config.invitationTtlHours * HOUR + 1000);
  const refused = await new WebClient(web.url).signIn(path);
  t.equal(refused.status, 410);
  t.match(refused.body, /đã hết hạn/);
});

t.test('a form without its CSRF token, or sent from another site, changes nothing', async (t) => {
  const web = await startWebApp(t);
  const client = new WebClient(web.url);
  await client.signIn(leaderOf(web));
  const slot = await freeSlot(web, client);
  const { csrf } = await client.form(`/dot/${web.rehearsal}/doan/1/lich`);
  const form = { don_vi: slot.unit, ngay: slot.date, buoi: slot.session };

  const missing = await client.request(`/dot/${web.rehearsal}/doan/1/lich`, { form });
  t.equal(missing.status, 403);
  t.match(missing.body, /Biểu mẫu đã cũ hoặc không hợp lệ/);
  const forged = await client.request(`/dot/${web.rehearsal}/doan/1/lich`, { form: { ...form, _csrf: `${csrf}x` } });
  t.equal(forged.status, 403);
  const foreign = await client.request(`/dot/${web.rehearsal}/doan/1/lich`, { form: { ...form, _csrf: csrf }, headers: { origin: 'http://evil.example' } });
  t.equal(foreign.status, 403);
  t.match(foreign.body, /gửi từ một trang khác/);
  t.equal(countVisits(web), 0, 'no visit was registered by any of them');

  const stranger = new WebClient(web.url);
  await stranger.request('/dang-nhap');
  const crossSession = await stranger.request(`/dot/${web.rehearsal}/doan/1/lich`, { form: { ...form, _csrf: csrf } });
  t.equal(crossSession.status, 303, 'a signed-out visitor is sent to sign in');
  t.match(crossSession.location!, /^\/dang-nhap/);
  t.equal(countVisits(web), 0);
});

t.test('a form sent twice (a double-click) registers once', async (t) => {
  const web = await startWebApp(t);
  const client = new WebClient(web.url);
  await client.signIn(leaderOf(web));
  const slot = await freeSlot(web, client);
  const { csrf, nonce } = await client.form(`/dot/${web.rehearsal}/doan/1/lich/chon?don_vi=${slot.unit}&ngay=${slot.date}&buoi=${slot.session}`);
  t.ok(nonce, 'the form carries its own random value');
  const form = { _csrf: csrf, lan: nonce!, don_vi: slot.unit, ngay: slot.date, buoi: slot.session, dia_diem: '' };
  const [first, second] = await Promise.all([
    client.request(`/dot/${web.rehearsal}/doan/1/lich`, { form }),
    client.request(`/dot/${web.rehearsal}/doan/1/lich`, { form }),
  ]);
  t.equal(first.status, 303);
  t.equal(second.status, 303);
  t.equal(second.location, first.location, 'the second submission is led where the first went');
  t.equal(countVisits(web), 1, 'one visit');
});

t.test('an expired session goes to sign-in and comes back to the page after signing in again', async (t) => {
  const web = await startWebApp(t);
  const client = new WebClient(web.url);
  await client.signIn(leaderOf(web));
  const board = `/dot/${web.rehearsal}/doan/1/lich`;
  t.equal((await client.request(board)).status, 200);
  web.clock.advance(web.config.sessionIdleHours * HOUR + 1000);
  const expired = await client.request(board);
  t.equal(expired.status, 303);
  t.equal(expired.location, `/dang-nhap?next=${encodeURIComponent(board)}&ly_do=expired-idle`);
  const signInPage = await client.request(expired.location!);
  t.match(signInPage.body, /Phiên làm việc đã hết hạn vì lâu không dùng/);

  const fresh = invite(web, web.rehearsal, { name: 'Trưởng đoàn 1 (lần 2)', role: 'leader', teamNumber: 1 }).link;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(signInPage.body)![1]!;
  const back = await client.request('/dang-nhap', { form: { _csrf: csrf, ma: fresh, next: board } });
  t.equal(back.status, 303);
  t.equal(back.location, board, 'back to the page that was open');
  t.equal((await client.request(board)).status, 200);
});

t.test('a session ends at its absolute limit however much it is used', async (t) => {
  const web = await startWebApp(t, { config: { sessionIdleHours: 48, sessionMaxDays: 3 } });
  const client = new WebClient(web.url);
  await client.signIn(leaderOf(web));
  for (let day = 0; day < 3; day += 1) {
    t.equal((await client.request(`/dot/${web.rehearsal}/doan/1`)).status, 200, `used on day ${day}`);
    web.clock.advance(24 * HOUR);
  }
  const ended = await client.request(`/dot/${web.rehearsal}/doan/1`);
  t.equal(ended.status, 303);
  t.match(ended.location!, /ly_do=expired-absolute/);
});

t.test('signing out ends this session; "everywhere" ends every session of the person', async (t) => {
  const web = await startWebApp(t);
  const { personId } = invite(web, web.rehearsal, { name: 'Hai máy', role: 'leader', teamNumber: 1 });
  const secondCode = web.services.people.invite(web.rehearsal, personId, systemActor('test')).code;
  const thirdCode = web.services.people.invite(web.rehearsal, personId, systemActor('test')).code;
  const pc = new WebClient(web.url);
  const phone = new WebClient(web.url);
  const tablet = new WebClient(web.url);
  await pc.signIn(`/moi/${secondCode}`);
  await phone.signIn(`/moi/${thirdCode}`);
  const home = `/dot/${web.rehearsal}/doan/1`;

  const oldCookie = pc.cookie('phien')!;
  const { csrf } = await pc.form(home);
  const out = await pc.request('/dang-xuat', { form: { _csrf: csrf } });
  t.equal(out.status, 303);
  t.equal(pc.cookie('phien'), undefined, 'the cookie is cleared');
  const replay = await fetch(`${web.url}${home}`, { headers: { cookie: `phien=${oldCookie}` }, redirect: 'manual' });
  t.equal(replay.status, 303, 'the old cookie no longer works');
  t.equal((await phone.request(home)).status, 200, 'the phone is still signed in');

  const fourthCode = web.services.people.invite(web.rehearsal, personId, systemActor('test')).code;
  await tablet.signIn(`/moi/${fourthCode}`);
  const tabletForm = await tablet.form(home);
  t.match(tabletForm.page.body, /<form method="post" action="\/dang-xuat-moi-noi"[^>]*>[\s\S]*?Đăng xuất mọi nơi<\/button>/, 'every page offers it');
  t.equal((await tablet.request('/dang-xuat-moi-noi', { form: { _csrf: tabletForm.csrf } })).status, 303);
  t.equal((await phone.request(home)).status, 303, 'signing out everywhere ended the phone too');
});

t.test('revoking a person ends their sessions at once and stops their invitations', async (t) => {
  const web = await startWebApp(t);
  const { link, personId } = invite(web, web.rehearsal, { name: 'Sẽ bị thu hồi', role: 'leader', teamNumber: 1 });
  const pending = web.services.people.invite(web.rehearsal, personId, systemActor('test')).code;
  const client = new WebClient(web.url);
  await client.signIn(new URL(link).pathname);
  t.equal((await client.request(`/dot/${web.rehearsal}/doan/1`)).status, 200);
  const revoked = await fetch(`${web.url}/campaigns/${web.rehearsal}/people/${personId}`, { method: 'DELETE', headers: web.as('office') });
  t.equal(revoked.status, 200);
  const after = await client.request(`/dot/${web.rehearsal}/doan/1`);
  t.equal(after.status, 303);
  t.match(after.location!, /ly_do=revoked/);
  const refused = await new WebClient(web.url).signIn(`/moi/${pending}`);
  t.equal(refused.status, 410);
  t.match(refused.body, /đã bị thu hồi/);
});

t.test('guessing invitation codes is cut off by address', async (t) => {
  const web = await startWebApp(t);
  const client = new WebClient(web.url);
  const statuses: number[] = [];
  for (let i = 0; i < 31; i += 1) statuses.push((await client.request(`/moi/${'a'.repeat(42)}${i % 10}`)).status);
  t.equal(statuses.filter((s) => s === 404).length, 30);
  t.equal(statuses.at(-1), 429, 'the 31st attempt within the window is refused');
});

t.test('the three ways of sending a code share one count per address, and the refusal says when to retry', async (t) => {
  const web = await startWebApp(t);
  const client = new WebClient(web.url);
  const statuses: number[] = [];
  for (let i = 0; i < 10; i += 1) {
    statuses.push((await client.request(`/moi/${'b'.repeat(42)}${i}`)).status);
    const { csrf } = await client.form('/dang-nhap');
    statuses.push((await client.request('/dang-nhap', { form: { _csrf: csrf, ma: `${'c'.repeat(42)}${i}` } })).status);
    statuses.push((await client.request(`/moi/${'d'.repeat(42)}${i}`, { form: { _csrf: csrf } })).status);
  }
  t.notOk(statuses.includes(429), '30 attempts over the three routes are answered');
  const refused = await client.request(`/moi/${'e'.repeat(43)}`);
  t.equal(refused.status, 429, 'the 31st, on any of them, is refused');
  t.match(refused.body, /Có quá nhiều lần thử đăng nhập từ địa chỉ này\. Hãy thử lại sau 15 phút\./);
  const retry = Number(refused.headers.get('retry-after'));
  t.ok(retry > 14 * 60 && retry <= 15 * 60, 'Retry-After in seconds');
});

t.test('a refused form is shown again with what was typed and the error beside its field', async (t) => {
  const web = await startWebApp(t);
  const client = new WebClient(web.url);
  await client.signIn(leaderOf(web));
  const slot = await freeSlot(web, client);
  const visit = web.services.schedule.register(
    web.rehearsal,
    { teamNumber: 1, unitId: slot.unit, date: slot.date, session: slot.session as 'sang' },
    systemActor('test'),
  ).visit;
  const page = `/dot/${web.rehearsal}/buoi/${visit.id}`;

  let form = await client.form(page);
  const empty = await client.request(`${page}/huy`, { form: { _csrf: form.csrf, ly_do: ' ', phien_ban: String(visit.version) } });
  t.equal(empty.status, 400);
  t.match(empty.body, /<textarea id="ly_do" name="ly_do" aria-invalid="true" aria-describedby="ly_do-loi">/);
  t.match(empty.body, /id="ly_do-loi">Hãy ghi lý do hủy/);

  form = await client.form(page);
  const nul = await client.request(`${page}/huy`, { form: { _csrf: form.csrf, ly_do: 'Lý do\u0000 ẩn', phien_ban: String(visit.version) } });
  t.equal(nul.status, 400, 'a NUL in the text is refused');
  t.match(nul.body, /Ô có nội dung “Lý do\uFFFD ẩn” có ký tự không hợp lệ/, 'the field shown by what was typed in it');

  form = await client.form(page);
  const typed = 'Đổi sang ngày khác vì trùng họp HĐND';
  web.services.schedule.move(web.rehearsal, visit.id, { place: 'Hội trường UBND huyện' }, systemActor('someone else'), `"${visit.version}"`);
  const stale = await client.request(`${page}/huy`, { form: { _csrf: form.csrf, ly_do: typed, phien_ban: String(visit.version) } });
  t.equal(stale.status, 409, 'a change made meanwhile is not overwritten');
  t.match(stale.body, /vừa được người khác thay đổi/);
  t.match(stale.body, /Hội trường UBND huyện/, 'the page shows the record as it is now');
  t.match(stale.body, new RegExp(typed), 'and keeps what was typed');
  t.equal(web.services.schedule.get(web.rehearsal, visit.id).status, 'registered', 'nothing was cancelled');
});

t.test('behind HTTPS the session cookie is Secure and __Host- prefixed', async (t) => {
  const web = await startWebApp(t, { config: { publicUrl: 'https://kiemtra.example.vn' } });
  const client = new WebClient(web.url);
  const path = leaderOf(web);
  const { csrf } = await client.form(path);
  const signedIn = await client.request(path, { form: { _csrf: csrf }, headers: { origin: 'https://kiemtra.example.vn' } });
  t.equal(signedIn.status, 303);
  const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('__Host-phien='));
  t.ok(cookie, 'the cookie has the __Host- prefix');
  t.match(cookie!, /Secure/);
});
