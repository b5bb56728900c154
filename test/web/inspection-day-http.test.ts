import t, { type Test } from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { validateDefinition } from '../../src/campaigns/loader.js';
import { invite, startWebApp, type WebApp } from '../helpers/browser.js';
import { miniDefinition } from '../helpers/definitions.js';
import { checklistReason, sampleDraft } from '../helpers/findings.js';
import { announcedVisit, onItsDay, signedIn } from '../helpers/visit-day.js';
import { unescapeHtml, WebClient, type PageResponse } from '../helpers/web-client.js';

// The pages of the visit day and of the inspected unit over real HTTP, for what the browser journey
// does not walk: forms sent without the page's script (a figure that is not a number, a second tab's
// save, the team returning the report), files refused beside their field, a conclusion withdrawn with
// a reason, and another unit's person posting to every form of the unit.

const office = systemActor('test');
const SMALL = 64 * 1024;

/** The value of a hidden field of the page (names such as "phien_ban:A.1.1"). */
function hidden(page: PageResponse, name: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const value = new RegExp(`name="${escaped}" value="([^"]*)"`).exec(page.body)?.[1];
  if (value === undefined) throw new Error(`no field ${name} (${page.status})`);
  return unescapeHtml(value);
}

/** A form's fields for one item of the self-report, as the page showed them, with what is typed now. */
function reportItem(page: PageResponse, id: string, typed: Record<string, string>): Record<string, string> {
  return {
    _csrf: hidden(page, '_csrf'),
    phan: id.split('.').slice(0, 2).join('.'),
    [`phien_ban:${id}`]: hidden(page, `phien_ban:${id}`),
    [`goc:${id}`]: hidden(page, `goc:${id}`),
    ...typed,
  };
}

function fileForm(page: PageResponse, name: string, type: string, bytes: Buffer): FormData {
  const form = new FormData();
  form.append('_csrf', hidden(page, '_csrf'));
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return form;
}

const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size, 0x20), Buffer.from('\n%%EOF\n')]);

/** A visit of team 01 at the unit, announced; on its day when asked (before anyone signs in: a session idle for days ends). */
async function setUp(t: Test, onTheDay = false) {
  const web: WebApp = await startWebApp(t, { config: { evidenceMaxBytes: SMALL } });
  const visit = announcedVisit(web, 'p-tckh');
  if (onTheDay) onItsDay(web, visit);
  const unit = await signedIn(web, { name: 'Hoàng Thị Dung', role: 'unit', unitId: 'p-tckh' });
  return { web, visit, unit, base: `/dot/${web.rehearsal}/don-vi/p-tckh` };
}

/** The office's draft conclusion for the visit, its one recommendation addressed to the unit. */
function draftForTheUnit(web: WebApp, visitId: number) {
  const recommendation = { text: sampleDraft.recommendations[0]!.text, responsibleUnitId: 'p-tckh', dueDate: '2027-03-31' };
  return web.services.findings.conclusions.saveDraft(office, web.rehearsal, visitId, { ...sampleDraft, recommendations: [recommendation] }, undefined);
}

t.test('the self-report without the script: a figure that is not a number, a second tab, the team returning it', async (t) => {
  const { web, unit, base } = await setUp(t);
  const report = () => web.services.outlines.selfReport(office, web.rehearsal, 'p-tckh');

  const shown = (await unit.form(`${base}/bao-cao`)).page;
  const refused = await unit.request(`${base}/bao-cao`, {
    form: reportItem(shown, 'A.2.b2', { 'ten_so_lieu:A.2.b2:0': 'Số tin bài', 'so_lieu:A.2.b2:0': '12 bài' }),
  });
  t.equal(refused.status, 400);
  t.match(
    refused.body,
    /<p class="field-error" id="sl-A-2-b2-0-loi">“12 bài” không phải là số\. Hãy ghi số, ví dụ 1\.520 hoặc 87,5\.<\/p>/,
    'the message beside the figure',
  );
  t.match(refused.body, /id="sl-A-2-b2-0" name="so_lieu:A\.2\.b2:0" value="12 bài" autocomplete="off" aria-invalid="true"/, 'what was typed is kept');
  t.equal(report().answers['A.2.b2'], undefined, 'nothing saved');
  const unknown = await unit.request(`${base}/bao-cao`, {
    form: { _csrf: hidden(shown, '_csrf'), phan: 'A.1', 'phien_ban:Z.9': '0', 'goc:Z.9': '', 'noi_dung:Z.9': 'Mục không có trong đề cương' },
  });
  t.equal(unknown.status, 400, 'an item the outline does not have is refused by the service');
  t.match(unknown.body, /Báo cáo có mục không hợp lệ: Z\.9/);
  t.equal(report().version, 0, 'nothing saved');

  // Two tabs showed the item empty; the first saves, the second is shown the first one's words.
  const first = (await unit.form(`${base}/bao-cao`)).page;
  const second = (await unit.form(`${base}/bao-cao`)).page;
  const saved = await unit.request(`${base}/bao-cao`, { form: reportItem(first, 'A.1.1', { 'noi_dung:A.1.1': 'Đã ban hành Kế hoạch số 12/KH-TCKH.' }) });
  t.equal(saved.status, 303);
  const conflict = await unit.request(`${base}/bao-cao`, { form: reportItem(second, 'A.1.1', { 'noi_dung:A.1.1': 'Chưa ban hành kế hoạch riêng.' }) });
  t.equal(conflict.status, 409);
  t.match(
    conflict.body,
    /Mục này vừa được Hoàng Thị Dung \(Đơn vị được kiểm tra\) lưu<\/strong> lúc \d\d:\d\d ngày [\d/]+: “Đã ban hành Kế hoạch số 12\/KH-TCKH\.”/,
    'the page shows what the other tab saved',
  );
  t.match(conflict.body, /name="noi_dung:A\.1\.1" rows="3">Chưa ban hành kế hoạch riêng\.<\/textarea>/, 'and keeps what this tab typed');
  t.equal(report().answers['A.1.1']!.text, 'Đã ban hành Kế hoạch số 12/KH-TCKH.', 'the earlier save stands');
  const knowing = await unit.request(`${base}/bao-cao`, { form: reportItem(conflict, 'A.1.1', { 'noi_dung:A.1.1': 'Chưa ban hành kế hoạch riêng.' }) });
  t.equal(knowing.status, 303, 'saving again from the page that showed the conflict is a knowing choice');
  t.equal(report().answers['A.1.1']!.text, 'Chưa ban hành kế hoạch riêng.');

  // Submitted (knowing items are empty), then returned by the team with a reason.
  const submitPage = (await unit.form(`${base}/bao-cao`)).page;
  const submitted = await unit.request(`${base}/bao-cao/nop`, { form: { _csrf: hidden(submitPage, '_csrf'), xac_nhan: '1' } });
  t.equal(submitted.status, 303);
  const leader = await signedIn(web, { name: 'Nguyễn Văn An', role: 'leader', teamNumber: 1 });
  const teamView = await leader.form(`${base}/bao-cao`);
  t.match(teamView.page.body, /Trả lại để chỉnh sửa/, 'the team may return it');
  const noReason = await leader.request(`${base}/bao-cao/tra-lai`, { form: { _csrf: teamView.csrf, ly_do: '' } });
  t.equal(noReason.status, 400);
  t.match(noReason.body, /id="ly_do-loi">Hãy ghi lý do trả lại/, 'a return needs its reason, asked beside the field');
  t.equal(report().status, 'submitted');
  const returned = await leader.request(`${base}/bao-cao/tra-lai`, { form: { _csrf: teamView.csrf, ly_do: 'Bổ sung số liệu mục A.2.' } });
  t.equal(returned.status, 303);
  const again = await unit.request(`${base}/bao-cao`);
  t.match(
    again.body,
    /Đoàn kiểm tra đã trả lại để chỉnh sửa \(Nguyễn Văn An \(Trưởng Đoàn 01\), \d\d:\d\d ngày [\d/]+\): Bổ sung số liệu mục A\.2\./,
    'the unit reads why',
  );
  t.match(again.body, /<textarea id="nd-A-1-1"/, 'and can edit again');
  t.match(report(), { status: 'returned' });
});

t.test('files of the wrong type or too large are refused beside their field, in Vietnamese', async (t) => {
  const { web, visit, unit, base } = await setUp(t, true);
  const member = await signedIn(web, { name: 'Phạm Văn Cường', role: 'member', unitId: 'bhxh' });
  const checklist = `/dot/${web.rehearsal}/buoi/${visit.id}/kiem-tra`;
  const page = (await member.form(checklist)).page;

  const text = await member.request(`${checklist}/II.1/minh-chung`, { files: fileForm(page, 'ghi-chu.txt', 'text/plain', Buffer.from('không phải ảnh')) });
  t.equal(text.status, 415);
  t.match(
    text.body,
    /class="field-error" id="muc-II\.1-tep-loi-loi">Không nhận tệp “ghi-chu\.txt”: loại tệp này không được nhận\. Chỉ nhận PDF, ảnh JPEG, ảnh PNG, ảnh WebP, Word \(\.docx\), Excel \(\.xlsx\), Word \(\.doc\), Excel \(\.xls\)\./,
    'a wrong type is refused beside the item, in words, not media types',
  );
  const large = await member.request(`${checklist}/II.1/minh-chung`, { files: fileForm(page, 'bien-ban.pdf', 'application/pdf', pdf(SMALL + 10)) });
  t.equal(large.status, 413);
  t.match(
    large.body,
    /class="field-error" id="muc-II\.1-tep-loi-loi">Tệp “bien-ban\.pdf” lớn quá: tối đa 0,1 MB\./,
    'a file too large too, with the limit the form states',
  );
  t.same(web.services.findings.checklist.get(office, web.rehearsal, visit.id).sections[0]!.items[0]!.evidence, [], 'nothing stored');

  web.services.outlines.submitSelfReport(office, web.rehearsal, 'p-tckh', { confirmIncomplete: true });
  const reportPage = (await unit.form(`${base}/bao-cao`)).page;
  const image = await unit.request(`${base}/bao-cao/ban-ky`, {
    files: fileForm(reportPage, 'bao-cao.png', 'image/png', Buffer.from('89504e470d0a1a0a', 'hex')),
  });
  t.equal(image.status, 415);
  t.match(image.body, /id="tep-ban-ky-loi">Chỉ nhận tệp PDF \(bản quét báo cáo đã ký, đóng dấu\)\./, 'the signed scan must be a PDF');
  const heavy = await unit.request(`${base}/bao-cao/ban-ky`, { files: fileForm(reportPage, 'bao-cao.pdf', 'application/pdf', pdf(SMALL + 10)) });
  t.equal(heavy.status, 413);
  t.match(heavy.body, /id="tep-ban-ky-loi">Tệp “bao-cao\.pdf” lớn quá: tối đa 0,1 MB\./);
  t.equal(web.services.outlines.selfReport(office, web.rehearsal, 'p-tckh').signedScan, null, 'no scan kept');
});

t.test('the leader publishes with the checklist unfinished only with a reason, then withdraws with a reason; a stale form is not applied', async (t) => {
  const { web, visit, unit, base } = await setUp(t, true);
  const { conclusions } = web.services.findings;
  const draft = draftForTheUnit(web, visit.id);
  const leader = await signedIn(web, { name: 'Nguyễn Văn An', role: 'leader', teamNumber: 1 });
  const path = `/dot/${web.rehearsal}/buoi/${visit.id}`;
  const drafted = await leader.form(`${path}/kiem-tra`);
  const publish = (extra: Record<string, string>) =>
    leader.request(`${path}/ket-luan/ban-hanh`, { form: { _csrf: drafted.csrf, phien_ban: String(/"(?:\w+\.)?(\d+)"$/.exec(draft.etag)![1]), ...extra } });
  const unexplained = await publish({});
  t.equal(unexplained.status, 409);
  t.match(
    unexplained.body,
    /<p>Danh mục kiểm tra mới có kết quả 0\/20 mục; ghi lý do ban hành kết luận khi chưa hoàn thành<\/p>/,
    'the service’s words, without the API’s field name',
  );
  t.match(unexplained.body, /id="ly_do_danh_muc-loi">cần ghi lý do khi danh mục kiểm tra chưa hoàn thành/, 'the reason is asked for beside its field');
  const short = await publish({ ly_do_danh_muc: 'Chưa xong' });
  t.equal(short.status, 400);
  t.match(short.body, /id="ly_do_danh_muc-loi">Lý do chưa đủ: lý do phải có ít nhất 10 ký tự\./, 'the API’s rule for the reason, beside the field');
  t.match(
    short.body,
    /name="ly_do_danh_muc" rows="2" aria-invalid="true" aria-describedby="ly_do_danh_muc-loi">Chưa xong<\/textarea>/,
    'what was typed is kept',
  );
  t.equal(conclusions.get(office, web.rehearsal, visit.id).view.state, 'draft', 'not published yet');
  t.equal((await publish({ ly_do_danh_muc: checklistReason })).status, 303);
  t.match(conclusions.get(office, web.rehearsal, visit.id).view.published, { checklistIncomplete: { answered: 0, total: 20, reason: checklistReason } });

  const shown = await leader.form(`${path}/kiem-tra`);
  t.match(shown.page.body, /Ban hành khi danh mục kiểm tra mới có kết quả 0\/20 nội dung; lý do: Kiểm tra theo chuyên đề/);
  const revision =
    /action="[^"]*\/ket-luan\/thu-hoi#ket-luan"[^>]*>\s*<input type="hidden" name="_csrf" value="[^"]*">\s*<input type="hidden" name="phien_ban" value="(\d+)">/.exec(
      shown.page.body,
    )?.[1];
  t.ok(revision, 'the withdrawal form carries the revision it was shown');

  const noReason = await leader.request(`${path}/ket-luan/thu-hoi`, { form: { _csrf: shown.csrf, phien_ban: revision!, ly_do_thu_hoi: '' } });
  t.equal(noReason.status, 400);
  t.match(noReason.body, /id="ly_do_thu_hoi-loi">Hãy ghi lý do thu hồi/, 'the reason is asked for beside the field');
  const stale = await leader.request(`${path}/ket-luan/thu-hoi`, {
    form: { _csrf: shown.csrf, phien_ban: String(Number(revision) - 1), ly_do_thu_hoi: 'Kết luận chưa đúng số liệu.' },
  });
  t.equal(stale.status, 409);
  t.match(stale.body, /Kết luận vừa được người khác thay đổi/, 'a form older than the conclusion is not applied');
  t.equal(conclusions.get(office, web.rehearsal, visit.id).view.state, 'published');

  const withdrawn = await leader.request(`${path}/ket-luan/thu-hoi`, {
    form: { _csrf: shown.csrf, phien_ban: revision!, ly_do_thu_hoi: 'Kết luận chưa đúng số liệu của đơn vị.' },
  });
  t.equal(withdrawn.status, 303);
  const after = await leader.request(withdrawn.location!);
  t.match(after.body, /Đã thu hồi kết luận\./);
  t.match(after.body, /Trạng thái: <strong>Đã thu hồi<\/strong> — thu hồi lúc \d\d:\d\d ngày [\d/]+, lý do: Kết luận chưa đúng số liệu của đơn vị\./);
  const seen = await unit.request(`${base}/ket-luan/${visit.id}`);
  t.equal(seen.status, 200);
  t.match(
    seen.body,
    /Kết luận này đã bị thu hồi<\/strong> lúc \d\d:\d\d ngày [\d/]+: Kết luận chưa đúng số liệu của đơn vị\./,
    'the unit reads that it was withdrawn, and why',
  );
  t.match((await unit.request(base)).body, /Kết luận của Đoàn 01<\/a> — đã thu hồi/);
});

t.test("another unit's person posts to none of the unit's or the team's forms", async (t) => {
  const { web, visit, base } = await setUp(t, true);
  const { conclusions } = web.services.findings;
  const draft = draftForTheUnit(web, visit.id);
  conclusions.publish(office, web.rehearsal, visit.id, undefined, draft.etag, checklistReason);
  const other: WebClient = await signedIn(web, { name: 'Lê Văn Bình', role: 'unit', unitId: 'p-tnmt' });
  const { csrf } = await other.form(`/dot/${web.rehearsal}/don-vi/p-tnmt`);
  const rec = web.services.findings.recommendations.list(office, web.rehearsal, { unitId: 'p-tckh' })[0]!;
  const before = {
    report: web.services.outlines.selfReport(office, web.rehearsal, 'p-tckh'),
    checklist: web.services.findings.checklist.get(office, web.rehearsal, visit.id),
    conclusion: conclusions.get(office, web.rehearsal, visit.id).view,
    rec,
  };
  const visitPath = `/dot/${web.rehearsal}/buoi/${visit.id}`;
  const posts: [string, Record<string, string>][] = [
    [`${base}/bao-cao`, { phan: 'A.1', 'phien_ban:A.1.1': '0', 'goc:A.1.1': '', 'noi_dung:A.1.1': 'Không phải của tôi' }],
    [`${base}/bao-cao`, { phan: 'A.1' }],
    [`${base}/bao-cao/nop`, { xac_nhan: '1' }],
    [`${base}/bao-cao/tra-lai`, { ly_do: 'Không phải của tôi' }],
    [`${base}/kien-nghi/${rec.id}`, { trang_thai: 'done', ghi_chu: 'Không phải của tôi', phien_ban: '0' }],
    [`${visitPath}/kiem-tra/II.1`, { ket_qua: 'dat', ghi_chu: 'Không phải của tôi', phien_ban: '0' }],
    [`${visitPath}/ket-luan`, { ket_qua: 'Không phải của tôi', phien_ban: '0' }],
    [`${visitPath}/ket-luan/thu-hoi`, { ly_do_thu_hoi: 'Không phải của tôi', phien_ban: '0' }],
    [`/dot/${web.rehearsal}/doan/1/ket-qua`, { don_vi: 'p-tckh', lan: 'x' }],
  ];
  for (const [path, form] of posts) {
    const response = await other.request(path, { form: { _csrf: csrf, ...form } });
    t.equal(response.status, 404, `404 for POST ${path}`);
  }
  const scan = new FormData();
  scan.append('_csrf', csrf);
  scan.append('file', new Blob([new Uint8Array(pdf(100))], { type: 'application/pdf' }), 'x.pdf');
  t.equal((await other.request(`${base}/bao-cao/ban-ky`, { files: scan })).status, 404, '404 for the signed scan');
  t.same(
    {
      report: web.services.outlines.selfReport(office, web.rehearsal, 'p-tckh'),
      checklist: web.services.findings.checklist.get(office, web.rehearsal, visit.id),
      conclusion: conclusions.get(office, web.rehearsal, visit.id).view,
      rec: web.services.findings.recommendations.list(office, web.rehearsal, { unitId: 'p-tckh' })[0],
    },
    before,
    'nothing changed',
  );
  t.equal(web.services.documents.list(web.rehearsal, office, { kind: 'results-notice' }).length, 0, 'no results notice issued');
});

t.test(
  'a form holding a NUL or damaged text is refused with 400 showing the field by what was typed in it, whatever page it is posted to; nothing is saved',
  async (t) => {
    const { web, unit, base } = await setUp(t);
    const report = () => web.services.outlines.selfReport(office, web.rehearsal, 'p-tckh');
    const shown = (await unit.form(`${base}/bao-cao`)).page;
    // A NUL, and U+FFFD: what the form parser leaves for bytes that were not UTF-8.
    for (const text of ['Đã ban hành\u0000 kế hoạch', 'Đã ban hành k\ufffd hoạch']) {
      const refused = await unit.request(`${base}/bao-cao`, { form: reportItem(shown, 'A.1.1', { 'noi_dung:A.1.1': text }) });
      t.equal(refused.status, 400, JSON.stringify(text));
      t.match(refused.body, /Ô có nội dung “Đã ban hành(\uFFFD kế| k\uFFFD) hoạch” có ký tự không hợp lệ/, 'the page shows the field by what was typed in it');
      t.notMatch(refused.body, /noi_dung/, 'not by its name in the form');
    }
    t.equal(report().answers['A.1.1'], undefined, 'nothing saved');
    const fine = await unit.request(`${base}/bao-cao`, { form: reportItem(shown, 'A.1.1', { 'noi_dung:A.1.1': 'Đã ban hành kế hoạch.' }) });
    t.equal(fine.status, 303, 'well-formed Vietnamese is saved');
  },
);

t.test("the unit's pages download its outline and report under a filename* RFC 8187 allows", async (t) => {
  const web = await startWebApp(t);
  const definition = miniDefinition('ten-file-2024');
  definition.units = definition.units.map((u) => (u.id === 'tp' ? { ...u, name: "Phòng Tư pháp (cũ) 'A'*", aliases: [] } : u));
  definition.teams[0]!.targets = ['tp', 'xa-a'];
  web.services.campaigns.importDefinition(validateDefinition(definition), office);
  const unit = new WebClient(web.url);
  t.equal((await unit.signIn(new URL(invite(web, 'ten-file-2024', { name: 'Lê Thị Hà', role: 'unit', unitId: 'tp' }).link).pathname)).status, 303);
  // attr-char or %XX only (RFC 8187): encodeURIComponent leaves ' ( ) * as they are.
  const extValue = /filename\*=UTF-8''((?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})+)$/;
  for (const [path, name] of [
    ['de-cuong/docx', "Đề cương báo cáo - Phòng Tư pháp (cũ) 'A'*.docx"],
    ['bao-cao/tai/docx', "Báo cáo kết quả thực hiện Đề án 06 - Phòng Tư pháp (cũ) 'A'*.docx"],
  ] as const) {
    const res = await unit.request(`/dot/ten-file-2024/don-vi/tp/${path}`);
    t.equal(res.status, 200, path);
    const header = res.headers.get('content-disposition') ?? '';
    const star = extValue.exec(header)?.[1];
    t.ok(star, `${path}: ${header}`);
    t.equal(decodeURIComponent(star ?? ''), name, `${path}: the real name`);
  }
});
