import type { AuditService } from '../audit/service.js';
import type { Actor } from '../auth/actor.js';
import { canSeeCampaign } from '../auth/policy.js';
import { CampaignNotFound, type CampaignService } from '../campaigns/service.js';
import type { Db, DbOrTx } from '../db/connection.js';
import { fromRoot } from '../paths.js';
import { localToday } from '../text/dates.js';
import {
  applyOfficeRows,
  definitionDaysOff,
  nationalLayers,
  toCalendarData,
  withLocalDaysOff,
  type Layered,
  type NationalLayers,
} from './compose.js';
import { createCalendarEdits } from './edits.js';
import { readCalendarFile } from './file.js';
import type { ContentCache } from '../text/content-cache.js';
import * as repo from './repository.js';
import { createCalendarReads } from './reads.js';
import type { CalendarData } from './rules.js';

export const shippedCalendarFile = fromRoot('data/calendar/vn-civil-service.yaml');

interface NationalState extends NationalLayers {
  version: number;
  data: CalendarData;
}

interface LocalState extends Layered {
  version: number;
  /** The campaign's version the definition days were read from (an amendment may change them). */
  campaignVersion: number;
  definitionDays: { date: string; name: string }[];
  data: CalendarData;
}

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

/** What reads.ts and edits.ts share: the layered calendars, built from a connection or a transaction. */
export interface CalendarCore {
  shipped: ReturnType<typeof readCalendarFile>;
  national(conn?: DbOrTx): NationalState;
  local(campaignId: string, conn?: DbOrTx): LocalState;
  visible(actor: Actor, campaignId: string): void;
  today(): string;
}

export type CalendarService = ReturnType<typeof createCalendarService>;

export function createCalendarService(deps: CalendarServiceDeps) {
  const { db, now, campaigns } = deps;
  const shipped = readCalendarFile(deps.calendarFile ?? shippedCalendarFile, deps.cache);
  const zone = deps.timeZone ?? 'Asia/Ho_Chi_Minh';

  // Calendars are cached per process and revalidated on every call by one read of calendar_state,
  // which every write bumps in its own transaction: another instance's write is seen on the next call.
  // Inside a transaction nothing is cached (it may roll back after building from uncommitted rows).
  let nationalCache: NationalState | null = null;
  const localCache = new Map<string, LocalState>();

  function national(conn: DbOrTx = db): NationalState {
    const version = repo.stateVersion(conn);
    if (conn === db && nationalCache?.version === version) return nationalCache;
    const layers = nationalLayers(shipped, repo.dayRows(conn, null), repo.yearRows(conn));
    const state = { ...layers, version, data: toCalendarData(layers.exceptions, layers.confirmedYears) };
    if (conn === db) nationalCache = state;
    return state;
  }

  // A campaign's definition (and so its localDaysOff) changes only by an amendment, which raises the
  // campaign's version: the definition is read again when the version read with it differs (one
  // indexed read; reading the definition costs ~0.4 ms, bench/calendar.ts). The office's local rows
  // are revalidated like the national ones.
  function local(campaignId: string, conn: DbOrTx = db): LocalState {
    const cached = localCache.get(campaignId);
    const campaignVersion = campaigns.revision(campaignId);
    const fresh = cached?.campaignVersion === campaignVersion;
    const days = fresh ? cached.definitionDays : campaigns.definition(campaignId).calendar.localDaysOff;
    const base = national(conn);
    if (conn === db && fresh && cached.version === base.version) return cached;
    return layer(campaignId, days, base, campaignVersion, conn);
  }

  function layer(campaignId: string, days: { date: string; name: string }[], base: NationalState, campaignVersion: number, conn: DbOrTx): LocalState {
    const layered = applyOfficeRows(definitionDaysOff(campaignId, days), repo.dayRows(conn, campaignId), 'local', campaignId);
    const state = { ...layered, version: base.version, campaignVersion, definitionDays: days, data: withLocalDaysOff(base.data, layered.exceptions) };
    if (conn === db && campaignVersion >= 0) localCache.set(campaignId, state);
    return state;
  }

  const core: CalendarCore = {
    shipped,
    national,
    local,
    visible(actor, campaignId) {
      if (!canSeeCampaign(actor, campaignId)) throw new CampaignNotFound(campaignId);
    },
    today: () => localToday(now(), zone),
  };

  return {
    /** The national civil-service calendar (with estimates for unconfirmed years). */
    national(): CalendarData {
      return national().data;
    },
    /** The campaign's calendar: national + its local days off. 404 CAMPAIGN_NOT_FOUND for an unknown id. */
    forCampaign(campaignId: string): CalendarData {
      return local(campaignId).data;
    },
    /** The calendar the campaign would have with other local days off in its definition (an amendment's preview). */
    withDefinitionDays(campaignId: string, days: { date: string; name: string }[]): CalendarData {
      return layer(campaignId, days, national(), -1, db).data;
    },
    /** The validated shipped file (data/calendar), as loaded at start-up. */
    shippedFile() {
      return shipped;
    },
    ...createCalendarReads(core, { campaigns }),
    ...createCalendarEdits(core, deps),
  };
}
