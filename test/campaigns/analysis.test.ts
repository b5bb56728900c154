import t from 'tap';
import { analyseCampaign } from '../../src/campaigns/analysis.js';
import { readDefinitionFile } from '../../src/campaigns/loader.js';
import { resolveDefinition } from '../../src/campaigns/resolve.js';
import { fromRoot } from '../../src/paths.js';

const resolved = resolveDefinition(readDefinitionFile(fromRoot('data/campaigns/quang-xuong-2023.yaml')));
if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
const analysis = analyseCampaign(resolved.campaign.units, resolved.campaign.teams);

t.test('seed 001 counts: 5 teams, 25 district units, 15 district targets, 26 communes', async (t) => {
  t.same(analysis.counts, {
    teams: 5,
    units: 51,
    unitsByLevel: { district: 25, commune: 26 },
    targets: 41,
    targetsByLevel: { district: 15, commune: 26 },
  });
});

t.test('14 units play several roles', async (t) => {
  t.same(analysis.multiRoleUnits.map((u) => u.unitId).sort(), [
    'bhxh',
    'bv-dk',
    'dien-luc',
    'hoi-nd',
    'p-gddt',
    'p-kt-ht',
    'p-ldtbxh',
    'p-nnptnt',
    'p-tckh',
    'p-tnmt',
    'p-tp',
    'p-vhtt',
    'toa-an',
    'vks',
  ]);
  const bhxh = analysis.multiRoleUnits.find((u) => u.unitId === 'bhxh')!;
  t.same(
    bhxh.roles.map((r) => [r.teamNumber, r.role]),
    [
      [1, 'member'],
      [2, 'target'],
    ],
    'Bảo hiểm xã hội huyện: member of team 01, target of team 02',
  );
});

t.test('Hội Nông dân huyện sits on teams 03 and 04', async (t) => {
  t.same(analysis.unitsOnSeveralTeams, [{ unitId: 'hoi-nd', name: 'Hội Nông dân huyện', teams: [3, 4] }]);
});

t.test('reciprocal pairs 01↔02, 02↔05, 04↔05', async (t) => {
  t.same(
    analysis.reciprocalTeamPairs.map((p) => [p.teams, p.firstInspects.map((u) => u.unitId), p.secondInspects.map((u) => u.unitId)]),
    [
      [[1, 2], ['p-ldtbxh'], ['bhxh']],
      [[2, 5], ['p-kt-ht'], ['bv-dk']],
      [[4, 5], ['p-tp'], ['vks', 'dien-luc']],
    ],
  );
});

t.test('units never inspected and units only inspected', async (t) => {
  t.same(
    analysis.unitsNeverInspected.map((u) => u.name).sort((a, b) => a.localeCompare(b, 'vi')),
    [
      'Chi cục Thuế khu vực TP Sầm Sơn - Quảng Xương',
      'Công an huyện',
      'Đoàn TNCS HCM huyện',
      'Hội Cựu chiến binh huyện',
      'Hội Liên hiệp phụ nữ huyện',
      'Hội Nông dân huyện',
      'Liên đoàn lao động huyện',
      'Trung tâm Văn hóa, thông tin, Thể thao và Du lịch',
      'Trung tâm Y tế huyện',
      'Văn phòng HĐND-UBND huyện',
    ],
  );
  t.same(
    analysis.unitsOnlyInspected.map((u) => u.unitId),
    ['p-nv', 'bp-mot-cua'],
  );
});

t.test('four of five leader units are inspected by another team', async (t) => {
  t.same(
    analysis.leadersInspectedByOtherTeams.map((u) => [u.unitId, u.leads, u.inspectedBy]),
    [
      ['p-vhtt', 2, 3],
      ['p-tnmt', 3, 1],
      ['p-tckh', 4, 1],
      ['p-tp', 5, 4],
    ],
  );
});

t.test('"Phòng Tài chính" is recognised as Phòng Tài chính - Kế hoạch', async (t) => {
  const aliases = analysis.aliasesUsed.filter((a) => a.kind === 'alias');
  t.same(
    aliases.map((a) => [a.unitId, a.asWritten, a.teamNumber, a.role]),
    [['p-tckh', 'Phòng Tài chính', 1, 'target']],
  );
  const spellings = analysis.aliasesUsed.filter((a) => a.kind === 'spelling').map((a) => a.asWritten);
  t.ok(spellings.includes('Phòng tư pháp'), 'capitalisation variants are reported as spellings');
  t.ok(spellings.includes('Phòng Lao động Thương binh và Xã hội'), 'punctuation variants too');
});

t.test('every target gets the outline and blocks of Phụ lục 2', async (t) => {
  const targets = new Map(resolved.campaign.teams.flatMap((team) => team.targets.map((x) => [x.unitId, x])));
  t.same(targets.get('bv-dk')?.questionBlocks, ['y-te']);
  t.same(targets.get('bp-mot-cua')?.questionBlocks, ['vhtt-motcua']);
  t.same(targets.get('p-kt-ht')?.questionBlocks, ['khac']);
  t.equal(targets.get('xa-quang-binh')?.outline, 'B');
  t.same(targets.get('xa-quang-binh')?.questionBlocks, []);
  const outlines = [...targets.values()].map((x) => x.outline);
  t.equal(outlines.filter((o) => o === 'A').length, 15);
  t.equal(outlines.filter((o) => o === 'B').length, 26);
});
