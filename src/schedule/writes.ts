import type { Actor } from '../auth/actor.js';
import { canActForTeam, isOffice } from '../auth/policy.js';
import type { Db, DbOrTx, Tx } from '../db/connection.js';
import { fieldErrors, ValidationFailed } from '../http/errors.js';
import { assertIfMatch, etag } from '../http/etag.js';
import type { createContextLoader } from './context.js';
import {
  clashError,
  InvalidTransition,
  NotifiedByNoticeOnly,
  OfficeOnly,
  OtherTeam,
  OverrideForbidden,
  VisitInFuture,
  VisitNotFound,
  VisitNotMovable,
} from './errors.js';
import { canAdvance, canCancel, canMove, statusNames } from './lifecycle.js';
import { createRecorder, type RecorderDeps } from './history.js';
import * as repo from './repository.js';
import { blockingErrors, checkVisit, type Finding, type Slot } from './rules.js';
import type { CheckResult, VisitInput, VisitPatch, VisitResult, VisitView } from './schema.js';
import { formatTime, resolveSlot, type SessionTimes, type SlotRequest } from './slots.js';
import type { VisitNotice, VisitStatus } from './tables.js';
import { seatOf } from '../text/places.js';
import { twoDigits } from '../text/vietnamese.js';

// Registration, moves and status changes. Every write checks and saves in one IMMEDIATE transaction:
// the write lock is taken before the clash check reads, so two leaders racing for one slot (in one
// process or several) are serialised and the second sees the first's visit.

export interface PaperRegistration {
  receivedOn: string;
  reason: string;
}

export interface WriteDeps extends RecorderDeps {
  db: Db;
  loader: ReturnType<typeof createContextLoader>;
}

/** 428 without If-Match, 412 when it names another version than the saved one. */
function precondition(ifMatch: string | undefined, version: number): void {
  assertIfMatch({ headers: { 'if-match': ifMatch } }, etag(version));
}

function codes(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => f.code))];
}

export function createVisitWrites(deps: WriteDeps) {
  const { db, now, loader, views } = deps;
  const { record, change, knownOf } = createRecorder(deps);

  function authorize(actor: Actor, campaignId: string, teamNumber: number, override: boolean): void {
    if (!canActForTeam(actor, campaignId, teamNumber)) {
      throw new OtherTeam(`Chỉ trưởng đoàn, thư ký Đoàn ${twoDigits(teamNumber)} hoặc cơ quan thường trực được đăng ký lịch cho đoàn này`);
    }
    if (override && !isOffice(actor)) {
      throw new OverrideForbidden('Chỉ cơ quan thường trực được đăng ký vượt quy định (override), kèm lý do bằng văn bản');
    }
  }

  function slotOf(request: SlotRequest, times: SessionTimes) {
    const resolved = resolveSlot(request, times);
    if (!resolved.ok) {
      const fields = resolved.issues.map((i) => i.field).join(', ');
      throw fieldErrors(
        ValidationFailed,
        `Thời gian kiểm tra không hợp lệ: ${fields}`,
        resolved.issues.map((i) => ({ in: 'body', ...i })),
      );
    }
    return resolved;
  }

  function evaluate(
    campaignId: string,
    target: { teamNumber: number; unitId: string; date: string; id: number | null; status: VisitStatus },
    request: SlotRequest,
    override: boolean,
    asOf?: string,
  ) {
    const setup = loader.load(campaignId, target, { from: target.date, to: target.date }, target.id ?? undefined, asOf);
    const resolved = slotOf(request, setup.rules.sessions);
    const slot: Slot = { ...target, session: resolved.session, ...resolved.span };
    const findings = checkVisit(slot, setup.others, setup.world, { purpose: 'register', override });
    return { slot, setup, findings };
  }

  /** A visit the actor may change: another team's visit does not exist for a leader (404). */
  function writable(tx: DbOrTx, campaignId: string, visitId: number, actor: Actor): repo.VisitRow {
    const row = repo.findVisit(tx, campaignId, visitId);
    if (!row || !canActForTeam(actor, campaignId, row.teamNumber)) throw new VisitNotFound(campaignId, visitId);
    return row;
  }

  function advance(tx: Tx, campaignId: string, visitId: number, to: VisitStatus, actor: Actor, row?: repo.VisitRow) {
    const current = row ?? repo.findVisit(tx, campaignId, visitId);
    if (!current) throw new VisitNotFound(campaignId, visitId);
    if (!canAdvance(current.status, to)) {
      throw new InvalidTransition(`Không thể chuyển lịch kiểm tra từ "${statusNames[current.status]}" sang "${statusNames[to]}"`);
    }
    return change(tx, actor, current, { status: to }, `status.${to}`, null);
  }

  /** Where a patch moves a visit: its new slot request (times kept unless changed) and date. */
  function movedSlot(row: repo.VisitRow, patch: VisitPatch) {
    const timesGiven = patch.startTime !== undefined || patch.endTime !== undefined;
    const request: SlotRequest =
      patch.session !== undefined && patch.session !== 'custom'
        ? { session: patch.session, startTime: patch.startTime, endTime: patch.endTime }
        : timesGiven || patch.session === 'custom'
          ? {
              session: 'custom',
              startTime: patch.startTime ?? formatTime(row.startMinute),
              endTime: patch.endTime ?? formatTime(row.endMinute),
            }
          : row.session === 'custom'
            ? { session: 'custom', startTime: formatTime(row.startMinute), endTime: formatTime(row.endMinute) }
            : { session: row.session };
    const date = patch.date ?? row.date;
    const target = { teamNumber: row.teamNumber, unitId: row.unitId, date, id: row.id, status: 'registered' as const };
    return { request, date, target };
  }

  function checkResult(slot: Slot, findings: Finding[]): CheckResult {
    return {
      ok: blockingErrors(findings).length === 0,
      slot: { date: slot.date, session: slot.session, startTime: formatTime(slot.startMinute), endTime: formatTime(slot.endMinute) },
      errors: findings.filter((f) => f.severity === 'error'),
      warnings: findings.filter((f) => f.severity === 'warning'),
    };
  }

  return {
    /** Dry run: what registering this visit would find, without saving anything. */
    check(campaignId: string, input: VisitInput, actor: Actor): CheckResult {
      authorize(actor, campaignId, input.teamNumber, input.override !== undefined);
      const target = { teamNumber: input.teamNumber, unitId: input.unitId, date: input.date, id: null, status: 'registered' as const };
      const { slot, findings } = evaluate(campaignId, target, input, input.override !== undefined);
      return checkResult(slot, findings);
    },

    /** Dry run of a move: what moving the visit this way would find, without saving anything. */
    checkMove(campaignId: string, visitId: number, patch: VisitPatch, actor: Actor): CheckResult {
      const override = patch.override !== undefined;
      if (override && !isOffice(actor)) {
        throw new OverrideForbidden('Chỉ cơ quan thường trực được đổi lịch vượt quy định (override), kèm lý do bằng văn bản');
      }
      const row = writable(db, campaignId, visitId, actor);
      const { request, target } = movedSlot(row, patch);
      const { slot, findings } = evaluate(campaignId, target, request, override);
      return checkResult(slot, findings);
    },

    /**
     * paper: a registration received on paper on paper.receivedOn and entered afterwards (office only):
     * every rule is judged as on that day, and the visit says who entered it, when and why.
     */
    register(campaignId: string, input: VisitInput, actor: Actor, paper?: PaperRegistration): VisitResult {
      const override = input.override !== undefined;
      authorize(actor, campaignId, input.teamNumber, override);
      if (paper) {
        if (!isOffice(actor)) throw new OfficeOnly('Chỉ cơ quan thường trực được ghi nhận đăng ký lịch nhận bằng văn bản giấy');
        if (paper.receivedOn > loader.today()) {
          throw fieldErrors(ValidationFailed, `Ngày nhận ${paper.receivedOn} chưa đến (hôm nay ${loader.today()})`, [
            { in: 'body', field: 'receivedOn', message: 'ngày nhận đăng ký giấy không được sau hôm nay' },
          ]);
        }
      }
      return db.transaction(
        (tx) => {
          const target = { teamNumber: input.teamNumber, unitId: input.unitId, date: input.date, id: null, status: 'registered' as const };
          const { slot, setup, findings } = evaluate(campaignId, target, input, override, paper?.receivedOn);
          if (blockingErrors(findings).length > 0) throw clashError(findings, isOffice(actor));
          const overridden = findings.filter((f) => f.overridden);
          const reason = overridden.length > 0 ? input.override!.reason : null;
          const at = now().toISOString();
          const row = repo.insertVisit(tx, {
            campaignId,
            teamId: setup.team.id,
            teamNumber: setup.team.number,
            assignmentId: setup.team.targets.find((t) => t.unitId === setup.unit.id)!.assignmentId,
            unitId: setup.unit.id,
            date: slot.date,
            session: slot.session,
            startMinute: slot.startMinute,
            endMinute: slot.endMinute,
            place: input.place ?? seatOf(setup.unit),
            status: 'registered',
            overriddenCodes: codes(overridden),
            overrideReason: reason,
            overrideBy: reason ? actor.label : null,
            enteredAfterwards: paper ? { statedDate: paper.receivedOn, by: actor.label, at, reason: paper.reason } : null,
            version: 1,
            registeredAt: at,
            registeredBy: actor.label,
            updatedAt: at,
          });
          const action = `register${paper ? '.paper' : ''}${reason ? '.override' : ''}`;
          const why = [paper?.reason, reason].filter((r) => r).join('; ') || null;
          const visit = record(tx, actor, null, row, action, why, knownOf(setup));
          return { visit, warnings: findings.filter((f) => f.severity === 'warning'), overridden };
        },
        { behavior: 'immediate' },
      );
    },

    /** Moves a visit (date, session, times, place): every check runs again; a notified visit goes back to registered. */
    move(campaignId: string, visitId: number, patch: VisitPatch, actor: Actor, ifMatch: string | undefined): VisitResult {
      const override = patch.override !== undefined;
      if (override && !isOffice(actor)) {
        throw new OverrideForbidden('Chỉ cơ quan thường trực được đổi lịch vượt quy định (override), kèm lý do bằng văn bản');
      }
      return db.transaction(
        (tx) => {
          const row = writable(tx, campaignId, visitId, actor);
          precondition(ifMatch, row.version);
          if (!canMove(row.status)) {
            throw new VisitNotMovable(`Lịch kiểm tra "${statusNames[row.status]}" không thể đổi ngày, giờ hoặc địa điểm`);
          }
          const { request, target, date } = movedSlot(row, patch);
          const { slot, setup, findings } = evaluate(campaignId, target, request, override);
          if (blockingErrors(findings).length > 0) throw clashError(findings, isOffice(actor));
          const overridden = findings.filter((f) => f.overridden);
          const reason = overridden.length > 0 ? patch.override!.reason : null;
          const visit = change(
            tx,
            actor,
            row,
            {
              date,
              session: slot.session,
              startMinute: slot.startMinute,
              endMinute: slot.endMinute,
              place: patch.place ?? row.place,
              status: 'registered',
              // The notice that announced the old date no longer holds for the new one.
              notice: null,
              overriddenCodes: codes(overridden),
              overrideReason: reason,
              overrideBy: reason ? actor.label : null,
            },
            reason ? 'move.override' : 'move',
            reason,
            knownOf(setup),
          );
          return { visit, warnings: findings.filter((f) => f.severity === 'warning'), overridden };
        },
        { behavior: 'immediate' },
      );
    },

    /** One step forward in the lifecycle, by the team or the office; never to "notified" (only a notice does that). */
    setStatus(campaignId: string, visitId: number, to: VisitStatus, actor: Actor, ifMatch: string | undefined): VisitView {
      return db.transaction(
        (tx) => {
          const row = writable(tx, campaignId, visitId, actor);
          precondition(ifMatch, row.version);
          if (to === 'notified') {
            throw new NotifiedByNoticeOnly(
              'Lịch kiểm tra chỉ chuyển sang "đã thông báo" khi thông báo kiểm tra được ban hành (hoặc thông báo giấy được ghi nhận)',
            );
          }
          if (canAdvance(row.status, to) && to === 'carried-out' && row.date > loader.today()) {
            throw new VisitInFuture(`Buổi kiểm tra ngày ${row.date} chưa diễn ra, chưa thể ghi nhận là đã kiểm tra`);
          }
          return advance(tx, campaignId, visitId, to, actor, row);
        },
        { behavior: 'immediate' },
      );
    },

    cancel(campaignId: string, visitId: number, reason: string, actor: Actor, ifMatch: string | undefined): VisitView {
      return db.transaction(
        (tx) => {
          const row = writable(tx, campaignId, visitId, actor);
          precondition(ifMatch, row.version);
          if (!canCancel(row.status)) {
            throw new InvalidTransition(`Không thể hủy lịch kiểm tra "${statusNames[row.status]}"`);
          }
          return change(tx, actor, row, { status: 'cancelled', cancelReason: reason, notice: null }, 'cancel', reason);
        },
        { behavior: 'immediate' },
      );
    },

    /**
     * registered → notified, inside the transaction that issues or records the notice, which becomes the
     * one in force for the visit (a notified visit only takes the new notice). The only way to "notified".
     */
    markNotified(tx: Tx, campaignId: string, visitIds: readonly number[], actor: Actor, notice: VisitNotice): VisitView[] {
      return visitIds.map((visitId) => {
        const row = repo.findVisit(tx, campaignId, visitId);
        if (!row) throw new VisitNotFound(campaignId, visitId);
        if (row.status === 'notified') {
          return row.notice?.id === notice.id ? views.one(campaignId, row) : change(tx, actor, row, { notice }, 'notice', null);
        }
        if (!canAdvance(row.status, 'notified')) {
          throw new InvalidTransition(`Không thể chuyển lịch kiểm tra từ "${statusNames[row.status]}" sang "${statusNames.notified}"`);
        }
        return change(tx, actor, row, { status: 'notified', notice }, 'status.notified', null);
      });
    },

    /** carried-out (or notified) → concluded, when the conclusion is published. */
    markConcluded(tx: Tx, campaignId: string, visitId: number, actor: Actor): VisitView {
      return advance(tx, campaignId, visitId, 'concluded', actor);
    },

    /** concluded → carried-out, when a published conclusion is withdrawn. */
    reopen(tx: Tx, campaignId: string, visitId: number, actor: Actor): VisitView {
      const row = repo.findVisit(tx, campaignId, visitId);
      if (!row) throw new VisitNotFound(campaignId, visitId);
      if (row.status !== 'concluded') {
        throw new InvalidTransition(`Chỉ mở lại được lịch kiểm tra đã kết luận, không phải "${statusNames[row.status]}"`);
      }
      return change(tx, actor, row, { status: 'carried-out' }, 'reopen', null);
    },
  };
}
