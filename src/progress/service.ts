import createError from '@fastify/error';
import type { Actor } from '../auth/actor.js';
import { canActForTeam, canSeeUnitPrivate, isOffice } from '../auth/policy.js';
import type { CalendarData } from '../calendar/rules.js';
import type { CampaignService } from '../campaigns/service.js';
import type { DocumentsSummary } from '../documents/schema.js';
import type { FindingsService } from '../findings/service.js';
import { localToday } from '../text/dates.js';
import { registrationState, teamProgress, totals, type DocumentDue, type ProgressInput, type RegistrationState, type TeamProgress } from './rules.js';
import type { CampaignProgress, UnitLineView } from './schema.js';

const NoProgress = createError<[string]>('PROGRESS_NOT_FOUND', '%s', 404);

export interface ProgressDeps {
  now: () => Date;
  timeZone: string;
  campaigns: CampaignService;
  schedule: { listForCampaign(campaignId: string): { id: number; teamNumber: number; unitId: string; date: string; status: string }[] };
  documents: { summary(campaignId: string): Pick<DocumentsSummary, 'teams'> };
  findings: Pick<FindingsService, 'checklist' | 'conclusions' | 'recommendations'>;
  calendar: { forCampaign(campaignId: string): CalendarData };
}

function documentsDue(summary: Pick<DocumentsSummary, 'teams'>): DocumentDue[] {
  return summary.teams.flatMap((team) =>
    [...team.noticesDue, ...team.resultsNotices, team.teamReport].map((d) => ({
      kind: d.kind,
      teamNumber: d.teamNumber,
      unitId: d.unitId,
      visitIds: d.visitIds,
      dueDate: d.dueDate,
      state: d.state,
      issueDate: d.document?.issueDate ?? null,
    })),
  );
}

export type ProgressService = ReturnType<typeof createProgressService>;

/** What the standing office reads every morning: counts per team and every overdue item. */
export function createProgressService(deps: ProgressDeps) {
  const { campaigns, schedule, documents, findings, calendar } = deps;

  function report(campaignId: string): { today: string; teams: TeamProgress[]; registration: RegistrationState } {
    const structure = campaigns.teams(campaignId);
    const visits = schedule.listForCampaign(campaignId).filter((v) => v.status !== 'cancelled');
    const input: ProgressInput = {
      teams: structure.map((t) => ({ number: t.number, name: t.name, targets: t.targets.map((x) => ({ unitId: x.unitId, name: x.name })) })),
      visits,
      documents: documentsDue(documents.summary(campaignId)),
      checklist: findings.checklist.progressOf(campaignId, visits),
      conclusionState: findings.conclusions.states(campaignId),
      overdueRecommendations: findings.recommendations.overdue(campaignId),
      registrationDeadlineExclusive: campaigns.rules(campaignId).registrationDeadlineExclusive,
    };
    const today = localToday(deps.now(), deps.timeZone);
    const days = calendar.forCampaign(campaignId);
    return { today, teams: teamProgress(input, days, today), registration: registrationState(input, days, today) };
  }

  function view(campaignId: string, today: string, teams: TeamProgress[], registration: RegistrationState): CampaignProgress {
    const overdue = teams.flatMap((t) => t.overdue).sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
    const shown = new Set(teams.map((t) => t.teamNumber));
    const unscheduledTargets = registration.unscheduledTargets.filter((u) => shown.has(u.teamNumber));
    return { campaignId, today, totals: totals(teams), teams, overdue, registration: { ...registration, unscheduledTargets } };
  }

  return {
    /** The office sees every team; a leader or secretary sees their own team only. */
    campaign(actor: Actor, campaignId: string): CampaignProgress {
      const { today, teams, registration } = report(campaignId);
      return view(
        campaignId,
        today,
        teams.filter((t) => canActForTeam(actor, campaignId, t.teamNumber)),
        registration,
      );
    },

    team(actor: Actor, campaignId: string, teamNumber: number): TeamProgress {
      const found = report(campaignId).teams.find((t) => t.teamNumber === teamNumber);
      if (!found || !canActForTeam(actor, campaignId, teamNumber)) {
        throw new NoProgress(`Không có tiến độ của đoàn số ${teamNumber} trong đợt "${campaignId}"`);
      }
      return found;
    },

    /** A unit's own line: the office, its team, and the unit itself. */
    unit(actor: Actor, campaignId: string, unitId: string): UnitLineView {
      const line = report(campaignId)
        .teams.flatMap((t) => t.units)
        .find((u) => u.unitId === unitId);
      const allowed = line && (isOffice(actor) || canActForTeam(actor, campaignId, line.teamNumber) || canSeeUnitPrivate(actor, campaignId, unitId));
      if (!line || !allowed) throw new NoProgress(`Không có tiến độ của đơn vị "${unitId}" trong đợt "${campaignId}"`);
      return line;
    },
  };
}
