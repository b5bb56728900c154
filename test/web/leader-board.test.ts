import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { axeViolations, checkPage, follow, invite, launchBrowser, newPerson, signIn, startWebApp, text } from '../helpers/browser.js';

// The team leader's journey on the rehearsal campaign, in Chromium, from the board: blocked cells and
// their reasons, every target registered, a real clash met, a visit moved, a notice issued and its PDF
// downloaded; another team's leader sees none of it.

const systemLike = systemActor('test');

t.test('a team leader plans the round of team 01 on the rehearsal campaign', async (t) => {
  const web = await startWebApp(t);
  const browser = await launchBrowser(t);
  const campaign = web.rehearsal;
  const leader = await newPerson(browser);
  await signIn(leader.page, invite(web, campaign, { name: 'Đỗ Minh Tuấn', role: 'leader', teamNumber: 1 }).link);

  // The board: blocked cells and why.
  await follow(leader.page, 'main a[href$="/doan/1/lich"]');
  const reasons = await text(leader.page, 'ol.reasons');
  t.match(reasons, /Bảo hiểm xã hội huyện là thành viên Đoàn 01 nhưng đang được Đoàn 02 kiểm tra/, 'a member inspected by team 02 blocks team 01');
  t.match(reasons, /Phòng Tài chính - Kế hoạch chủ trì Đoàn 04/, 'a target away leading team 04');
  await checkPage(t, leader.page, 'board');
  const blocked = await leader.page.$eval('td.blocked a', (a) => a.getAttribute('href'));
  await leader.page.click('td.blocked a');
  t.equal(await leader.page.evaluate(() => location.hash), blocked, 'a blocked cell leads to its reason');

  // Every target registered, each through the dry-run page.
  const rows = await leader.page.$$eval('table.board tbody tr', (trs) => trs.map((tr) => tr.id));
  t.equal(rows.length, 9);
  for (const row of rows) {
    await follow(leader.page, `#${row} td.free a`);
    t.match(await text(leader.page), /Không trùng lịch/);
    if (row === rows[0]) await checkPage(t, leader.page, 'register');
    await follow(leader.page, 'form button.primary');
    t.match(await text(leader.page, '#ket-qua'), /Đã đăng ký buổi kiểm tra[\s\S]*Thông báo kiểm tra phải ban hành chậm nhất/);
  }
  t.same(
    await leader.page.$$eval('table.board tbody tr', (trs) => trs.filter((tr) => tr.querySelector('td.mine')).length),
    9,
    'every row of the board shows its visit',
  );
  t.notMatch(await text(leader.page), /đơn vị chưa có lịch/, 'no target is left without a date');
  t.equal(web.services.schedule.listForTeam(campaign, 1).length, 9, 'nine visits saved');

  // A real clash: the slot team 02 holds at Bảo hiểm xã hội huyện, asked for directly.
  const taken = web.services.schedule.listForTeam(campaign, 2)[0]!;
  await leader.page.goto(`${web.url}/dot/${campaign}/doan/1/lich/chon?don_vi=xa-quang-binh&ngay=${taken.date}&buoi=sang`);
  const clash = await text(leader.page);
  t.match(clash, /Trùng lịch, không đăng ký được buổi này/);
  t.match(clash, /đang được Đoàn 02 kiểm tra/);
  t.equal(await leader.page.$('form button.primary'), null, 'no button to register a clashing session');

  // Move a visit from its page, through the board.
  const first = web.services.schedule.listForTeam(campaign, 1)[0]!;
  await leader.page.goto(`${web.url}/dot/${campaign}/buoi/${first.id}`);
  await checkPage(t, leader.page, 'visit');
  await follow(leader.page, `a[href$="lich?doi=${first.id}"]`);
  await follow(leader.page, `#don-vi-${first.unitId} td.free a`);
  t.match(await text(leader.page), /Có thể đổi sang buổi này/);
  await follow(leader.page, 'form button.primary');
  t.match(await text(leader.page), /Đã đổi lịch/);
  const moved = web.services.schedule.get(campaign, first.id);
  t.not(`${moved.date} ${moved.session}`, `${first.date} ${first.session}`, 'the visit is in its new session');

  // A notice for every visit, then its PDF.
  await leader.page.goto(`${web.url}/dot/${campaign}/doan/1/thong-bao`);
  await checkPage(t, leader.page, 'notices');
  t.equal(await leader.page.$$eval('input[name=buoi]:checked', (boxes) => boxes.length), 9, 'all nine visits offered');
  await follow(leader.page, 'form button.primary');
  t.match(await text(leader.page, '#ket-qua'), /Đã ban hành Thông báo số 01\/TB-ĐKT01[\s\S]*cho 9 buổi kiểm tra/);
  const pdfHref = await leader.page.$eval('#ket-qua a[href$="/pdf"]', (a) => a.href);
  const pdf = await leader.page.evaluate(async (href) => {
    const response = await fetch(href);
    return { type: response.headers.get('content-type'), bytes: Array.from(new Uint8Array(await response.arrayBuffer())) };
  }, pdfHref);
  t.equal(pdf.type, 'application/pdf');
  const dir = mkdtempSync(join(tmpdir(), 'notice-'));
  writeFileSync(join(dir, 'n.pdf'), Buffer.from(pdf.bytes));
  const words = execFileSync('pdftotext', ['-layout', join(dir, 'n.pdf'), '-'], { encoding: 'utf8' });
  t.match(words, /THÔNG BÁO/);
  t.match(words, /Xã Quảng Bình/, 'the notice names the visits it covers');
  t.match(await text(leader.page), /Đang có hiệu lực/, 'the issued notice and the visits it covers are listed');

  // Another team's leader cannot see or change team 01's visits.
  const other = await newPerson(browser);
  const otherLink = web.services.people.invite(
    campaign,
    web.services.people.create(campaign, { name: 'Vũ Thị Lan', role: 'leader', teamNumber: 2 }, systemLike).id,
    systemLike,
  ).code;
  await signIn(other.page, `${web.url}/moi/${otherLink}`);
  for (const path of [`/dot/${campaign}/doan/1`, `/dot/${campaign}/doan/1/lich`, `/dot/${campaign}/buoi/${first.id}`, `/dot/${campaign}/doan/1/thong-bao`]) {
    const response = await other.page.goto(`${web.url}${path}`);
    t.equal(response?.status(), 404, `team 02's leader gets 404 for ${path}`);
  }
  const before = web.services.schedule.get(campaign, first.id);
  const refused = await other.page.evaluate(async (url) => {
    const csrf = (document.querySelector('input[name=_csrf]') as HTMLInputElement).value;
    const body = new URLSearchParams({ _csrf: csrf, ly_do: 'không phải đoàn mình', phien_ban: '1' });
    return (await fetch(url, { method: 'POST', body })).status;
  }, `${web.url}/dot/${campaign}/buoi/${first.id}/huy`);
  t.equal(refused, 404, "cancelling team 01's visit as team 02 is refused as not found");
  t.same(web.services.schedule.get(campaign, first.id), before, 'and nothing changed');
});

t.test('the accessibility check finds what it is there to find', async (t) => {
  const browser = await launchBrowser(t);
  const { page } = await newPerson(browser);
  await page.setContent('<html lang="vi"><body><main><h1>Thử</h1><input id="x"><p style="color:#bbb;background:#fff">Chữ nhạt</p></main></body></html>');
  const found = (await axeViolations(page)).map((v) => `${v.id}:${v.impact}`);
  t.ok(found.includes('label:critical'), 'a field without a label');
  t.ok(found.includes('color-contrast:serious'), 'text too faint to read');
  await page.setContent('<html lang="vi"><head><title>Thử</title></head><body><main><h1>Thử</h1><label for="x">Tên</label><input id="x"></main></body></html>');
  t.same(await axeViolations(page), [], 'and nothing on a page without them');
});
