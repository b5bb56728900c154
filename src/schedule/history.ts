import type { AuditService } from '../audit/service.js';
import type { Actor } from '../auth/actor.js';
import type { Tx } from '../db/connection.js';
import type { ClashSetup } from './context.js';
import * as repo from './repository.js';
import type { VisitView } from './schema.js';
import { formatTime } from './slots.js';
import type { ViewContext, Views } from './views.js';

// Every change of a visit leaves three traces in its own transaction: a visit_history row, an audit
// entry, and a call to each onVisitChange listener (documents marks an outdated notice there).

export type VisitChange = { before: VisitView | null; after: VisitView };
export type VisitChangeListener = (tx: Tx, change: VisitChange) => void;

export interface RecorderDeps {
  now: () => Date;
  audit: AuditService;
  views: Views;
  listeners: VisitChangeListener[];
}

function snapshot(row: repo.VisitRow) {
  return {
    date: row.date,
    session: row.session,
    startTime: formatTime(row.startMinute),
    endTime: formatTime(row.endMinute),
    place: row.place,
    status: row.status,
    version: row.version,
    ...(row.enteredAfterwards ? { enteredAfterwards: row.enteredAfterwards } : {}),
  };
}

export function createRecorder(deps: RecorderDeps) {
  const { now, audit, views, listeners } = deps;

  function record(
    tx: Tx,
    actor: Actor,
    before: repo.VisitRow | null,
    after: repo.VisitRow,
    action: string,
    reason: string | null,
    known?: Partial<ViewContext>,
  ): VisitView {
    const at = now().toISOString();
    repo.insertHistory(tx, {
      visitId: after.id,
      at,
      actorLabel: actor.label,
      action,
      before: before ? snapshot(before) : null,
      after: snapshot(after),
      reason,
    });
    audit.record(tx, actor, {
      action: `visit.${action}`,
      entityType: 'visit',
      entityId: after.id,
      campaignId: after.campaignId,
      teamId: after.teamId,
      unitId: after.unitId,
      visitId: after.id,
      before: before ? snapshot(before) : null,
      after: snapshot(after),
      reason,
    });
    const view = views.one(after.campaignId, after, known);
    const change = { before: before ? views.one(before.campaignId, before, known) : null, after: view };
    for (const listener of listeners) listener(tx, change);
    return view;
  }

  function change(
    tx: Tx,
    actor: Actor,
    row: repo.VisitRow,
    values: Partial<repo.NewVisitRow>,
    action: string,
    reason: string | null,
    known?: Partial<ViewContext>,
  ) {
    const updated = repo.updateVisit(tx, row.id, { ...values, version: row.version + 1, updatedAt: now().toISOString() });
    return record(tx, actor, row, updated, action, reason, known);
  }

  function knownOf(setup: ClashSetup): Partial<ViewContext> {
    return { rules: setup.rules, calendar: setup.calendar, names: setup.world.unitNames };
  }

  return { record, change, knownOf };
}
