import t, { type Test } from 'tap';
import type { CampaignDefinitionInput } from '../../src/campaigns/definition.js';
import { buildTestApp } from '../helpers/app.js';
import { miniDefinition } from '../helpers/definitions.js';

// A campaign definition names its outline set, outlines and question blocks; names the loaded sets
// do not have are refused with their path before anything is stored.

async function post(t: Test, definition: CampaignDefinitionInput) {
  const { app, as } = await buildTestApp(t);
  const res = await app.inject({ method: 'POST', url: '/campaigns', headers: as('office'), payload: definition });
  return { res, app, as };
}

t.test('an unknown outline set is refused naming outlines.set', async (t) => {
  const def = miniDefinition();
  def.outlines.set = 'ha-noi-2030';
  const { res, app, as } = await post(t, def);
  t.equal(res.statusCode, 422);
  t.same(
    res.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]),
    [['outlines.set', 'UNKNOWN_OUTLINE_SET']],
  );
  t.match(res.json().errors[0].message, /ha-noi-2030.*quang-xuong-2023/);
  const after = await app.inject({ method: 'GET', url: '/campaigns/mini-2024', headers: as('office') });
  t.equal(after.statusCode, 404, 'nothing was stored');
});

t.test('unknown outline codes and question blocks are refused, each with its path', async (t) => {
  const def = miniDefinition();
  def.outlines.periods = { ...def.outlines.periods, C: { from: '2023-01-01', to: '2023-12-31' } };
  def.outlines.byLevel = { district: 'A', commune: 'B', other: 'C' };
  def.outlines.questionBlocks = { 'y-te': ['Phòng Nội vụ'], 'cong-an': ['Phòng Tư pháp'] };
  def.outlines.otherBlock = { id: 'khac-nua', forOutline: 'A' };
  def.teams[0]!.targets = [{ unit: 'Phòng tư pháp', questionBlocks: ['tu-phap', 'thue'] }, 'Xã An'];
  const { res } = await post(t, def);
  t.equal(res.statusCode, 422);
  t.same(
    res.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]),
    [
      ['outlines.periods.C', 'UNKNOWN_OUTLINE'],
      ['outlines.byLevel.other', 'UNKNOWN_OUTLINE'],
      ['outlines.questionBlocks.cong-an', 'UNKNOWN_QUESTION_BLOCK'],
      ['outlines.otherBlock.id', 'UNKNOWN_QUESTION_BLOCK'],
      ['teams[0].targets[0].questionBlocks[1]', 'UNKNOWN_QUESTION_BLOCK'],
    ],
  );
});

t.test('a definition naming only known outlines and blocks is accepted, and its targets get them', async (t) => {
  const def = miniDefinition();
  def.outlines.questionBlocks = { 'noi-vu': ['Phòng Nội vụ'] };
  def.teams[0]!.targets = [{ unit: 'Phòng tư pháp', questionBlocks: ['tu-phap'] }, 'Xã An'];
  const { res, app, as } = await post(t, def);
  t.equal(res.statusCode, 201);
  const outline = await app.inject({ method: 'GET', url: '/campaigns/mini-2024/units/tp/outline', headers: as('office') });
  t.equal(outline.json().outline.code, 'A');
  t.same(outline.json().blocks.map((b: { id: string }) => b.id), ['tu-phap']);
  t.equal(outline.json().periodNote, '(Số liệu báo cáo được lấy trong năm 2023)');
  const commune = await app.inject({ method: 'GET', url: '/campaigns/mini-2024/units/xa-a/outline', headers: as('office') });
  t.equal(commune.json().outline.code, 'B');
  t.equal(commune.json().periodNote, '(Số liệu báo cáo được lấy từ năm 2023 đến hết tháng 11/2023)');
});
