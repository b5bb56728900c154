import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { checkPage, follow, launchBrowser, newPerson, signIn, startWebApp, text } from '../helpers/browser.js';

// The start of the team leader's journey on the rehearsal campaign, in Chromium: invited by the office
// from its page, the link opened, the team's home page; and the pages anyone may meet on the way
// (sign-in, a refused form, a page that is not theirs). leader-board.test.ts goes on from there.

const systemLike = systemActor('test');

t.test('the office invites a team leader, who signs in and sees what is due', async (t) => {
  const web = await startWebApp(t);
  const browser = await launchBrowser(t);
  const campaign = web.rehearsal;

  // The office signs in (its own invitation comes from the first start) and invites the leader.
  const officeLink = web.services.people.invite(campaign, web.services.people.list(campaign).find((p) => p.role === 'office')!.id, systemLike).code;
  const office = await newPerson(browser);
  await signIn(office.page, `${web.url}/moi/${officeLink}`);
  t.match(office.page.url(), new RegExp(`/dot/${campaign}$`), 'the office lands on its campaign');
  await checkPage(t, office.page, 'office-campaign');
  await follow(office.page, `a[href="/dot/${campaign}/nguoi-dung"]`);
  await office.page.type('#ho_ten', 'Đỗ Minh Tuấn');
  await office.page.select('#vai_tro', 'leader');
  await office.page.select('#doan', '1');
  await follow(office.page, 'form[action$="/nguoi-dung"] button.primary');
  const link = await office.page.$eval('input.copy', (input) => input.value);
  t.match(link, /\/moi\/[A-Za-z0-9_-]{43}$/, 'the office gets a single-use link to hand over');
  t.match(await text(office.page), /Liên kết đăng nhập cho Đỗ Minh Tuấn/);
  await checkPage(t, office.page, 'office-people', ['#lien-ket input.copy', '#lien-ket img']);

  // The leader opens the link and lands on the team's home page.
  const leader = await newPerson(browser);
  await leader.page.goto(link.replace(/^http:\/\/localhost:\d+/, web.url));
  t.match(await text(leader.page), /Đỗ Minh Tuấn[\s\S]*Trưởng Đoàn 01/, 'the invitation says whom it is for');
  await checkPage(t, leader.page, 'invitation');
  await follow(leader.page, 'form button.primary');
  t.match(leader.page.url(), new RegExp(`/dot/${campaign}/doan/1$`));
  const home = await text(leader.page);
  t.match(home, /còn \d+ ngày làm việc/, 'the registration deadline in working days left');
  t.match(home, /Đơn vị chưa có lịch kiểm tra \(9\)/, 'nine targets still without a date');
  t.match(await text(leader.page, '.rehearsal-banner'), /DIỄN TẬP/, 'the rehearsal says so');
  await checkPage(t, leader.page, 'leader-home');

  // The pages met on the way: sign-in (after a session ended), a page that is not theirs, a refused form.
  const stranger = await newPerson(browser);
  await stranger.page.goto(`${web.url}/dot/${campaign}/doan/1/lich`);
  t.match(stranger.page.url(), /\/dang-nhap\?next=/, 'a signed-out visitor is asked to sign in');
  await checkPage(t, stranger.page, 'sign-in');
  const notTheirs = await leader.page.goto(`${web.url}/dot/${campaign}/doan/2`);
  t.equal(notTheirs?.status(), 404);
  t.match(await text(leader.page), /không thuộc phạm vi công việc của bạn/);
  await checkPage(t, leader.page, 'not-found');
  await leader.page.goto(`${web.url}/dot/${campaign}/doan/1`);
  await leader.page.$eval('form[action="/dang-xuat"] input[name=_csrf]', (input) => (input.value = 'cu'));
  await follow(leader.page, 'form[action="/dang-xuat"] button');
  t.match(await text(leader.page), /Biểu mẫu đã cũ hoặc không hợp lệ/, 'a stale form token is refused and says what to do');
  await checkPage(t, leader.page, 'refused');
});
