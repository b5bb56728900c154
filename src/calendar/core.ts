import type { Actor } from '../auth/actor.js';
import { canSeeCampaign } from '../auth/policy.js';
import { CampaignNotFound, type CampaignService } from '../campaigns/service.js';
import type { Db, DbOrTx } from '../db/connection.js';
import { localToday } from '../text/dates.js';
import { applyOfficeRows, definitionDaysOff, nationalLayers, toCalendarData, withLocalDaysOff, type Layered, type NationalLayers } from './compose.js';
import type { readCalendarFile } from './file.js';
import * as repo from './repository.js';
import type { CalendarData } from './rules.js';

export interface NationalState extends NationalLayers {
  version: number;
  data: CalendarData;
}

export interface LocalState extends Layered {
  version: number;
  /** The campaign's version the definition days were read from (an amendment may change them). */
  campaignVersion: number;
  definitionDays: { date: string; name: string }[];
  data: CalendarData;
}

/** What reads.ts and edits.ts share: the layered calendars, built from a connection or a transaction. */
export interface CalendarCore {
  shipped: ReturnType<typeof readCalendarFile>;
  national(conn?: DbOrTx): NationalState;
  local(campaignId: string, conn?: DbOrTx): LocalState;
  /** The campaign's calendar with other local days off in its definition (an amendment's preview); not cached. */
  withDefinitionDays(campaignId: string, days: { date: string; name: string }[]): LocalState;
  visible(actor: Actor, campaignId: string): void;
  today(): string;
}

export function createCalendarCore(deps: {
  db: Db;
  now: () => Date;
  campaigns: CampaignService;
  shipped: ReturnType<typeof readCalendarFile>;
  timeZone: string;
}): CalendarCore {
  const { db, now, campaigns, shipped, timeZone } = deps;

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

  return {
    shipped,
    national,
    local,
    withDefinitionDays: (campaignId, days) => layer(campaignId, days, national(), -1, db),
    visible(actor, campaignId) {
      if (!canSeeCampaign(actor, campaignId)) throw new CampaignNotFound(campaignId);
    },
    today: () => localToday(now(), timeZone),
  };
}
