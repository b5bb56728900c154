import { readFileSync } from 'node:fs';
import t from 'tap';
import { parse, stringify } from 'yaml';
import { fromRoot } from '../../src/paths.js';
import { buildTestApp, QX, type TestApp } from '../helpers/app.js';
import { miniDefinition } from '../helpers/definitions.js';

// Issue 15, item 7: the office loads an outline set through the API, checked as strictly as the shipped
// one and versioned; a campaign uses its own set; the campaign's own plan references fill its texts.

const fixture = (name: string) => readFileSync(fromRoot('test', 'fixtures', 'kim-son-2024', name), 'utf8');
const KS = 'kim-son-2024';
const setUrl = `/outline-sets/${KS}`;

async function loadSet(test: TestApp, body: unknown, yaml = false) {
  return test.app.inject({
    method: 'PUT',
    url: setUrl,
    headers: yaml ? { ...test.as('office'), 'content-type': 'application/yaml' } : test.as('office'),
    payload: yaml ? (body as string) : (body as object),
  });
}

t.test('an outline set loaded through the API: versions, the same content twice, reads', async (t) => {
  const test = await buildTestApp(t);
  const preview = await test.app.inject({
    method: 'POST',
    url: `${setUrl}/preview`,
    headers: { ...test.as('office'), 'content-type': 'application/yaml' },
    payload: fixture('outline-set.yaml'),
  });
  t.equal(preview.statusCode, 200, preview.body);
  t.match(preview.json(), { setId: KS, version: 1, unchanged: false, canLoad: true, usedBy: [], outlines: [{ code: 'A' }, { code: 'B' }], blocks: [{ id: 'tu-phap', forOutline: 'A' }] });
  t.equal((await test.app.inject({ method: 'GET', url: setUrl, headers: test.as('office') })).statusCode, 404, 'a preview loads nothing');

  const first = await loadSet(test, fixture('outline-set.yaml'), true);
  t.equal(first.statusCode, 201, first.body);
  t.match(first.json(), { created: true, version: 1 });
  t.equal(first.headers.location, `${setUrl}/versions/1`);
  const again = await loadSet(test, fixture('outline-set.yaml'), true);
  t.equal(again.statusCode, 200);
  t.match(again.json(), { created: false, version: 1, unchanged: true });

  const view = (await test.app.inject({ method: 'GET', url: setUrl, headers: test.as('unit') })).json();
  t.match(view, { id: KS, version: 1, shipped: false, references: [{ id: 'ke-hoach-tinh', kind: 'Kế hoạch' }, { id: 'ke-hoach-huyen' }] });
  t.match(view.outlines[0].items[0].children[0].text, /\{plan:ke-hoach-tinh\}/, 'the set itself keeps its placeholders');
  const list = (await test.app.inject({ method: 'GET', url: '/outline-sets', headers: test.as('leader') })).json();
  t.match(list, [
    { id: KS, shipped: false, version: 1, versions: 1, usedBy: [] },
    { id: QX, shipped: true, version: null, usedBy: [QX] },
  ]);

  const document = parse(fixture('outline-set.yaml'));
  document.outlines[0].items[2].text = 'Khó khăn, vướng mắc; đề xuất, kiến nghị';
  const second = await loadSet(test, document);
  t.equal(second.statusCode, 201);
  t.equal(second.json().version, 2);
  const v1 = (await test.app.inject({ method: 'GET', url: `${setUrl}/versions/1`, headers: test.as('office') })).json();
  t.equal(v1.document.outlines[0].items[2].text, 'Khó khăn, vướng mắc và đề xuất, kiến nghị', 'the earlier version is kept as loaded');
  t.equal((await test.app.inject({ method: 'GET', url: setUrl, headers: test.as('office') })).json().version, 2);
  t.match(test.services.audit.list({ limit: 10 }).filter((a) => a.action === 'outline-set.load'), [{ entityId: KS, after: { version: 2 } }, { after: { version: 1 } }]);
});

t.test('a bad set is refused with every problem listed, and nothing is written', async (t) => {
  const test = await buildTestApp(t);
  const document = parse(fixture('outline-set.yaml'));
  document.id = 'khac';
  document.outlines[0].items[0].children[1].id = 'A.I.1';
  document.outlines[0].items[1].children[0].id = 'A.X.1';
  document.outlines[1].items[0].children[0].text = 'Thực hiện {plan:ke-hoach-xa} và {plan:ke-hoach-huyen}';
  document.outlines[1].items[1].text = 'Kết quả {thực hiện}';
  document.blocks[0].forOutline = 'C';
  document.blocks.push({ ...document.blocks[0], forOutline: 'A', groups: [{ id: 'tu-phap.g9', questions: [{ id: 'tu-phap.q9', no: 1, text: 'Câu hỏi thêm' }] }] });
  document.references.push({ id: 'ke-hoach-huyen', description: 'Lần hai' });
  const res = await loadSet(test, document);
  t.equal(res.statusCode, 422, res.body);
  t.equal(res.json().code, 'OUTLINE_SET_REJECTED');
  t.same(
    res.json().errors.map((e: { code: string; path: string }) => `${e.code} ${e.path}`),
    [
      'ID_MISMATCH id',
      'DUPLICATE_REFERENCE references[2].id',
      'UNKNOWN_OUTLINE blocks[0].forOutline',
      'DUPLICATE_BLOCK blocks[1].id',
      'DUPLICATE_ITEM_ID outlines[0].items[0].children[1].id',
      'ITEM_ID_PREFIX outlines[0].items[1].children[0].id',
      'UNDECLARED_REFERENCE outlines[1].items[0].children[0].text',
      'STRAY_BRACE outlines[1].items[1].text',
    ],
  );
  for (const error of res.json().errors) t.match(error, { message: /\S/, messageEn: /\S/ });

  const schema = parse(fixture('outline-set.yaml'));
  schema.outlines[0].items[0].footer = 'x';
  delete schema.outlines[1].items[0].children[0].no;
  schema.blocks[0].groups[0].questions[0].no = 'một';
  const shape = await loadSet(test, schema);
  t.equal(shape.statusCode, 400);
  t.same(
    shape.json().errors.map((e: { path: string }) => e.path).sort(),
    ['blocks[0].groups[0].questions[0].no', 'outlines[0].items[0]', 'outlines[1].items[0].children[0]'],
  );
  const broken = await loadSet(test, 'format: outline-set-document/v1\nid: [x\n', true);
  t.equal(broken.statusCode, 400);
  t.equal(broken.json().code, 'INVALID_YAML');

  const shipped = parse(fixture('outline-set.yaml'));
  shipped.id = QX;
  const over = await test.app.inject({ method: 'PUT', url: `/outline-sets/${QX}`, headers: test.as('office'), payload: shipped });
  t.equal(over.statusCode, 422);
  t.match(over.json().errors, [{ code: 'SHIPPED_SET', path: 'id' }]);

  for (const role of ['leader', 'unit'] as const) {
    t.equal((await test.app.inject({ method: 'PUT', url: setUrl, headers: test.as(role), payload: parse(fixture('outline-set.yaml')) })).statusCode, 403, role);
  }
  t.equal((await test.app.inject({ method: 'GET', url: setUrl, headers: test.as('office') })).statusCode, 404, 'nothing was loaded');
  t.equal(test.services.audit.list({ limit: 20 }).filter((a) => a.action === 'outline-set.load').length, 0);
});

t.test('a campaign uses its own set, with its own plans in the texts; a version that would break it is refused', async (t) => {
  const test = await buildTestApp(t);
  t.equal((await loadSet(test, fixture('outline-set.yaml'), true)).statusCode, 201);
  const loaded = await test.app.inject({
    method: 'POST',
    url: '/campaigns',
    headers: { ...test.as('office'), 'content-type': 'application/yaml' },
    payload: fixture('definition.yaml'),
  });
  t.equal(loaded.statusCode, 201, loaded.body);

  const outline = (await test.app.inject({ method: 'GET', url: `/campaigns/${KS}/units/p-tp/outline`, headers: test.as('office') })).json();
  t.match(outline, { outlineSet: KS, outline: { code: 'A' }, blocks: [{ id: 'tu-phap', legalBasis: '(căn cứ Kế hoạch số 21/KH-UBND ngày 29/02/2024 của UBND huyện)' }] });
  t.equal(
    outline.items[0].children[0].text,
    'Việc ban hành văn bản triển khai Kế hoạch số 38/KH-UBND ngày 22/02/2024 của UBND tỉnh và Kế hoạch số 21/KH-UBND ngày 29/02/2024 của UBND huyện.',
  );

  const qx = (await test.app.inject({ method: 'GET', url: `/campaigns/${QX}/units/p-tckh/outline`, headers: test.as('office') })).json();
  t.match(qx.items[0].children[0].text, /^Kết quả ban hành các văn bản triển khai thực hiện Kế hoạch số 61\/KH-UBND ngày 03\/3\/2022; Kế hoạch số 56\/KH-UBND ngày 02\/3\/2023 của Chủ tịch UBND huyện/);

  const breaking = parse(fixture('outline-set.yaml'));
  breaking.blocks = [];
  breaking.outlines[0].trailingNote = undefined;
  const refused = await loadSet(test, breaking);
  t.equal(refused.statusCode, 409, refused.body);
  t.match(refused.json(), { code: 'OUTLINE_SET_IN_USE', usedBy: [{ campaignId: KS, errors: [{ code: 'UNKNOWN_QUESTION_BLOCK', path: 'outlines.questionBlocks.tu-phap' }] }] });
  t.equal((await test.app.inject({ method: 'GET', url: setUrl, headers: test.as('office') })).json().version, 1);

  const corrected = parse(fixture('outline-set.yaml'));
  corrected.blocks[0].groups[0].questions[0].text = 'Kết quả số hóa sổ hộ tịch, sổ đăng ký khai sinh trên địa bàn huyện.';
  t.equal((await loadSet(test, corrected)).statusCode, 201);
  const after = (await test.app.inject({ method: 'GET', url: `/campaigns/${KS}/units/p-tp/outline`, headers: test.as('office') })).json();
  t.equal(after.blocks[0].groups[0].questions[0].text, 'Kết quả số hóa sổ hộ tịch, sổ đăng ký khai sinh trên địa bàn huyện.', 'the campaign uses the newest version');
  t.not(after.version, outline.version);

  const unknownRef = parse(fixture('definition.yaml'));
  unknownRef.id = 'kim-son-khac';
  unknownRef.plan.references['ke-hoach-xa'] = { number: '3/KH-UBND', date: '2024-03-01' };
  const rejected = await test.app.inject({ method: 'POST', url: '/campaigns', headers: test.as('office'), payload: unknownRef });
  t.equal(rejected.statusCode, 422);
  t.match(rejected.json().errors, [{ code: 'UNKNOWN_PLAN_REFERENCE', path: 'plan.references.ke-hoach-xa' }]);
});

t.test('a campaign on the shipped set that has not entered its plans prints blanks, never Quảng Xương\'s', async (t) => {
  const test = await buildTestApp(t);
  const loaded = await test.app.inject({ method: 'POST', url: '/campaigns', headers: test.as('office'), payload: miniDefinition() });
  t.equal(loaded.statusCode, 201);
  const outline = (await test.app.inject({ method: 'GET', url: '/campaigns/mini-2024/units/tp/outline', headers: test.as('office') })).json();
  const text = JSON.stringify(outline);
  t.notMatch(text, /56\/KH-UBND|107\/KH-UBND|61\/KH-UBND/);
  t.match(
    outline.items[0].children[0].text,
    /^Kết quả ban hành các văn bản triển khai thực hiện Kế hoạch số … ngày …\/…\/…; Kế hoạch số … ngày …\/…\/… của Chủ tịch UBND huyện/,
  );
  const yaml = stringify({ ...miniDefinition('mini-refs'), plan: { references: { 'ke-hoach-nam': 'Kế hoạch số 12/KH-UBND ngày 15/01/2024 của UBND huyện Thử' } } });
  const withRef = await test.app.inject({ method: 'POST', url: '/campaigns', headers: { ...test.as('office'), 'content-type': 'application/yaml' }, payload: yaml });
  t.equal(withRef.statusCode, 201, withRef.body);
  const filled = (await test.app.inject({ method: 'GET', url: '/campaigns/mini-refs/units/tp/outline', headers: test.as('office') })).json();
  t.match(filled.items[0].children[0].text, /Kế hoạch số 12\/KH-UBND ngày 15\/01\/2024 của UBND huyện Thử của Chủ tịch UBND huyện/);
});
