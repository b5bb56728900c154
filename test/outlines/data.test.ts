import t from 'tap';
import type { OutlineNode } from '../../src/outlines/data.js';
import { loadOutlineSets } from '../../src/outlines/loader.js';
import { periodNote } from '../../src/outlines/rules.js';
import { fromRoot } from '../../src/paths.js';
import { buildTestApp } from '../helpers/app.js';

// Expected numbers and texts are read off seed 001, Phụ lục 2, by hand (not from the data files):
// numbered items ("1.", "1.1.", "I."), "-" bullets, "+" sub-bullets, and the items with nothing under
// them (answered by the unit).

const set = loadOutlineSets(fromRoot('outlines')).get('quang-xuong-2023')!;

function flatten(nodes: OutlineNode[]): OutlineNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}
function counts(code: string) {
  const all = flatten(set.outlines.get(code)!.items);
  return {
    total: all.length,
    numbered: all.filter((n) => n.no !== undefined).length,
    bullets: all.filter((n) => n.marker === '-').length,
    subBullets: all.filter((n) => n.marker === '+').length,
    answerable: all.filter((n) => n.children.length === 0).length,
  };
}
const textOf = (id: string) => {
  for (const outline of set.outlines.values()) {
    const found = flatten(outline.items).find((n) => n.id === id);
    if (found) return found.text;
  }
  for (const block of set.blocks.values()) {
    for (const q of block.groups.flatMap((g) => g.questions)) {
      if (q.id === id) return q.text;
      const s = q.subBullets.find((b) => b.id === id);
      if (s) return s.text;
    }
  }
  return undefined;
};

t.test('outline A: 11 sections, 25 numbered items, 21 bullets, 3 sub-bullets', async (t) => {
  t.same(counts('A'), { total: 49, numbered: 25, bullets: 21, subBullets: 3, answerable: 38 });
  const a = set.outlines.get('A')!;
  t.equal(a.title, 'A- ĐỀ CƯƠNG GỢI Ý BÁO CÁO PHỤC VỤ KIỂM TRA THỰC HIỆN ĐỀ ÁN 06 TẠI PHÒNG, BAN, NGÀNH, ĐƠN VỊ, ĐOÀN THỂ CẤP HUYỆN');
  t.equal(a.dataPeriodNote, '(Số liệu báo cáo được lấy từ năm 2022 đến hết tháng 6/2023)');
  t.equal(a.trailingNote, 'Lưu ý: Một số đơn vị báo cáo thêm một số nội dung, nhiệm vụ trọng tâm như sau:');
  t.same(
    a.items.map((n) => `${n.no}. ${n.text}`),
    [
      '1. Công tác chỉ đạo, triển khai thực hiện',
      '2. Kết quả công tác tuyên truyền, phổ biến các tiện ích, dịch vụ liên quan đến dữ liệu dân cư',
      '3. Nhiệm vụ hoàn thiện hệ sinh thái phục vụ kết nối, khai thác, bổ sung làm giàu dữ liệu dân cư',
      '4. Cơ sở hạ tầng công nghệ thông tin, đảm bảo an toàn thông tin, nguồn nhân lực, bố trí kinh phí',
      '5. Công tác giải quyết hồ sơ DVC trực tuyến, số hóa hồ sơ; cập nhật thông tin, hồ sơ cán bộ, công chức, viên chức và người lao động lên Cơ sở dữ liệu quốc gia về CBCCVC',
      '6. Công tác rà soát, đề xuất tái cấu trúc quy trình, điện tử hóa mẫu đơn, tờ khai, kết quả giải quyết TTHC để nâng cao chất lượng cung cấp DVC trực tuyến; Công tác tổ chức thực hiện các Nghị quyết của Chính phủ và các văn bản chỉ đạo của Bộ, ngành Trung ương về đơn giản hóa thủ tục hành chính, giấy tờ công dân liên quan đến quản lý dân cư thuộc phạm vi chức năng quản lý của từng đơn vị',
      '7. Nhiệm vụ phục vụ phát triển kinh tế - xã hội, phát triển công dân số',
      '8. Công tác đăng ký, xây dựng, triển khai mô hình điểm',
      '9. Công tác sơ kết, đánh giá tình hình, kết quả thực hiện nhiệm vụ Đề án; biểu dương khen thưởng; phát động phong trào thi đua, xây dựng, nhân rộng các mô hình, điển hình tiên tiến trong triển khai thực hiện các nhiệm vụ Đề án',
      '10. Đánh giá chung',
      '11. Phương hướng nhiệm vụ thời gian tới',
    ],
  );
  t.equal(
    textOf('A.1.1'),
    // Since issue 15 the plans a campaign cites are placeholders, filled from its plan.references.
    'Kết quả ban hành các văn bản triển khai thực hiện {plan:ke-hoach-nam-truoc}; {plan:ke-hoach-nam} của Chủ tịch UBND huyện về việc triển khai thực hiện Đề án 06 trên địa bàn tỉnh và các văn bản chỉ đạo, hướng dẫn thực hiện các nhiệm vụ trọng tâm của Đề án.',
  );
  t.equal(textOf('A.1.2.b2'), 'Công tác tổng hợp, báo cáo tình hình, tiến độ thực hiện các nhiệm vụ Đề án được giao (báo cáo định kỳ hàng tháng, sơ kết 06 tháng, 01 năm và đột xuất về thực hiện Đề án).');
  t.equal(textOf('A.4.b6'), 'Về bố trí kinh phí.');
  t.equal(textOf('A.7.2.b3'), 'Trong thực hiện an sinh xã hội:');
  t.equal(
    textOf('A.7.2.b3.s2'),
    'Việc thực hiện chính sách hỗ trợ tiền thuê nhà cho người lao động theo Quyết định số 08/2022/QĐ-TTg ngày 28/03/2022 của Thủ tướng Chính phủ.',
  );
  t.equal(textOf('A.10.3'), 'Kiến nghị, đề xuất.');
  // Corrected in print (outlines/README.md lists every correction): "468/QD-TTg" in the source.
  t.equal(
    textOf('A.5.4'),
    'Việc đổi mới cơ chế một cửa, một cửa liên thông trong giải quyết TTHC tại Quyết định số 468/QĐ-TTg ngày 27/3/2021 và Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 của Chính phủ.',
  );
});

t.test('outline B: I–III, 28 numbered items, 30 bullets, 5 sub-bullets', async (t) => {
  t.same(counts('B'), { total: 63, numbered: 28, bullets: 30, subBullets: 5, answerable: 48 });
  const b = set.outlines.get('B')!;
  t.equal(b.title, 'B- ĐỀ CƯƠNG GỢI Ý BÁO CÁO PHỤC VỤ KIỂM TRA THỰC HIỆN ĐỀ ÁN 06 TẠI UBND CẤP XÃ');
  t.equal(b.dataPeriodNote, '(Số liệu báo cáo được lấy từ năm 2022 đến hết tháng 5/2023)');
  t.same(b.items.map((n) => `${n.no}. ${n.text}`), [
    'I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN',
    'II. ĐÁNH GIÁ CHUNG',
    'III. PHƯƠNG HƯỚNG NHIỆM VỤ THỜI GIAN TỚI./.',
  ]);
  t.equal(b.items[0]!.children.length, 10);
  t.equal(textOf('B.I.1.2.s1'), 'Kết quả thành lập Tổ công tác Đề án 06 cấp xã;');
  t.equal(textOf('B.I.7.1.b2'), 'Kết quả thu nhận hồ sơ đăng ký cấp tài khoản định danh điện tử (mức độ 2).');
  t.equal(textOf('B.I.9'), 'Công tác điều tra cơ bản, đăng ký, triển khai mô hình điểm');
  t.equal(textOf('B.II.3'), 'Kiến nghị đề xuất.');
  t.equal(
    textOf('B.I.5.3'),
    'Kết quả số hóa hồ sơ, trả kết quả TTHC bản điện tử và cung cấp dịch vụ công trực tuyến: Đã tiến hành số hóa dữ liệu chưa (nếu đã thực hiện số hóa thì đã tập trung về Trung ương chưa?). Lộ trình triển khai cụ thể như thế nào, kinh phí bao nhiêu, thời gian triển khai trong bao lâu.',
  );
  // Corrected: "tuyên tuyền" and "thay thể" in the source.
  t.equal(textOf('B.I.7.1.b3'), 'Kết quả tuyên truyền, hướng dẫn kích hoạt tài khoản định danh điện tử (mức độ 1, mức độ 2).');
  t.match(textOf('B.I.7.2.b1'), /thay thế thẻ BHYT/);
});

t.test('the nine department blocks: headings, legal basis, groups, questions and sub-bullets', async (t) => {
  const expected: Record<string, { heading: string; groups: number; questions: number; subBullets: number; answerable: number }> = {
    'noi-vu': { heading: '*) Đối với Phòng Nội vụ', groups: 1, questions: 4, subBullets: 0, answerable: 4 },
    'vhtt-motcua': { heading: '*) Đối với Phòng Văn hóa - Thông tin, bộ phận một cửa UBND huyện', groups: 3, questions: 21, subBullets: 7, answerable: 26 },
    tckh: { heading: '*) Đối với Phòng Tài chính - Kế hoạch bố trí nguồn lực thực hiện Đề án', groups: 1, questions: 4, subBullets: 0, answerable: 4 },
    'tu-phap': { heading: '*) Phòng Tư pháp', groups: 1, questions: 4, subBullets: 0, answerable: 4 },
    'y-te': { heading: '*) Đối với Bệnh viện Đa khoa huyện và Trung tâm Y tế huyện', groups: 1, questions: 4, subBullets: 0, answerable: 4 },
    ldtbxh: { heading: '*) Đối với Phòng Lao động - Thương binh và Xã hội', groups: 1, questions: 4, subBullets: 0, answerable: 4 },
    tnmt: { heading: '*) Đối với Phòng Tài nguyên và Môi trường', groups: 1, questions: 2, subBullets: 0, answerable: 2 },
    gddt: { heading: '*) Đối với Phòng Giáo dục và Đào tạo', groups: 1, questions: 2, subBullets: 0, answerable: 2 },
    khac: { heading: '*) Các phòng, ngành, đơn vị khác', groups: 1, questions: 2, subBullets: 0, answerable: 2 },
  };
  t.same(set.blockOrder, Object.keys(expected));
  for (const [id, want] of Object.entries(expected)) {
    const block = set.blocks.get(id)!;
    const questions = block.groups.flatMap((g) => g.questions);
    t.same(
      {
        heading: block.heading,
        groups: block.groups.length,
        questions: questions.length,
        subBullets: questions.reduce((n, q) => n + q.subBullets.length, 0),
        answerable: questions.reduce((n, q) => n + (q.subBullets.length || 1), 0),
      },
      want,
      id,
    );
    t.equal(block.forOutline, 'A', `${id} belongs to outline A (Lưu ý)`);
  }
  const vh = set.blocks.get('vhtt-motcua')!;
  t.same(vh.groups.map((g) => g.title), ['Về dịch vụ công', 'Về số hóa và tái sử dụng kết quả số hóa tài liệu', 'Về hạ tầng, Công nghệ thông tin']);
  t.equal(vh.legalBasis, null);
  t.equal(
    vh.groups[1]!.legalBasis,
    '(căn cứ theo Nghị quyết số 50/NQ-CP ngày 08/4/2022 của Thủ tướng Chính phủ và các văn bản chỉ đạo của UBND tỉnh)',
  );
  t.same(vh.groups[0]!.questions.map((q) => q.subBullets.length), [4, 0, 0, 0, 3, 0, 0, 0]);
  t.equal(textOf('vhtt-motcua.g1.q5.b3'), 'Hệ thống đăng ký, quản lý hộ tịch điện tử.');
  t.equal(textOf('vhtt-motcua.g3.q7'), 'Việc ứng dụng các tiện ích của công dân số đang được triển khai như thế nào, tiện ích nào là chủ yếu?');
  t.equal(set.blocks.get('noi-vu')!.legalBasis, null);
  t.equal(
    set.blocks.get('tckh')!.legalBasis,
    '(căn cứ theo hướng dẫn số 1304/BTC ngày 10/02/2022 của Bộ Tài chính và Công văn số 933/BKHĐT ngày 16/02/2022 về hướng dẫn bố trí nguồn lực phục vụ thực hiện triển khai Đề án 06/CP)',
  );
  t.equal(
    set.blocks.get('khac')!.legalBasis,
    '(căn cứ theo Nghị quyết số 50/NQ-CP ngày 08/4/2022 của Thủ tướng Chính phủ; {plan:ke-hoach-nam} của UBND huyện).',
  );
  t.equal(textOf('noi-vu.q2'), 'Đã rà soát có bao nhiêu cán bộ làm về công nghệ thông tin, đã đáp ứng được chưa?');
  t.equal(
    textOf('gddt.q2'),
    'Có yêu cầu học sinh xuất trình CT07 (giấy xác nhận cư trú) hoặc giấy tờ chứng minh nơi thường trú không? Sử dụng dữ liệu dân cư như thế nào?',
  );
  // Corrected in print: "Thống báo" and "bộ Y tế" in the source.
  const health = set.blocks.get('y-te')!.legalBasis!;
  t.match(health, /^\(căn cứ theo thực hiện theo Công văn số 931\/BYT-BH 2022 ngày 28\/02\/2022 của Bộ Y tế, Thông báo số 2880\/TB-TCTTKĐA/);
  t.notMatch(health, /Thống báo/);
});

t.test('ids are unique, read as paths, and every text is clean NFC Vietnamese', async (t) => {
  const ids: string[] = [];
  const texts: string[] = [];
  for (const outline of set.outlines.values()) {
    for (const n of flatten(outline.items)) {
      ids.push(n.id);
      texts.push(n.text);
    }
  }
  for (const block of set.blocks.values()) {
    for (const q of block.groups.flatMap((g) => g.questions)) {
      ids.push(q.id, ...q.subBullets.map((s) => s.id));
      texts.push(q.text, ...q.subBullets.map((s) => s.text));
    }
  }
  t.equal(new Set(ids).size, ids.length);
  t.ok(ids.includes('A.1.2') && ids.includes('A.2.b1') && ids.includes('noi-vu.q1') && ids.includes('B.I.7.2.b4.s3'));
  for (const text of texts) {
    if (text !== text.normalize('NFC') || /[ƣƢ]/.test(text) || /\s{2,}/.test(text)) t.fail(`unclean text: ${text}`);
  }
  t.pass(`${texts.length} texts checked`);
});

t.test('items asking for figures follow the rule in outlines/README.md', async (t) => {
  const rule = /(bao nhiêu|tỷ lệ|tỉ lệ|phần trăm|tổng số|số lượng|số lượt|số (tin bài|video|cơ sở|hồ sơ))/iu;
  const flagged = (id: string) => {
    for (const outline of set.outlines.values()) {
      const n = flatten(outline.items).find((x) => x.id === id);
      if (n) return n.figures;
    }
    for (const q of [...set.blocks.values()].flatMap((b) => b.groups.flatMap((g) => g.questions))) {
      if (q.id === id) return q.figures;
      const s = q.subBullets.find((x) => x.id === id);
      if (s) return s.figures;
    }
    return undefined;
  };
  for (const id of ['A.2.b2', 'A.5.1', 'A.7.2.b1', 'B.I.5.3', 'B.I.7.2.b2', 'noi-vu.q2', 'vhtt-motcua.g1.q7', 'y-te.q1', 'tnmt.q1']) {
    t.equal(flagged(id), true, `${id} asks for figures`);
  }
  for (const id of ['A.1.1', 'A.6', 'A.10.1', 'B.I.9', 'noi-vu.q1', 'gddt.q1']) t.equal(flagged(id), false, `${id} does not`);
  for (const outline of set.outlines.values()) {
    for (const n of flatten(outline.items)) t.equal(n.figures, rule.test(n.text), n.id);
  }
});

t.test('the printed period sentence comes from the campaign period and matches the seed', async (t) => {
  t.equal(periodNote({ from: '2022-01-01', to: '2023-06-30' }), set.outlines.get('A')!.dataPeriodNote);
  t.equal(periodNote({ from: '2022-01-01', to: '2023-05-31' }), '(Số liệu báo cáo được lấy từ năm 2022 đến hết tháng 5/2023)');
  t.equal(periodNote({ from: '2024-01-01', to: '2024-12-31' }), '(Số liệu báo cáo được lấy trong năm 2024)');
  t.equal(periodNote({ from: '2023-07-01', to: '2024-02-29' }), '(Số liệu báo cáo được lấy từ tháng 7/2023 đến hết tháng 2/2024)');
  t.equal(periodNote({ from: '2023-07-15', to: '2024-02-10' }), '(Số liệu báo cáo được lấy từ ngày 15/7/2023 đến hết ngày 10/02/2024)');
});

t.test('the set and a block are served over HTTP', async (t) => {
  const { app, as } = await buildTestApp(t);
  const res = await app.inject({ method: 'GET', url: '/outline-sets/quang-xuong-2023', headers: as('unit') });
  t.equal(res.statusCode, 200);
  t.same(res.json().outlines.map((o: { code: string }) => o.code), ['A', 'B']);
  t.equal(res.json().blocks.length, 9);
  const block = await app.inject({ method: 'GET', url: '/outline-sets/quang-xuong-2023/blocks/y-te', headers: as('leader') });
  t.equal(block.json().groups[0].questions[1].text, 'Việc làm sạch dữ liệu mũi tiêm Covid 19.');
  t.equal(block.json().groups[0].questions[1].id, 'y-te.q2');
  const missing = await app.inject({ method: 'GET', url: '/outline-sets/quang-xuong-2023/blocks/khong-co', headers: as('office') });
  t.equal(missing.statusCode, 404);
  t.equal(missing.json().code, 'QUESTION_BLOCK_NOT_FOUND');
});
