import type { DbOrTx } from '../../db/connection.js';
import { excerpt } from '../../text/excerpt.js';
import type { FeedEventDetail } from '../tables.js';
import * as repo from './repository.js';

// What a feed event carries besides its ids, read inside the transaction that writes the event, so
// it is the state right after the change: names, the conclusion's state and the start of its text,
// and the recommendation concerned.

const EXCERPT = 240;

export interface EventNames {
  teamName: string;
  unitName: (unitId: string) => string;
}

export function feedDetail(tx: DbOrTx, head: repo.HeadRow, names: EventNames, recommendationId?: number): FeedEventDetail {
  const version = head.state === 'published' && head.publishedVersion !== null ? repo.findVersion(tx, head.id, head.publishedVersion) : undefined;
  const rows = repo.recommendationsOf(tx, head.id).filter((r) => r.active);
  const rec = recommendationId === undefined ? undefined : repo.findRecommendation(tx, head.campaignId, recommendationId);
  return {
    unitName: names.unitName(head.unitId),
    teamName: names.teamName,
    conclusion: {
      state: head.state,
      summary: version
        ? {
            achieved: excerpt(version.achieved, EXCERPT),
            shortcomings: excerpt(version.shortcomings, EXCERPT),
            recommendations: { total: rows.length, open: rows.filter((r) => r.status === 'open').length },
          }
        : null,
    },
    recommendation: rec
      ? {
          text: rec.text ?? '',
          responsibleUnitId: rec.responsibleUnitId ?? head.unitId,
          responsibleUnitName: names.unitName(rec.responsibleUnitId ?? head.unitId),
          dueDate: rec.dueDate ?? '',
        }
      : null,
  };
}
