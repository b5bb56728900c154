import type { AuditService } from '../audit/service.js';
import { systemActor } from '../auth/actor.js';
import type { Tx } from '../db/connection.js';
import type { VisitChange } from '../schedule/service.js';
import { weekdayDate } from '../text/dates.js';
import * as repo from './repository.js';

// A notice is immutable: when a visit it announced moves or is cancelled, the notice stays as issued
// and its standing for that visit alone ends (inside the visit change's own transaction); it stays in
// force for its other visits. A moved visit is announced again by a new notice that supersedes the
// old one for that visit.

type Visit = VisitChange['after'];

const when = (v: Visit) => `${weekdayDate(v.date)}, ${v.startTime} - ${v.endTime}, tại ${v.place}`;

function moved(before: Visit, after: Visit): boolean {
  return (
    before.date !== after.date ||
    before.session !== after.session ||
    before.startTime !== after.startTime ||
    before.endTime !== after.endTime ||
    before.place !== after.place
  );
}

export function outdateNotices(deps: { now: () => Date; audit: AuditService }) {
  const actor = systemActor('documents: lịch kiểm tra thay đổi');
  return (tx: Tx, { before, after }: VisitChange): void => {
    if (!before) return;
    const cancelled = after.status === 'cancelled' && before.status !== 'cancelled';
    if (!cancelled && !moved(before, after)) return;
    const reason = cancelled
      ? `Lịch kiểm tra tại ${after.unitName} (${when(before)}) đã bị hủy${after.cancelReason ? `: ${after.cancelReason}` : ''}`
      : `Lịch kiểm tra tại ${after.unitName} đã đổi từ ${when(before)} sang ${when(after)}`;
    const at = deps.now().toISOString();
    for (const notice of repo.outdatePairs(tx, after.id, at, cancelled ? 'cancelled' : 'moved', reason)) {
      deps.audit.record(tx, actor, {
        action: 'document.outdated',
        entityType: 'document',
        entityId: notice.id,
        campaignId: notice.campaignId,
        teamId: notice.teamId,
        visitId: after.id,
        reason,
      });
    }
  };
}
