import { TeamNotFound, type CampaignService } from '../campaigns/service.js';
import type { CampaignFacts, TeamFacts } from './wording.js';

// What the documents print about the campaign and the team. Campaign rows, teams, members and
// assignments change only by an amendment, which raises the campaign's version, so the facts are read
// once per process, team and version.

export interface TargetFacts {
  unitId: string;
  name: string;
  level: string;
  outline: string;
  outlinePeriod: { from: string; to: string } | null;
}

export interface Facts {
  campaign: CampaignFacts;
  team: TeamFacts;
  teamId: number;
  targets: Map<string, TargetFacts>;
  teamReportDeadlineExclusive: string | null;
}

export function createFactsLoader(campaigns: CampaignService) {
  const memo = new Map<string, Facts>();

  function read(campaignId: string, teamNumber: number): Facts {
    const detail = campaigns.detail(campaignId);
    const around = campaigns.structureAround(campaignId, { teamNumbers: [teamNumber] });
    const team = around.teams.find((t) => t.number === teamNumber);
    if (!team) throw new TeamNotFound(campaignId, teamNumber);
    const units = new Map(around.units.map((u) => [u.id, u]));
    const name = (unitId: string) => units.get(unitId)?.name ?? unitId;
    const periods = detail.rules.outlinePeriods;
    return {
      campaign: {
        id: detail.id,
        title: detail.title,
        issuingBody: detail.issuingBody,
        placeName: detail.placeName,
        planNumber: detail.plan.number,
        planDate: detail.plan.date,
        standingOfficeName: detail.standingOffice.name,
        standingOfficeDesk: detail.standingOffice.desk,
        rehearsal: detail.rehearsal,
      },
      team: {
        number: team.number,
        name: team.name,
        leaderUnitName: name(team.leader.unitId),
        leaderPerson: team.leaderPerson ? { name: team.leaderPerson.name, title: team.leaderPerson.title ?? null } : null,
        secretaryUnitName: name(team.secretaryUnitId),
        members: team.members.map((m) => ({
          name: name(m.unitId),
          representative: m.representative ? { name: m.representative.name, title: m.representative.title ?? null } : null,
        })),
      },
      teamId: team.id,
      targets: new Map(
        team.targets.map((t) => [
          t.unitId,
          {
            unitId: t.unitId,
            name: name(t.unitId),
            level: units.get(t.unitId)?.level ?? 'other',
            outline: t.outline,
            outlinePeriod: periods[t.outline] ?? null,
          },
        ]),
      ),
      teamReportDeadlineExclusive: detail.rules.teamReportDeadlineExclusive,
    };
  }

  return (campaignId: string, teamNumber: number): Facts => {
    const key = `${campaignId}\u0000${teamNumber}\u0000${campaigns.revision(campaignId)}`;
    let facts = memo.get(key);
    if (!facts) {
      facts = read(campaignId, teamNumber);
      if (memo.size > 1000) memo.clear();
      memo.set(key, facts);
    }
    return facts;
  };
}

export type FactsLoader = ReturnType<typeof createFactsLoader>;
