import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { addWorkingDays } from '../../src/calendar/rules.js';
import { startWebApp } from '../helpers/browser.js';
import { afterDeadline, concludeSampleVisit, officePath, readWorkbook, sheetRows } from '../helpers/office.js';
import { WebClient } from '../helpers/web-client.js';

// The standing office's pages over real HTTP: every page answers, filters with unknown values are
// refused naming the filter, exports of an empty campaign are honest, the feed's long poll answers
// new entries, the office's written reason is checked like the API's, and other roles see nothing.

const actor = systemActor('test');

t.test('every office page renders, and filters with unknown values answer 400 naming the filter', async (t) => {
  const web = await startWebApp(t);
  const client = new WebClient(web.url);
  await client.signIn(officePath(web));
  const base = `/dot/${web.rehearsal}`;
  for (const path of ['', '/toan-canh', '/toan-canh?theo=don-vi', '/ket-luan', '/xuat', '/ngay-nghi', '/nguoi-dung', '/nhat-ky?don_vi=p-tckh']) {
    const res = await client.request(`${base}${path}`);
    t.equal(res.status, 200, `${path || '/'} answers`);
    t.notMatch(res.body, /undefined|\[object Object\]/, `${path || '/'} shows no raw values`);
  }
  const refusals: [string, RegExp][] = [
    ['?doan=99', /doan|team/],
    ['?doan=abc', /doan/],
    ['?trang=999', /page|trang/],
    ['/xuat/lich-kiem-tra.xlsx?doan=42', /team/],
    ['/xuat/lich-kiem-tra.xlsx?trang_thai=xong', /trang_thai/],
    ['/xuat/kien-nghi.xlsx?trang_thai=registered', /trang_thai/],
    ['/xuat/kien-nghi.xlsx?qua_han=maybe', /qua_han/],
    ['/toan-canh?theo=ngay', /theo/],
    ['/ket-luan?doan=7', /doan/],
    ['/ket-luan?don_vi=khong-co', /don_vi/],
  ];
  for (const [path, named] of refusals) {
    const res = await client.request(`${base}${path}`);
    t.equal(res.status, 400, `${path} is refused`);
    t.match(res.body, named, `${path}: the answer names the filter`);
  }
  t.equal((await client.request(`${base}/nhat-ky?buoi=999999`)).status, 404, 'the trail of a visit that does not exist is a 404');
  const api = await web.app.inject({ method: 'GET', url: `/campaigns/${web.rehearsal}/exports/schedule.xlsx?team=42`, headers: web.as('office') });
  t.equal(api.statusCode, 400);
  t.equal(api.json().errors[0].field, 'team', 'the API names the filter too');
  const status = await web.app.inject({ method: 'GET', url: `/campaigns/${web.rehearsal}/exports/schedule.xlsx?status=xong`, headers: web.as('office') });
  t.equal(status.statusCode, 400);
  t.match(JSON.stringify(status.json().errors), /status/);
  const page = await web.app.inject({ method: 'GET', url: `/campaigns/${web.rehearsal}/dashboard?page=9`, headers: web.as('office') });
  t.equal(page.statusCode, 400);
  t.equal(page.json().errors[0].field, 'page');
});

t.test('exports of a campaign with no visits are honest empty sheets with their headers', async (t) => {
  const web = await startWebApp(t);
  // Quảng Xương 2023 as loaded: no visit, no conclusion, no self-report.
  for (const [path, first] of [
    ['schedule.xlsx', 'STT'],
    ['recommendations.xlsx', 'STT'],
    ['self-report-figures.xlsx', 'STT'],
    ['progress.xlsx', 'Đoàn kiểm tra'],
  ] as const) {
    const res = await web.app.inject({ method: 'GET', url: `/campaigns/quang-xuong-2023/exports/${path}`, headers: web.as('office') });
    t.equal(res.statusCode, 200, path);
    t.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = await readWorkbook(res.rawPayload);
    const sheet = book.worksheets[0]!;
    const rows = sheetRows(sheet);
    t.equal(rows[0]![0], first, `${path}: Vietnamese headers`);
    if (path !== 'progress.xlsx') t.equal(rows.length, 1, `${path}: the header row and nothing else`);
    t.equal(sheet.views[0]?.state, 'frozen', `${path}: the header row is frozen`);
    t.ok((sheet.getColumn(2).width ?? 0) > 5, `${path}: column widths are set`);
  }
  const leader = await web.app.inject({ method: 'GET', url: `/campaigns/quang-xuong-2023/exports/schedule.xlsx`, headers: web.as('leader') });
  t.equal(leader.statusCode, 403, 'exports are the office’s');
});

t.test('the dashboard lists what is late, each with its due date, counted in SQL', async (t) => {
  const web = await startWebApp(t);
  const { today } = afterDeadline(web);
  concludeSampleVisit(web);
  const res = await web.app.inject({ method: 'GET', url: `/campaigns/${web.rehearsal}/dashboard`, headers: web.as('office') });
  t.equal(res.statusCode, 200);
  const board = res.json();
  t.equal(board.today, today);
  const group = (kind: string) => board.attention.find((g: { kind: string }) => g.kind === kind);
  t.equal(group('registration').total, 41 - 3, 'every target without a visit after the deadline');
  t.ok(group('notice').total >= 1, 'the sample visits never notified are late');
  t.equal(group('recommendation').total, 1, 'the recommendation due before today is overdue');
  t.equal(board.totals.concluded, 1);
  t.equal(board.units.lines.length, 41, 'every unit line on one page');
  const team2 = board.teams.find((team: { number: number }) => team.number === 2);
  t.equal(team2.recommendations.overdue, 1);
  const onlyTeam = await web.app.inject({ method: 'GET', url: `/campaigns/${web.rehearsal}/dashboard?team=1`, headers: web.as('office') });
  t.equal(onlyTeam.json().units.total, 9, 'unit lines of team 01 only');
  const leader = await web.app.inject({ method: 'GET', url: `/campaigns/${web.rehearsal}/dashboard`, headers: web.as('leader') });
  t.equal(leader.statusCode, 403);
});

t.test('the office’s written reason is checked as the API checks it; a leader sees no office page', async (t) => {
  const web = await startWebApp(t);
  afterDeadline(web);
  const client = new WebClient(web.url);
  await client.signIn(officePath(web));
  const target = web.services.campaigns.team(web.rehearsal, 1).targets[0]!;
  const day = web.clock.now().toISOString().slice(0, 10);
  const choose = `/dot/${web.rehearsal}/doan/1/lich/chon?don_vi=${target.unitId}&ngay=${day}&buoi=chieu`;
  const form = await client.form(choose);
  t.match(form.page.body, /REGISTRATION_CLOSED/, 'the check says registration has closed');
  t.match(form.page.body, /name="ly_do"/, 'and offers the office a reason');
  const short = await client.request(`/dot/${web.rehearsal}/doan/1/lich`, {
    form: { _csrf: form.csrf, lan: form.nonce!, don_vi: target.unitId, ngay: day, buoi: 'chieu', ly_do: 'gấp' },
  });
  t.equal(short.status, 400);
  t.match(short.body, /ít nhất 10 ký tự/);
  t.match(short.body, />gấp</, 'what was typed is kept');
  t.equal(web.services.schedule.listForTeam(web.rehearsal, 1).length, 0, 'nothing saved');
  const none = await client.request(`/dot/${web.rehearsal}/doan/1/lich`, {
    form: { _csrf: form.csrf, lan: `${form.nonce}x`, don_vi: target.unitId, ngay: day, buoi: 'chieu' },
  });
  t.equal(none.status, 409);
  t.match(none.body, /hãy ghi lý do/);
  const ok = await client.request(`/dot/${web.rehearsal}/doan/1/lich`, {
    form: { _csrf: form.csrf, lan: `${form.nonce}y`, don_vi: target.unitId, ngay: day, buoi: 'chieu', ly_do: 'Đơn vị đề nghị lùi lịch vì họp HĐND huyện' },
  });
  t.equal(ok.status, 303);
  const saved = web.services.schedule.listForTeam(web.rehearsal, 1)[0]!;
  t.equal(saved.overrideReason, 'Đơn vị đề nghị lùi lịch vì họp HĐND huyện');

  const leader = new WebClient(web.url);
  const person = web.services.people.create(web.rehearsal, { name: 'Trưởng đoàn 1', role: 'leader', teamNumber: 1 }, actor);
  await leader.signIn(`/moi/${web.services.people.invite(web.rehearsal, person.id, actor).code}`);
  for (const path of ['/toan-canh', '/ket-luan', '/xuat', '/xuat/lich-kiem-tra.xlsx', '/ngay-nghi', '/nhat-ky?don_vi=p-tckh']) {
    t.equal((await leader.request(`/dot/${web.rehearsal}${path}`)).status, 404, `a leader gets 404 for ${path}`);
  }
});

t.test('after the deadline the office moves a visit with a written reason and cancels one with its reason, from the visit page', async (t) => {
  const web = await startWebApp(t);
  const { today } = afterDeadline(web);
  const client = new WebClient(web.url);
  await client.signIn(officePath(web));
  const { schedule, calendar } = web.services;
  const [first, second] = schedule.listForCampaign(web.rehearsal).filter((v) => v.status === 'registered');
  const page = `/dot/${web.rehearsal}/buoi/${first!.id}`;
  const form = await client.form(page);
  t.match(form.page.body, /name="ly_do_doi"/, 'the office is offered a reason for moving beyond the rules');
  const later = addWorkingDays(calendar.forCampaign(web.rehearsal), today, 4);
  const move = (extra: Record<string, string>) =>
    client.request(`${page}/doi-lich`, {
      form: { _csrf: form.csrf, ngay: later, buoi: 'chieu', dia_diem: first!.place, phien_ban: String(first!.version), ...extra },
    });
  const refused = await move({});
  t.equal(refused.status, 409, 'without a reason the move is refused');
  t.match(refused.body, /id="ngay-loi">Đã hết hạn đăng ký lịch kiểm tra[^<]*kèm lý do/, 'saying why beside the date, in Vietnamese');
  t.equal(schedule.get(web.rehearsal, first!.id).date, first!.date, 'nothing moved');
  const moved = await move({ ly_do_doi: 'Đơn vị có lịch tiếp công dân đột xuất; Trưởng đoàn đề nghị lùi lịch.' });
  t.equal(moved.status, 303, moved.body);
  const after = schedule.get(web.rehearsal, first!.id);
  t.match(
    after,
    { date: later, session: 'chieu', overrideReason: 'Đơn vị có lịch tiếp công dân đột xuất; Trưởng đoàn đề nghị lùi lịch.' },
    'moved, with the reason kept',
  );
  t.match((await client.request(`${page}?da=doi-lich`)).body, /Đơn vị có lịch tiếp công dân đột xuất/, 'the visit page shows it in its history');

  const other = `/dot/${web.rehearsal}/buoi/${second!.id}`;
  const cancelForm = await client.form(other);
  const cancelled = await client.request(`${other}/huy`, {
    form: { _csrf: cancelForm.csrf, ly_do: 'Đơn vị sáp nhập theo Nghị quyết của HĐND tỉnh', phien_ban: String(second!.version) },
  });
  t.equal(cancelled.status, 303);
  t.match(
    schedule.get(web.rehearsal, second!.id),
    { status: 'cancelled', cancelReason: 'Đơn vị sáp nhập theo Nghị quyết của HĐND tỉnh' },
    'cancelled with its reason',
  );
});

t.test('the feed page’s long poll answers new entries after its cursor, filtered', async (t) => {
  const web = await startWebApp(t);
  afterDeadline(web);
  const client = new WebClient(web.url);
  await client.signIn(officePath(web));
  const page = await client.request(`/dot/${web.rehearsal}/ket-luan`);
  const cursor = /data-con-tro="([^"]+)"/.exec(page.body)![1]!;
  const other = await client.request(`/dot/${web.rehearsal}/ket-luan/moi?doan=1&cho=1&sau=${cursor}`);
  t.equal(other.status, 204, 'nothing new for team 01 (after waiting)');
  const waiting = client.request(`/dot/${web.rehearsal}/ket-luan/moi?doan=2&sau=${cursor}`);
  await new Promise((r) => setTimeout(r, 200));
  concludeSampleVisit(web);
  const arrived = await waiting;
  t.equal(arrived.status, 200, 'the held request answers when the conclusion is published');
  t.match(arrived.body, /Kết luận được ban hành/);
  t.match(arrived.body, /Bảo hiểm xã hội huyện/);
  t.match(arrived.body, /Đơn vị đã ban hành kế hoạch/, 'with the conclusion in brief');
  t.not(arrived.headers.get('x-con-tro'), cursor, 'and the next cursor');
  const nonsense = await client.request(`/dot/${web.rehearsal}/ket-luan/moi?sau=nonsense`);
  t.equal(nonsense.status, 400);
  t.match(nonsense.body, /Con trỏ &quot;sau&quot;|Con trỏ "sau"/, 'the page names its own parameter');
  const otherCampaign = web.services.findings.feed.cursorNow('quang-xuong-2023');
  t.equal((await client.request(`/dot/${web.rehearsal}/ket-luan/moi?sau=${otherCampaign}`)).status, 400, 'a cursor signed for another campaign is refused');
});
