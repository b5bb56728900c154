import createError from '@fastify/error';
import type { Actor } from '../auth/actor.js';
import type { CampaignService } from '../campaigns/service.js';
import { Forbidden } from '../http/errors.js';
import { VisitNotFound } from '../schedule/errors.js';
import { localToday } from '../text/dates.js';
import { canReadTeamWork, canWriteTeamWork, type VisitContext } from './access.js';
import type { CalendarForFindings, ScheduleForFindings } from './deps.js';

export const VisitCancelled = createError<[number]>('VISIT_CANCELLED', 'Lịch kiểm tra số %d đã bị hủy; không ghi thêm kết quả.', 409);

export type Contexts = ReturnType<typeof createContexts>;

export function createContexts(deps: {
  schedule: ScheduleForFindings;
  campaigns: CampaignService;
  calendar: CalendarForFindings;
  now: () => Date;
  timeZone: string;
}) {
  const { schedule, campaigns } = deps;

  function load(campaignId: string, visitId: number): VisitContext {
    const visit = schedule.get(campaignId, visitId);
    const team = campaigns.team(campaignId, visit.teamNumber);
    return { visit, memberUnitIds: team.members.map((m) => m.unitId) };
  }

  /** The campaign's units: id → name. */
  function units(campaignId: string): Map<string, string> {
    return new Map(campaigns.structure(campaignId).units.map((u) => [u.id, u.name]));
  }

  return {
    load,
    units,

    /** The visit's context when the actor may read the team's work; 404 otherwise. */
    forReading(actor: Actor, campaignId: string, visitId: number, allow = canReadTeamWork): VisitContext {
      const ctx = load(campaignId, visitId);
      if (!allow(actor, ctx)) throw new VisitNotFound(campaignId, visitId);
      return ctx;
    },

    /** 404 when the actor may not even read the visit's work, 403 when it may read but not write. */
    forWriting(actor: Actor, campaignId: string, visitId: number, allow = canWriteTeamWork): VisitContext {
      const ctx = load(campaignId, visitId);
      if (allow(actor, ctx)) return ctx;
      if (canReadTeamWork(actor, ctx)) {
        throw new Forbidden('Chỉ trưởng đoàn, thư ký đoàn (hoặc cơ quan thường trực) mới được làm việc này.');
      }
      throw new VisitNotFound(campaignId, visitId);
    },

    /** Each team's member units, for deciding access over many visits at once. */
    teams(campaignId: string): { number: number; memberUnitIds: string[] }[] {
      return campaigns.teams(campaignId).map((t) => ({ number: t.number, memberUnitIds: t.members.map((m) => m.unitId) }));
    },

    refuseCancelled(ctx: VisitContext): void {
      if (ctx.visit.status === 'cancelled') throw new VisitCancelled(ctx.visit.id);
    },

    today(): string {
      return localToday(deps.now(), deps.timeZone);
    },

    calendar(campaignId: string) {
      return deps.calendar.forCampaign(campaignId);
    },

    /** A team's name and the campaign's unit names, for what a feed event carries. */
    eventNames(campaignId: string, teamNumber: number): { teamName: string; unitName: (unitId: string) => string } {
      const team = campaigns.structureAround(campaignId, { teamNumbers: [teamNumber] }).teams.find((t) => t.number === teamNumber);
      const names = units(campaignId);
      return { teamName: team?.name ?? `Đoàn ${teamNumber}`, unitName: (unitId) => names.get(unitId) ?? unitId };
    },

    unitNames(campaignId: string): (unitId: string) => string {
      const names = units(campaignId);
      return (unitId) => names.get(unitId) ?? unitId;
    },
  };
}
