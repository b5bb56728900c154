import type { AuditService } from '../audit/service.js';
import type { CalendarData } from '../calendar/rules.js';
import type { CampaignService } from '../campaigns/service.js';
import type { Db } from '../db/connection.js';
import { createScheduleAggregates } from './aggregates.js';
import { createContextLoader } from './context.js';
import { createFeeds } from './feeds.js';
import { createScheduleReads } from './reads.js';
import { createViews } from './views.js';
import type { VisitChangeListener } from './history.js';
import { createVisitWrites } from './writes.js';

export type { VisitChange, VisitChangeListener } from './history.js';
export type { VisitView } from './schema.js';

export interface ScheduleDeps {
  db: Db;
  now: () => Date;
  timeZone: string;
  audit: AuditService;
  campaigns: CampaignService;
  /** The campaign's working-day calendar (national days plus its local days off). */
  calendarFor: (campaignId: string) => CalendarData;
}

export type ScheduleService = ReturnType<typeof createScheduleService>;

/** Visits, the clash engine around them, and the views and feeds of the schedule. */
export function createScheduleService(deps: ScheduleDeps) {
  const loader = createContextLoader(deps);
  const views = createViews(deps);
  const listeners: VisitChangeListener[] = [];
  const reads = createScheduleReads({ ...deps, loader, views });
  const writes = createVisitWrites({ ...deps, loader, views, listeners });
  const feeds = createFeeds({ campaigns: deps.campaigns, reads, timeZone: deps.timeZone });
  return {
    // reads.ts: for other modules (no actor scope)
    get: reads.get,
    listForCampaign: reads.listForCampaign,
    listForTeam: reads.listForTeam,
    listForUnit: reads.listForUnit,
    // reads.ts: what an actor may see
    visit: reads.visit,
    history: reads.history,
    list: reads.list,
    byDay: reads.byDay,
    byTeam: reads.byTeam,
    byUnit: reads.byUnit,
    freeSessions: reads.freeSessions,
    conflicts: reads.conflicts,
    reviewProposal: reads.reviewProposal,

    // writes.ts: registration and changes, every clash checked in the same transaction
    check: writes.check,
    checkMove: writes.checkMove,
    register: writes.register,
    move: writes.move,
    setStatus: writes.setStatus,
    cancel: writes.cancel,
    // writes.ts: for documents and findings, inside their own transaction
    markNotified: writes.markNotified,
    markConcluded: writes.markConcluded,
    reopen: writes.reopen,

    // feeds.ts: iCalendar
    campaignFeed: feeds.campaignFeed,
    teamFeed: feeds.teamFeed,
    unitFeed: feeds.unitFeed,

    /** Counts and bounded lists for the office's dashboard and exports, aggregated in SQL. */
    aggregates: createScheduleAggregates(deps.db),
    /** Runs inside the transaction of every visit change (registration, move, status, cancellation). */
    onVisitChange(listener: VisitChangeListener): void {
      listeners.push(listener);
    },
  };
}
