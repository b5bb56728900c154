import type { Actor } from '../auth/actor.js';
import { addDays, addWorkingDays, daysBetween, deadlineOf, type CalendarData } from '../calendar/rules.js';
import { UnitNotFound, TeamNotFound, type CampaignService } from '../campaigns/service.js';
import type { Db } from '../db/connection.js';
import { fieldErrors } from '../http/errors.js';
import { shortDate } from '../text/dates.js';
import { visitScope, seesWholeSchedule, type VisitScope } from './access.js';
import { toShape, toSlot, type createContextLoader } from './context.js';
import { RangeOutsideWindow, RangeTooLong, VisitNotFound } from './errors.js';
import { boundedRange, datesBetween, sessionVerdicts } from './free.js';
import { weekdayVi } from './labels.js';
import * as repo from './repository.js';
import { reviewVisits, unscheduledTargets } from './review.js';
import type { ClashWorld, Finding } from './rules.js';
import type { ConflictReport, DaySchedule, FreeResult, HistoryEntry, TeamSchedule, UnitSchedule, VisitView } from './schema.js';
import { formatTime } from './slots.js';
import type { Views } from './views.js';

// Reading the schedule: single visits, lists, views by day, team and unit, free sessions and the
// campaign-wide conflict report. Visibility follows access.ts; what an actor may not see is a 404.

export const MAX_FREE_DAYS = 92;

export interface ReadDeps {
  db: Db;
  campaigns: CampaignService;
  calendarFor: (campaignId: string) => CalendarData;
  loader: ReturnType<typeof createContextLoader>;
  views: Views;
}

export function createScheduleReads(deps: ReadDeps) {
  const { db, campaigns, calendarFor, loader, views } = deps;

  /** The teams a member token's unit leads or sits on. */
  function memberTeams(campaignId: string, actor: Actor): number[] {
    return actor.role === 'member' && actor.unitId ? campaigns.staffTeams(campaignId, actor.unitId) : [];
  }

  function scopeOf(campaignId: string, actor: Actor): VisitScope {
    return visitScope(actor, memberTeams(campaignId, actor));
  }

  function row(campaignId: string, visitId: number): repo.VisitRow {
    const found = repo.findVisit(db, campaignId, visitId);
    if (!found) throw new VisitNotFound(campaignId, visitId);
    return found;
  }

  function visible(campaignId: string, visitId: number, actor: Actor): repo.VisitRow {
    const found = row(campaignId, visitId);
    if (!scopeOf(campaignId, actor)(found)) throw new VisitNotFound(campaignId, visitId);
    return found;
  }

  function currentWorld(campaignId: string, today: string): ClashWorld {
    const structure = campaigns.structure(campaignId);
    return {
      rules: campaigns.rules(campaignId),
      calendar: calendarFor(campaignId),
      teams: new Map(structure.teams.map((t) => [t.number, toShape(t)])),
      unitNames: new Map(structure.units.map((u) => [u.id, u.name])),
      today,
    };
  }

  return {
    /** Contract for other modules: any visit of the campaign (no actor scope). */
    get(campaignId: string, visitId: number): VisitView {
      return views.one(campaignId, row(campaignId, visitId));
    },
    listForCampaign(campaignId: string): VisitView[] {
      campaigns.rules(campaignId);
      return views.many(campaignId, repo.listVisits(db, campaignId));
    },
    listForTeam(campaignId: string, teamNumber: number, options: { includeCancelled?: boolean } = {}): VisitView[] {
      return views.many(campaignId, repo.listVisits(db, campaignId, { teamNumber, includeCancelled: options.includeCancelled }));
    },
    listForUnit(campaignId: string, unitId: string): VisitView[] {
      return views.many(campaignId, repo.listVisits(db, campaignId, { unitId }));
    },

    visit(campaignId: string, visitId: number, actor: Actor): VisitView {
      return views.one(campaignId, visible(campaignId, visitId, actor));
    },

    history(campaignId: string, visitId: number, actor: Actor): HistoryEntry[] {
      const found = visible(campaignId, visitId, actor);
      return repo.listHistory(db, found.id).map((h) => ({
        id: h.id,
        at: h.at,
        actor: h.actorLabel,
        action: h.action,
        before: h.before,
        after: h.after,
        reason: h.reason,
      }));
    },

    list(campaignId: string, actor: Actor, filter: repo.VisitFilter): VisitView[] {
      campaigns.rules(campaignId);
      const scope = scopeOf(campaignId, actor);
      const range = filter.from !== undefined || filter.to !== undefined ? { from: filter.from ?? '0000-01-01', to: filter.to ?? '9999-12-31' } : {};
      const rows = repo.listVisits(db, campaignId, { ...filter, ...range, includeCancelled: filter.status === 'cancelled' });
      return views.many(campaignId, rows.filter(scope));
    },

    byDay(campaignId: string, includeCancelled: boolean): DaySchedule {
      campaigns.rules(campaignId);
      const all = views.many(campaignId, repo.listVisits(db, campaignId, { includeCancelled }));
      const days = new Map<string, VisitView[]>();
      for (const visit of all) days.set(visit.date, [...(days.get(visit.date) ?? []), visit]);
      return {
        campaignId,
        days: [...days].map(([date, visits]) => ({ date, weekday: weekdayVi(date), visits })),
      };
    },

    byTeam(campaignId: string, teamNumber: number, actor: Actor, includeCancelled: boolean): TeamSchedule {
      const rules = campaigns.rules(campaignId);
      const team = campaigns.structureAround(campaignId, { teamNumbers: [teamNumber] }).teams.find((t) => t.number === teamNumber);
      if (!team) throw new TeamNotFound(campaignId, teamNumber);
      if (!seesWholeSchedule(actor) && !memberTeams(campaignId, actor).includes(teamNumber)) {
        throw new TeamNotFound(campaignId, teamNumber);
      }
      const rows = repo.listVisits(db, campaignId, { teamNumber, includeCancelled });
      const visits = views.many(campaignId, rows);
      const active = visits.filter((v) => v.status !== 'cancelled');
      const roundEnd = active.at(-1)?.date ?? null;
      const names = campaigns.unitNames(
        campaignId,
        team.targets.map((t) => t.unitId),
      );
      const scheduled = new Set(active.map((v) => v.unitId));
      return {
        campaignId,
        teamNumber,
        roundStart: active[0]?.date ?? null,
        roundEnd,
        resultsNoticeDue: roundEnd ? addWorkingDays(calendarFor(campaignId), roundEnd, rules.resultsNotice.workingDays) : null,
        teamReportDeadlineExclusive: rules.teamReportDeadlineExclusive,
        teamReportDeadline: rules.teamReportDeadlineExclusive === null ? null : deadlineOf(calendarFor(campaignId), rules.teamReportDeadlineExclusive),
        visits,
        unscheduledTargets: team.targets.filter((t) => !scheduled.has(t.unitId)).map((t) => ({ unitId: t.unitId, name: names.get(t.unitId) ?? t.unitId })),
      };
    },

    byUnit(campaignId: string, unitId: string, actor: Actor, includeCancelled: boolean): UnitSchedule {
      const around = campaigns.structureAround(campaignId, { unitIds: [unitId] });
      const unit = around.units.find((u) => u.id === unitId);
      if (!unit || (actor.role === 'unit' && actor.unitId !== unitId)) throw new UnitNotFound(campaignId, unitId);
      const scope = scopeOf(campaignId, actor);
      const inspected = repo.listVisits(db, campaignId, { unitId, includeCancelled }).filter(scope);
      const away = around.teams
        .filter((t) => t.leader.unitId === unitId || t.members.some((m) => m.unitId === unitId))
        .flatMap((t) => repo.listVisits(db, campaignId, { teamNumber: t.number, includeCancelled }))
        .filter(scope)
        .sort((a, b) => (a.date === b.date ? a.startMinute - b.startMinute : a.date < b.date ? -1 : 1));
      return {
        campaignId,
        unitId,
        name: unit.name,
        inspected: views.many(campaignId, inspected),
        awayInspecting: views.many(campaignId, away),
      };
    },

    /** Sessions of the asked range that fall inside the campaign window (no day outside it is ever free). */
    freeSessions(campaignId: string, query: { team: number; unit: string; from: string; to: string }): FreeResult {
      // Counted, not walked: a range of millions of days is refused at once.
      const length = daysBetween(query.from, query.to) + 1;
      if (length > MAX_FREE_DAYS) {
        const detail = `Khoảng ngày quá dài (${length} ngày); tối đa ${MAX_FREE_DAYS} ngày mỗi lần`;
        throw fieldErrors(RangeTooLong, detail, [{ in: 'querystring', field: 'to', message: detail }]);
      }
      const { window } = campaigns.rules(campaignId);
      const range = boundedRange(query.from, query.to, window);
      if (!range) {
        const detail = `Khoảng ngày nằm ngoài thời gian kiểm tra của đợt (${shortDate(window.start)} đến hết ${shortDate(addDays(window.endExclusive, -1))})`;
        throw fieldErrors(RangeOutsideWindow, detail, [
          { in: 'querystring', field: 'from', message: detail },
          { in: 'querystring', field: 'to', message: detail },
        ]);
      }
      const setup = loader.load(campaignId, { teamNumber: query.team, unitId: query.unit }, range);
      const verdicts = sessionVerdicts(
        { teamNumber: query.team, unitId: query.unit },
        datesBetween(range.from, range.to),
        setup.rules.sessions,
        setup.world,
        setup.others,
      );
      const slot = (v: (typeof verdicts)[number]) => ({
        date: v.date,
        session: v.session,
        startTime: formatTime(v.startMinute),
        endTime: formatTime(v.endMinute),
      });
      return {
        teamNumber: query.team,
        unitId: query.unit,
        unitName: setup.unit.name,
        from: range.from,
        to: range.to,
        free: verdicts.filter((v) => v.errors.length === 0).map((v) => ({ ...slot(v), warnings: v.warnings, reasons: v.reasons })),
        blocked: verdicts.filter((v) => v.errors.length > 0).map((v) => ({ ...slot(v), codes: v.errors, reasons: v.reasons })),
      };
    },

    /**
     * The saved active visits re-checked as the plan is and as a proposed plan would have it (an
     * amendment's preview): the same review as the conflicts report, run twice over the same visits.
     */
    reviewProposal(campaignId: string, proposal: Omit<ClashWorld, 'today'>): { current: Finding[]; proposed: Finding[]; visits: VisitView[] } {
      const rows = repo.listVisits(db, campaignId);
      const slots = rows.map((r) => ({ ...toSlot(r), overriddenCodes: r.overriddenCodes }));
      const today = loader.today();
      return {
        current: reviewVisits(slots, currentWorld(campaignId, today)),
        proposed: reviewVisits(slots, { ...proposal, today }),
        visits: views.many(campaignId, rows),
      };
    },

    /** Every active visit against the others, with the calendar and teams as they are now. */
    conflicts(campaignId: string): ConflictReport {
      const rules = campaigns.rules(campaignId);
      const structure = campaigns.structure(campaignId);
      const rows = repo.listVisits(db, campaignId);
      const today = loader.today();
      const world = currentWorld(campaignId, today);
      const findings = reviewVisits(
        rows.map((r) => ({ ...toSlot(r), overriddenCodes: r.overriddenCodes })),
        world,
      );
      const byCode: Record<string, number> = {};
      for (const f of findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
      const before = rules.registrationDeadlineExclusive;
      const closed = before !== null && today >= before;
      return {
        campaignId,
        today,
        checkedVisits: rows.length,
        conflicts: findings.filter((f) => f.severity === 'error'),
        warnings: findings.filter((f) => f.severity === 'warning'),
        byCode,
        registration: {
          deadline: before === null ? null : deadlineOf(world.calendar, before),
          closed,
          unscheduledTargets: closed ? unscheduledTargets(structure.teams, rows).map((t) => ({ ...t, name: world.unitNames.get(t.unitId) ?? t.unitId })) : [],
        },
      };
    },
  };
}
