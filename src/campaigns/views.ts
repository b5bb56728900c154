import { deadlineOf, type CalendarData } from '../calendar/rules.js';
import { rolesByUnit } from './analysis.js';
import { defaultSessionTimes, defaultSeverities, type CampaignDefinition } from './definition.js';
import type { CampaignRow, CampaignSettingsRow, NewCampaignRow, StoredStructure } from './repository.js';
import type { ResolvedCampaign } from './resolve.js';
import type { CampaignDetail, CampaignRules, CampaignSummary, TeamView, UnitView } from './schema.js';

// Pure mappings between the campaigns tables and the API's shapes.

export function campaignRow(
  d: CampaignDefinition,
  resolved: ResolvedCampaign,
  meta: { hash: string; sourceHash: string | undefined; createdAt: string; createdBy: string },
): NewCampaignRow {
  return {
    id: d.id,
    sourceHash: meta.sourceHash ?? null,
    title: d.title,
    fullTitle: d.fullTitle ?? null,
    rehearsal: d.rehearsal ?? false,
    issuingBody: d.issuingBody,
    parentBody: d.parentBody,
    placeName: d.placeName,
    planNumber: d.plan.number,
    planDate: d.plan.date,
    standingOfficeUnitId: resolved.standingOfficeUnitId,
    standingOfficeDesk: d.standingOffice?.desk ?? null,
    windowStart: d.window.start,
    windowEndExclusive: d.window.endExclusive,
    registrationDeadlineExclusive: d.registration.deadlineExclusive,
    noticeLeadWorkingDays: d.notice.leadWorkingDays,
    noticeConvention: d.notice.convention,
    resultsNoticeWorkingDays: d.resultsNotice.workingDays,
    resultsNoticeFrom: d.resultsNotice.countFrom,
    teamReportDeadlineExclusive: d.teamReport.deadlineExclusive,
    visitsPerTeamPerDay: d.scheduling.visitsPerTeamPerDay,
    severities: d.scheduling.severities,
    sessionTimes: d.scheduling.sessions ?? null,
    outlineSet: d.outlines.set,
    outlinePeriods: d.outlines.periods,
    definition: d,
    definitionHash: meta.hash,
    createdAt: meta.createdAt,
    createdBy: meta.createdBy,
  };
}

export function rulesOf(row: CampaignSettingsRow): CampaignRules {
  return {
    window: { start: row.windowStart, endExclusive: row.windowEndExclusive },
    registrationDeadlineExclusive: row.registrationDeadlineExclusive,
    notice: { leadWorkingDays: row.noticeLeadWorkingDays, convention: row.noticeConvention },
    resultsNotice: { workingDays: row.resultsNoticeWorkingDays, countFrom: row.resultsNoticeFrom },
    teamReportDeadlineExclusive: row.teamReportDeadlineExclusive,
    visitsPerTeamPerDay: row.visitsPerTeamPerDay,
    severities: { ...defaultSeverities, ...row.severities },
    sessions: { ...defaultSessionTimes, ...row.sessionTimes },
    outlineSet: row.outlineSet,
    outlinePeriods: row.outlinePeriods,
  };
}

export function summaryOf(r: CampaignRow, counts: { teams: number; targets: number } | undefined): CampaignSummary {
  return {
    id: r.id,
    title: r.title,
    rehearsal: r.rehearsal,
    issuingBody: r.issuingBody,
    parentBody: r.parentBody,
    placeName: r.placeName,
    window: { start: r.windowStart, endExclusive: r.windowEndExclusive },
    teamCount: counts?.teams ?? 0,
    targetCount: counts?.targets ?? 0,
    createdAt: r.createdAt,
  };
}

export function detailOf(
  r: CampaignRow,
  standingOfficeName: string | null,
  counts: { teams: number; targets: number } | undefined,
  calendar: CalendarData,
): CampaignDetail {
  const definition = r.definition as CampaignDefinition;
  const deadline = (before: string | null) => (before === null ? null : deadlineOf(calendar, before));
  return {
    ...summaryOf(r, counts),
    fullTitle: r.fullTitle,
    plan: { number: r.planNumber, date: r.planDate, legalBasis: definition.plan.legalBasis },
    standingOffice: { unitId: r.standingOfficeUnitId, name: standingOfficeName, desk: r.standingOfficeDesk },
    rules: rulesOf(r),
    deadlines: {
      window: deadlineOf(calendar, r.windowEndExclusive),
      registration: deadline(r.registrationDeadlineExclusive),
      teamReport: deadline(r.teamReportDeadlineExclusive),
    },
    definitionHash: r.definitionHash,
    version: r.version,
  };
}

export function unitViews(campaignId: string, structure: StoredStructure, only?: Set<string>): UnitView[] {
  const roles = rolesByUnit(structure.teams);
  return structure.units
    .filter((u) => !only || only.has(u.id))
    .map((u) => ({
      id: u.id,
      campaignId,
      name: u.name,
      level: u.level,
      kind: u.kind,
      aliases: u.aliases,
      roles: roles.get(u.id) ?? [],
    }));
}

const person = (p: { name: string; title?: string | undefined } | null) => (p ? { name: p.name, title: p.title ?? null } : null);

export function teamViews(structure: StoredStructure): TeamView[] {
  const units = new Map(structure.units.map((u) => [u.id, u]));
  const name = (unitId: string) => units.get(unitId)?.name ?? unitId;
  return structure.teams.map((team) => ({
    number: team.number,
    name: team.name,
    leader: {
      unitId: team.leader.unitId,
      name: name(team.leader.unitId),
      asWritten: team.leader.asWritten,
      person: person(team.leaderPerson),
    },
    secretaryUnitId: team.secretaryUnitId,
    members: team.members.map((m) => ({
      unitId: m.unitId,
      name: name(m.unitId),
      asWritten: m.asWritten,
      representative: person(m.representative),
    })),
    targets: team.targets.map((t) => {
      const unit = units.get(t.unitId)!;
      return {
        unitId: t.unitId,
        name: unit.name,
        asWritten: t.asWritten,
        level: unit.level,
        kind: unit.kind,
        outline: t.outline,
        questionBlocks: t.questionBlocks,
      };
    }),
  }));
}

/** The rules a definition sets, as campaigns.rules() answers them once it is stored. */
export function rulesOfDefinition(d: CampaignDefinition, resolved: ResolvedCampaign): CampaignRules {
  const row = campaignRow(d, resolved, { hash: '', sourceHash: undefined, createdAt: '', createdBy: '' });
  return rulesOf({ ...row, sourceHash: null, fullTitle: row.fullTitle ?? null, version: 0 } as CampaignSettingsRow);
}
