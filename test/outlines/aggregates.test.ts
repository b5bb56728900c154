import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { loadOutlineSets } from '../../src/outlines/loader.js';
import { createSelfReportAggregates } from '../../src/outlines/aggregates.js';
import type { OutlineSet } from '../../src/outlines/data.js';
import { fromRoot } from '../../src/paths.js';
import { buildTestApp, QX } from '../helpers/app.js';

// The office's counts of the self-reports follow the outline set a campaign uses now: a set loaded
// again through the API keeps its id with a new version, and the number of items each outline asks
// for is counted again for it (it was kept by the set's id alone).

t.test('a new version of the campaign’s outline set changes the items each outline asks for', async (t) => {
  const test = await buildTestApp(t);
  const office = systemActor('test');
  const shipped = loadOutlineSets(fromRoot('outlines')).get(test.services.campaigns.rules(QX).outlineSet)!;
  const outline = test.services.outlines.forUnit(QX, 'p-tckh');
  type Item = { id: string; answerable: boolean; children: Item[] };
  const first = (items: Item[]): string | undefined => items.map((i) => (i.answerable ? i.id : first(i.children))).find(Boolean);
  test.services.outlines.saveSelfReport(office, QX, 'p-tckh', { [first(outline.items)!]: { text: 'Đã thực hiện.' } }, { replace: false });

  // Version 2 of the same set: outline A without its last part.
  const code = outline.outline.code;
  const a = shipped.outlines.get(code)!;
  const shorter: OutlineSet = { ...shipped, version: 2, outlines: new Map([...shipped.outlines, [code, { ...a, items: a.items.slice(0, -1), version: `${a.version}-2` }]]) };
  let current: OutlineSet = { ...shipped, version: 1 };
  const aggregates = createSelfReportAggregates(test.services.db, () => current);

  const before = aggregates.expectedOf(QX, ['p-tckh']).get('p-tckh')!;
  current = shorter;
  const after = aggregates.expectedOf(QX, ['p-tckh']).get('p-tckh')!;
  t.ok(after < before, `fewer items asked for by version 2 (${after} < ${before})`);
  t.equal(aggregates.selfReportsByTeam(QX).get(1)!.expected, after, 'the team’s count follows too');
});
