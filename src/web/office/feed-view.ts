import type { FeedEvent } from '../../findings/feed/schema.js';
import type { PublishedConclusion } from '../../findings/conclusions/schema.js';
import { brief } from '../../reports/summary.js';
import { twoDigits } from '../../text/vietnamese.js';

// Pure: an entry of the office's feed page, from a feed event and what the conclusion says now.

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

export function feedEntry(
  event: FeedEvent,
  base: string,
  names: { unit: (id: string) => string; team: (n: number) => string },
  conclusion: PublishedConclusion | null,
): FeedEntry {
  const status = event.status === 'done' ? 'đã thực hiện' : event.status === 'open' ? 'đang thực hiện' : null;
  const note =
    event.type === 'recommendation.status-changed'
      ? `Kiến nghị số ${event.recommendationId}: ${status ?? event.status ?? ''}${event.reason ? ` — ${event.reason}` : ''}`
      : event.reason
        ? `Lý do: ${event.reason}`
        : null;
  return {
    cursor: event.cursor,
    what: `${what[event.type]}${event.version ? ` (phiên bản ${event.version})` : ''}`,
    at: event.at,
    by: event.by,
    team: names.team(event.teamNumber) || `Đoàn ${twoDigits(event.teamNumber)}`,
    unitName: names.unit(event.unitId),
    summary: conclusion && event.type !== 'conclusion.withdrawn' ? brief(conclusion.achieved) : null,
    note,
    visitHref: `${base}/buoi/${event.visitId}`,
    unitHref: `${base}/don-vi/${encodeURIComponent(event.unitId)}`,
  };
}
