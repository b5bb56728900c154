import t from 'tap';
import { definitionSchema, type CampaignDefinitionInput } from '../../src/campaigns/definition.js';
import { resolveDefinition } from '../../src/campaigns/resolve.js';
import { miniDefinition } from '../helpers/definitions.js';

function resolve(input: CampaignDefinitionInput) {
  return resolveDefinition(definitionSchema.parse(input));
}

function issuesOf(input: CampaignDefinitionInput) {
  const result = resolve(input);
  return result.ok ? [] : result.issues.map((i) => `${i.code} ${i.path}`);
}

t.test('the mini definition resolves names and aliases to ids', async (t) => {
  const result = resolve(miniDefinition());
  t.ok(result.ok);
  if (!result.ok) return;
  const [one, two] = result.campaign.teams;
  t.equal(one!.name, 'Đoàn kiểm tra số 01');
  t.same(
    one!.targets.map((x) => x.unitId),
    ['tp', 'xa-a'],
  );
  t.same(
    one!.targets.map((x) => x.outline),
    ['A', 'B'],
  );
  t.equal(two!.leader.unitId, 'tp');
  t.equal(one!.secretaryUnitId, 'ca', 'secretary defaults to the leader unit');
  t.same(result.campaign.aliasUses, [{ unitId: 'tp', asWritten: 'Phòng tư pháp', path: 'teams[0].targets[0]' }]);
});

t.test('unit names match ignoring case and punctuation, not diacritics', async (t) => {
  const def = miniDefinition();
  def.teams[0]!.targets = ['PHÒNG TƯ PHÁP', 'Xã  An'];
  t.ok(resolve(def).ok);
  def.teams[0]!.targets = ['Phong Tu phap'];
  t.same(issuesOf(def), ['UNKNOWN_UNIT teams[0].targets[0]']);
});

t.test('every hard error is listed with its path', async (t) => {
  const cases: [string, (d: CampaignDefinitionInput) => void, string[]][] = [
    ['a target assigned to two teams', (d) => d.teams[1]!.targets.push('Xã An'), ['TARGET_ON_TWO_TEAMS teams[1].targets[1]']],
    ['a team targeting its own leader', (d) => d.teams[0]!.targets.push('Công an huyện'), ['TEAM_TARGETS_OWN_STAFF teams[0].targets[2]']],
    ['a team targeting its own member', (d) => d.teams[0]!.targets.push('nv'), ['TEAM_TARGETS_OWN_STAFF teams[0].targets[2]']],
    ['an unknown unit reference', (d) => (d.teams[1]!.leader = 'Phòng Không Có'), ['UNKNOWN_UNIT teams[1].leader']],
    ['duplicate team numbers', (d) => (d.teams[1]!.number = 1), ['DUPLICATE_TEAM_NUMBER teams[1].number']],
    [
      'dates in the wrong order',
      (d) => {
        d.window = { start: '2024-03-30', endExclusive: '2024-03-04' };
        d.registration = { deadlineExclusive: '2024-04-01' };
        d.outlines.periods['A'] = { from: '2023-12-31', to: '2023-01-01' };
      },
      ['DATES_OUT_OF_ORDER window.endExclusive', 'DATES_OUT_OF_ORDER registration.deadlineExclusive', 'DATES_OUT_OF_ORDER outlines.periods.A.to'],
    ],
    ['a secretary from another unit', (d) => (d.teams[0]!.secretaryUnit = 'Phòng Nội vụ'), ['SECRETARY_NOT_FROM_LEADER_UNIT teams[0].secretaryUnit']],
    ['a duplicate unit id', (d) => d.units.push({ id: 'ca', name: 'Khác', level: 'district', kind: 'other' }), ['DUPLICATE_UNIT_ID units[5].id']],
    [
      'a name shared by two units',
      (d) => d.units.push({ id: 'tp2', name: 'Phòng tư pháp', level: 'district', kind: 'department' }),
      ['AMBIGUOUS_UNIT_NAME units[5].name', 'AMBIGUOUS_UNIT_NAME teams[0].targets[0]'],
    ],
    ['the leader listed as a member', (d) => (d.teams[1]!.members = ['tp']), ['LEADER_ALSO_MEMBER teams[1].members[0]']],
    ['an outline that has no period', (d) => (d.teams[1]!.targets = [{ unit: 'Xã Bình', outline: 'C' }]), ['UNKNOWN_OUTLINE teams[1].targets[0].outline']],
  ];
  for (const [name, breakIt, expected] of cases) {
    const def = miniDefinition();
    breakIt(def);
    t.same(issuesOf(def), expected, name);
  }
});

t.test('several errors come back together', async (t) => {
  const def = miniDefinition();
  def.teams[1]!.number = 1;
  def.teams[1]!.targets = ['Xã An', 'Nowhere'];
  t.same(issuesOf(def), ['DUPLICATE_TEAM_NUMBER teams[1].number', 'TARGET_ON_TWO_TEAMS teams[1].targets[0]', 'UNKNOWN_UNIT teams[1].targets[1]']);
});

t.test('impossible dates are refused by the format itself', async (t) => {
  const def = miniDefinition();
  def.window.start = '2023-02-30';
  const parsed = definitionSchema.safeParse(def);
  t.notOk(parsed.success);
  t.same(
    parsed.error?.issues.map((i) => i.path.join('.')),
    ['window.start'],
  );
});

t.test('question blocks come from the block map, else the other-units block of the outline', async (t) => {
  const def = miniDefinition();
  def.outlines.questionBlocks = { 'tu-phap': ['Phòng Tư pháp'] };
  def.outlines.otherBlock = { id: 'khac', forOutline: 'A' };
  def.teams[1]!.targets = ['Xã Bình', 'Phòng Nội vụ'];
  def.teams[0]!.members = [];
  const result = resolve(def);
  t.ok(result.ok);
  if (!result.ok) return;
  const blocks = Object.fromEntries(result.campaign.teams.flatMap((x) => x.targets).map((x) => [x.unitId, x.questionBlocks]));
  t.same(blocks, { tp: ['tu-phap'], 'xa-a': [], 'xa-b': [], nv: ['khac'] });
});
