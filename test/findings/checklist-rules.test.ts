import t from 'tap';
import { readDefinitionFile } from '../../src/campaigns/loader.js';
import { asksForFigures, checklistProgress, checklistTemplate, templateKeys } from '../../src/findings/checklist/rules.js';
import { loadOutlineSets } from '../../src/outlines/loader.js';
import { blockView } from '../../src/outlines/rules.js';
import { fromRoot } from '../../src/paths.js';

const definition = readDefinitionFile(fromRoot('data/campaigns/quang-xuong-2023.yaml'));
const set = loadOutlineSets(fromRoot('outlines')).get('quang-xuong-2023')!;
const block = (id: string) => blockView(set.blocks.get(id)!);

t.test('a district unit with a block: Section II, Section III, then its department questions', async (t) => {
  const sections = checklistTemplate(definition, [block('tckh')]);
  t.same(
    sections.map((s) => [s.key, s.items.length]),
    [
      ['II', 11],
      ['III', 5],
      ['block:tckh', 4],
    ],
  );
  const [contents, methods, tckh] = sections;
  t.equal(contents!.items[1]!.text, 'Kết quả thực hiện công tác tuyên truyền Đề án 06.');
  t.equal(contents!.items[10]!.key, 'II.11');
  t.same(
    methods!.items.map((i) => i.key),
    ['III.1', 'III.2.1', 'III.2.2', 'III.2.3', 'III.2.4'],
  );
  t.equal(methods!.items[4]!.text, 'Trưởng đoàn kiểm tra kết luận.', 'the leader concludes: the last step of the method');
  t.match(methods!.items[4]!.group, /^Đoàn kiểm tra làm việc trực tiếp/);
  t.equal(tckh!.title, '*) Đối với Phòng Tài chính - Kế hoạch bố trí nguồn lực thực hiện Đề án');
  t.match(tckh!.legalBasis, /1304\/BTC/);
  t.same(
    tckh!.items.map((i) => [i.key, i.asksForFigures]),
    [
      ['tckh.q1', false],
      ['tckh.q2', true],
      ['tckh.q3', true],
      ['tckh.q4', false],
    ],
  );
  t.equal(templateKeys(sections).size, 20);
});

t.test('a block question keeps its sub-bullets', async (t) => {
  const [, , vhtt] = checklistTemplate(definition, [block('vhtt-motcua')]);
  const first = vhtt!.items[0]!;
  t.equal(first.group, 'Về dịch vụ công');
  t.equal(first.subBullets.length, 4);
  t.equal(new Set(vhtt!.items.map((i) => i.key)).size, vhtt!.items.length, 'keys are unique across groups');
});

t.test('a commune has no department block: sixteen items', async (t) => {
  const sections = checklistTemplate(definition, []);
  t.same(
    sections.map((s) => s.key),
    ['II', 'III'],
  );
  t.equal(templateKeys(sections).size, 16);
});

t.test('Section II items that ask for numbers', async (t) => {
  const flagged = checklistTemplate(definition, [])[0]!
    .items.filter((i) => i.asksForFigures)
    .map((i) => i.key);
  t.same(flagged, ['II.5', 'II.10'], '100% of essential services; funding');
  t.ok(asksForFigures('Tỷ lệ hồ sơ trực tuyến là bao nhiêu?'));
  t.notOk(asksForFigures('Khó khăn vướng mắc và kiến nghị đề xuất.'));
});

t.test('progress counts answered items of the template only', async (t) => {
  const keys = templateKeys(checklistTemplate(definition, []));
  const progress = checklistProgress(keys, [
    { itemKey: 'II.1', result: 'dat' },
    { itemKey: 'II.2', result: 'chua-dat' },
    { itemKey: 'II.3', result: null },
    { itemKey: 'tckh.q1', result: 'dat' },
  ]);
  t.same(progress, { answered: 2, total: 16, byResult: { dat: 1, 'dat-mot-phan': 0, 'chua-dat': 1, 'khong-ap-dung': 0 } });
});
