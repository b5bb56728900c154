import t from 'tap';
import type { FeedEvent } from '../../src/findings/feed/schema.js';
import { feedEntry, needsConclusion } from '../../src/web/office/feed-view.js';

// An entry of the office's feed page, pure: it says what the event carries (names and the conclusion
// in brief as they were), in Vietnamese words, and only an older event without them asks for more.

const base: FeedEvent = {
  cursor: 'c',
  type: 'conclusion.published',
  at: '2023-08-10T03:00:00.000Z',
  by: 'Trưởng Đoàn 02',
  campaignId: 'qx',
  visitId: 7,
  teamNumber: 2,
  unitId: 'bhxh',
  version: 1,
  recommendationId: null,
  status: null,
  reason: null,
  unit: { id: 'bhxh', name: 'Bảo hiểm xã hội huyện' },
  team: { number: 2, name: 'Đoàn kiểm tra số 02' },
  conclusion: {
    state: 'published',
    version: 1,
    summary: { achieved: 'Đơn vị đã ban hành kế hoạch.', shortcomings: '', recommendations: { total: 1, open: 1 } },
  },
  recommendation: null,
  links: { visit: '', conclusion: '', conclusionVersion: null, checklist: '', progress: '', recommendation: null },
};
const names = { unit: () => 'không dùng', team: () => 'không dùng' };

t.test('a published conclusion: unit, team and the conclusion in brief, from the event itself', async (t) => {
  t.notOk(needsConclusion(base), 'nothing more to read');
  t.match(feedEntry(base, '/dot/qx', names, null), {
    what: 'Kết luận được ban hành (phiên bản 1)',
    unitName: 'Bảo hiểm xã hội huyện',
    team: 'Đoàn kiểm tra số 02',
    summary: 'Đơn vị đã ban hành kế hoạch.',
    visitHref: '/dot/qx/buoi/7',
    unitHref: '/dot/qx/don-vi/bhxh',
  });
});

t.test('a recommendation answered "in progress" is said in the unit pages’ words, with its text', async (t) => {
  const event = {
    ...base,
    type: 'recommendation.status-changed',
    recommendationId: 3,
    status: 'in-progress',
    reason: 'Đang bố trí cán bộ',
    recommendation: {
      id: 3,
      text: 'Bố trí cán bộ tiếp nhận hồ sơ.',
      responsibleUnitId: 'bhxh',
      responsibleUnitName: 'Bảo hiểm xã hội huyện',
      dueDate: '2023-08-20',
      status: 'in-progress',
    },
  } as FeedEvent;
  const entry = feedEntry(event, '/dot/qx', names, null);
  t.equal(entry.note, 'Kiến nghị “Bố trí cán bộ tiếp nhận hồ sơ.” (Bảo hiểm xã hội huyện): đang thực hiện — Đang bố trí cán bộ');
  t.notMatch(entry.note!, /in-progress/, 'no code on the page');
});

t.test('an event written before the feed carried names and summaries falls back on the current ones', async (t) => {
  const old = {
    ...base,
    unit: { id: 'bhxh', name: null },
    team: { number: 2, name: null },
    conclusion: { state: null, version: 1, summary: null },
  } as FeedEvent;
  t.ok(needsConclusion(old));
  const entry = feedEntry(old, '/dot/qx', { unit: () => 'Bảo hiểm xã hội huyện', team: () => 'Đoàn kiểm tra số 02' }, { achieved: 'Đã làm tốt.' } as never);
  t.match(entry, { unitName: 'Bảo hiểm xã hội huyện', team: 'Đoàn kiểm tra số 02', summary: 'Đã làm tốt.' });
  const withdrawn = feedEntry({ ...old, type: 'conclusion.withdrawn', reason: 'Sai đơn vị' }, '/dot/qx', names, null);
  t.equal(withdrawn.summary, null, 'a withdrawn conclusion has no summary');
  t.equal(withdrawn.note, 'Lý do: Sai đơn vị');
});
