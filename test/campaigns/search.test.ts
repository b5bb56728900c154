import t from 'tap';
import { matchesWords, searchWords } from '../../src/campaigns/search.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { miniDefinition } from '../helpers/definitions.js';

t.test('a query is its words, folded: case, diacritics and punctuation between them do not count', async (t) => {
  t.same(searchWords('Phòng  Kế-hoạch, Tài chính!'), ['phong', 'ke', 'hoach', 'tai', 'chinh']);
  t.same(searchWords('  - , '), []);
  t.same(searchWords('Đoàn TNCS HCM'), ['doan', 'tncs', 'hcm']);
  t.same(searchWords('Phòng Kế hoạch Phòng'), ['phong', 'ke', 'hoach'], 'a word given twice is one word');
});

t.test('every word must begin a word of the same name, in any order', async (t) => {
  const name = 'Phòng Tài chính - Kế hoạch';
  t.ok(matchesWords(searchWords('phong ke hoach'), name));
  t.ok(matchesWords(searchWords('hoach ke phong'), name));
  t.ok(matchesWords(searchWords('TÀI-CHÍNH'), name));
  t.ok(matchesWords(searchWords('tai chi'), name), 'a word may be the start of one');
  t.notOk(matchesWords(searchWords('phong ke hoach dau tu'), name), 'every word is needed');
  t.notOk(matchesWords(searchWords('hinh'), name), 'a word matches the start of a word, not its middle');
  t.ok(matchesWords(searchWords('tn mt'), 'Phòng TN&MT'));
});

t.test('GET …/units?q= finds units by words in any order', async (t) => {
  const { app, as } = await buildTestApp(t);
  const definition = miniDefinition('thu-2024');
  definition.units.push({ id: 'p-thu', name: 'Phòng Thử nghiệm - Kiểm định', level: 'district', kind: 'department' });
  definition.teams[1]!.targets.push('p-thu');
  const loaded = await app.inject({ method: 'POST', url: '/campaigns', headers: as('office'), payload: definition });
  t.equal(loaded.statusCode, 201, loaded.body);

  const search = async (campaignId: string, q: string) => {
    const res = await app.inject({ method: 'GET', url: `/campaigns/${campaignId}/units`, query: { q }, headers: as('office') });
    t.equal(res.statusCode, 200);
    return res.json().map((u: { id: string }) => u.id);
  };
  t.same(await search(QX, 'phong ke hoach'), ['p-tckh'], 'Phòng Tài chính - Kế hoạch');
  t.same(await search(QX, 'ke hoach, tai chinh'), ['p-tckh']);
  t.same(await search(QX, 'Kế hoạch – Phòng'), ['p-tckh'], 'an en dash between words');
  t.same(await search(QX, 'xuong quang'), ['chi-cuc-thue']);
  t.same(await search('thu-2024', 'phong thu'), ['p-thu'], 'Phòng Thử …');
  t.same(await search('thu-2024', 'PHÒNG THỬ'), ['p-thu']);
  t.same(await search(QX, 'phong thu'), ['p-ldtbxh'], 'Phòng Lao động - Thương binh và Xã hội: "thu" begins "Thương"');

  const global = await app.inject({ method: 'GET', url: '/units', query: { q: 'phong tu phap' }, headers: as('office') });
  t.same(
    global.json().map((u: { id: string; campaignId: string }) => [u.campaignId, u.id]),
    [
      [QX, 'p-tp'],
      ['thu-2024', 'tp'],
    ],
  );
  const punctuationOnly = await app.inject({ method: 'GET', url: '/units', query: { q: ' - ' }, headers: as('office') });
  t.same(punctuationOnly.json(), []);
});
