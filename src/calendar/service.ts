import type { AuditService } from '../audit/service.js';
import type { CampaignService } from '../campaigns/service.js';
import type { Db } from '../db/connection.js';
import { fromRoot } from '../paths.js';
import type { ContentCache } from '../text/content-cache.js';
import { createCalendarCore } from './core.js';
import { createCalendarEdits } from './edits.js';
import { readCalendarFile } from './file.js';
import { createCalendarReads } from './reads.js';
import type { CalendarData } from './rules.js';

export const shippedCalendarFile = fromRoot('data/calendar/vn-civil-service.yaml');

export interface CalendarServiceDeps {
  db: Db;
  now: () => Date;
  campaigns: CampaignService;
  audit: AuditService;
  timeZone?: string;
  /** The shipped calendar; read and validated here, so a broken file stops start-up. */
  calendarFile?: string;
  /** Where the parsed calendar file is kept between starts. */
  cache?: ContentCache;
}

export type CalendarService = ReturnType<typeof createCalendarService>;

export function createCalendarService(deps: CalendarServiceDeps) {
  const { db, now, campaigns } = deps;
  const shipped = readCalendarFile(deps.calendarFile ?? shippedCalendarFile, deps.cache);
  const core = createCalendarCore({ db, now, campaigns, shipped, timeZone: deps.timeZone ?? 'Asia/Ho_Chi_Minh' });
  const reads = createCalendarReads(core, { campaigns });
  const edits = createCalendarEdits(core, deps);

  return {
    /** The national civil-service calendar (with estimates for unconfirmed years). */
    national(): CalendarData {
      return core.national().data;
    },
    /** The campaign's calendar: national + its local days off. 404 CAMPAIGN_NOT_FOUND for an unknown id. */
    forCampaign(campaignId: string): CalendarData {
      return core.local(campaignId).data;
    },
    /** The calendar the campaign would have with other local days off in its definition (an amendment's preview). */
    withDefinitionDays(campaignId: string, days: { date: string; name: string }[]): CalendarData {
      return core.withDefinitionDays(campaignId, days).data;
    },
    /** The validated shipped file (data/calendar), as loaded at start-up. */
    shippedFile() {
      return shipped;
    },

    // reads.ts: days, counting and deadlines (any role), years and exceptions as views
    days: reads.days,
    day: reads.day,
    addWorkingDays: reads.addWorkingDays,
    countWorkingDays: reads.countWorkingDays,
    noticeDeadline: reads.noticeDeadline,
    resultsDue: reads.resultsDue,
    year: reads.year,
    nationalExceptions: reads.nationalExceptions,
    nationalException: reads.nationalException,
    localExceptions: reads.localExceptions,
    localException: reads.localException,

    // edits.ts: the office's changes, each in one transaction with its audit entry
    addNationalDay: edits.addNationalDay,
    changeNationalDay: edits.changeNationalDay,
    removeNationalDay: edits.removeNationalDay,
    addLocalDay: edits.addLocalDay,
    changeLocalDay: edits.changeLocalDay,
    removeLocalDay: edits.removeLocalDay,
    setYear: edits.setYear,
  };
}
