import type { Actor } from '../auth/actor.js';
import type { CalendarData } from '../calendar/rules.js';
import type { DbOrTx } from '../db/connection.js';

// What findings needs from the modules before it in buildServices (docs/contracts.md), written as the
// narrowest structural types so the real services plug in without findings importing their internals.

/** The part of schedule's VisitView findings reads. */
export interface VisitRef {
  id: number;
  campaignId: string;
  teamNumber: number;
  unitId: string;
  unitName: string;
  date: string;
  status: string;
}

export interface ScheduleForFindings {
  /** 404 VISIT_NOT_FOUND when the campaign has no such visit. */
  get(campaignId: string, visitId: number): VisitRef;
  markConcluded(tx: DbOrTx, campaignId: string, visitId: number, actor: Actor): unknown;
  reopen(tx: DbOrTx, campaignId: string, visitId: number, actor: Actor): unknown;
}

export interface OutlineQuestion {
  id?: string;
  no: number | string;
  text: string;
  figures?: boolean;
  subBullets?: (string | { id?: string; text: string; figures?: boolean })[];
}

export interface OutlineBlock {
  id: string;
  heading: string;
  legalBasis: string | null;
  groups: { id?: string; title: string | null; legalBasis?: string | null; questions: OutlineQuestion[] }[];
}

export interface OutlinesForFindings {
  /** A question block of the campaign's outline set, its texts citing the campaign's own plans. */
  campaignBlock(campaignId: string, blockId: string): OutlineBlock;
}

export interface CalendarForFindings {
  forCampaign(campaignId: string): CalendarData;
}
