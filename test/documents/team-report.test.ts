import t from 'tap';
import { expectStatus } from '../helpers/expect.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { docxLines, flat, htmlLines, pdfText } from '../helpers/document-text.js';
import { noonOf, publishConclusion, register } from '../helpers/document-flow.js';

// Issue 15, item 3: the team report states how many units the team was assigned, visited and
// concluded, and names every unit not visited with the reason.

t.test('the team report of a team assigned 9 units: assigned, visited, concluded, and why the others were not visited', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  const tckh = register(ctx, 1, 'p-tckh', '2023-08-07');
  const tnmt = register(ctx, 1, 'p-tnmt', '2023-08-08');
  const binh = register(ctx, 1, 'xa-quang-binh', '2023-08-09');
  const ldtbxh = register(ctx, 1, 'p-ldtbxh', '2023-08-21');
  register(ctx, 1, 'xa-quang-hop', '2023-08-22');
  clock.set(noonOf('2023-07-31'));
  const notice = (
    await app.inject({
      method: 'POST',
      url: `/campaigns/${QX}/teams/1/notices`,
      headers: as('leader'),
      payload: { visitIds: [tckh.id, tnmt.id, binh.id, ldtbxh.id] },
    })
  ).json();
  const etag = (id: number) => app.inject({ method: 'GET', url: `/campaigns/${QX}/visits/${id}`, headers: as('leader') }).then((r) => String(r.headers.etag));
  const cancelled = await app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits/${binh.id}/cancel`,
    headers: { ...as('leader'), 'if-match': await etag(binh.id) },
    payload: { reason: 'UBND xã tổ chức đại hội Hội Nông dân' },
  });
  expectStatus(t, cancelled, 200);
  clock.set(noonOf('2023-08-17'));
  await publishConclusion(ctx, tckh.id);
  const carried = await app.inject({
    method: 'POST',
    url: `/campaigns/${QX}/visits/${tnmt.id}/status`,
    headers: { ...as('leader'), 'if-match': await etag(tnmt.id) },
    payload: { status: 'carried-out' },
  });
  expectStatus(t, carried, 200);

  const res = await app.inject({ method: 'POST', url: `/campaigns/${QX}/teams/1/report`, headers: as('leader'), payload: {} });
  expectStatus(t, res, 201);
  const report = res.json();
  const coverage =
    'Đoàn kiểm tra số 01 được phân công kiểm tra 9 cơ quan, đơn vị, địa phương; từ ngày 07/8/2023 đến ngày 08/8/2023, ' +
    'Đoàn đã kiểm tra 2 cơ quan, đơn vị, địa phương, đã kết luận kiểm tra tại 1 cơ quan, đơn vị, địa phương.';
  const missing = [
    '7 cơ quan, đơn vị, địa phương chưa được kiểm tra:',
    '- Xã Quảng Bình: lịch kiểm tra Thứ Tư, ngày 09/8/2023 đã bị hủy (lý do: UBND xã tổ chức đại hội Hội Nông dân);',
    `- Phòng Lao động - Thương binh và Xã hội: lịch kiểm tra Thứ Hai, ngày 21/8/2023 đã thông báo tại Thông báo số ${notice.numberLabel}, chưa có kết quả kiểm tra;`,
    '- Xã Quảng Hợp: đã đăng ký lịch kiểm tra Thứ Ba, ngày 22/8/2023, chưa có thông báo kiểm tra;',
    '- Thị trấn Tân Phong: chưa đăng ký lịch kiểm tra;',
    '- Xã Quảng Hải: chưa đăng ký lịch kiểm tra;',
    '- Xã Quảng Thái: chưa đăng ký lịch kiểm tra;',
    '- Xã Quảng Nhân: chưa đăng ký lịch kiểm tra.',
  ];
  const items: string[] = report.content.overview.items;
  t.ok(items.includes(coverage), items.join('\n'));
  const from = items.indexOf(missing[0]!);
  t.same(items.slice(from, from + missing.length), missing, 'every unit not visited, and why');
  t.equal(report.content.overview.table.rows.length, 9, 'the table lists every assigned unit');
  t.notOk(JSON.stringify(report.content).includes('1/2'), 'no count of visits passed off as the assignment');

  const pdf = flat(pdfText((await app.inject({ method: 'GET', url: report.links.pdf, headers: as('office') })).rawPayload));
  t.ok(pdf.includes(coverage), 'the PDF states the coverage');
  for (const line of missing) t.ok(pdf.includes(line), `the PDF has: ${line}`);
  const word = (await app.inject({ method: 'GET', url: report.links.docx, headers: as('office') })).rawPayload;
  const html = (await app.inject({ method: 'GET', url: report.links.html, headers: as('office') })).body;
  t.same(docxLines(word), htmlLines(html));
  t.ok(docxLines(word).includes(coverage));
});

t.test('a one-day round is worded as one day', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock } = ctx;
  const visit = register(ctx, 1, 'p-tckh', '2023-08-10');
  clock.set(noonOf('2023-08-01'));
  await app.inject({ method: 'POST', url: `/campaigns/${QX}/teams/1/notices`, headers: as('leader'), payload: {} });
  clock.set(noonOf('2023-08-11'));
  await publishConclusion(ctx, visit.id);
  const report = (await app.inject({ method: 'POST', url: `/campaigns/${QX}/teams/1/report`, headers: as('leader'), payload: {} })).json();
  const text = report.content.overview.items.join('\n');
  t.match(text, /; ngày 10\/8\/2023, Đoàn đã kiểm tra 1 cơ quan, đơn vị, địa phương/);
  t.notMatch(text, /Từ ngày 10\/8\/2023 đến ngày 10\/8\/2023/i);
});
