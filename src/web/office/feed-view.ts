import type { FeedEvent } from '../../findings/feed/schema.js';
import type { PublishedConclusion } from '../../findings/conclusions/schema.js';
import { brief } from '../../reports/service.js';
import { twoDigits } from '../../text/vietnamese.js';

// Pure: an entry of the office's feed page, from a feed event: the unit, team and conclusion in brief
// as the event carries them (as they were when it happened). Events written before the feed carried
// them fall back on the names and the conclusion in force now.

/** The words of the unit pages (templates/pages/partials/conclusion-text.hbs). */
const recommendationStatus: Record<string, string> = { open: 'chưa có trả lời', 'in-progress': 'đang thực hiện', done: 'đã thực hiện xong' };

const what: Record<FeedEvent['type'], string> = {
  'conclusion.published': 'Kết luận được ban hành',
  'conclusion.amended': 'Kết luận được sửa đổi',
  'conclusion.withdrawn': 'Kết luận bị thu hồi',
  'recommendation.status-changed': 'Kiến nghị đổi trạng thái',
};

export interface FeedEntry {
  cursor: string;
  what: string;
  at: string;
  by: string;
  team: string;
  unitName: string;
  summary: string | null;
  note: string | null;
  visitHref: string;
  unitHref: string;
}

/** Whether the entry needs the conclusion in force now (an older event without its own summary). */
export const needsConclusion = (event: FeedEvent) =>
  event.conclusion.summary === null && event.conclusion.state !== 'withdrawn' && event.type !== 'conclusion.withdrawn';

export function feedEntry(
  event: FeedEvent,
  base: string,
  names: { unit: (id: string) => string; team: (n: number) => string },
  conclusion: PublishedConclusion | null,
): FeedEntry {
  const own = event.conclusion.summary;
  const rec = event.recommendation;
  const about = rec ? `Kiến nghị “${rec.text}” (${rec.responsibleUnitName})` : `Kiến nghị số ${event.recommendationId}`;
  const note =
    event.type === 'recommendation.status-changed'
      ? `${about}: ${recommendationStatus[event.status ?? ''] ?? 'đổi trạng thái'}${event.reason ? ` — ${event.reason}` : ''}`
      : event.reason
        ? `Lý do: ${event.reason}`
        : null;
  return {
    cursor: event.cursor,
    what: `${what[event.type]}${event.version ? ` (phiên bản ${event.version})` : ''}`,
    at: event.at,
    by: event.by,
    team: event.team.name ?? (names.team(event.teamNumber) || `Đoàn ${twoDigits(event.teamNumber)}`),
    unitName: event.unit.name ?? names.unit(event.unitId),
    summary: event.type === 'conclusion.withdrawn' ? null : own ? own.achieved : conclusion ? brief(conclusion.achieved) : null,
    note,
    visitHref: `${base}/buoi/${event.visitId}`,
    unitHref: `${base}/don-vi/${encodeURIComponent(event.unitId)}`,
  };
}
