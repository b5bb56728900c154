import { readFileSync } from 'node:fs';
import t from 'tap';
import { parse } from 'yaml';
import { fitHeaderName } from '../../src/render/header-lines.js';
import { fromRoot } from '../../src/paths.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { pdfText } from '../helpers/document-text.js';

// Issue 15, item 5: a body's name in the header breaks between word groups (at the dash, before
// "VÀ", before the administrative level, after "ỦY BAN NHÂN DÂN"), never inside one ("KẾ / HOẠCH"),
// or is set smaller within Nghị định 30's 12–13 pt.

const upper = (s: string) => s.toLocaleUpperCase('vi');

t.test('names break between word groups, or shrink within 12–13 pt', async (t) => {
  t.same(fitHeaderName('PHÒNG TÀI CHÍNH - KẾ HOẠCH', true), { lines: ['PHÒNG TÀI CHÍNH -', 'KẾ HOẠCH'], size: 13 });
  t.same(fitHeaderName('PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', true).lines, ['PHÒNG LAO ĐỘNG -', 'THƯƠNG BINH VÀ XÃ HỘI']);
  t.same(fitHeaderName('ĐOÀN KIỂM TRA SỐ 01', true), { lines: ['ĐOÀN KIỂM TRA SỐ 01'], size: 13 });
  t.same(fitHeaderName('ỦY BAN NHÂN DÂN XÃ QUẢNG BÌNH', true).lines, ['ỦY BAN NHÂN DÂN', 'XÃ QUẢNG BÌNH']);
  t.same(fitHeaderName('ỦY BAN NHÂN DÂN THỊ TRẤN TÂN PHONG', true).lines, ['ỦY BAN NHÂN DÂN', 'THỊ TRẤN TÂN PHONG']);
  t.same(fitHeaderName('TỔ CÔNG TÁC ĐỀ ÁN 06 HUYỆN QUẢNG XƯƠNG', false).lines, ['TỔ CÔNG TÁC ĐỀ ÁN 06', 'HUYỆN QUẢNG XƯƠNG']);
  t.same(fitHeaderName('PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG', true).lines, ['PHÒNG TÀI NGUYÊN', 'VÀ MÔI TRƯỜNG']);
  t.same(fitHeaderName('CHI CỤC THUẾ KHU VỰC TP SẦM SƠN - QUẢNG XƯƠNG', true).lines, ['CHI CỤC THUẾ KHU VỰC', 'TP SẦM SƠN -', 'QUẢNG XƯƠNG']);
  t.same(fitHeaderName('TRUNG TÂM VĂN HÓA, THÔNG TIN, THỂ THAO VÀ DU LỊCH', true).lines, ['TRUNG TÂM VĂN HÓA,', 'THÔNG TIN, THỂ THAO', 'VÀ DU LỊCH']);
  t.same(fitHeaderName('BẢO HIỂM XÃ HỘI HUYỆN', true).lines, ['BẢO HIỂM XÃ HỘI HUYỆN'], '"XÃ HỘI" is not a commune');
  t.same(fitHeaderName('', true), { lines: [], size: 13 });

  const seed = parse(readFileSync(fromRoot('data', 'campaigns', 'quang-xuong-2023.yaml'), 'utf8')) as { units: { name: string }[] };
  for (const { name } of seed.units) {
    const fitted = fitHeaderName(upper(name), true);
    t.equal(fitted.lines.join(' '), upper(name), `${name}: nothing lost`);
    t.ok(fitted.size === 12 || fitted.size === 13, `${name}: ${fitted.size} pt`);
  }
});

t.test('in the PDF the header breaks where the service put the break', async (t) => {
  const ctx = await buildTestApp(t);
  const header = async (unitId: string) => {
    const res = await ctx.app.inject({ method: 'GET', url: `/campaigns/${QX}/units/${unitId}/outline/pdf`, headers: ctx.as('office') });
    // The issuer is the left column of the first lines, before the gap to "CỘNG HÒA …" / "Độc lập …".
    return pdfText(res.rawPayload, 1)
      .split('\n')
      .slice(0, 4)
      .map(
        (line) =>
          line.split(/\s{3,}|CỘNG HÒA|Độc lập/)[0]!.trim() ||
          line
            .trim()
            .split(/\s{3,}/)[0]!
            .trim(),
      );
  };
  const tckh = await header('p-tckh');
  t.ok(tckh.includes('PHÒNG TÀI CHÍNH -') && tckh.includes('KẾ HOẠCH'), tckh.join(' | '));
  t.notOk(
    tckh.some((l) => /KẾ$/.test(l)),
    'never "KẾ / HOẠCH"',
  );
  const ldtbxh = await header('p-ldtbxh');
  t.ok(ldtbxh.includes('PHÒNG LAO ĐỘNG -') && ldtbxh.includes('THƯƠNG BINH VÀ XÃ HỘI'), ldtbxh.join(' | '));
  const binh = await header('xa-quang-binh');
  t.ok(binh.includes('ỦY BAN NHÂN DÂN') && binh.includes('XÃ QUẢNG BÌNH'), binh.join(' | '));
});
