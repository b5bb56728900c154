import createError from '@fastify/error';
import type { AuditService } from '../audit/service.js';
import type { Actor } from '../auth/actor.js';
import { isOffice } from '../auth/policy.js';
import type { CampaignService } from '../campaigns/service.js';
import type { Db, Tx } from '../db/connection.js';
import { etag } from '../http/etag.js';
import { fieldErrors, Forbidden, NotFound, ValidationFailed, withExtensions } from '../http/errors.js';
import { weekdayName } from '../text/dates.js';
import { estimatedDays } from './compose.js';
import { exceptionView } from './reads.js';
import * as repo from './repository.js';
import { isoWeekday } from './rules.js';
import type { ExceptionView, LocalDayInput, NationalDayInput, YearInput, YearView } from './schema.js';
import type { CalendarCore } from './core.js';
import type { DayKind } from './tables.js';

export const CalendarDayExists = createError<[string]>('CALENDAR_DAY_EXISTS', '%s', 409);

/** Called inside the write's transaction with the current ETag; throws 428/412 (http/etag assertIfMatch). */
export type VersionCheck = (currentEtag: string) => void;

type Scope = { campaignId: string | null };

function mustBeNationalOffice(actor: Actor): void {
  if (!isOffice(actor) || actor.campaignId !== null) {
    throw new Forbidden('Chỉ token của cơ quan thường trực không giới hạn đợt kiểm tra mới sửa được lịch làm việc chung.');
  }
}

function kindFits(date: string, kind: DayKind): void {
  const weekend = isoWeekday(date) >= 6;
  if (kind === 'day-off' && weekend) {
    throw fieldErrors(ValidationFailed, 'Dữ liệu không hợp lệ: kind', [
      { in: 'body', field: 'kind', message: `${date} là ${weekdayName(date)}: ngày nghỉ chỉ ghi cho thứ Hai – thứ Sáu` },
    ]);
  }
  if (kind === 'working-day' && !weekend) {
    throw fieldErrors(ValidationFailed, 'Dữ liệu không hợp lệ: kind', [
      { in: 'body', field: 'kind', message: `${date} là ${weekdayName(date)}: ngày làm bù phải là thứ Bảy hoặc Chủ nhật` },
    ]);
  }
}

export function createCalendarEdits(core: CalendarCore, deps: { db: Db; now: () => Date; audit: AuditService; campaigns: CampaignService }) {
  const { db, now, audit, campaigns } = deps;

  function current(tx: Tx, { campaignId }: Scope, date: string) {
    return campaignId === null ? core.national(tx).exceptions.get(date) : core.local(campaignId, tx).exceptions.get(date);
  }

  function write(
    tx: Tx,
    actor: Actor,
    scope: Scope,
    date: string,
    values: { removed: boolean; kind: DayKind | null; name: string | null; legalBasis: string | null; note: string | null },
    action: string,
    before: ExceptionView | null,
  ): ExceptionView | null {
    repo.writeDay(tx, scope.campaignId, date, { ...values, updatedAt: now().toISOString(), updatedBy: actor.label });
    repo.bumpVersion(tx);
    const found = current(tx, scope, date);
    const after = found ? exceptionView(found) : null;
    audit.record(tx, actor, {
      action,
      entityType: 'calendar-day',
      entityId: `${scope.campaignId ?? 'national'}:${date}`,
      campaignId: scope.campaignId,
      before,
      after: after ?? { date, removed: true },
    });
    return after;
  }

  function add(actor: Actor, scope: Scope, date: string, values: Parameters<typeof write>[4]): ExceptionView {
    return db.transaction(
      (tx) => {
        const existing = current(tx, scope, date);
        if (existing && existing.source !== 'estimate') {
          throw withExtensions(new CalendarDayExists(`Ngày ${date} đã là ngày ngoại lệ ("${existing.name}"); hãy sửa (PUT) thay vì thêm`), {
            existing: exceptionView(existing),
          });
        }
        return write(tx, actor, scope, date, values, 'calendar.day.add', existing ? exceptionView(existing) : null)!;
      },
      { behavior: 'immediate' },
    );
  }

  function change(actor: Actor, scope: Scope, date: string, values: Parameters<typeof write>[4], check: VersionCheck): ExceptionView | null {
    return db.transaction(
      (tx) => {
        const existing = current(tx, scope, date);
        if (!existing) throw new NotFound(`Ngày ${date} không phải ngày ngoại lệ${scope.campaignId ? ` của đợt kiểm tra "${scope.campaignId}"` : ''}`);
        check(etag(existing.version));
        const action = values.removed ? 'calendar.day.remove' : 'calendar.day.change';
        return write(tx, actor, scope, date, values, action, exceptionView(existing));
      },
      { behavior: 'immediate' },
    );
  }

  const removal = { removed: true, kind: null, name: null, legalBasis: null, note: null };

  function localScope(actor: Actor, campaignId: string): Scope {
    core.visible(actor, campaignId);
    if (!isOffice(actor)) throw new Forbidden('Chỉ cơ quan thường trực mới sửa được ngày nghỉ riêng của đợt kiểm tra.');
    campaigns.definition(campaignId);
    return { campaignId };
  }

  const nationalValues = (input: Omit<NationalDayInput, 'date'>) => ({
    removed: false,
    kind: input.kind,
    name: input.name,
    legalBasis: input.legalBasis,
    note: input.note ?? null,
  });
  const localValues = (input: Omit<LocalDayInput, 'date'>) => ({
    removed: false,
    kind: 'day-off' as const,
    name: input.name,
    legalBasis: input.legalBasis ?? null,
    note: input.note ?? null,
  });

  return {
    addNationalDay(actor: Actor, input: NationalDayInput): ExceptionView {
      mustBeNationalOffice(actor);
      kindFits(input.date, input.kind);
      return add(actor, { campaignId: null }, input.date, nationalValues(input));
    },

    changeNationalDay(actor: Actor, date: string, input: Omit<NationalDayInput, 'date'>, check: VersionCheck): ExceptionView {
      mustBeNationalOffice(actor);
      kindFits(date, input.kind);
      return change(actor, { campaignId: null }, date, nationalValues(input), check)!;
    },

    removeNationalDay(actor: Actor, date: string, check: VersionCheck): void {
      mustBeNationalOffice(actor);
      change(actor, { campaignId: null }, date, removal, check);
    },

    addLocalDay(actor: Actor, campaignId: string, input: LocalDayInput): ExceptionView {
      return add(actor, localScope(actor, campaignId), input.date, localValues(input));
    },

    changeLocalDay(actor: Actor, campaignId: string, date: string, input: Omit<LocalDayInput, 'date'>, check: VersionCheck): ExceptionView {
      return change(actor, localScope(actor, campaignId), date, localValues(input), check)!;
    },

    removeLocalDay(actor: Actor, campaignId: string, date: string, check: VersionCheck): void {
      change(actor, localScope(actor, campaignId), date, removal, check);
    },

    /** Confirms (or un-confirms) a year; acceptEstimates enters the estimated days in force as office days. */
    setYear(actor: Actor, year: number, input: YearInput, check: VersionCheck): YearView['version'] {
      mustBeNationalOffice(actor);
      if (input.acceptEstimates && !input.confirmed) {
        throw fieldErrors(ValidationFailed, 'Dữ liệu không hợp lệ: acceptEstimates', [
          { in: 'body', field: 'acceptEstimates', message: 'chỉ chấp nhận ước tính khi xác nhận năm (confirmed: true)' },
        ]);
      }
      return db.transaction(
        (tx) => {
          const before = repo.findYear(tx, year);
          check(etag(before?.version ?? 0));
          const state = core.national(tx);
          const at = now().toISOString();
          if (input.acceptEstimates) {
            for (const d of estimatedDays(year)) {
              if (state.exceptions.get(d.date)?.source !== 'estimate') continue;
              repo.writeDay(tx, null, d.date, {
                removed: false,
                kind: 'day-off',
                name: d.name,
                legalBasis: input.legalBasis ?? 'Ước tính được cơ quan thường trực xác nhận',
                note: input.note ?? null,
                updatedAt: at,
                updatedBy: actor.label,
              });
            }
          }
          const values = {
            year,
            confirmed: input.confirmed,
            legalBasis: input.legalBasis ?? null,
            note: input.note ?? null,
            updatedAt: at,
            updatedBy: actor.label,
          };
          const version = repo.writeYear(tx, values);
          repo.bumpVersion(tx);
          audit.record(tx, actor, {
            action: input.confirmed ? 'calendar.year.confirm' : 'calendar.year.unconfirm',
            entityType: 'calendar-year',
            entityId: year,
            before: before ?? null,
            after: { ...values, version, acceptedEstimates: input.acceptEstimates },
          });
          return version;
        },
        { behavior: 'immediate' },
      );
    },
  };
}
